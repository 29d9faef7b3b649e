"""Marketing campaign budget and evaluation metrics.

* cost per lead = cost / leads, cost per opportunity = cost / opportunities, rounded half up
  to the cent (``None`` for 0 of them);
* ROI = (won revenue − cost) / cost, a fraction (1.5 = 150 %); ``None`` when the cost is 0;
* budget consumption = cost / budget, a fraction (1.0 = 100 %); ``None`` when the budget is 0;
* over budget when cost > budget (reason code ``over_budget``, params ``budget``, ``cost``,
  ``excess``).

Amounts may be ``int``, ``float`` or ``Decimal``; they are computed exactly and returned as floats.
Negative budgets, costs, revenues or counts are refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .common import Number, Reason, check_int, to_cents, to_decimal

OVER_BUDGET = "over_budget"


@dataclass(frozen=True)
class CampaignMetrics:
    """Evaluation of one campaign."""

    budget: float
    cost: float
    leads: int
    opportunities: int
    revenue: float
    cost_per_lead: float | None
    cost_per_opportunity: float | None
    roi: float | None
    budget_consumption: float | None
    over_budget: bool
    reasons: tuple[Reason, ...] = ()


def validate_budget(budget: Number, name: str = "budget") -> float:
    """Return ``budget`` as a float; refuse a negative, infinite or non-numeric amount."""
    return float(to_decimal(budget, name))


def total_cost(expenses: Iterable[Number]) -> float:
    """Sum of the expense amounts (actual cost); each must be a non-negative number."""
    total = Decimal(0)
    for index, expense in enumerate(expenses):
        total += to_decimal(expense, f"expense #{index}")
    return float(total)


def _ratio(numerator: Decimal, denominator: Decimal) -> float | None:
    return None if denominator == 0 else float(numerator / denominator)


def _per(cost: Decimal, count: int) -> float | None:
    """Cost per item, rounded half up to the cent; ``None`` for no item."""
    return None if count == 0 else float(to_cents(cost / count))


def campaign_metrics(
    *,
    budget: Number,
    cost: Number,
    leads: int = 0,
    opportunities: int = 0,
    revenue: Number = 0,
) -> CampaignMetrics:
    """Metrics of a campaign from its budget, actual cost, lead and opportunity counts and won
    revenue."""
    budget_d = to_decimal(budget, "budget")
    cost_d = to_decimal(cost, "cost")
    revenue_d = to_decimal(revenue, "revenue")
    check_int(leads, "leads", minimum=0)
    check_int(opportunities, "opportunities", minimum=0)
    over = cost_d > budget_d
    reasons: tuple[Reason, ...] = ()
    if over:
        reasons = (
            Reason(
                OVER_BUDGET,
                {
                    "budget": float(budget_d),
                    "cost": float(cost_d),
                    "excess": float(cost_d - budget_d),
                },
            ),
        )
    return CampaignMetrics(
        budget=float(budget_d),
        cost=float(cost_d),
        leads=leads,
        opportunities=opportunities,
        revenue=float(revenue_d),
        cost_per_lead=_per(cost_d, leads),
        cost_per_opportunity=_per(cost_d, opportunities),
        roi=_ratio(revenue_d - cost_d, cost_d),
        budget_consumption=_ratio(cost_d, budget_d),
        over_budget=over,
        reasons=reasons,
    )
