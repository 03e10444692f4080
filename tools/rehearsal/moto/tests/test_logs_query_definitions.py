from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class QueryDefinitions(MockedAws):
    def setUp(self):
        super().setUp()
        self.logs = boto3.client("logs", region_name="us-east-1")


    def test_put_creates_then_replaces_by_id(self):
        created = self.logs.put_query_definition(name="news-dev/errors", queryString="fields @message", logGroupNames=["g"])
        definition_id = created["queryDefinitionId"]
        self.logs.put_query_definition(queryDefinitionId=definition_id, name="news-dev/errors", queryString="stats count()")
        found = self.logs.describe_query_definitions(queryDefinitionNamePrefix="news-dev/")["queryDefinitions"]
        self.assertEqual([(d["queryDefinitionId"], d["queryString"]) for d in found], [(definition_id, "stats count()")])

    def test_describe_filters_by_name_prefix(self):
        self.logs.put_query_definition(name="news-dev/a", queryString="q")
        self.logs.put_query_definition(name="news-prod/a", queryString="q")
        names = [d["name"] for d in self.logs.describe_query_definitions(queryDefinitionNamePrefix="news-prod/")["queryDefinitions"]]
        self.assertEqual(names, ["news-prod/a"])

    def test_delete_removes_and_unknown_id_is_not_found(self):
        definition_id = self.logs.put_query_definition(name="n", queryString="q")["queryDefinitionId"]
        self.assertTrue(self.logs.delete_query_definition(queryDefinitionId=definition_id)["success"])
        self.assertEqual(self.logs.describe_query_definitions()["queryDefinitions"], [])
        with self.assertRaises(ClientError) as raised:
            self.logs.delete_query_definition(queryDefinitionId=definition_id)
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")
