"""Tier 1: crm_coal days of supply, supply levels and report timeliness (spec §1.2)."""

from datetime import date, datetime, timedelta, timezone
import math
import re

from crm_coal_lib.common import DomainError
from crm_coal_lib.supply import (
    ReportStatus,
    TimelinessSummary,
    average_daily_burn,
    classify_reports,
    days_of_supply,
    days_of_supply_from_average,
    expected_report_dates,
    low_stock_alerts,
    report_deadline,
    summarize_timeliness,
    supply_level,
    timeliness_by_representative,
)
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


D = date(2024, 3, 1)


def day(n):
    """2024-03-01 + n days."""
    return D + timedelta(days=n)


# ---------------------------------------------------------------------------
# average_daily_burn
# ---------------------------------------------------------------------------


def test_average_of_the_last_seven_plain_burns():
    burns = [10, 20, 30, 40, 50, 60, 70, 80]
    assert average_daily_burn(burns) == 50.0  # 20…80
    assert average_daily_burn(burns, days=3) == 70.0  # 60, 70, 80
    assert average_daily_burn(burns, days=1) == 80.0
    assert average_daily_burn([10, 20]) == 15.0  # fewer values than days
    assert average_daily_burn([0.1, 0.2]) == 0.15  # exact, not 0.15000000000000002


def test_average_without_data_is_unknown():
    assert average_daily_burn([]) is None
    assert average_daily_burn([], as_of=D) is None


def test_dated_window_is_the_last_n_calendar_days():
    burns = [(day(0), 100), (day(1), 9000), (day(3), 11000), (day(7), 10000)]
    # window day(1)…day(7): 9000, 11000, 10000 (day(0) is 8 days before day(7))
    assert average_daily_burn(burns) == 10000.0
    # order does not matter
    assert average_daily_burn(list(reversed(burns))) == 10000.0
    # a day without a report is unknown, not a zero burn
    assert average_daily_burn([(day(0), 12000), (day(6), 8000)]) == 10000.0


def test_dated_window_with_as_of():
    burns = [(day(0), 100), (day(1), 200), (day(2), 300), (day(9), 900)]
    assert average_daily_burn(burns, days=2, as_of=day(2)) == 250.0
    assert average_daily_burn(burns, days=7, as_of=day(6)) == 200.0
    assert (
        average_daily_burn(burns, days=2, as_of=day(5)) is None
    )  # nothing in day(4)…day(5)
    assert average_daily_burn(burns, days=1, as_of=day(9)) == 900.0


@pytest.mark.parametrize(
    "burns, kwargs, message",
    [
        ([10, -1], {}, "burn must not be negative, got -1"),
        ([(D, -5)], {}, "burn must not be negative, got -5"),
        ([(D, 1), (D, 2)], {}, "more than one burn for 2024-03-01"),
        ([(D, 1), 2], {}, "burns mix dated pairs and plain numbers"),
        ([2, (D, 1)], {}, "burns mix dated pairs and plain numbers"),
        ([10], {"as_of": D}, "as_of needs dated burns, got plain numbers"),
        ([10], {"days": 0}, "days must be at least 1, got 0"),
        ([10], {"days": 7.0}, "days must be an integer, got 7.0"),
        (
            [(datetime(2024, 3, 1, 8), 1)],
            {},
            "burn date must be a date, got datetime.datetime(2024, 3, 1, 8, 0)",
        ),
        ([(D, 1)], {"as_of": "2024-03-01"}, "as_of must be a date, got '2024-03-01'"),
        (["10"], {}, "burn must be a number, got '10'"),
    ],
)
def test_average_bad_input(burns, kwargs, message):
    with raises(message):
        average_daily_burn(burns, **kwargs)


# ---------------------------------------------------------------------------
# days_of_supply
# ---------------------------------------------------------------------------


def test_days_of_supply_from_seven_days_of_burn():
    burns = [
        (day(i), b)
        for i, b in enumerate([9000, 10000, 11000, 10000, 10000, 10500, 9500])
    ]
    assert days_of_supply(150000, burns) == 15.0
    assert days_of_supply(84000, [12000] * 7) == 7.0
    assert days_of_supply(50000, [12000] * 7) == pytest.approx(4.1666666667)


