import unittest

from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.test import Client

AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=testing/20261128/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0"


@requires_moto
class SdkRetries(MockedAws):
    """Through moto's server application, as Terraform's SDK reaches it, with the SDK's retry headers."""

    def setUp(self):
        super().setUp()
        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        self.database, self.app = (ec2.create_security_group(GroupName=n, Description=n, VpcId=vpc)["GroupId"] for n in ("database", "app"))
        self.ec2 = ec2
        self.server = Client(DomainDispatcherApplication(create_backend_app))

    def authorize(self, invocation, attempt):
        body = (
            f"Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId={self.database}"
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=5432&IpPermissions.1.ToPort=5432"
            f"&IpPermissions.1.Groups.1.GroupId={self.app}&IpPermissions.1.Groups.1.Description=PostgreSQL"
        )
        headers = {
            "Host": "ec2.us-east-1.amazonaws.com",
            "Authorization": AUTHORIZATION,
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "amz-sdk-invocation-id": invocation,
            "amz-sdk-request": f"attempt={attempt}; max=25",
        }
        return self.server.post("/", data=body, headers=headers)

    def rules(self):
        groups = self.ec2.describe_security_groups(GroupIds=[self.database])["SecurityGroups"]
        return groups[0]["IpPermissions"]

    def test_a_resent_request_gets_the_first_answer_and_the_rule_exists_once(self):
        first = self.authorize("11111111-1111-4111-8111-111111111111", 1)
        again = self.authorize("11111111-1111-4111-8111-111111111111", 2)
        self.assertEqual(first.status_code, 200, first.get_data(as_text=True))
        self.assertEqual(again.status_code, 200, again.get_data(as_text=True))
        self.assertEqual(again.get_data(), first.get_data())
        self.assertEqual(len(self.rules()[0]["UserIdGroupPairs"]), 1)

    def test_a_new_request_for_an_existing_rule_is_still_a_duplicate(self):
        self.authorize("22222222-2222-4222-8222-222222222222", 1)
        other = self.authorize("33333333-3333-4333-8333-333333333333", 1)
        self.assertEqual(other.status_code, 400)
        self.assertIn("InvalidPermission.Duplicate", other.get_data(as_text=True))


class Attempts(unittest.TestCase):
    def test_reads_the_attempt_number(self):
        from newsstack_moto.sdk_retries import attempt

        self.assertEqual(attempt({"amz-sdk-request": "attempt=3; max=25"}), 3)
        self.assertEqual(attempt({}), 1)
