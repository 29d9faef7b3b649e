"""Tier 1 tests of crm_lubricant funnel statistics and stale opportunities."""

from datetime import date, datetime
import re

from crm_lubricant_lib.common import DomainError
from crm_lubricant_lib.funnel import (
    FunnelGroup,
    FunnelOpportunity as Opp,
    FunnelRow,
    Stage,
    StageDays,
    StageStay,
    average_days_in_stage,
    funnel_report,
    funnel_report_from_groups,
    is_stale,
    stale_opportunities,
)
import pytest

STAGES = [Stage(10, 10), Stage(20, 30), Stage(30, 60), Stage(40, 100)]
OPPORTUNITIES = [
    Opp(10, 1000),
    Opp(10, 2000),
    Opp(10, 500, active=False),  # lost in stage 10
    Opp(20, 4000, probability=50),  # own probability wins over the stage's
    Opp(20, 1000),
    Opp(20, 700, active=False),
    Opp(30, 10000),
    Opp(40, 8000),  # won
    Opp(10, 300, active=False, reached_stage_id=30),  # moved back to 10, then lost
]


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_funnel_report_hand_computed():
    report = funnel_report(STAGES, OPPORTUNITIES)
    assert report.rows == (
        FunnelRow(
            10,
            count=2,
            amount=3000.0,
            weighted_amount=300.0,
            reached=9,
            conversion=6 / 9,
            avg_days=None,
        ),
        FunnelRow(
            20,
            count=2,
            amount=5000.0,
            weighted_amount=2300.0,
            reached=6,
            conversion=0.5,
            avg_days=None,
        ),
        FunnelRow(
            30,
            count=1,
            amount=10000.0,
            weighted_amount=6000.0,
            reached=3,
            conversion=1 / 3,
            avg_days=None,
        ),
        FunnelRow(
            40,
            count=1,
            amount=8000.0,
            weighted_amount=8000.0,
            reached=1,
            conversion=None,
            avg_days=None,
        ),
    )
    assert report.count == 6
    assert report.amount == 26000.0
    assert report.weighted_amount == 16600.0
    assert report.overall_conversion == 1 / 9


def test_report_from_groups_as_a_group_by_gives_them():
    """The groups of one GROUP BY (stage, furthest stage, open or lost) and the days per
    stage give the same report as one row per opportunity and per stay."""
    groups = [
        FunnelGroup(10, 2, 3000, 300),
        FunnelGroup(10, 1, 500, 50, active=False),
        FunnelGroup(20, 2, 5000, 2300),
        FunnelGroup(20, 1, 700, 210, active=False),
        FunnelGroup(30, 1, 10000, 6000),
        FunnelGroup(40, 1, 8000, 8000),
        FunnelGroup(10, 1, 300, 30, active=False, reached_stage_id=30),
    ]
    days = [StageDays(10, 2, 30), StageDays(20, 1, 1.5), StageDays(99, 1, 0)]
    stays = [
        StageStay(10, date(2024, 1, 1), date(2024, 1, 11)),
        StageStay(10, date(2024, 1, 1), date(2024, 1, 21)),
        StageStay(20, datetime(2024, 1, 1, 0, 0), datetime(2024, 1, 2, 12, 0)),
        StageStay(99, date(2024, 1, 1), date(2024, 1, 1)),
    ]
    assert funnel_report_from_groups(STAGES, groups, days) == funnel_report(
        STAGES, OPPORTUNITIES, stays
    )
    with raises("group #0 is in unknown stage 50"):
        funnel_report_from_groups(STAGES, [FunnelGroup(50, 1, 10, 1)])
    with raises("group #0 reached unknown stage 77"):
        funnel_report_from_groups(
            STAGES, [FunnelGroup(10, 1, 10, 1, reached_stage_id=77)]
        )
    with raises("count of group #0 must be at least 0, got -1"):
        funnel_report_from_groups(STAGES, [FunnelGroup(10, -1, 10, 1)])


