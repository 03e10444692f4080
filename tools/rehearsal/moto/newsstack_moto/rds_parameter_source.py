"""RDS DescribeDBParameters reports where each parameter's value comes from, as in AWS.

moto 5.2.1 holds only the parameters set through Modify/Create (it has no engine defaults) and returns
them without `Source`; AWS marks those "user", and the provider keeps only "user" parameters, so every
plan re-adds them all. Here they carry Source "user", and a Source filter is honoured.
"""

from moto.core.responses import ActionResult
from moto.rds.exceptions import DBParameterGroupNotFoundError
from moto.rds.responses import RDSResponse


def describe_db_parameters(self: RDSResponse) -> ActionResult:
    name = self.params.get("DBParameterGroupName")
    groups = self.backend.describe_db_parameter_groups({"db_parameter_group_name": name})
    if not groups:
        raise DBParameterGroupNotFoundError(name)
    source = self.params.get("Source")
    parameters = [{**parameter, "Source": parameter.get("Source", "user")} for parameter in groups[0].parameters.values()]
    return ActionResult({"Parameters": [p for p in parameters if source in (None, "", p["Source"])]})


def install() -> None:
    RDSResponse.describe_db_parameters = describe_db_parameters
