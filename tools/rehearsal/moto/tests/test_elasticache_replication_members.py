from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class ReplicationGroupMembers(MockedAws):
    def setUp(self):
        super().setUp()
        self.cache = boto3.client("elasticache", region_name="us-east-1")
        self.group = self.cache.create_replication_group(
            ReplicationGroupId="news-prod-redis",
            ReplicationGroupDescription="news",
            NumCacheClusters=3,
            CacheNodeType="cache.t4g.small",
            Engine="redis",
            EngineVersion="7.1",
            CacheParameterGroupName="news-prod-redis",
            SecurityGroupIds=["sg-123"],
            AtRestEncryptionEnabled=True,
            TransitEncryptionEnabled=True,
        )["ReplicationGroup"]


    def test_one_member_cluster_per_node_is_created_and_readable(self):
        self.assertEqual(self.group["MemberClusters"], ["news-prod-redis-001", "news-prod-redis-002", "news-prod-redis-003"])
        member = self.cache.describe_cache_clusters(CacheClusterId="news-prod-redis-002", ShowCacheNodeInfo=True)["CacheClusters"][0]
        self.assertEqual(member["ReplicationGroupId"], "news-prod-redis")
        self.assertEqual(member["CacheNodeType"], "cache.t4g.small")
        self.assertEqual(member["EngineVersion"], "7.1")
        self.assertEqual(member["CacheParameterGroup"]["CacheParameterGroupName"], "news-prod-redis")
        self.assertEqual([g["SecurityGroupId"] for g in member["SecurityGroups"]], ["sg-123"])
        self.assertTrue(member["AtRestEncryptionEnabled"])

    def test_delete_removes_the_group_and_its_members(self):
        self.cache.delete_replication_group(ReplicationGroupId="news-prod-redis")
        with self.assertRaises(ClientError) as raised:
            self.cache.describe_replication_groups(ReplicationGroupId="news-prod-redis")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ReplicationGroupNotFoundFault")
        with self.assertRaises(ClientError):
            self.cache.describe_cache_clusters(CacheClusterId="news-prod-redis-001")
