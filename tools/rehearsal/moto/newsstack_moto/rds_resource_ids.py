"""Each RDS DB instance gets its own DbiResourceId, as in AWS.

moto 5.2.1 gives every instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U"). The AWS
provider 5.x identifies an `aws_db_instance` by that id (filter `dbi-resource-id`), so with a second
instance in the account (news-dev's, then news-prod's) the lookup finds two and fails: "waiting for RDS
DB Instance (news-prod-db) update: couldn't find resource". AWS's ids are "db-" and 26 upper-case
letters and digits, unique and stable for the life of the instance.
"""

import random
import string
from typing import Any

from moto.rds.models import DBInstance


def new_resource_id() -> str:
    return "db-" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(26))


def install() -> None:
    # Wraps whatever __init__ is installed now (other extensions patch it too), so install after them.
    wrapped = DBInstance.__init__
    if getattr(wrapped, "_newsstack_resource_ids", False):
        return

    def _init(self: DBInstance, *args: Any, **kwargs: Any) -> None:
        wrapped(self, *args, **kwargs)
        self.dbi_resource_id = new_resource_id()

    _init._newsstack_resource_ids = True  # type: ignore[attr-defined]
    DBInstance.__init__ = _init
