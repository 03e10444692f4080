from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3


@requires_moto
class SteadyState(MockedAws):
    def setUp(self):
        super().setUp()
        self.ecs = boto3.client("ecs", region_name="us-east-1")
        self.ecs.create_cluster(clusterName="news-dev")
        for image in ("news-api:1", "news-api:2"):
            self.ecs.register_task_definition(family="news-api", containerDefinitions=[{"name": "api", "image": image, "memory": 512}])
        self.ecs.create_service(
            cluster="news-dev",
            serviceName="api",
            taskDefinition="news-api:1",
            desiredCount=2,
            enableECSManagedTags=True,
            enableExecuteCommand=True,
            healthCheckGracePeriodSeconds=60,
            availabilityZoneRebalancing="DISABLED",
        )


    def service(self):
        return self.ecs.describe_services(cluster="news-dev", services=["api"])["services"][0]

    def test_a_new_service_runs_its_desired_tasks_in_one_completed_deployment(self):
        service = self.service()
        self.assertEqual((service["runningCount"], service["pendingCount"]), (2, 0))
        self.assertEqual([(d["status"], d["rolloutState"], d["runningCount"]) for d in service["deployments"]], [("PRIMARY", "COMPLETED", 2)])

    def test_an_update_settles_on_the_new_task_definition_and_count(self):
        self.ecs.update_service(cluster="news-dev", service="api", taskDefinition="news-api:2", desiredCount=3)
        service = self.service()
        self.assertEqual(service["runningCount"], 3)
        [deployment] = service["deployments"]
        self.assertTrue(deployment["taskDefinition"].endswith("news-api:2"))
        self.assertEqual((deployment["desiredCount"], deployment["runningCount"], deployment["rolloutState"]), (3, 3, "COMPLETED"))

    def test_the_settings_given_at_creation_are_returned(self):
        service = self.service()
        self.assertEqual(
            (service["enableECSManagedTags"], service["enableExecuteCommand"], service["healthCheckGracePeriodSeconds"], service["availabilityZoneRebalancing"]),
            (True, True, 60, "DISABLED"),
        )
