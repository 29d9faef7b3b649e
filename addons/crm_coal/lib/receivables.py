"""Payment collection (回款): overdue aging and credit hold.

Aging (spec §1.4: 0–30, 31–60, 61–90, > 90 days)
    ``days overdue = reference date − due date``.  As in Odoo's aged
    receivable report, an item due on the reference date itself is not yet
    due; the first overdue bucket (labelled 0–30) therefore holds 1 to 30 days
    overdue, then 31–60, 61–90 and 91 days or more.  Residuals may be
    negative (open credit notes, unapplied payments) and are summed as they
    are.  Sums are exact (:mod:`decimal`) and rounded half up to 2 decimals.

Collections against plan
    Each customer payment is counted once.  The payments of one account (a
    customer in one company) are allocated to the collection plan lines of
    *all* that account's contracts together, oldest due date first (first in,
    first out): payments in date order, each filling the earliest line that
    still has a balance, then the next; a line's collected date is the date
    of the payment that completed (or last reduced) it.  The part of a payment
    reconciled with the invoices of one contract (``preferred``) fills that
    contract's lines first, oldest due first; what they do not take joins the
    rest of the payment.  What is left after the account's last line is
    reported as unallocated, per account.

Credit check
    ``exposure = open receivable + confirmed uninvoiced orders + new amount``;
    the order is allowed while ``exposure <= limit`` and blocked above it,
    with the excess.  A limit of ``None`` means unlimited; a limit of 0 means
    no credit at all.  With a warning percentage, an allowed order whose
    exposure reaches ``limit × pct / 100`` (and is above zero) carries a
    warning.
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
    check_percentage,
    require_date,
    round_half_up,
    to_decimal,
)

__all__ = [
    "AccountCollections",
    "CollectionAllocation",
    "allocate_account_collections",
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
    exposure, excess})`` when blocked, else ``None``.  ``warning`` is set on
    an allowed order at or above the warning percentage of the limit; the
    parts of the exposure are given back (2 decimals).
    """

    allowed: bool
    limit: float | None
    exposure: float
    excess: float
    reason: Reason | None = field(default=None)
    warning: bool = False
    open_receivable: float = 0.0
    uninvoiced: float = 0.0
    new_amount: float = 0.0


def credit_check(
    limit: Number | None,
    open_receivable: Number,
    new_amount: Number,
    uninvoiced: Number = 0,
    warn_pct: Number | None = None,
) -> CreditCheck:
    """Whether ``new_amount`` may be committed on top of ``open_receivable`` and the
    confirmed ``uninvoiced`` orders under ``limit``; see the module docstring.

    ``open_receivable`` may be negative (customer in credit); ``limit``,
    ``uninvoiced`` and ``new_amount`` may not; ``warn_pct`` lies in 0–100.
    """
    receivable = to_decimal(open_receivable, "open_receivable")
    amount = check_non_negative(new_amount, "new_amount")
    ordered = check_non_negative(uninvoiced, "uninvoiced")
    pct = None if warn_pct is None else check_percentage(warn_pct, "warn_pct")
    exposure = receivable + ordered + amount
    parts = {
        "open_receivable": round_half_up(receivable),
        "uninvoiced": round_half_up(ordered),
        "new_amount": round_half_up(amount),
    }
    if limit is None:
        return CreditCheck(True, None, round_half_up(exposure), 0.0, **parts)
    limit_d = check_non_negative(limit, "limit")
    if exposure <= limit_d:
        warning = pct is not None and exposure > 0 and exposure * 100 >= limit_d * pct
        return CreditCheck(
            True,
            round_half_up(limit_d),
            round_half_up(exposure),
            0.0,
            warning=warning,
            **parts,
        )
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
        False,
        round_half_up(limit_d),
        round_half_up(exposure),
        excess,
        reason,
        **parts,
    )


@dataclass(frozen=True)
class CollectionAllocation:
    """Collected amount and date per plan line, and what no line took."""

    collected: Mapping[object, float]
    collected_dates: Mapping[object, date | None]
    unallocated: float


@dataclass(frozen=True)
class AccountCollections:
    """Collected amount and date per plan line, and per account what no line took."""

    collected: Mapping[object, float]
    collected_dates: Mapping[object, date | None]
    unallocated: Mapping[object, float]


def allocate_account_collections(
    plan_lines: Iterable[tuple[object, object, object, date, Number]],
    payments: Iterable[tuple[object, date, Number, Mapping[object, Number]]],
) -> AccountCollections:
    """Allocate ``payments`` (account, date, amount, {contract: preferred part}) to
    ``plan_lines`` (key, account, contract, due date, planned amount), each payment
    once, oldest due date first across the account's contracts; see the module
    docstring.  Every account of a payment appears in ``unallocated``."""
    lines: dict = {}
    for index, (key, account, contract, due, planned) in enumerate(plan_lines):
        lines.setdefault(account, []).append(
            (
                require_date(due, "due date"),
                index,
                key,
                contract,
                check_non_negative(planned, "planned amount"),
            )
        )
    for account_lines in lines.values():
        account_lines.sort(key=lambda item: (item[0], item[1]))
    paid = []
    for index, (account, day, amount, preferred) in enumerate(payments):
        total = check_non_negative(amount, "payment amount")
        parts = {
            contract: check_non_negative(part, "reconciled amount")
            for contract, part in (preferred or {}).items()
        }
        if sum(parts.values(), Decimal(0)) > total:
            raise DomainError(
                "reconciled_above_payment",
                f"the reconciled parts {sum(parts.values())} exceed the payment {amount}",
                amount=amount,
            )
        paid.append((require_date(day, "payment date"), index, account, total, parts))
    paid.sort(key=lambda item: (item[0], item[1]))

    collected = {
        key: Decimal(0)
        for account_lines in lines.values()
        for _due, _index, key, _contract, _planned in account_lines
    }
    dates: dict = dict.fromkeys(collected)
    left = {account: Decimal(0) for _day, _index, account, _total, _parts in paid}

    def fill(candidates, amount, day):
        for _due, _index, key, _contract, planned in candidates:
            if amount <= 0:
                break
            take = min(amount, planned - collected[key])
            if take > 0:
                collected[key] += take
                dates[key] = day
                amount -= take
        return amount

    for day, _index, account, total, parts in paid:
        account_lines = lines.get(account, [])
        rest = total - sum(parts.values(), Decimal(0))
        for contract, part in parts.items():
            rest += fill(
                [line for line in account_lines if line[3] == contract], part, day
            )
        left[account] += fill(account_lines, rest, day)
    return AccountCollections(
        collected={key: round_half_up(value) for key, value in collected.items()},
        collected_dates=dates,
        unallocated={account: round_half_up(value) for account, value in left.items()},
    )


def allocate_collections(
    plan_lines: Iterable[tuple[object, date, Number]],
    payments: Iterable[tuple[date, Number]],
) -> CollectionAllocation:
    """Allocate ``payments`` (date, amount) to the ``plan_lines`` (key, due date,
    planned amount) of one account: :func:`allocate_account_collections` with a
    single account and no preferred contract."""
    result = allocate_account_collections(
        [(key, None, None, due, planned) for key, due, planned in plan_lines],
        [(None, day, amount, {}) for day, amount in payments],
    )
    return CollectionAllocation(
        collected=result.collected,
        collected_dates=result.collected_dates,
        unallocated=result.unallocated.get(None, 0.0),
    )