def test_days_of_supply_edge_cases():
    assert days_of_supply_from_average(100000, 0) == math.inf
    assert days_of_supply_from_average(0, 0) == 0.0
    assert days_of_supply_from_average(0, 5000) == 0.0
    assert days_of_supply_from_average(100000, None) is None
    assert days_of_supply(100000, []) is None
    assert days_of_supply(100000, [0, 0, 0]) == math.inf


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: days_of_supply(-5, [100]), "stockpile must not be negative, got -5"),
        (lambda: days_of_supply(-5, []), "stockpile must not be negative, got -5"),
        (
            lambda: days_of_supply(100, [100, -100]),
            "burn must not be negative, got -100",
        ),
        (
            lambda: days_of_supply_from_average(100, -1),
            "average_burn must not be negative, got -1",
        ),
        (
            lambda: days_of_supply_from_average(None, 1),
            "stockpile must be a number, got None",
        ),
    ],
)
def test_days_of_supply_bad_input(call, message):
    with raises(message):
        call()


# ---------------------------------------------------------------------------
# supply_level
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "days, level",
    [
        (0, "red"),
        (6.99, "red"),
        (7, "amber"),
        (14.99, "amber"),
        (15, "watch"),
        (19.99, "watch"),
        (20, "normal"),
        (365, "normal"),
        (math.inf, "normal"),
        (None, None),
    ],
)
def test_supply_level_default_thresholds(days, level):
    assert supply_level(days) == level


def test_supply_level_custom_thresholds():
    assert supply_level(9.9, red=10, amber=12, normal=12) == "red"
    assert supply_level(11, red=10, amber=12, normal=12) == "amber"
    assert supply_level(12, red=10, amber=12, normal=12) == "normal"  # no watch band
    assert supply_level(0, red=0, amber=0, normal=0) == "normal"


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (
            (10,),
            {"red": 15, "amber": 7},
            "supply thresholds must satisfy red <= amber <= normal, got red=15, amber=7, normal=20",
        ),
        (
            (10,),
            {"amber": 25},
            "supply thresholds must satisfy red <= amber <= normal, got red=7, amber=25, normal=20",
        ),
        ((10,), {"red": -1}, "red threshold must not be negative, got -1"),
        ((-0.5,), {}, "days of supply must not be negative, got -0.5"),
        ((-math.inf,), {}, "days of supply must be a finite number, got -inf"),
        ((math.nan,), {}, "days of supply must be a finite number, got nan"),
    ],
)
def test_supply_level_bad_input(args, kwargs, message):
    with raises(message):
        supply_level(*args, **kwargs)


# ---------------------------------------------------------------------------
# Report schedule and timeliness
# ---------------------------------------------------------------------------


def test_expected_report_dates():
    assert expected_report_dates(D, day(2)) == [day(0), day(1), day(2)]
    assert expected_report_dates(D, D) == [D]
    assert expected_report_dates(D, day(9), every_days=3) == [
        day(0),
        day(3),
        day(6),
        day(9),
    ]
    assert expected_report_dates(D, day(8), every_days=3) == [day(0), day(3), day(6)]


@pytest.mark.parametrize(
    "args, message",
    [
        ((day(1), D), "end 2024-03-01 is before start 2024-03-02"),
        ((D, day(1), 0), "every_days must be at least 1, got 0"),
        ((D, day(1), True), "every_days must be an integer, got True"),
        ((None, day(1)), "start must be a date, got None"),
    ],
)
def test_expected_report_dates_bad_input(args, message):
    with raises(message):
        expected_report_dates(*args)


def test_report_deadline():
    assert report_deadline(D) == datetime(2024, 3, 2, 0, 0)
    assert report_deadline(D, 2) == datetime(2024, 3, 2, 2, 0)
    assert report_deadline(D, 1.5) == datetime(2024, 3, 2, 1, 30)
    with raises("grace_hours must not be negative, got -1"):
        report_deadline(D, -1)


FILINGS = [
    (day(0), datetime(2024, 3, 1, 18, 0)),  # on time
    (day(1), datetime(2024, 3, 3, 0, 0)),  # exactly at the deadline: on time
    (day(2), datetime(2024, 3, 4, 9, 30)),  # 9.5 h late
    # day(3): nothing — missing
    (day(4), datetime(2024, 3, 6, 10, 0)),  # a correction filed late …
    (day(4), datetime(2024, 3, 5, 20, 0)),  # … the first filing was on time
    (day(-1), datetime(2024, 2, 29, 12, 0)),  # before the schedule: ignored
    (day(9), datetime(2024, 3, 10, 12, 0)),  # after the schedule: ignored
]


