"""Sales funnel statistics and stale opportunities.

Definitions:

* Stages are given in funnel order (first = earliest).  Probabilities are percentages 0–100, like
  ``crm.lead.probability``.
* **count / amount / weighted amount** of a stage: over the *open* opportunities currently in it
  (``active=True``); weighted amount = amount × probability / 100, where the probability is the
  opportunity's own when given, else its stage's.
* **reached(stage)**: number of opportunities, open or lost, whose furthest stage is this stage or a
  later one.  The furthest stage is ``reached_stage_id`` when given (from stage history), else the
  current stage — a lost opportunity has reached the stage where it was lost.
* **conversion(stage)** = reached(next stage) / reached(stage); ``None`` for the last stage or when
  no opportunity reached the stage.  **overall conversion** = reached(last) / reached(first).
* **average days in stage**: mean of (left − entered) over stays in the stage; a stay not left yet
  runs until ``now``.
* **stale**: no activity for at least ``stale_days`` days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .common import DomainError, Number, as_date, check_int, to_decimal

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Stage:
    """A funnel stage and its probability (0–100)."""

    stage_id: int
    probability: Number


@dataclass(frozen=True)
class FunnelOpportunity:
    """One opportunity: current stage, expected revenue, optional own probability (0–100),
    ``active=False`` for lost ones, optional furthest stage reached."""

    stage_id: int
    amount: Number
    probability: Number | None = None
    active: bool = True
    reached_stage_id: int | None = None


@dataclass(frozen=True)
class StageStay:
    """A stay of an opportunity in a stage; ``left`` is ``None`` while it is still there."""

    stage_id: int
    entered: date
    left: date | None = None


@dataclass(frozen=True)
class FunnelGroup:
    """Opportunities of one current stage, one furthest stage reached and one state (open or
    lost), as one ``GROUP BY`` gives them: ``count`` opportunities, the sum of their amounts
    and of their weighted amounts (amount × probability / 100, each with its own probability
    or else its stage's)."""

    stage_id: int
    count: int
    amount: Number
    weighted_amount: Number
    active: bool = True
    reached_stage_id: int | None = None


@dataclass(frozen=True)
class StageDays:
    """Stays in one stage, as one ``GROUP BY`` gives them: their number and the sum of their
    lengths in days (a stay not left yet counted until now)."""

    stage_id: int
    stays: int
    total_days: Number


@dataclass(frozen=True)
class FunnelRow:
    """Statistics of one stage."""

    stage_id: int
    count: int
    amount: float
    weighted_amount: float
    reached: int
    conversion: float | None
    avg_days: float | None


@dataclass(frozen=True)
class FunnelReport:
    """Per-stage rows in funnel order plus totals over open opportunities."""

    rows: tuple[FunnelRow, ...]
    count: int
    amount: float
    weighted_amount: float
    overall_conversion: float | None


def _check_probability(value: Number, name: str) -> Decimal:
    result = to_decimal(value, name)
    if result > _HUNDRED:
        raise DomainError(
            "percentage_out_of_range",
            f"{name} must be between 0 and 100, got {value!r}",
        )
    return result


def _stage_index(stages: Sequence[Stage]) -> dict[int, int]:
    index: dict[int, int] = {}
    for position, stage in enumerate(stages):
        check_int(stage.stage_id, "stage_id")
        if stage.stage_id in index:
            raise DomainError("duplicate_stage", f"duplicate stage id {stage.stage_id}")
        _check_probability(stage.probability, f"probability of stage {stage.stage_id}")
        index[stage.stage_id] = position
    if not index:
        raise DomainError("no_stage", "at least one stage is required")
    return index


def _days(entered: date, left: date) -> float:
    if isinstance(entered, datetime) != isinstance(left, datetime):
        raise DomainError(
            "mixed_date_kinds",
            "stage stay times must be all dates or all datetimes, not a mix",
        )
    if left < entered:
        raise DomainError(
            "stay_leaves_before_entering",
            f"stage stay leaves ({left}) before it enters ({entered})",
        )
    return (left - entered).total_seconds() / 86400


def _stay_totals(stays: Iterable[StageStay], now: date | None) -> dict[int, list]:
    """``{stage_id: [total days, stays]}`` over the given stays."""
    totals: dict[int, list] = {}
    for stay in stays:
        check_int(stay.stage_id, "stage_id")
        if not isinstance(stay.entered, date):
            raise DomainError(
                "bad_stay_time",
                f"stage stay entered must be a date or datetime, got {stay.entered!r}",
            )
        if stay.left is not None and not isinstance(stay.left, date):
            raise DomainError(
                "bad_stay_time",
                f"stage stay left must be a date or datetime, got {stay.left!r}",
            )
        left = stay.left
        if left is None:
            if now is None:
                raise DomainError(
                    "now_required",
                    "now is required when a stage stay has not been left yet",
                )
            left = now
        bucket = totals.setdefault(stay.stage_id, [0.0, 0])
        bucket[0] += _days(stay.entered, left)
        bucket[1] += 1
    return totals


def average_days_in_stage(
    stays: Iterable[StageStay], now: date | None = None
) -> dict[int, float]:
    """``{stage_id: mean days}`` over the given stays; ``now`` is required when a stay is open."""
    totals = _stay_totals(stays, now)
    return {stage_id: total / count for stage_id, (total, count) in totals.items()}


def funnel_report(
    stages: Sequence[Stage],
    opportunities: Iterable[FunnelOpportunity],
    stays: Iterable[StageStay] = (),
    now: date | None = None,
) -> FunnelReport:
    """Full funnel report (see the module docstring for the definitions), from one row per
    opportunity and per stay: they are checked, grouped as a ``GROUP BY`` would, and passed
    to :func:`funnel_report_from_groups`."""
    stages = list(stages)
    index = _stage_index(stages)
    groups: dict[tuple, list] = {}
    for number, opportunity in enumerate(opportunities):
        if opportunity.stage_id not in index:
            raise DomainError(
                "unknown_stage",
                f"opportunity #{number} is in unknown stage {opportunity.stage_id!r}",
            )
        reached_id = opportunity.reached_stage_id
        if reached_id is not None and reached_id not in index:
            raise DomainError(
                "unknown_stage",
                f"opportunity #{number} reached unknown stage {reached_id!r}",
            )
        value = to_decimal(opportunity.amount, f"amount of opportunity #{number}")
        probability = opportunity.probability
        if probability is None:
            probability = stages[index[opportunity.stage_id]].probability
        probability = _check_probability(
            probability, f"probability of opportunity #{number}"
        )
        key = (opportunity.stage_id, reached_id, bool(opportunity.active))
        bucket = groups.setdefault(key, [0, Decimal(0), Decimal(0)])
        bucket[0] += 1
        bucket[1] += value
        bucket[2] += value * probability / _HUNDRED
    stage_days = [
        StageDays(stage_id, count, total)
        for stage_id, (total, count) in _stay_totals(stays, now).items()
    ]
    return funnel_report_from_groups(
        stages,
        [
            FunnelGroup(stage_id, count, amount, weighted, active, reached_id)
            for (stage_id, reached_id, active), (count, amount, weighted) in (
                groups.items()
            )
        ],
        stage_days,
    )


def funnel_report_from_groups(
    stages: Sequence[Stage],
    groups: Iterable[FunnelGroup],
    stage_days: Iterable[StageDays] = (),
) -> FunnelReport:
    """Full funnel report (see the module docstring for the definitions) from the
    opportunities and the stays aggregated by the caller (one ``GROUP BY`` each, whatever
    the volume)."""
    stages = list(stages)
    index = _stage_index(stages)
    size = len(stages)
    count = [0] * size
    amount = [Decimal(0)] * size
    weighted = [Decimal(0)] * size
    furthest = [0] * size  # opportunities whose furthest stage is exactly this one
    for number, group in enumerate(groups):
        if group.stage_id not in index:
            raise DomainError(
                "unknown_stage",
                f"group #{number} is in unknown stage {group.stage_id!r}",
            )
        position = index[group.stage_id]
        reached_id = group.reached_stage_id
        if reached_id is None:
            reached_position = position
        elif reached_id in index:
            reached_position = max(index[reached_id], position)
        else:
            raise DomainError(
                "unknown_stage",
                f"group #{number} reached unknown stage {reached_id!r}",
            )
        number_of = check_int(group.count, f"count of group #{number}", minimum=0)
        furthest[reached_position] += number_of
        if group.active:
            count[position] += number_of
            amount[position] += to_decimal(group.amount, f"amount of group #{number}")
            weighted[position] += to_decimal(
                group.weighted_amount, f"weighted amount of group #{number}"
            )
    reached = [sum(furthest[position:]) for position in range(size)]
    days = {}
    for item in stage_days:
        stays = check_int(item.stays, "stays", minimum=0)
        if stays:
            total = to_decimal(item.total_days, f"days in stage {item.stage_id}")
            days[item.stage_id] = float(total) / stays
    rows = []
    for position, stage in enumerate(stages):
        conversion = None
        if position + 1 < size and reached[position]:
            conversion = reached[position + 1] / reached[position]
        rows.append(
            FunnelRow(
                stage_id=stage.stage_id,
                count=count[position],
                amount=float(amount[position]),
                weighted_amount=float(weighted[position]),
                reached=reached[position],
                conversion=conversion,
                avg_days=days.get(stage.stage_id),
            )
        )
    return FunnelReport(
        rows=tuple(rows),
        count=sum(count),
        amount=float(sum(amount, Decimal(0))),
        weighted_amount=float(sum(weighted, Decimal(0))),
        overall_conversion=reached[-1] / reached[0] if reached[0] else None,
    )


def is_stale(last_activity: date, today: date, stale_days: int = 30) -> bool:
    """True when ``last_activity`` is at least ``stale_days`` days before ``today``.

    Pass the creation date when the opportunity never had an activity.
    """
    check_int(stale_days, "stale_days", minimum=1)
    if last_activity is None or last_activity is False:
        raise DomainError(
            "last_activity_required",
            "last_activity is required (pass the creation date when there was no activity)",
        )
    return (
        as_date(today, "today") - as_date(last_activity, "last_activity")
    ).days >= stale_days


def stale_opportunities(
    last_activities: Mapping[int, date], today: date, stale_days: int = 30
) -> list[int]:
    """Ids (sorted) of the opportunities that are stale on ``today``."""
    return [
        opportunity_id
        for opportunity_id in sorted(last_activities)
        if is_stale(last_activities[opportunity_id], today, stale_days)
    ]
