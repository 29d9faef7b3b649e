"""Tier 1 tests of crm_lubricant CRM usage points."""

from decimal import Decimal
import re

from crm_lubricant_lib.common import DomainError
from crm_lubricant_lib.usage import UsageRow, UsageWeights, usage_points
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_points_weighted_and_sorted():
    weights = UsageWeights(records=1, followups=0.5, reports=2)
    counts = {
        "records": {7: 4, 9: 1},
        "followups": {7: 3, 9: 10},
        "reports": {9: 2},
    }
    rows = usage_points(counts, weights, users=[11])
    assert rows == [
        UsageRow(user_id=9, records=1, followups=10, reports=2, points=Decimal("10.0")),
        UsageRow(user_id=7, records=4, followups=3, reports=0, points=Decimal("5.5")),
        UsageRow(user_id=11, records=0, followups=0, reports=0, points=Decimal(0)),
    ]


def test_ties_by_user_and_missing_kinds():
    rows = usage_points({"records": {5: 2, 3: 2}}, UsageWeights())
    assert [row.user_id for row in rows] == [3, 5]
    assert rows[0].points == Decimal(2)
    assert usage_points({}, UsageWeights()) == []


def test_default_weights():
    weights = UsageWeights()
    assert (weights.records, weights.followups, weights.reports) == (1, 1, 2)


def test_bad_input():
    with raises("records points must not be negative, got -1"):
        UsageWeights(records=-1)
    with raises("reports points must be a number, got '2'"):
        UsageWeights(reports="2")
    with raises("unknown usage kinds: visits"):
        usage_points({"visits": {1: 1}}, UsageWeights())
    with raises("followups count of user 4 must be at least 0, got -2"):
        usage_points({"followups": {4: -2}}, UsageWeights())
    with raises("weights must be UsageWeights, got None"):
        usage_points({}, None)
