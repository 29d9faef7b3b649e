"""Days of supply of a key account and timeliness of on-site (驻厂员) reports.

Days of supply (spec §1.2)
    ``days = stockpile / average daily burn``, the average taken over the last
    ``N`` days (default 7).

    * With dated burns, the window is the ``N`` calendar days ending on
      ``as_of`` (default: the latest reported date), both ends included; the
      average is taken over the days *reported* in the window — a day without
      a report is unknown, not a zero burn.  Two burns for the same date are
      refused: aggregate corrections before calling.
    * With a plain sequence of burns (oldest first), the last ``N`` values are
      averaged.
    * No burn data → ``None`` (unknown).  A zero average burn → ``math.inf``
      (the stock lasts indefinitely; the Odoo layer shows it as "no burn").
      An empty stockpile → ``0.0`` days, whatever the burn.
    * Negative stock or burn is refused.

Supply levels (defaults are settings in Odoo): ``red`` below 7 days,
``amber`` below 15, ``watch`` from 15 up to (not including) 20, ``normal``
from 20.  The spec leaves 15–20 open: it is neither an alert nor comfortable,
so it gets its own ``watch`` level (no activity, highlighted on the
dashboard).  Infinite days are ``normal``; unknown days have no level.

Report timeliness (spec §1.2)
    Reports are expected every ``every_days`` days from the start of the
    representative's assignment (daily by default).  The report for expected
    date ``D`` is due at the end of ``D`` (midnight) plus ``grace_hours``; a
    report covers expected date ``D`` when its report date falls in
    ``[D, D + every_days)``.  The earliest such filing decides: ``on_time``
    when filed at or before the deadline, ``late`` after it; no filing is
    ``missing`` — or ``pending`` while the deadline has not passed at ``now``.
    Datetimes are naive, in the company's local time (the Odoo layer converts
    from UTC before calling).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
import math

from .common import (
    DomainError,
    Number,
    check_non_negative,
    require_date,
    require_datetime,
    require_int,
    round_half_up,
    to_decimal,
)

__all__ = [
    "LEVEL_RED",
    "LEVEL_AMBER",
    "LEVEL_WATCH",
    "LEVEL_NORMAL",
    "STATUS_ON_TIME",
    "STATUS_LATE",
    "STATUS_MISSING",
    "STATUS_PENDING",
    "average_daily_burn",
    "days_of_supply_from_average",
    "days_of_supply",
    "supply_level",
    "ALERT_LEVELS",
    "low_stock_alerts",
    "expected_report_dates",
    "report_deadline",
    "ReportStatus",
    "TimelinessSummary",
    "classify_reports",
    "summarize_timeliness",
    "timeliness_by_representative",
]

LEVEL_RED = "red"
LEVEL_AMBER = "amber"
LEVEL_WATCH = "watch"
LEVEL_NORMAL = "normal"

STATUS_ON_TIME = "on_time"
STATUS_LATE = "late"
STATUS_MISSING = "missing"
STATUS_PENDING = "pending"

BurnInput = Sequence[Number] | Sequence[tuple[date, Number]]


# ---------------------------------------------------------------------------
# Days of supply
# ---------------------------------------------------------------------------


def average_daily_burn(
    burns: BurnInput, days: int = 7, as_of: date | None = None
) -> float | None:
    """Average daily burn over the last ``days`` days, or ``None`` without data.

    ``burns`` is either a sequence of numbers (oldest first; the last
    ``days`` values count) or a sequence of ``(date, burn)`` pairs in any
    order (the ``days`` calendar days ending on ``as_of`` count; ``as_of``
    defaults to the latest date).  ``as_of`` is only allowed with dated burns.
    """
    require_int(days, "days", 1)
    items = list(burns)
    if not items:
        if as_of is not None:
            require_date(as_of, "as_of")
        return None
    dated = isinstance(items[0], tuple)
    if dated:
        values = _window_of_dated_burns(items, days, as_of)
    else:
        if as_of is not None:
            raise DomainError(
                "as_of_needs_dated_burns", "as_of needs dated burns, got plain numbers"
            )
        for item in items:
            if isinstance(item, tuple):
                raise DomainError(
                    "mixed_burns", "burns mix dated pairs and plain numbers"
                )
        values = [check_non_negative(v, "burn") for v in items[-days:]]
    if not values:
        return None
    return float(sum(values, Decimal(0)) / len(values))


def _window_of_dated_burns(items: list, days: int, as_of: date | None) -> list[Decimal]:
    by_date: dict[date, Decimal] = {}
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise DomainError("mixed_burns", "burns mix dated pairs and plain numbers")
        day, burn = item
        require_date(day, "burn date")
        value = check_non_negative(burn, "burn")
        if day in by_date:
            raise DomainError(
                "duplicate_burn",
                f"more than one burn for {day.isoformat()}",
                date=day.isoformat(),
            )
        by_date[day] = value
    end = require_date(as_of, "as_of") if as_of is not None else max(by_date)
    start = end - timedelta(days=days - 1)
    return [value for day, value in by_date.items() if start <= day <= end]


def days_of_supply_from_average(
    stockpile: Number, average_burn: Number | None
) -> float | None:
    """``stockpile / average_burn`` in days (unrounded float).

    ``None`` when the average is unknown, ``0.0`` for an empty stockpile,
    ``math.inf`` when the average burn is zero.
    """
    stock = check_non_negative(stockpile, "stockpile")
    if average_burn is None:
        return None
    burn = check_non_negative(average_burn, "average_burn")
    if stock == 0:
        return 0.0
    if burn == 0:
        return math.inf
    return float(stock / burn)


def days_of_supply(
    stockpile: Number, burns: BurnInput, days: int = 7, as_of: date | None = None
) -> float | None:
    """Days of supply from a stockpile and the recent burns (see :func:`average_daily_burn`)."""
    check_non_negative(stockpile, "stockpile")
    return days_of_supply_from_average(
        stockpile, average_daily_burn(burns, days, as_of)
    )


def supply_level(
    days: float | None, red: Number = 7, amber: Number = 15, normal: Number = 20
) -> str | None:
    """Alert level for a days-of-supply figure.

    ``'red'`` if ``days < red``, ``'amber'`` if ``days < amber``, ``'watch'``
    if ``days < normal``, else ``'normal'`` (infinity included); ``None`` for
    unknown days.  Thresholds must satisfy ``0 <= red <= amber <= normal``.
    """
    red_d = check_non_negative(red, "red threshold")
    amber_d = check_non_negative(amber, "amber threshold")
    normal_d = check_non_negative(normal, "normal threshold")
    if not red_d <= amber_d <= normal_d:
        raise DomainError(
            "supply_thresholds_unordered",
            "supply thresholds must satisfy red <= amber <= normal, "
            f"got red={red}, amber={amber}, normal={normal}",
            red=red,
            amber=amber,
            normal=normal,
        )
    if days is None:
        return None
    if isinstance(days, float) and math.isinf(days) and days > 0:
        return LEVEL_NORMAL
    value = check_non_negative(days, "days of supply")
    if value < red_d:
        return LEVEL_RED
    if value < amber_d:
        return LEVEL_AMBER
    if value < normal_d:
        return LEVEL_WATCH
    return LEVEL_NORMAL


# Levels that raise a "low coal stock" activity, the most urgent first.
ALERT_LEVELS = (LEVEL_RED, LEVEL_AMBER)


def low_stock_alerts(
    old_level: str | None, new_level: str | None, open_levels: Iterable[str] = ()
) -> tuple[str | None, frozenset[str]]:
    """What a change of supply level does to an account's "low coal stock" activities.

    ``open_levels``: the alert levels of the account's open activities.  Returns
    ``(level to raise or None, levels whose open activity is closed)``:

    * no change of level (another report at the same level): nothing;
    * into ``red``: a red activity unless one is open; an open amber one is closed
      (superseded: the red one carries the alert);
    * into ``amber`` (from above, or up from red): an amber activity unless an amber
      or a red one is open (an open red one stays: the stock is still low);
    * into ``watch`` or ``normal``: every open alert is closed (stock back above
      the amber threshold);
    * into an unknown level (no report left): nothing is known, nothing changes.

    At most one open activity per account and level follows, and at most one in all
    when every change goes through here.
    """
    for level in (old_level, new_level):
        if level not in (None, LEVEL_RED, LEVEL_AMBER, LEVEL_WATCH, LEVEL_NORMAL):
            raise DomainError(
                "unknown_supply_level", f"unknown supply level {level!r}", level=level
            )
    opened = frozenset(open_levels)
    unknown = opened - set(ALERT_LEVELS)
    if unknown:
        raise DomainError(
            "not_an_alert_level",
            f"open activities are red or amber, got {sorted(unknown)}",
            levels=sorted(unknown),
        )
    if new_level == old_level or new_level is None:
        return None, frozenset()
    if new_level == LEVEL_RED:
        return (
            None if LEVEL_RED in opened else LEVEL_RED,
            opened & {LEVEL_AMBER},
        )
    if new_level == LEVEL_AMBER:
        return (None if opened else LEVEL_AMBER), frozenset()
    return None, opened


# ---------------------------------------------------------------------------
# Report timeliness
# ---------------------------------------------------------------------------


def expected_report_dates(start: date, end: date, every_days: int = 1) -> list[date]:
    """Dates a report is expected on: ``start``, ``start + every_days``, … up to ``end``
    included."""
    require_date(start, "start")
    require_date(end, "end")
    require_int(every_days, "every_days", 1)
    if end < start:
        raise DomainError(
            "end_before_start",
            f"end {end.isoformat()} is before start {start.isoformat()}",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    count = (end - start).days // every_days + 1
    return [start + timedelta(days=i * every_days) for i in range(count)]


def report_deadline(expected_date: date, grace_hours: Number = 0) -> datetime:
    """When the report for ``expected_date`` is due: midnight ending that day plus the grace."""
    require_date(expected_date, "expected_date")
    grace = check_non_negative(grace_hours, "grace_hours")
    return datetime.combine(expected_date + timedelta(days=1), time.min) + timedelta(
        hours=float(grace)
    )


@dataclass(frozen=True)
class ReportStatus:
    """Timeliness of one expected report.

    ``filed_at`` is the earliest filing covering the expected date (or
    ``None``); ``delay_hours`` is how long after the deadline a ``late``
    report came (2 decimals), else ``None``.
    """

    expected_date: date
    status: str
    deadline: datetime
    filed_at: datetime | None = None
    delay_hours: float | None = None


@dataclass(frozen=True)
class TimelinessSummary:
    """Counts of a representative's expected reports by status.

    ``on_time_rate`` is on-time reports in percent of the expected reports
    whose deadline has passed (2 decimals), ``None`` when there are none.
    """

    expected: int
    on_time: int
    late: int
    missing: int
    pending: int
    on_time_rate: float | None
    statuses: tuple[ReportStatus, ...] = ()


def classify_reports(
    filings: Iterable[tuple[date, datetime]],
    start: date,
    end: date,
    every_days: int = 1,
    grace_hours: Number = 0,
    now: datetime | None = None,
) -> list[ReportStatus]:
    """Classify each expected report date from ``start`` to ``end`` (see module docstring).

    ``filings`` are ``(report_date, filed_at)`` pairs.  Filings whose report
    date is outside every expected period are ignored.  A filing made before
    the start of its own report date is refused (a report cannot precede the
    day it reports on).  Without ``now`` every deadline counts as passed.
    """
    expected = expected_report_dates(start, end, every_days)
    check_non_negative(grace_hours, "grace_hours")
    if now is not None:
        require_datetime(now, "now")
    earliest: dict[int, datetime] = {}
    for item in filings:
        if not isinstance(item, tuple) or len(item) != 2:
            raise DomainError(
                "invalid_filing",
                f"filings must be (report_date, filed_at) pairs, got {item!r}",
                value=repr(item),
            )
        report_date, filed_at = item
        require_date(report_date, "report_date")
        require_datetime(filed_at, "filed_at")
        if filed_at < datetime.combine(report_date, time.min):
            raise DomainError(
                "filed_before_report_date",
                f"report for {report_date.isoformat()} filed at "
                f"{filed_at.isoformat(sep=' ')}, before that date",
                report_date=report_date.isoformat(),
                filed_at=filed_at.isoformat(sep=" "),
            )
        offset = (report_date - start).days
        if offset < 0:
            continue
        index = offset // every_days
        if index >= len(expected):
            continue
        if index not in earliest or filed_at < earliest[index]:
            earliest[index] = filed_at

    result = []
    for index, day in enumerate(expected):
        deadline = report_deadline(day, grace_hours)
        filed_at = earliest.get(index)
        if filed_at is None:
            status = (
                STATUS_PENDING if now is not None and now < deadline else STATUS_MISSING
            )
            result.append(ReportStatus(day, status, deadline))
        elif filed_at <= deadline:
            result.append(ReportStatus(day, STATUS_ON_TIME, deadline, filed_at))
        else:
            delay = round_half_up((filed_at - deadline).total_seconds() / 3600)
            result.append(ReportStatus(day, STATUS_LATE, deadline, filed_at, delay))
    return result


def summarize_timeliness(statuses: Iterable[ReportStatus]) -> TimelinessSummary:
    """Count ``statuses`` (from :func:`classify_reports`) into a :class:`TimelinessSummary`."""
    items = tuple(statuses)
    counts = {STATUS_ON_TIME: 0, STATUS_LATE: 0, STATUS_MISSING: 0, STATUS_PENDING: 0}
    for item in items:
        if item.status not in counts:
            raise DomainError(
                "unknown_report_status",
                f"unknown report status {item.status!r}",
                status=repr(item.status),
            )
        counts[item.status] += 1
    due = len(items) - counts[STATUS_PENDING]
    rate = (
        round_half_up(to_decimal(counts[STATUS_ON_TIME], "on_time") * 100 / due)
        if due
        else None
    )
    return TimelinessSummary(
        expected=len(items),
        on_time=counts[STATUS_ON_TIME],
        late=counts[STATUS_LATE],
        missing=counts[STATUS_MISSING],
        pending=counts[STATUS_PENDING],
        on_time_rate=rate,
        statuses=items,
    )


def timeliness_by_representative(
    assignments: Mapping[Hashable, tuple[date, date]],
    filings: Iterable[tuple[Hashable, date, datetime]],
    every_days: int = 1,
    grace_hours: Number = 0,
    now: datetime | None = None,
) -> dict[Hashable, TimelinessSummary]:
    """Timeliness summary per representative.

    ``assignments`` maps a key (a representative id, or a ``(representative,
    account)`` pair) to the ``(start, end)`` dates reports are expected;
    ``filings`` are ``(key, report_date, filed_at)`` triples.  Filings of keys
    without an assignment are ignored.  Keys of the result follow
    ``assignments``.
    """
    grouped: dict[Hashable, list[tuple[date, datetime]]] = {
        key: [] for key in assignments
    }
    for item in filings:
        if not isinstance(item, tuple) or len(item) != 3:
            raise DomainError(
                "invalid_filing",
                f"filings must be (key, report_date, filed_at) triples, got {item!r}",
                value=repr(item),
            )
        key, report_date, filed_at = item
        if key in grouped:
            grouped[key].append((report_date, filed_at))
    result = {}
    for key, window in assignments.items():
        if not isinstance(window, tuple) or len(window) != 2:
            raise DomainError(
                "invalid_assignment",
                f"assignment of {key!r} must be a (start, end) pair, got {window!r}",
                key=repr(key),
                value=repr(window),
            )
        start, end = window
        statuses = classify_reports(
            grouped[key], start, end, every_days, grace_hours, now
        )
        result[key] = summarize_timeliness(statuses)
    return result