def test_classify_daily_reports():
    statuses = classify_reports(FILINGS, D, day(4))
    assert [s.status for s in statuses] == [
        "on_time",
        "on_time",
        "late",
        "missing",
        "on_time",
    ]
    assert statuses[2] == ReportStatus(
        day(2), "late", datetime(2024, 3, 4), datetime(2024, 3, 4, 9, 30), 9.5
    )
    assert statuses[3] == ReportStatus(day(3), "missing", datetime(2024, 3, 5))
    assert statuses[4].filed_at == datetime(2024, 3, 5, 20, 0)
    assert statuses[0].delay_hours is None


def test_one_second_after_the_deadline_is_late():
    statuses = classify_reports([(D, datetime(2024, 3, 2, 0, 0, 1))], D, D)
    assert statuses[0].status == "late"
    assert statuses[0].delay_hours == 0.0


def test_grace_hours_turn_late_into_on_time():
    statuses = classify_reports(FILINGS, D, day(4), grace_hours=10)
    assert [s.status for s in statuses] == [
        "on_time",
        "on_time",
        "on_time",
        "missing",
        "on_time",
    ]
    statuses = classify_reports(FILINGS, D, day(4), grace_hours=9)
    assert statuses[2].status == "late"
    assert statuses[2].delay_hours == 0.5


def test_unfiled_reports_are_pending_until_their_deadline():
    now = datetime(2024, 3, 5, 12, 0)
    statuses = classify_reports(FILINGS[:3], D, day(4), now=now)
    # day(3) deadline 03-05 00:00 has passed; day(4) deadline 03-06 00:00 has not
    assert [s.status for s in statuses] == [
        "on_time",
        "on_time",
        "late",
        "missing",
        "pending",
    ]
    at_deadline = classify_reports([], D, D, now=datetime(2024, 3, 2, 0, 0))
    assert at_deadline[0].status == "missing"


def test_every_three_days_a_report_dated_within_the_period_counts():
    filings = [
        (
            day(1),
            datetime(2024, 3, 2, 8, 0),
        ),  # covers day(0): after its deadline → late
        (day(3), datetime(2024, 3, 4, 23, 0)),  # covers day(3): on time
        (day(8), datetime(2024, 3, 9, 12, 0)),  # covers day(6): late
    ]
    statuses = classify_reports(filings, D, day(6), every_days=3)
    assert [(s.expected_date, s.status) for s in statuses] == [
        (day(0), "late"),
        (day(3), "on_time"),
        (day(6), "late"),
    ]
    assert statuses[0].delay_hours == 8.0
    assert statuses[2].delay_hours == 36.0


@pytest.mark.parametrize(
    "filings, kwargs, message",
    [
        (
            [(day(2), datetime(2024, 3, 1, 23, 0))],
            {},
            "report for 2024-03-03 filed at 2024-03-01 23:00:00, before that date",
        ),
        (
            [(D, datetime(2024, 3, 1, 9, tzinfo=timezone.utc))],
            {},
            "filed_at must be a naive local datetime, got 2024-03-01T09:00:00+00:00",
        ),
        (
            [(D, date(2024, 3, 1))],
            {},
            "filed_at must be a datetime, got datetime.date(2024, 3, 1)",
        ),
        (
            [(D,)],
            {},
            "filings must be (report_date, filed_at) pairs, got (datetime.date(2024, 3, 1),)",
        ),
        ([], {"grace_hours": -2}, "grace_hours must not be negative, got -2"),
        (
            [],
            {"now": date(2024, 3, 2)},
            "now must be a datetime, got datetime.date(2024, 3, 2)",
        ),
    ],
)
def test_classify_bad_input(filings, kwargs, message):
    with raises(message):
        classify_reports(filings, D, day(4), **kwargs)


def test_summarize_timeliness():
    summary = summarize_timeliness(classify_reports(FILINGS, D, day(4)))
    assert (
        summary.expected,
        summary.on_time,
        summary.late,
        summary.missing,
        summary.pending,
    ) == (
        5,
        3,
        1,
        1,
        0,
    )
    assert summary.on_time_rate == 60.0
    assert len(summary.statuses) == 5


