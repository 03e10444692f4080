"""Values moto 5.2.1 dropped, each of which made a re-plan after apply show a change."""

from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3


@requires_moto
class ValuesReadBack(MockedAws):
    def setUp(self):
        super().setUp()


    def test_db_parameters_set_by_the_user_are_listed_with_source_user(self):
        rds = boto3.client("rds", region_name="us-east-1")
        rds.create_db_parameter_group(DBParameterGroupName="pg", DBParameterGroupFamily="postgres16", Description="d")
        rds.modify_db_parameter_group(DBParameterGroupName="pg", Parameters=[{"ParameterName": "log_connections", "ParameterValue": "1", "ApplyMethod": "immediate"}])
        params = rds.describe_db_parameters(DBParameterGroupName="pg", Source="user")["Parameters"]
        self.assertEqual([(p["ParameterName"], p["Source"]) for p in params], [("log_connections", "user")])
        self.assertEqual(rds.describe_db_parameters(DBParameterGroupName="pg", Source="system")["Parameters"], [])

    def test_performance_insights_settings_are_kept_and_modifiable(self):
        rds = boto3.client("rds", region_name="us-east-1")
        kwargs = dict(DBInstanceClass="db.t4g.micro", Engine="postgres", AllocatedStorage=20, MasterUsername="u", ManageMasterUserPassword=True)
        created = rds.create_db_instance(DBInstanceIdentifier="db", EnablePerformanceInsights=True, **kwargs)["DBInstance"]
        self.assertEqual((created["PerformanceInsightsEnabled"], created["PerformanceInsightsRetentionPeriod"]), (True, 7))
        rds.modify_db_instance(DBInstanceIdentifier="db", EnablePerformanceInsights=False, ApplyImmediately=True)
        self.assertFalse(rds.describe_db_instances(DBInstanceIdentifier="db")["DBInstances"][0]["PerformanceInsightsEnabled"])

    def test_a_rule_referencing_a_group_keeps_its_description(self):
        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        app, alb = (ec2.create_security_group(GroupName=n, Description=n, VpcId=vpc)["GroupId"] for n in ("app", "alb"))
        added = ec2.authorize_security_group_ingress(
            GroupId=app, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 3000, "ToPort": 3000, "UserIdGroupPairs": [{"GroupId": alb, "Description": "From the ALB"}]}]
        )
        rule_id = added["SecurityGroupRules"][0]["SecurityGroupRuleId"]
        [rule] = ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule_id])["SecurityGroupRules"]
        self.assertEqual(rule["Description"], "From the ALB")