def test_empty_stage_has_no_conversion_and_exact_weighting():
    stages = [Stage(1, 10), Stage(2, 20), Stage(3, 100)]
    report = funnel_report(stages, [Opp(1, 0.1), Opp(1, 0.2), Opp(3, 5)])
    # 0.1 + 0.2 in floats is 0.30000000000000004; exact sums give 0.3 and 0.03
    assert report.rows[0].amount == 0.3 and report.rows[0].weighted_amount == 0.03
    assert [row.reached for row in report.rows] == [3, 1, 1]
    assert [row.conversion for row in report.rows] == [1 / 3, 1.0, None]
    empty = funnel_report(stages, [])
    assert [row.conversion for row in empty.rows] == [None, None, None]
    assert empty.overall_conversion is None and empty.count == 0 and empty.amount == 0.0


def test_average_days_in_stage():
    stays = [
        StageStay(10, date(2024, 1, 1), date(2024, 1, 11)),
        StageStay(10, date(2024, 1, 1), date(2024, 1, 21)),
        StageStay(20, datetime(2024, 1, 1, 0, 0), datetime(2024, 1, 2, 12, 0)),
        StageStay(30, date(2024, 1, 1)),  # still there
        StageStay(
            99, date(2024, 1, 1), date(2024, 1, 1)
        ),  # archived stage: ignored by the report
    ]
    days = average_days_in_stage(stays, now=date(2024, 1, 31))
    assert days == {10: 15.0, 20: 1.5, 30: 30.0, 99: 0.0}
    report = funnel_report(STAGES, OPPORTUNITIES, stays, now=date(2024, 1, 31))
    assert [row.avg_days for row in report.rows] == [15.0, 1.5, 30.0, None]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: funnel_report([], []), "at least one stage is required"),
        (
            lambda: funnel_report([Stage(1, 10), Stage(1, 20)], []),
            "duplicate stage id 1",
        ),
        (
            lambda: funnel_report([Stage(1, 120)], []),
            "probability of stage 1 must be between 0 and 100, got 120",
        ),
        (
            lambda: funnel_report([Stage(1, -1)], []),
            "probability of stage 1 must not be negative, got -1",
        ),
        (
            lambda: funnel_report(STAGES, [Opp(50, 10)]),
            "opportunity #0 is in unknown stage 50",
        ),
        (
            lambda: funnel_report(STAGES, [Opp(10, 1), Opp(10, -10)]),
            "amount of opportunity #1 must not be negative, got -10",
        ),
        (
            lambda: funnel_report(STAGES, [Opp(10, 10, probability=101)]),
            "probability of opportunity #0 must be between 0 and 100, got 101",
        ),
        (
            lambda: funnel_report(STAGES, [Opp(10, 10, reached_stage_id=77)]),
            "opportunity #0 reached unknown stage 77",
        ),
        (
            lambda: average_days_in_stage([StageStay(1, date(2024, 1, 1))]),
            "now is required when a stage stay has not been left yet",
        ),
        (
            lambda: average_days_in_stage(
                [StageStay(1, date(2024, 1, 5), date(2024, 1, 1))]
            ),
            "stage stay leaves (2024-01-01) before it enters (2024-01-05)",
        ),
        (
            lambda: average_days_in_stage(
                [StageStay(1, datetime(2024, 1, 1, 8))], now=date(2024, 1, 2)
            ),
            "stage stay times must be all dates or all datetimes, not a mix",
        ),
        (
            lambda: average_days_in_stage([StageStay(1, None)]),
            "stage stay entered must be a date or datetime, got None",
        ),
        (
            lambda: average_days_in_stage([StageStay(1, date(2024, 1, 1), "x")]),
            "stage stay left must be a date or datetime, got 'x'",
        ),
    ],
)
def test_bad_input(call, message):
    with raises(message):
        call()


def test_stale():
    today = date(2024, 5, 31)
    assert is_stale(date(2024, 5, 1), today) is True  # exactly 30 days
    assert is_stale(date(2024, 5, 2), today) is False  # 29 days
    assert is_stale(datetime(2024, 5, 24, 23, 0), today, stale_days=7) is True
    assert is_stale(date(2024, 5, 25), today, stale_days=7) is False
    assert stale_opportunities(
        {5: date(2024, 4, 1), 2: date(2024, 5, 30), 3: date(2024, 5, 1)}, today
    ) == [3, 5]
    with raises(
        "last_activity is required (pass the creation date when there was no activity)"
    ):
        is_stale(None, today)
    with raises("stale_days must be at least 1, got 0"):
        is_stale(date(2024, 5, 1), today, 0)
