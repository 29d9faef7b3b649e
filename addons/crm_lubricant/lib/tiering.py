"""Customer value tiers (Pareto / ABC classification) and the "drag" flag.

Rules (all thresholds are settings, passed as :class:`TierSettings`):

* Customers are ranked by contribution (trailing-12-month revenue or margin, computed by the
  caller), highest first; equal contributions are ranked by customer id ascending, so the result
  never depends on input order.
* Let ``total`` be the sum of the *positive* contributions and ``before`` the sum of the
  contributions ranked strictly ahead of a customer.  A customer with a positive contribution is

  - tier A when ``before < a_threshold × total`` — i.e. A is the shortest head of the ranking whose
    cumulative share reaches the A threshold (the customer that crosses the threshold is in A);
  - tier B when not A and ``before < b_threshold × total``;
  - tier C otherwise.

  Customers with a zero or negative contribution (possible with margin) are always C, with share 0
  and cumulative share 1.
* Gold customers: the first ``ceil(gold_share × n)`` customers of the ranking, where ``n`` is the
  number of customers with a positive contribution, provided they are in tier A.
* Drag flag (independent of the tier): no order for at least ``drag_days`` days (counted from the
  last order, or from ``customer_since`` for a customer that never ordered), or at least
  ``drag_lost_tenders`` tenders lost in a row.

All comparisons are exact (``Decimal``); shares in the results are floats between 0 and 1.
Classification by department, region or industry is done by calling :func:`compute_tiers` once per
group.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
import math

from .common import (
    DomainError,
    Number,
    Reason,
    as_date,
    check_fraction,
    check_int,
    to_decimal,
)

DRAG_NO_ORDER = "no_order"
"""Drag reason code: no order for ``params["days"]`` days, threshold ``params["threshold"]``."""
DRAG_LOST_TENDERS = "lost_tenders"
"""Drag reason code: ``params["count"]`` tenders lost in a row, threshold ``params["threshold"]``.
"""


@dataclass(frozen=True)
class TierSettings:
    """Tier thresholds and codes (company settings).

    ``a_threshold`` / ``b_threshold`` / ``gold_share`` are fractions (0.8 = 80 %).
    """

    a_threshold: Number = 0.80
    b_threshold: Number = 0.95
    gold_share: Number = 0.05
    code_a: str = "A"
    code_b: str = "B"
    code_c: str = "C"
    drag_days: int = 365
    drag_lost_tenders: int = 3

    def __post_init__(self) -> None:
        a = check_fraction(self.a_threshold, "a_threshold", allow_zero=False)
        b = check_fraction(self.b_threshold, "b_threshold", allow_zero=False)
        if b < a:
            raise DomainError(
                "thresholds_out_of_order",
                f"b_threshold ({self.b_threshold!r}) must not be lower than "
                f"a_threshold ({self.a_threshold!r})",
                field="b_threshold",
                other="a_threshold",
            )
        check_fraction(self.gold_share, "gold_share")
        codes = (self.code_a, self.code_b, self.code_c)
        for name, code in zip(("code_a", "code_b", "code_c"), codes, strict=True):
            if not isinstance(code, str) or not code.strip():
                raise DomainError(
                    "tier_code_empty",
                    f"{name} must be a non-empty string, got {code!r}",
                    field=name,
                )
        if len(set(codes)) != 3:
            raise DomainError(
                "tier_codes_not_distinct",
                f"tier codes must be distinct, got {codes!r}",
                codes=list(codes),
            )
        check_int(self.drag_days, "drag_days", minimum=1)
        check_int(self.drag_lost_tenders, "drag_lost_tenders", minimum=1)


@dataclass(frozen=True)
class CustomerContribution:
    """Input row for one customer (one row of the caller's aggregate query).

    ``contribution``: trailing-12-month revenue or margin. ``last_order_date``: date of the latest
    order (``None`` if never ordered). ``lost_tenders_in_row``: tenders lost since the last won one
    (see :func:`lost_tender_streak`). ``customer_since``: creation date, used for the no-order rule
    when the customer never ordered.
    """

    customer_id: int
    contribution: Number
    last_order_date: date | None = None
    lost_tenders_in_row: int = 0
    customer_since: date | None = None


@dataclass(frozen=True)
class TierResult:
    """Classification of one customer."""

    customer_id: int
    tier: str
    rank: int
    """1-based position in the ranking (zero/negative contributors come last)."""
    contribution: Decimal
    share: float
    """Contribution / total of positive contributions (0 for non-positive contributions)."""
    cumulative_share: float
    """Share of this customer plus all customers ranked ahead of it."""
    gold: bool
    drag_reasons: tuple[Reason, ...] = field(default=())

    @property
    def drag(self) -> bool:
        """True when at least one drag rule applies."""
        return bool(self.drag_reasons)


def trailing_window_start(today: date, months: int = 12) -> date:
    """First day (inclusive) of the ``months``-month window ending ``today`` (inclusive).

    It is the day after the same calendar day ``months`` months earlier (clamped to the month's
    last day): 2024-06-15 → 2023-06-16; 2024-02-29 → 2023-03-01.
    """
    today = as_date(today, "today")
    check_int(months, "months", minimum=1)
    month_index = today.year * 12 + (today.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=1)


def lost_tender_streak(outcomes: Iterable[bool]) -> int:
    """Tenders lost in a row at the end of ``outcomes`` (chronological, ``True`` = won)."""
    streak = 0
    for index, won in enumerate(outcomes):
        if not isinstance(won, bool):
            raise DomainError(
                "bad_tender_outcome",
                f"tender outcome #{index} must be True (won) or False (lost), got {won!r}",
            )
        streak = 0 if won else streak + 1
    return streak


def drag_reasons(
    today: date,
    last_order_date: date | None,
    lost_tenders_in_row: int = 0,
    *,
    customer_since: date | None = None,
    drag_days: int = 365,
    drag_lost_tenders: int = 3,
) -> tuple[Reason, ...]:
    """Drag reasons of one customer (empty tuple = not a drag customer).

    A last order after ``today`` counts as 0 days.  When neither ``last_order_date`` nor
    ``customer_since`` is known, the no-order rule is not applied.
    """
    today = as_date(today, "today")
    check_int(lost_tenders_in_row, "lost_tenders_in_row", minimum=0)
    check_int(drag_days, "drag_days", minimum=1)
    check_int(drag_lost_tenders, "drag_lost_tenders", minimum=1)
    reasons: list[Reason] = []
    reference = last_order_date if last_order_date is not None else customer_since
    if reference is not None:
        name = "last_order_date" if last_order_date is not None else "customer_since"
        days = max((today - as_date(reference, name)).days, 0)
        if days >= drag_days:
            reasons.append(
                Reason(DRAG_NO_ORDER, {"days": days, "threshold": drag_days})
            )
    if lost_tenders_in_row >= drag_lost_tenders:
        reasons.append(
            Reason(
                DRAG_LOST_TENDERS,
                {"count": lost_tenders_in_row, "threshold": drag_lost_tenders},
            )
        )
    return tuple(reasons)


def compute_tiers(
    customers: Iterable[CustomerContribution],
    today: date,
    settings: TierSettings | None = None,
) -> dict[int, TierResult]:
    """Classify ``customers``; returns ``{customer_id: TierResult}`` in ranking order.

    Raises :class:`DomainError` on a duplicate or non-integer customer id, or a
    contribution that is not a finite number.
    """
    settings = settings or TierSettings()
    today = as_date(today, "today")
    rows: list[tuple[int, Decimal, CustomerContribution]] = []
    seen: set[int] = set()
    for customer in customers:
        if not isinstance(customer, CustomerContribution):
            raise DomainError(
                "not_a_contribution", f"expected CustomerContribution, got {customer!r}"
            )
        cid = check_int(customer.customer_id, "customer_id")
        if cid in seen:
            raise DomainError("duplicate_customer", f"duplicate customer id {cid}")
        seen.add(cid)
        amount = to_decimal(
            customer.contribution,
            f"contribution of customer {cid}",
            allow_negative=True,
        )
        rows.append((cid, amount, customer))
    rows.sort(key=lambda row: (-row[1], row[0]))

    a_threshold = to_decimal(settings.a_threshold, "a_threshold")
    b_threshold = to_decimal(settings.b_threshold, "b_threshold")
    positives = [row for row in rows if row[1] > 0]
    total = sum((row[1] for row in positives), Decimal(0))
    gold_count = math.ceil(
        to_decimal(settings.gold_share, "gold_share") * len(positives)
    )

    results: dict[int, TierResult] = {}
    before = Decimal(0)
    for rank, (cid, amount, customer) in enumerate(rows, start=1):
        if amount > 0:
            if before < a_threshold * total:
                tier = settings.code_a
            elif before < b_threshold * total:
                tier = settings.code_b
            else:
                tier = settings.code_c
            before += amount
            share = float(amount / total)
            cumulative = float(before / total)
            gold = tier == settings.code_a and rank <= gold_count
        else:
            tier, share, cumulative, gold = settings.code_c, 0.0, 1.0, False
        results[cid] = TierResult(
            customer_id=cid,
            tier=tier,
            rank=rank,
            contribution=amount,
            share=share,
            cumulative_share=cumulative,
            gold=gold,
            drag_reasons=drag_reasons(
                today,
                customer.last_order_date,
                customer.lost_tenders_in_row,
                customer_since=customer.customer_since,
                drag_days=settings.drag_days,
                drag_lost_tenders=settings.drag_lost_tenders,
            ),
        )
    return results


def tier_changes(
    previous: Mapping[int, str | None], results: Mapping[int, TierResult]
) -> list[tuple[int, str | None, str]]:
    """``(customer_id, old_tier, new_tier)`` for every customer whose tier changed (for the tier
    history), sorted by customer id; a customer absent from ``previous`` has old tier ``None``."""
    changes = []
    for cid in sorted(results):
        old = previous.get(cid) or None
        new = results[cid].tier
        if old != new:
            changes.append((cid, old, new))
    return changes
