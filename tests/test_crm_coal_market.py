"""Tier 1: crm_coal week-over-week / month-over-month changes and move alerts (spec §1.3)."""

from datetime import date
import re

from crm_coal_lib.common import DomainError
from crm_coal_lib.market import (
    PriceChange,
    month_over_month,
    move_alert,
    period_change,
    series_changes,
    week_over_week,
)
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def d(month, day_):
    return date(2024, month, day_)


# Qinhuangdao Q5500 FOB, CNY/t — quotes on working days only
Q5500 = [
    (d(1, 2), 700),
    (d(1, 8), 705),
    (d(1, 9), 710),
    (d(1, 15), 725),
    (d(1, 16), 730),
    (d(1, 17), 732),
    (d(2, 15), 720),
]


def test_week_over_week_exact_previous_date():
    change = week_over_week(Q5500, d(1, 15))
    # 725 − 705 = 20; 20 / 705 = 2.8368…%
    assert change == PriceChange(d(1, 15), 725.0, d(1, 8), 705.0, 20.0, 2.84)


def test_week_over_week_takes_closest_observation_on_or_before():
    # target 01-10 has no quote: 01-09 stands in (not the later 01-15)
    change = week_over_week(Q5500, d(1, 17))
    assert (change.previous_date, change.previous_value) == (d(1, 9), 710.0)
    assert (change.change, change.change_pct) == (22.0, 3.1)  # 22 / 710 = 3.0985…%


def test_current_is_latest_observation_on_or_before_the_date():
    # no quote on 01-20: the 01-17 quote is current, compared with 01-09
    assert week_over_week(Q5500, d(1, 20)) == week_over_week(Q5500, d(1, 17))
    # default: the last observation of the series
    assert week_over_week(Q5500).date == d(2, 15)


def test_month_over_month():
    change = month_over_month(Q5500, d(2, 15))
    # target 01-16 → 730; 720 − 730 = −10; −10 / 730 = −1.3698…%
    assert change == PriceChange(d(2, 15), 720.0, d(1, 16), 730.0, -10.0, -1.37)


def test_no_change_without_previous_or_current():
    assert week_over_week(Q5500, d(1, 8)) is None  # target 01-01: nothing before
    assert week_over_week(Q5500, d(1, 1)) is None  # nothing on or before 01-01
    assert month_over_month(Q5500, d(1, 17)) is None
    assert week_over_week([]) is None


def test_max_gap_days_bounds_stale_previous():
    assert (
        week_over_week(Q5500, d(1, 17), max_gap_days=0) is None
    )  # 01-09 is 1 day before 01-10
    assert week_over_week(Q5500, d(1, 17), max_gap_days=1).previous_date == d(1, 9)
    # month over month on 02-15 targets 01-16, which exists: a zero gap is enough
    assert month_over_month(Q5500, d(2, 15), max_gap_days=0).previous_date == d(1, 16)


def test_period_change_any_length():
    change = period_change(Q5500, 1, d(1, 16))
    assert (change.previous_date, change.change, change.change_pct) == (
        d(1, 15),
        5.0,
        0.69,
    )


def test_port_stock_from_zero_has_no_percentage():
    stock = [(d(3, 1), 0), (d(3, 8), 945.61)]  # 10 kt; Qinhuangdao 9.4561 Mt
    change = week_over_week(stock)
    assert change.change == 945.61
    assert change.change_pct is None


def test_series_changes_matches_period_change_at_every_point():
    changes = series_changes(Q5500, 7)
    assert len(changes) == len(Q5500)
    # 01-02 and 01-08 have no week-old quote
    assert changes[0] is None and changes[1] is None
    for (day_, _value), change in zip(Q5500, changes, strict=True):
        assert change == period_change(Q5500, 7, day_)
    assert series_changes([], 30) == []
    assert series_changes(Q5500, 7, max_gap_days=0)[5] is None


@pytest.mark.parametrize(
    "series, message",
    [
        (
            [(d(1, 9), 700), (d(1, 8), 705)],
            "series must be sorted by date: 2024-01-08 comes after 2024-01-09",
        ),
        (
            [(d(1, 8), 700), (d(1, 8), 705)],
            "series has two observations for 2024-01-08",
        ),
        ([(d(1, 8), -1)], "observation value must not be negative, got -1"),
        ([(d(1, 8), None)], "observation value must be a number, got None"),
        ([("2024-01-08", 700)], "observation date must be a date, got '2024-01-08'"),
        (
            [[d(1, 8), 700]],
            "series items must be (date, value) pairs, got [datetime.date(2024, 1, 8), 700]",
        ),
    ],
)
def test_bad_series(series, message):
    with raises(message):
        week_over_week(series)
    with raises(message):
        series_changes(series, 7)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: period_change(Q5500, 0), "days must be at least 1, got 0"),
        (lambda: period_change(Q5500, "7"), "days must be an integer, got '7'"),
        (
            lambda: week_over_week(Q5500, max_gap_days=-1),
            "max_gap_days must be at least 0, got -1",
        ),
        (
            lambda: series_changes(Q5500, 7, max_gap_days=-1),
            "max_gap_days must be at least 0, got -1",
        ),
        (
            lambda: week_over_week(Q5500, "2024-01-15"),
            "on_date must be a date, got '2024-01-15'",
        ),
    ],
)
def test_bad_arguments(call, message):
    with raises(message):
        call()


@pytest.mark.parametrize(
    "change_pct, threshold, alert",
    [
        (2.84, 2, "up"),
        (-3.01, 3, "down"),
        (3, 3, None),  # strictly beyond the threshold
        (-3, 3, None),
        (0.01, 0, "up"),
        (0, 0, None),
        (None, 3, None),
    ],
)
def test_move_alert(change_pct, threshold, alert):
    assert move_alert(change_pct, threshold) == alert


def test_move_alert_bad_input():
    with raises("threshold_pct must not be negative, got -1"):
        move_alert(5, -1)
    with raises("change_pct must be a number, got '5'"):
        move_alert("5", 1)
