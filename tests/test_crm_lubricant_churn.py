"""Tier 1 tests of crm_lubricant churn risk (usual order interval)."""

from datetime import date, datetime, timedelta
import re

from crm_lubricant_lib.churn import ChurnAssessment, churn_risk, usual_order_interval
from crm_lubricant_lib.common import DomainError, Reason
import pytest

# gaps 20, 40, 30 days → median 30; last order 2024-03-31; threshold 30 × 1.5 = 45 days
ORDERS = [date(2024, 3, 1), date(2024, 1, 1), date(2024, 3, 31), date(2024, 1, 21)]


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_usual_interval_is_median_of_gaps():
    assert usual_order_interval(ORDERS) == 30.0
    # even number of gaps 10, 20, 30, 40 → 25
    dates = [
        date(2024, 1, 1),
        date(2024, 1, 11),
        date(2024, 1, 31),
        date(2024, 3, 1),
        date(2024, 4, 10),
    ]
    assert usual_order_interval(dates) == 25.0
    # same-day orders count once: gaps 10, 10
    assert (
        usual_order_interval(
            [
                date(2024, 1, 1),
                datetime(2024, 1, 1, 15),
                date(2024, 1, 11),
                date(2024, 1, 21),
            ]
        )
        == 10.0
    )
    assert usual_order_interval([date(2024, 1, 1), date(2024, 1, 11)]) is None
    assert (
        usual_order_interval([date(2024, 1, 1), date(2024, 1, 11)], min_orders=2)
        == 10.0
    )


def test_churn_boundary_is_strict():
    last = date(2024, 3, 31)
    on_threshold = churn_risk(ORDERS, last + timedelta(days=45))
    assert on_threshold == ChurnAssessment(
        False,
        "active",
        {"days": 45, "interval": 30.0, "threshold": 45.0},
        usual_interval=30.0,
        days_since_last_order=45,
    )
    over = churn_risk(ORDERS, last + timedelta(days=46))
    assert over.at_risk is True and over.code == "churn_risk"
    assert over.reason == Reason(
        "churn_risk", {"days": 46, "interval": 30.0, "threshold": 45.0}
    )


def test_factor_and_min_orders_are_parameters():
    today = date(2024, 3, 31) + timedelta(days=46)
    assert churn_risk(ORDERS, today, factor=2).at_risk is False  # threshold 60
    assert churn_risk(ORDERS, today, factor=2).params["threshold"] == 60.0
    assert churn_risk(ORDERS, today, factor=0.1).params["threshold"] == 3.0
    assert churn_risk(ORDERS, today, min_orders=5) == ChurnAssessment(
        False, "not_enough_orders", {"orders": 4, "min_orders": 5}
    )


def test_not_enough_orders():
    two_days = [date(2024, 1, 1), datetime(2024, 1, 1, 9), date(2024, 2, 1)]
    assert churn_risk(two_days, date(2025, 1, 1)) == ChurnAssessment(
        False, "not_enough_orders", {"orders": 2, "min_orders": 3}
    )
    assert churn_risk([], date(2025, 1, 1)).params == {"orders": 0, "min_orders": 3}


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: churn_risk(ORDERS, date(2024, 5, 1), factor=0),
            "factor must be greater than 0, got 0",
        ),
        (
            lambda: churn_risk(ORDERS, date(2024, 5, 1), factor=-1),
            "factor must not be negative, got -1",
        ),
        (
            lambda: churn_risk(ORDERS, date(2024, 5, 1), factor="1.5"),
            "factor must be a number, got '1.5'",
        ),
        (
            lambda: churn_risk(ORDERS, date(2024, 5, 1), min_orders=1),
            "min_orders must be at least 2, got 1",
        ),
        (
            lambda: usual_order_interval(ORDERS, min_orders=1),
            "min_orders must be at least 2, got 1",
        ),
        (lambda: churn_risk(ORDERS, None), "today must be a date, got None"),
        (
            lambda: churn_risk(["2024-01-01"], date(2024, 5, 1)),
            "order date #0 must be a date, got '2024-01-01'",
        ),
        (
            lambda: usual_order_interval("2024-01-01"),
            "order_dates must be a collection of dates, not a string",
        ),
    ],
)
def test_bad_input(call, message):
    with raises(message):
        call()
