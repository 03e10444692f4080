from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class DeletionProtection(MockedAws):
    def setUp(self):
        super().setUp()
        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"] for i, z in enumerate("ab")]
        self.elb = boto3.client("elbv2", region_name="us-east-1")
        self.arn = self.elb.create_load_balancer(Name="news-prod-alb", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]


    def protect(self, on):
        self.elb.modify_load_balancer_attributes(LoadBalancerArn=self.arn, Attributes=[{"Key": "deletion_protection.enabled", "Value": str(on).lower()}])

    def test_a_protected_balancer_is_not_deleted(self):
        self.protect(True)
        with self.assertRaises(ClientError) as raised:
            self.elb.delete_load_balancer(LoadBalancerArn=self.arn)
        self.assertEqual(raised.exception.response["Error"]["Code"], "OperationNotPermitted")
        self.assertEqual(len(self.elb.describe_load_balancers()["LoadBalancers"]), 1)

    def test_an_unprotected_balancer_is_deleted(self):
        self.protect(False)
        self.elb.delete_load_balancer(LoadBalancerArn=self.arn)
        self.assertEqual(self.elb.describe_load_balancers()["LoadBalancers"], [])
