import json

from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError
    from newsstack_moto.s3_policy_conditions import conditions_hold

BUCKET = "news-tfstate-123456789012-us-east-1"
TLS_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ],
}


@requires_moto
class TlsOnlyBucketPolicy(MockedAws):
    def setUp(self):
        super().setUp()
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        s3.put_object(Bucket=BUCKET, Key="news-dev/terraform.tfstate", Body=b"{}")
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(TLS_ONLY))


    def test_a_request_over_tls_is_allowed(self):
        s3 = boto3.client("s3", region_name="us-east-1", endpoint_url="https://s3.us-east-1.amazonaws.com")
        self.assertEqual(s3.head_object(Bucket=BUCKET, Key="news-dev/terraform.tfstate")["ResponseMetadata"]["HTTPStatusCode"], 200)

    def test_a_request_without_tls_is_denied(self):
        s3 = boto3.client("s3", region_name="us-east-1", endpoint_url="http://s3.us-east-1.amazonaws.com")
        with self.assertRaises(ClientError) as raised:
            s3.head_object(Bucket=BUCKET, Key="news-dev/terraform.tfstate")
        self.assertEqual(raised.exception.response["Error"]["Code"], "403")


@requires_moto
class Conditions(MockedAws):
    def test_a_missing_key_makes_the_condition_false_unless_if_exists(self):
        self.assertFalse(conditions_hold({"NumericLessThan": {"s3:TlsVersion": "1.2"}}, {}))
        self.assertTrue(conditions_hold({"NumericLessThanIfExists": {"s3:TlsVersion": "1.2"}}, {}))

    def test_numeric_and_bool_operators(self):
        self.assertTrue(conditions_hold({"NumericLessThan": {"s3:TlsVersion": "1.2"}}, {"s3:TlsVersion": "1.0"}))
        self.assertFalse(conditions_hold({"NumericLessThan": {"s3:TlsVersion": "1.2"}}, {"s3:TlsVersion": "1.3"}))
        self.assertTrue(conditions_hold({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "false"}))
        self.assertFalse(conditions_hold({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "true"}))
