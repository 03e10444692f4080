import io
import unittest
import zipfile

from .support import MockedAws, requires_moto


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", "exports.handler = async () => ({});")
    return buffer.getvalue()


@requires_moto
class LambdaLoggingConfig(MockedAws):
    def _function(self, **extra):
        import boto3

        iam = boto3.client("iam", region_name="us-east-1")
        role = iam.create_role(RoleName="r", AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}')["Role"]["Arn"]
        client = boto3.client("lambda", region_name="us-east-1")
        client.create_function(FunctionName="f", Runtime="nodejs20.x", Role=role, Handler="index.handler", Code={"ZipFile": _zip()}, **extra)
        return client

    def test_returns_the_configured_logging_config_and_its_updates(self):
        client = self._function(LoggingConfig={"LogFormat": "Text", "LogGroup": "/custom/f"})
        self.assertEqual(client.get_function(FunctionName="f")["Configuration"]["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/custom/f"})
        client.update_function_configuration(FunctionName="f", LoggingConfig={"LogFormat": "JSON"})
        self.assertEqual(
            client.get_function_configuration(FunctionName="f")["LoggingConfig"],
            {"LogFormat": "JSON", "LogGroup": "/custom/f", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO"},
        )

    def test_defaults_as_aws(self):
        client = self._function()
        self.assertEqual(client.get_function(FunctionName="f")["Configuration"]["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/f"})


if __name__ == "__main__":
    unittest.main()
