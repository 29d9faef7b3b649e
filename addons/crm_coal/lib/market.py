"""Week-over-week / month-over-month changes of price and port-stock series.

A series is a sequence of ``(date, value)`` observations sorted by strictly
increasing date (one observation per date), values ≥ 0 (prices CNY/t, port
stock in 10 kt …).  Unsorted or duplicate dates are refused.

Change rule
    * The *current* observation is the latest one on or before ``on_date``
      (default: the last observation of the series).
    * The *previous* observation is the latest one on or before
      ``current date − days`` (7 for week over week, 30 for month over month);
      quotes are not published every day (weekends, weekly indices), so the
      closest earlier observation stands in for a missing one.
    * ``max_gap_days`` (optional) bounds how stale that stand-in may be: the
      previous observation must be dated on or after
      ``current date − days − max_gap_days``, otherwise there is no change.
    * No current or no previous observation → ``None``.
    * ``change = current − previous`` and ``change_pct = change / previous ×
      100``, both rounded half up to 2 decimals; ``change_pct`` is ``None``
      when the previous value is 0.

Alert
    :func:`move_alert` fires when ``|change_pct|`` is strictly beyond the
    threshold and tells the direction.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from .common import (
    DECIMAL_PRECISION,
    DomainError,
    Number,
    check_non_negative,
    require_date,
    require_int,
    round_half_up,
    to_decimal,
)

__all__ = [
    "WEEK_DAYS",
    "MONTH_DAYS",
    "MOVE_UP",
    "MOVE_DOWN",
    "PriceChange",
    "period_change",
    "week_over_week",
    "month_over_month",
    "series_changes",
    "move_alert",
]

WEEK_DAYS = 7
MONTH_DAYS = 30
MOVE_UP = "up"
MOVE_DOWN = "down"

Series = Sequence[tuple[date, Number]]


@dataclass(frozen=True)
class PriceChange:
    """Change between two observations of a series (see module docstring)."""

    date: date
    value: float
    previous_date: date
    previous_value: float
    change: float
    change_pct: float | None


def _validated(series: Series) -> tuple[list[date], list[Decimal]]:
    dates: list[date] = []
    values: list[Decimal] = []
    for item in series:
        if not isinstance(item, tuple) or len(item) != 2:
            raise DomainError(
                "invalid_series_item",
                f"series items must be (date, value) pairs, got {item!r}",
                value=repr(item),
            )
        day, value = item
        require_date(day, "observation date")
        if dates and day == dates[-1]:
            raise DomainError(
                "duplicate_observation",
                f"series has two observations for {day.isoformat()}",
                date=day.isoformat(),
            )
        if dates and day < dates[-1]:
            raise DomainError(
                "series_not_sorted",
                f"series must be sorted by date: {day.isoformat()} comes after "
                f"{dates[-1].isoformat()}",
                date=day.isoformat(),
                previous=dates[-1].isoformat(),
            )
        dates.append(day)
        values.append(check_non_negative(value, "observation value"))
    return dates, values


def _change(
    dates: list[date],
    values: list[Decimal],
    index: int,
    days: int,
    max_gap_days: int | None,
) -> PriceChange | None:
    current_date = dates[index]
    target = current_date - timedelta(days=days)
    prev = bisect.bisect_right(dates, target, 0, index) - 1
    if prev < 0:
        return None
    if max_gap_days is not None and dates[prev] < target - timedelta(days=max_gap_days):
        return None
    current, previous = values[index], values[prev]
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        diff = current - previous
        pct = round_half_up(diff * 100 / previous) if previous else None
    return PriceChange(
        date=current_date,
        value=float(current),
        previous_date=dates[prev],
        previous_value=float(previous),
        change=round_half_up(diff),
        change_pct=pct,
    )


def period_change(
    series: Series,
    days: int,
    on_date: date | None = None,
    max_gap_days: int | None = None,
) -> PriceChange | None:
    """Change of ``series`` at ``on_date`` against the observation ``days`` earlier."""
    require_int(days, "days", 1)
    if max_gap_days is not None:
        require_int(max_gap_days, "max_gap_days", 0)
    dates, values = _validated(series)
    if on_date is None:
        index = len(dates) - 1
    else:
        index = bisect.bisect_right(dates, require_date(on_date, "on_date")) - 1
    if index < 0:
        return None
    return _change(dates, values, index, days, max_gap_days)


def week_over_week(
    series: Series, on_date: date | None = None, max_gap_days: int | None = None
) -> PriceChange | None:
    """:func:`period_change` over 7 days."""
    return period_change(series, WEEK_DAYS, on_date, max_gap_days)


def month_over_month(
    series: Series, on_date: date | None = None, max_gap_days: int | None = None
) -> PriceChange | None:
    """:func:`period_change` over 30 days."""
    return period_change(series, MONTH_DAYS, on_date, max_gap_days)


def series_changes(
    series: Series, days: int, max_gap_days: int | None = None
) -> list[PriceChange | None]:
    """The change at every observation of ``series`` (one pass, for graphs and batch refresh)."""
    require_int(days, "days", 1)
    if max_gap_days is not None:
        require_int(max_gap_days, "max_gap_days", 0)
    dates, values = _validated(series)
    return [_change(dates, values, i, days, max_gap_days) for i in range(len(dates))]


def move_alert(change_pct: Number | None, threshold_pct: Number) -> str | None:
    """``'up'`` / ``'down'`` when ``|change_pct| > threshold_pct``, else ``None``.

    ``change_pct`` ``None`` (no comparison possible) never alerts; the
    threshold must not be negative.
    """
    threshold = check_non_negative(threshold_pct, "threshold_pct")
    if change_pct is None:
        return None
    change = to_decimal(change_pct, "change_pct")
    if abs(change) <= threshold:
        return None
    return MOVE_UP if change > 0 else MOVE_DOWN
