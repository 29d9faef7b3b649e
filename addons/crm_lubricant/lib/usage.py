"""CRM usage points for staff appraisal: records entered, follow-ups logged, reports filed.

The Odoo layer counts the three kinds of items per salesperson with aggregate queries; this
module validates the points per item (settings) and turns the counts into scored rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .common import DomainError, Number, check_int, to_decimal

KINDS = ("records", "followups", "reports")


@dataclass(frozen=True)
class UsageWeights:
    """Points per record entered, per follow-up logged and per report filed (not negative)."""

    records: Number = 1
    followups: Number = 1
    reports: Number = 2

    def __post_init__(self):
        for kind in KINDS:
            object.__setattr__(
                self, kind, to_decimal(getattr(self, kind), f"{kind} points")
            )


@dataclass(frozen=True)
class UsageRow:
    user_id: int
    records: int
    followups: int
    reports: int
    points: Decimal


def usage_points(
    counts: Mapping[str, Mapping[int, int]],
    weights: UsageWeights,
    users: Iterable[int] = (),
) -> list[UsageRow]:
    """Scored rows, one per user, best first (ties by user id).

    ``counts`` maps each kind (``records``, ``followups``, ``reports``) to ``{user_id: count}``;
    a missing kind counts zero. ``users`` adds users that have no item at all (zero points).
    """
    if not isinstance(weights, UsageWeights):
        raise DomainError(
            "bad_weights", f"weights must be UsageWeights, got {weights!r}"
        )
    unknown = set(counts) - set(KINDS)
    if unknown:
        raise DomainError(
            "unknown_usage_kinds", f"unknown usage kinds: {', '.join(sorted(unknown))}"
        )
    user_ids = set(users)
    for kind, per_user in counts.items():
        for user_id, count in per_user.items():
            check_int(count, f"{kind} count of user {user_id}", minimum=0)
            user_ids.add(user_id)
    rows = []
    for user_id in user_ids:
        values = {kind: counts.get(kind, {}).get(user_id, 0) for kind in KINDS}
        points = sum(
            (getattr(weights, kind) * values[kind] for kind in KINDS), Decimal(0)
        )
        rows.append(UsageRow(user_id=user_id, points=points, **values))
    rows.sort(key=lambda row: (-row.points, row.user_id))
    return rows
