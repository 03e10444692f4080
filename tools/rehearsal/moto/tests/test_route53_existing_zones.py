import os
import unittest

from .support import MockedAws, requires_moto


@requires_moto
class ExistingHostedZones(MockedAws):
    def setUp(self):
        os.environ["NEWSSTACK_MOTO_HOSTED_ZONES"] = "Z0EXAMPLE4NEWSSTACK00=news.example.com"
        super().setUp()

    def tearDown(self):
        super().tearDown()
        del os.environ["NEWSSTACK_MOTO_HOSTED_ZONES"]

    def test_listed_zone_exists_with_its_id_and_takes_records(self):
        import boto3

        r53 = boto3.client("route53", region_name="us-east-1")
        zone = r53.get_hosted_zone(Id="Z0EXAMPLE4NEWSSTACK00")["HostedZone"]
        self.assertEqual(zone["Name"], "news.example.com.")
        r53.change_resource_record_sets(
            HostedZoneId="Z0EXAMPLE4NEWSSTACK00",
            ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": "api.news.example.com", "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": "x.example.com"}]}}]},
        )
        names = [r["Name"] for r in r53.list_resource_record_sets(HostedZoneId="Z0EXAMPLE4NEWSSTACK00")["ResourceRecordSets"]]
        self.assertIn("api.news.example.com.", names)
        # a zone created through the API still gets a generated id
        other = r53.create_hosted_zone(Name="other.example.com", CallerReference="x")["HostedZone"]["Id"]
        self.assertNotIn("Z0EXAMPLE4NEWSSTACK00", other)


if __name__ == "__main__":
    unittest.main()
