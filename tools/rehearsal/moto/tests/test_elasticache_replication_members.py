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


@requires_moto
class SubnetGroups(MockedAws):
    def setUp(self):
        super().setUp()
        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        self.cache = boto3.client("elasticache", region_name="us-east-1")
        self.cache.create_cache_subnet_group(CacheSubnetGroupName="news-dev-cache", CacheSubnetGroupDescription="d", SubnetIds=[subnet])

    def test_a_group_in_use_stays_and_a_free_one_is_deleted(self):
        self.cache.create_replication_group(ReplicationGroupId="news-dev-cache", ReplicationGroupDescription="d", CacheSubnetGroupName="news-dev-cache", Engine="redis")
        with self.assertRaises(ClientError) as raised:
            self.cache.delete_cache_subnet_group(CacheSubnetGroupName="news-dev-cache")
        self.assertEqual(raised.exception.response["Error"]["Code"], "CacheSubnetGroupInUse")
        self.cache.delete_replication_group(ReplicationGroupId="news-dev-cache")
        self.cache.delete_cache_subnet_group(CacheSubnetGroupName="news-dev-cache")
        with self.assertRaises(ClientError) as raised:
            self.cache.describe_cache_subnet_groups(CacheSubnetGroupName="news-dev-cache")
        self.assertEqual(raised.exception.response["Error"]["Code"], "CacheSubnetGroupNotFoundFault")