def test_summary_rate_ignores_pending_reports():
    statuses = classify_reports(FILINGS[:3], D, day(4), now=datetime(2024, 3, 5, 12, 0))
    summary = summarize_timeliness(statuses)
    assert summary.pending == 1
    assert summary.on_time_rate == 50.0  # 2 on time of 4 due
    all_pending = summarize_timeliness(
        classify_reports([], D, day(1), now=datetime(2024, 2, 28, 9, 0))
    )
    assert all_pending.on_time_rate is None
    assert summarize_timeliness([]) == TimelinessSummary(0, 0, 0, 0, 0, None, ())
    third = summarize_timeliness(classify_reports(FILINGS[:1], D, day(2)))
    assert third.on_time_rate == 33.33


def test_summarize_refuses_unknown_status():
    with raises("unknown report status 'lost'"):
        summarize_timeliness([ReportStatus(D, "lost", datetime(2024, 3, 2))])


def test_timeliness_by_representative():
    assignments = {
        "wang": (D, day(4)),
        ("li", "huaneng_plant"): (day(3), day(4)),
        "zhao": (D, day(1)),
    }
    filings = [("wang", d, t) for d, t in FILINGS] + [
        (("li", "huaneng_plant"), day(3), datetime(2024, 3, 4, 17, 0)),
        (("li", "huaneng_plant"), day(4), datetime(2024, 3, 6, 1, 0)),
        ("former_rep", day(1), datetime(2024, 3, 2, 9, 0)),  # not assigned: ignored
    ]
    result = timeliness_by_representative(assignments, filings, grace_hours=0)
    assert list(result) == ["wang", ("li", "huaneng_plant"), "zhao"]
    assert (result["wang"].on_time, result["wang"].late, result["wang"].missing) == (
        3,
        1,
        1,
    )
    li = result[("li", "huaneng_plant")]
    assert (li.expected, li.on_time, li.late, li.on_time_rate) == (2, 1, 1, 50.0)
    assert (result["zhao"].missing, result["zhao"].on_time_rate) == (2, 0.0)


def test_timeliness_by_representative_bad_input():
    with raises(
        "filings must be (key, report_date, filed_at) triples, "
        "got ('wang', datetime.date(2024, 3, 1))"
    ):
        timeliness_by_representative({"wang": (D, D)}, [("wang", D)])
    with raises(
        "assignment of 'wang' must be a (start, end) pair, got datetime.date(2024, 3, 1)"
    ):
        timeliness_by_representative({"wang": D}, [])


# ---------------------------------------------------------------------------
# low_stock_alerts: one open activity per account and level
# ---------------------------------------------------------------------------

NONE = frozenset()


@pytest.mark.parametrize(
    "old, new, opened, expected",
    [
        ("normal", "amber", (), ("amber", NONE)),  # a drop to amber raises one
        ("watch", "red", (), ("red", NONE)),
        (None, "red", (), ("red", NONE)),  # first report already red
        ("amber", "amber", (), (None, NONE)),  # another report at the same level
        ("red", "red", ("red",), (None, NONE)),
        ("normal", "amber", ("amber",), (None, NONE)),  # still open: no second one
        ("amber", "red", ("amber",), ("red", frozenset({"amber"}))),  # superseded
        ("amber", "red", ("amber", "red"), (None, frozenset({"amber"}))),
        ("red", "amber", ("red",), (None, NONE)),  # the red one stays open
        ("red", "amber", (), ("amber", NONE)),  # red done by the owner: amber raised
        ("amber", "normal", ("amber",), (None, frozenset({"amber"}))),
        ("red", "watch", ("red",), (None, frozenset({"red"}))),
        ("red", "normal", (), (None, NONE)),
        ("red", None, ("red",), (None, NONE)),  # no report left: unknown, unchanged
    ],
)
def test_low_stock_alerts(old, new, opened, expected):
    assert low_stock_alerts(old, new, opened) == expected


def test_low_stock_alerts_refuses_unknown_levels():
    with raises("unknown supply level 'orange'"):
        low_stock_alerts("normal", "orange")
    with raises("open activities are red or amber, got ['watch']"):
        low_stock_alerts("normal", "red", ["watch"])
