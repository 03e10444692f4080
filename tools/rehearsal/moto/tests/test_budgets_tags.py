from .support import HAVE_MOTO, MockedAws, create_dev_budget, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError

ARN = "arn:aws:budgets::123456789012:budget/news-dev"


@requires_moto
class BudgetTags(MockedAws):
    def setUp(self):
        super().setUp()
        self.budgets = boto3.client("budgets", region_name="us-east-1")
        create_dev_budget(self.budgets, ResourceTags=[{"Key": "Environment", "Value": "dev"}])


    def tags(self):
        return self.budgets.list_tags_for_resource(ResourceARN=ARN)["ResourceTags"]

    def test_tags_given_at_creation_are_listed(self):
        self.assertEqual(self.tags(), [{"Key": "Environment", "Value": "dev"}])

    def test_tag_and_untag(self):
        self.budgets.tag_resource(ResourceARN=ARN, ResourceTags=[{"Key": "Project", "Value": "news"}])
        self.budgets.untag_resource(ResourceARN=ARN, ResourceTagKeys=["Environment"])
        self.assertEqual(self.tags(), [{"Key": "Project", "Value": "news"}])

    def test_a_deleted_budget_has_no_tags(self):
        self.budgets.delete_budget(AccountId="123456789012", BudgetName="news-dev")
        with self.assertRaises(ClientError) as raised:
            self.tags()
        self.assertEqual(raised.exception.response["Error"]["Code"], "NotFoundException")
