"""Tier 1 tests of crm_lubricant campaign metrics and budget validation."""

from decimal import Decimal
import re

from crm_lubricant_lib.campaign import (
    OVER_BUDGET,
    campaign_metrics,
    total_cost,
    validate_budget,
)
from crm_lubricant_lib.common import DomainError, Reason
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_metrics_hand_computed():
    metrics = campaign_metrics(
        budget=50000, cost=40000, leads=80, opportunities=20, revenue=200000
    )
    assert metrics.cost_per_lead == 500.0
    assert metrics.cost_per_opportunity == 2000.0
    assert metrics.roi == 4.0  # (200000 - 40000) / 40000
    assert metrics.budget_consumption == 0.8
    assert metrics.over_budget is False and metrics.reasons == ()
    assert (
        metrics.budget,
        metrics.cost,
        metrics.revenue,
        metrics.leads,
        metrics.opportunities,
    ) == (
        50000.0,
        40000.0,
        200000.0,
        80,
        20,
    )


def test_over_budget_and_loss():
    metrics = campaign_metrics(
        budget=10000, cost=12500, leads=3, opportunities=0, revenue=0
    )
    assert metrics.roi == -1.0
    assert metrics.budget_consumption == 1.25
    assert metrics.cost_per_opportunity is None
    assert metrics.cost_per_lead == pytest.approx(4166.6666667)
    assert metrics.over_budget is True
    assert metrics.reasons == (
        Reason(OVER_BUDGET, {"budget": 10000.0, "cost": 12500.0, "excess": 2500.0}),
    )


def test_boundaries():
    at_budget = campaign_metrics(
        budget=Decimal("0.3"), cost=0.3
    )  # float 0.3 taken as typed, not binary
    assert at_budget.over_budget is False and at_budget.budget_consumption == 1.0
    assert (
        campaign_metrics(budget=Decimal("1000.00"), cost=Decimal("1000.01")).over_budget
        is True
    )
    no_cost = campaign_metrics(budget=1000, cost=0, leads=5, revenue=300)
    assert (
        no_cost.roi is None
        and no_cost.cost_per_lead == 0.0
        and no_cost.budget_consumption == 0.0
    )
    nothing = campaign_metrics(budget=0, cost=0)
    assert (
        nothing.budget_consumption is None
        and nothing.over_budget is False
        and nothing.cost_per_lead is None
    )
    unbudgeted = campaign_metrics(budget=0, cost=100)
    assert unbudgeted.budget_consumption is None and unbudgeted.over_budget is True
    assert campaign_metrics(budget=900, cost=300, revenue=400).roi == pytest.approx(
        1 / 3
    )
    assert campaign_metrics(budget=900, cost=300, revenue=300).roi == 0.0


def test_validate_budget_and_total_cost():
    assert validate_budget(Decimal("1000.50")) == 1000.5
    assert validate_budget(0) == 0.0
    assert total_cost([100, 250.5, Decimal("49.5")]) == 400.0
    assert total_cost([0.1, 0.2]) == 0.3
    assert total_cost([]) == 0.0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: validate_budget(-0.01), "budget must not be negative, got -0.01"),
        (
            lambda: validate_budget(float("inf")),
            "budget must be a finite number, got inf",
        ),
        (
            lambda: validate_budget(Decimal("NaN")),
            "budget must be a finite number, got Decimal('NaN')",
        ),
        (lambda: validate_budget("5000"), "budget must be a number, got '5000'"),
        (lambda: validate_budget(True), "budget must be a number, got True"),
        (
            lambda: validate_budget(-5, name="planned budget"),
            "planned budget must not be negative, got -5",
        ),
        (lambda: total_cost([10, -5]), "expense #1 must not be negative, got -5"),
        (
            lambda: campaign_metrics(budget=-1, cost=0),
            "budget must not be negative, got -1",
        ),
        (
            lambda: campaign_metrics(budget=1, cost=float("nan")),
            "cost must be a finite number, got nan",
        ),
        (
            lambda: campaign_metrics(budget=1, cost=1, revenue=-3),
            "revenue must not be negative, got -3",
        ),
        (
            lambda: campaign_metrics(budget=1, cost=1, leads=-1),
            "leads must be at least 0, got -1",
        ),
        (
            lambda: campaign_metrics(budget=1, cost=1, leads=1.5),
            "leads must be an integer, got 1.5",
        ),
        (
            lambda: campaign_metrics(budget=1, cost=1, opportunities=None),
            "opportunities must be an integer, got None",
        ),
    ],
)
def test_bad_input(call, message):
    with raises(message):
        call()


def test_cost_per_item_is_rounded_half_up_to_the_cent():
    assert campaign_metrics(budget=100, cost=100, leads=3).cost_per_lead == 33.33
    # 0.025 is a tie: rounded half up (Decimal), not half to even
    assert campaign_metrics(budget=1, cost=0.05, leads=2).cost_per_lead == 0.03
    assert (
        campaign_metrics(budget=1, cost=0.05, opportunities=2).cost_per_opportunity
        == 0.03
    )
