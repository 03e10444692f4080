from .support import HAVE_MOTO, MockedAws, create_dev_budget, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError

NOTIFICATION = {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80.0, "ThresholdType": "PERCENTAGE"}
TOPIC = {"SubscriptionType": "SNS", "Address": "arn:aws:sns:us-east-1:123456789012:news-dev-alerts"}


@requires_moto
class Subscribers(MockedAws):
    def setUp(self):
        super().setUp()
        self.budgets = boto3.client("budgets", region_name="us-east-1")
        create_dev_budget(self.budgets)
        self.budgets.create_notification(AccountId="123456789012", BudgetName="news-dev", Notification=NOTIFICATION, Subscribers=[TOPIC])


    def describe(self, notification=NOTIFICATION):
        return self.budgets.describe_subscribers_for_notification(AccountId="123456789012", BudgetName="news-dev", Notification=notification)["Subscribers"]

    def test_lists_the_subscribers_of_a_notification(self):
        self.assertEqual(self.describe(), [TOPIC])

    def test_an_unknown_notification_is_not_found(self):
        with self.assertRaises(ClientError) as raised:
            self.describe({**NOTIFICATION, "Threshold": 100.0})
        self.assertEqual(raised.exception.response["Error"]["Code"], "NotFoundException")

    def test_subscribers_can_be_added_and_removed(self):
        mail = {"SubscriptionType": "EMAIL", "Address": "ops@example.com"}
        self.budgets.create_subscriber(AccountId="123456789012", BudgetName="news-dev", Notification=NOTIFICATION, Subscriber=mail)
        self.budgets.delete_subscriber(AccountId="123456789012", BudgetName="news-dev", Notification=NOTIFICATION, Subscriber=TOPIC)
        self.assertEqual(self.describe(), [mail])
