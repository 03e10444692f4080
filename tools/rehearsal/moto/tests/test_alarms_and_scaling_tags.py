from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class CompositeAlarms(MockedAws):
    def setUp(self):
        super().setUp()
        self.cw = boto3.client("cloudwatch", region_name="us-east-1")


    def test_put_creates_a_composite_alarm_with_rule_actions_and_tags(self):
        self.cw.put_composite_alarm(
            AlarmName="news-dev-service-unhealthy",
            AlarmRule='ALARM("news-dev-target-5xx")',
            AlarmDescription="Users are affected",
            AlarmActions=["arn:aws:sns:us-east-1:123456789012:news-dev-alerts"],
            Tags=[{"Key": "Environment", "Value": "dev"}],
        )
        [alarm] = self.cw.describe_alarms(AlarmNames=["news-dev-service-unhealthy"], AlarmTypes=["CompositeAlarm"])["CompositeAlarms"]
        self.assertEqual((alarm["AlarmRule"], alarm["AlarmDescription"]), ('ALARM("news-dev-target-5xx")', "Users are affected"))
        self.assertEqual(alarm["AlarmActions"], ["arn:aws:sns:us-east-1:123456789012:news-dev-alerts"])
        self.assertEqual(self.cw.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"], [{"Key": "Environment", "Value": "dev"}])
        self.cw.delete_alarms(AlarmNames=["news-dev-service-unhealthy"])
        self.assertEqual(self.cw.describe_alarms(AlarmTypes=["CompositeAlarm"])["CompositeAlarms"], [])


@requires_moto
class ScalableTargetTags(MockedAws):
    def setUp(self):
        super().setUp()
        ecs = boto3.client("ecs", region_name="us-east-1")
        ecs.create_cluster(clusterName="news-dev-cluster")
        ecs.register_task_definition(family="news-api", containerDefinitions=[{"name": "api", "image": "news-api:1", "memory": 512}])
        ecs.create_service(cluster="news-dev-cluster", serviceName="news-dev-api", taskDefinition="news-api:1", desiredCount=1)
        self.aas = boto3.client("application-autoscaling", region_name="us-east-1")
        self.arn = self.aas.register_scalable_target(
            ServiceNamespace="ecs",
            ResourceId="service/news-dev-cluster/news-dev-api",
            ScalableDimension="ecs:service:DesiredCount",
            MinCapacity=1,
            MaxCapacity=2,
            Tags={"Environment": "dev"},
        )["ScalableTargetARN"]


    def test_tags_are_listed_tagged_and_untagged(self):
        self.assertEqual(self.aas.list_tags_for_resource(ResourceARN=self.arn)["Tags"], {"Environment": "dev"})
        self.aas.tag_resource(ResourceARN=self.arn, Tags={"Project": "news"})
        self.aas.untag_resource(ResourceARN=self.arn, TagKeys=["Environment"])
        self.assertEqual(self.aas.list_tags_for_resource(ResourceARN=self.arn)["Tags"], {"Project": "news"})

    def test_an_unknown_target_is_not_found(self):
        with self.assertRaises(ClientError) as raised:
            self.aas.list_tags_for_resource(ResourceARN=self.arn + "x")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")
