from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class CacheParameterGroups(MockedAws):
    def setUp(self):
        super().setUp()
        self.cache = boto3.client("elasticache", region_name="us-east-1")
        self.group = self.cache.create_cache_parameter_group(
            CacheParameterGroupName="news-dev-redis",
            CacheParameterGroupFamily="redis7",
            Description="news",
            Tags=[{"Key": "Environment", "Value": "dev"}],
        )["CacheParameterGroup"]


    def test_create_returns_the_group_and_rejects_a_duplicate(self):
        self.assertEqual(self.group["ARN"], "arn:aws:elasticache:us-east-1:123456789012:parametergroup:news-dev-redis")
        with self.assertRaises(ClientError) as raised:
            self.cache.create_cache_parameter_group(CacheParameterGroupName="news-dev-redis", CacheParameterGroupFamily="redis7", Description="x")
        self.assertEqual(raised.exception.response["Error"]["Code"], "CacheParameterGroupAlreadyExists")

    def test_describe_by_name_and_unknown_name_is_not_found(self):
        groups = self.cache.describe_cache_parameter_groups(CacheParameterGroupName="news-dev-redis")["CacheParameterGroups"]
        self.assertEqual([(g["CacheParameterGroupName"], g["CacheParameterGroupFamily"]) for g in groups], [("news-dev-redis", "redis7")])
        with self.assertRaises(ClientError) as raised:
            self.cache.describe_cache_parameter_groups(CacheParameterGroupName="missing")
        self.assertEqual(raised.exception.response["Error"]["Code"], "CacheParameterGroupNotFound")

    def test_modified_parameters_read_back_as_user_and_reset_clears_them(self):
        self.cache.modify_cache_parameter_group(
            CacheParameterGroupName="news-dev-redis",
            ParameterNameValues=[{"ParameterName": "maxmemory-policy", "ParameterValue": "allkeys-lru"}],
        )
        params = self.cache.describe_cache_parameters(CacheParameterGroupName="news-dev-redis", Source="user")["Parameters"]
        self.assertEqual([(p["ParameterName"], p["ParameterValue"], p["Source"]) for p in params], [("maxmemory-policy", "allkeys-lru", "user")])
        self.cache.reset_cache_parameter_group(CacheParameterGroupName="news-dev-redis", ResetAllParameters=True)
        self.assertEqual(self.cache.describe_cache_parameters(CacheParameterGroupName="news-dev-redis", Source="user")["Parameters"], [])

    def test_tags_are_listed_on_the_group_arn(self):
        tags = self.cache.list_tags_for_resource(ResourceName=self.group["ARN"])["TagList"]
        self.assertEqual(tags, [{"Key": "Environment", "Value": "dev"}])

    def test_delete_removes_the_group(self):
        self.cache.delete_cache_parameter_group(CacheParameterGroupName="news-dev-redis")
        with self.assertRaises(ClientError):
            self.cache.describe_cache_parameter_groups(CacheParameterGroupName="news-dev-redis")
