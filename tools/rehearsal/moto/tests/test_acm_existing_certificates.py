import os
import unittest

from .support import MockedAws, requires_moto

ARN = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000002"


@requires_moto
class ExistingCertificates(MockedAws):
    def setUp(self):
        os.environ["NEWSSTACK_MOTO_CERTIFICATES"] = f"{ARN}=api.staging.example.com"
        super().setUp()

    def tearDown(self):
        super().tearDown()
        del os.environ["NEWSSTACK_MOTO_CERTIFICATES"]

    def test_listed_certificate_is_issued_and_an_https_listener_can_use_it(self):
        import boto3

        acm = boto3.client("acm", region_name="us-east-1")
        cert = acm.describe_certificate(CertificateArn=ARN)["Certificate"]
        self.assertEqual((cert["Status"], cert["DomainName"]), ("ISSUED", "api.staging.example.com"))
        # other regions do not have it
        with self.assertRaises(Exception):
            boto3.client("acm", region_name="eu-west-1").describe_certificate(CertificateArn=ARN)

        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"] for i, z in ((1, "a"), (2, "b"))]
        elb = boto3.client("elbv2", region_name="us-east-1")
        lb = elb.create_load_balancer(Name="lb", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        tg = elb.create_target_group(Name="tg", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        listener = elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, Certificates=[{"CertificateArn": ARN}], DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        self.assertEqual(listener["Listeners"][0]["Certificates"][0]["CertificateArn"], ARN)


if __name__ == "__main__":
    unittest.main()
