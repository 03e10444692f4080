"""Shared set-up: the extensions installed into moto's in-process mock; skip cleanly without moto."""

import importlib.util
import os
import sys
import unittest

HAVE_MOTO = all(importlib.util.find_spec(m) is not None for m in ("moto", "boto3"))
requires_moto = unittest.skipUnless(HAVE_MOTO, "moto and boto3 are not installed")

if HAVE_MOTO:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import newsstack_moto

    newsstack_moto.install()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


class MockedAws(unittest.TestCase):
    """A test case inside moto's in-process mock (started per test, so each test starts empty)."""

    def setUp(self):
        from moto import mock_aws

        self.mock = mock_aws()
        self.mock.start()

    def tearDown(self):
        self.mock.stop()


ACCOUNT_ID = "123456789012"


def create_dev_budget(budgets, **extra):
    """The news-dev monthly cost budget (USD 100) the budget tests start from; `extra` adds CreateBudget arguments."""
    budgets.create_budget(
        AccountId=ACCOUNT_ID,
        Budget={"BudgetName": "news-dev", "BudgetLimit": {"Amount": "100", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST"},
        **extra,
    )
