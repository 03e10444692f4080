import unittest

from .support import MockedAws, requires_moto


@requires_moto
class RdsResourceIds(MockedAws):
    def test_each_instance_has_its_own_resource_id_and_the_filter_finds_only_it(self):
        import boto3

        rds = boto3.client("rds", region_name="us-east-1")
        for name in ("news-dev-db", "news-prod-db"):
            rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t4g.micro", Engine="postgres", MasterUsername="u", MasterUserPassword="password123", AllocatedStorage=20, EnablePerformanceInsights=True)
        instances = {i["DBInstanceIdentifier"]: i for i in rds.describe_db_instances()["DBInstances"]}
        ids = {i["DbiResourceId"] for i in instances.values()}
        self.assertEqual(len(ids), 2)
        for name, instance in instances.items():
            self.assertRegex(instance["DbiResourceId"], r"^db-[A-Z0-9]{26}$")
            found = rds.describe_db_instances(Filters=[{"Name": "dbi-resource-id", "Values": [instance["DbiResourceId"]]}])["DBInstances"]
            self.assertEqual([i["DBInstanceIdentifier"] for i in found], [name])
        # stable across reads and modifications; the other extensions' __init__ patches still apply
        rds.modify_db_instance(DBInstanceIdentifier="news-prod-db", BackupRetentionPeriod=7, ApplyImmediately=True)
        again = rds.describe_db_instances(DBInstanceIdentifier="news-prod-db")["DBInstances"][0]
        self.assertEqual(again["DbiResourceId"], instances["news-prod-db"]["DbiResourceId"])
        self.assertTrue(again["PerformanceInsightsEnabled"])


if __name__ == "__main__":
    unittest.main()
