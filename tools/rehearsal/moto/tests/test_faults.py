import json
import os
import tempfile
import threading

from .support import HAVE_MOTO, MockedAws, requires_moto

if HAVE_MOTO:
    import boto3
    from botocore.exceptions import ClientError


@requires_moto
class FaultSwitch(MockedAws):
    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp()
        os.environ["NEWSSTACK_MOTO_FAULTS"] = self.folder
        self.ecs = boto3.client("ecs", region_name="us-east-1")

    def tearDown(self):
        del os.environ["NEWSSTACK_MOTO_FAULTS"]
        super().tearDown()

    def switch(self, entries):
        for name in os.listdir(self.folder):
            os.remove(os.path.join(self.folder, name))
        for index, entry in enumerate(entries):
            with open(os.path.join(self.folder, f"{index}.json"), "w", encoding="utf-8") as handle:
                json.dump(entry, handle)

    def test_a_failure_is_consumed_once_and_changes_nothing(self):
        self.switch([{"call": "ecs:CreateCluster", "mode": "fail", "times": 1}])
        with self.assertRaises(ClientError) as raised:
            self.ecs.create_cluster(clusterName="news-dev")
        self.assertEqual(raised.exception.response["Error"]["Code"], "InjectedFault")
        self.assertEqual(self.ecs.list_clusters()["clusterArns"], [])
        self.ecs.create_cluster(clusterName="news-dev")
        self.assertEqual(len(self.ecs.list_clusters()["clusterArns"]), 1)
        self.assertEqual(os.listdir(self.folder), [], "a consumed failure switches itself off")

    def test_other_calls_are_untouched(self):
        self.switch([{"call": "ecs:DeleteCluster", "mode": "fail", "times": 1}])
        self.ecs.create_cluster(clusterName="news-dev")
        self.assertEqual(len(self.ecs.list_clusters()["clusterArns"]), 1)

    def test_a_matched_fault_concerns_only_requests_naming_its_text(self):
        self.switch([{"call": "ecs:CreateCluster", "mode": "fail", "times": 1, "match": "news-prod"}])
        self.ecs.create_cluster(clusterName="news-dev")
        with self.assertRaises(ClientError):
            self.ecs.create_cluster(clusterName="news-prod")

    def test_a_held_call_waits_until_the_hold_is_released(self):
        self.switch([{"call": "ecs:CreateCluster", "mode": "hold"}])
        done = threading.Event()
        worker = threading.Thread(target=lambda: (self.ecs.create_cluster(clusterName="held"), done.set()))
        worker.start()
        self.assertFalse(done.wait(0.5), "the held call returned while the hold was on")
        self.switch([])
        worker.join(30)
        self.assertTrue(done.is_set())
