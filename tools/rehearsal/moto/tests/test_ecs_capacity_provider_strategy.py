"""A service on Fargate Spot reads back its capacity provider strategy and no launch type (news-dev's
service was planned for replacement on every re-plan without it)."""

from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError

SPOT = [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]
ON_DEMAND_BASE = [{"capacityProvider": "FARGATE", "weight": 0, "base": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]


@requires_moto
class CapacityProviderStrategy(MockedAws):
    def setUp(self):
        super().setUp()
        self.ecs = boto3.client("ecs", region_name="us-east-1")
        self.ecs.create_cluster(clusterName="news-dev")
        self.ecs.put_cluster_capacity_providers(cluster="news-dev", capacityProviders=["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategy=SPOT)
        self.ecs.register_task_definition(family="news-api", containerDefinitions=[{"name": "api", "image": "news-api:1", "memory": 512}])

    def create(self, name, **placement):
        self.ecs.create_service(cluster="news-dev", serviceName=name, taskDefinition="news-api:1", desiredCount=1, **placement)
        return self.ecs.describe_services(cluster="news-dev", services=[name])["services"][0]

    def test_the_strategy_given_at_creation_is_returned_without_a_launch_type(self):
        service = self.create("api", capacityProviderStrategy=ON_DEMAND_BASE)
        self.assertEqual(service["capacityProviderStrategy"], ON_DEMAND_BASE)
        self.assertNotIn("launchType", service)
        self.assertEqual(service["deployments"][0]["capacityProviderStrategy"], ON_DEMAND_BASE)

    def test_a_launch_type_service_keeps_its_launch_type_and_no_strategy(self):
        service = self.create("api", launchType="FARGATE")
        self.assertEqual(service["launchType"], "FARGATE")
        self.assertNotIn("capacityProviderStrategy", service)

    def test_with_neither_the_cluster_default_strategy_is_used(self):
        service = self.create("api")
        self.assertEqual(service["capacityProviderStrategy"], SPOT)
        self.assertNotIn("launchType", service)

    def test_both_a_launch_type_and_a_strategy_are_refused(self):
        with self.assertRaises(ClientError) as refused:
            self.create("api", launchType="FARGATE", capacityProviderStrategy=SPOT)
        self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidParameterException")

    def test_an_update_to_a_new_strategy_is_returned(self):
        self.create("api", capacityProviderStrategy=SPOT)
        self.ecs.update_service(cluster="news-dev", service="api", capacityProviderStrategy=ON_DEMAND_BASE, forceNewDeployment=True)
        service = self.ecs.describe_services(cluster="news-dev", services=["api"])["services"][0]
        self.assertEqual(service["capacityProviderStrategy"], ON_DEMAND_BASE)
        self.assertNotIn("launchType", service)

    def test_the_cluster_keeps_its_capacity_providers_and_default_strategy(self):
        [cluster] = self.ecs.describe_clusters(clusters=["news-dev"])["clusters"]
        self.assertEqual((cluster["capacityProviders"], cluster["defaultCapacityProviderStrategy"]), (["FARGATE", "FARGATE_SPOT"], SPOT))
