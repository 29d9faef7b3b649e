"""Customer churn risk from the customer's own ordering rhythm.

* The usual order interval is the median gap, in days, between consecutive *distinct* order dates
  (several orders on one day count as one order date).
* It is only judged with at least ``min_orders`` distinct order dates (default 3, i.e. 2 gaps).
* Churn risk when the days since the last order exceed ``usual interval × factor`` (default 1.5),
  strictly.

Result codes: ``not_enough_orders`` (params ``orders``, ``min_orders``), ``churn_risk`` and
``active`` (both ``days``, ``interval``, ``threshold``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise
import statistics

from .common import DomainError, Number, Reason, as_date, check_int, to_decimal

NOT_ENOUGH_ORDERS = "not_enough_orders"
CHURN_RISK = "churn_risk"
ACTIVE = "active"


@dataclass(frozen=True)
class ChurnAssessment:
    """Churn judgement of one customer."""

    at_risk: bool
    code: str
    params: dict = field(default_factory=dict, hash=False)
    usual_interval: float | None = None
    days_since_last_order: int | None = None

    @property
    def reason(self) -> Reason:
        return Reason(self.code, dict(self.params))


def _distinct_dates(order_dates: Iterable[date]) -> list[date]:
    if isinstance(order_dates, (str, bytes)):
        raise DomainError(
            "dates_not_collection",
            "order_dates must be a collection of dates, not a string",
        )
    return sorted(
        {
            as_date(value, f"order date #{index}")
            for index, value in enumerate(order_dates)
        }
    )


def _check_min_orders(min_orders: int) -> int:
    return check_int(min_orders, "min_orders", minimum=2)


def usual_order_interval(
    order_dates: Iterable[date], min_orders: int = 3
) -> float | None:
    """Median gap in days between distinct order dates, or ``None`` with fewer than
    ``min_orders`` distinct dates."""
    _check_min_orders(min_orders)
    dates = _distinct_dates(order_dates)
    if len(dates) < min_orders:
        return None
    return float(
        statistics.median((later - earlier).days for earlier, later in pairwise(dates))
    )


def churn_risk(
    order_dates: Iterable[date],
    today: date,
    factor: Number = 1.5,
    min_orders: int = 3,
) -> ChurnAssessment:
    """Is the customer overdue compared with its usual order interval?"""
    today = as_date(today, "today")
    factor_d = to_decimal(factor, "factor")
    if factor_d <= 0:
        raise DomainError(
            "factor_not_positive",
            f"factor must be greater than 0, got {factor!r}",
            field="factor",
            value=factor,
        )
    _check_min_orders(min_orders)
    dates = _distinct_dates(order_dates)
    if len(dates) < min_orders:
        return ChurnAssessment(
            False, NOT_ENOUGH_ORDERS, {"orders": len(dates), "min_orders": min_orders}
        )
    interval = usual_order_interval(dates, min_orders)
    days = (today - dates[-1]).days
    threshold = Decimal(str(interval)) * factor_d
    params = {"days": days, "interval": interval, "threshold": float(threshold)}
    at_risk = days > threshold
    return ChurnAssessment(
        at_risk,
        CHURN_RISK if at_risk else ACTIVE,
        params,
        usual_interval=interval,
        days_since_last_order=days,
    )
