"""Payment collection (回款): overdue aging and credit hold.

Aging (spec §1.4: 0–30, 31–60, 61–90, > 90 days)
    ``days overdue = reference date − due date``.  As in Odoo's aged
    receivable report, an item due on the reference date itself is not yet
    due; the first overdue bucket (labelled 0–30) therefore holds 1 to 30 days
    overdue, then 31–60, 61–90 and 91 days or more.  Residuals may be
    negative (open credit notes, unapplied payments) and are summed as they
    are.  Sums are exact (:mod:`decimal`) and rounded half up to 2 decimals.

Collections against plan
    Customer payments are allocated to the collection plan lines oldest due
    date first (first in, first out): each payment fills the earliest line
    that still has a balance, then the next; a line's collected date is the
    date of the payment that completed (or last reduced) it.  What is left
    after the last line is reported as unallocated.

Credit check
    ``exposure = open receivable + new amount``; the order is allowed while
    ``exposure <= limit`` and blocked above it, with the excess.  A limit of
    ``None`` means unlimited; a limit of 0 means no credit at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .common import (
    DomainError,
    Number,
    Reason,
    check_non_negative,
    require_date,
    round_half_up,
    to_decimal,
)

__all__ = [
    "CollectionAllocation",
    "allocate_collections",
    "BUCKET_NOT_DUE",
    "BUCKET_0_30",
    "BUCKET_31_60",
    "BUCKET_61_90",
    "BUCKET_OVER_90",
    "BUCKETS",
    "OVERDUE_BUCKETS",
    "AgingReport",
    "CreditCheck",
    "days_overdue",
    "aging_bucket",
    "aging_buckets",
    "credit_check",
]

BUCKET_NOT_DUE = "not_due"
BUCKET_0_30 = "0_30"
BUCKET_31_60 = "31_60"
BUCKET_61_90 = "61_90"
BUCKET_OVER_90 = "over_90"
#: All bucket codes, in display order.
BUCKETS = (BUCKET_NOT_DUE, BUCKET_0_30, BUCKET_31_60, BUCKET_61_90, BUCKET_OVER_90)
#: Bucket codes that count as overdue.
OVERDUE_BUCKETS = BUCKETS[1:]


def days_overdue(due_date: date, ref_date: date) -> int:
    """Days from ``due_date`` to ``ref_date`` (negative when not yet due)."""
    require_date(due_date, "due_date")
    require_date(ref_date, "ref_date")
    return (ref_date - due_date).days


def aging_bucket(due_date: date, ref_date: date) -> str:
    """Bucket code of an item due on ``due_date`` seen at ``ref_date``."""
    days = days_overdue(due_date, ref_date)
    if days <= 0:
        return BUCKET_NOT_DUE
    if days <= 30:
        return BUCKET_0_30
    if days <= 60:
        return BUCKET_31_60
    if days <= 90:
        return BUCKET_61_90
    return BUCKET_OVER_90


@dataclass(frozen=True)
class AgingReport:
    """Sums of residuals per bucket code (all :data:`BUCKETS` present, 2 decimals)."""

    buckets: Mapping[str, float]
    counts: Mapping[str, int]
    total: float
    overdue: float


def aging_buckets(items: Iterable[tuple[date, Number]], ref_date: date) -> AgingReport:
    """Age ``(due_date, residual)`` items at ``ref_date`` and sum them per bucket."""
    require_date(ref_date, "ref_date")
    sums = {code: Decimal(0) for code in BUCKETS}
    counts = {code: 0 for code in BUCKETS}
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise DomainError(
                "invalid_aging_item",
                f"items must be (due_date, residual) pairs, got {item!r}",
                value=repr(item),
            )
        due_date, residual = item
        code = aging_bucket(due_date, ref_date)
        sums[code] += to_decimal(residual, "residual")
        counts[code] += 1
    total = sum(sums.values(), Decimal(0))
    overdue = sum((sums[code] for code in OVERDUE_BUCKETS), Decimal(0))
    return AgingReport(
        buckets={code: round_half_up(sums[code]) for code in BUCKETS},
        counts=counts,
        total=round_half_up(total),
        overdue=round_half_up(overdue),
    )


@dataclass(frozen=True)
class CreditCheck:
    """Outcome of :func:`credit_check`.

    ``excess`` is how far the exposure goes above the limit (0.0 when
    allowed); ``reason`` is ``Reason('credit_limit_exceeded', {limit,
    exposure, excess})`` when blocked, else ``None``.
    """

    allowed: bool
    limit: float | None
    exposure: float
    excess: float
    reason: Reason | None = field(default=None)


def credit_check(
    limit: Number | None, open_receivable: Number, new_amount: Number
) -> CreditCheck:
    """Whether ``new_amount`` may be committed on top of ``open_receivable`` under ``limit``.

    ``open_receivable`` may be negative (customer in credit); ``limit`` and
    ``new_amount`` may not.
    """
    receivable = to_decimal(open_receivable, "open_receivable")
    amount = check_non_negative(new_amount, "new_amount")
    exposure = receivable + amount
    if limit is None:
        return CreditCheck(True, None, round_half_up(exposure), 0.0)
    limit_d = check_non_negative(limit, "limit")
    if exposure <= limit_d:
        return CreditCheck(True, round_half_up(limit_d), round_half_up(exposure), 0.0)
    excess = round_half_up(exposure - limit_d)
    reason = Reason(
        "credit_limit_exceeded",
        {
            "limit": round_half_up(limit_d),
            "exposure": round_half_up(exposure),
            "excess": excess,
        },
    )
    return CreditCheck(
        False, round_half_up(limit_d), round_half_up(exposure), excess, reason
    )


@dataclass(frozen=True)
class CollectionAllocation:
    """Collected amount and date per plan line, and what no line took."""

    collected: Mapping[object, float]
    collected_dates: Mapping[object, date | None]
    unallocated: float


def allocate_collections(
    plan_lines: Iterable[tuple[object, date, Number]],
    payments: Iterable[tuple[date, Number]],
) -> CollectionAllocation:
    """Allocate ``payments`` (date, amount) to ``plan_lines`` (key, due date,
    planned amount) oldest due date first; see the module docstring."""
    lines = sorted(
        (
            (
                require_date(due, "due date"),
                index,
                key,
                check_non_negative(planned, "planned amount"),
            )
            for index, (key, due, planned) in enumerate(plan_lines)
        ),
        key=lambda item: (item[0], item[1]),
    )
    paid = sorted(
        (
            (
                require_date(day, "payment date"),
                check_non_negative(amount, "payment amount"),
            )
            for day, amount in payments
        ),
        key=lambda item: item[0],
    )
    collected = {key: Decimal(0) for _due, _index, key, _planned in lines}
    dates: dict = {key: None for _due, _index, key, _planned in lines}
    position = 0
    left = Decimal(0)
    for day, amount in paid:
        left += amount
        while left > 0 and position < len(lines):
            _due, _index, key, planned = lines[position]
            take = min(left, planned - collected[key])
            if take > 0:
                collected[key] += take
                dates[key] = day
                left -= take
            if collected[key] >= planned:
                position += 1
    return CollectionAllocation(
        collected={key: round_half_up(value) for key, value in collected.items()},
        collected_dates=dates,
        unallocated=round_half_up(left),
    )
