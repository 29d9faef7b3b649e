"""Tier 1 tests of crm_lubricant value tiers (Pareto A/B/C, gold, drag)."""

from datetime import date, datetime
from decimal import Decimal
import re

from crm_lubricant_lib.common import DomainError, Reason
from crm_lubricant_lib.tiering import (
    DRAG_LOST_TENDERS,
    DRAG_NO_ORDER,
    CustomerContribution,
    TierSettings,
    compute_tiers,
    drag_reasons,
    lost_tender_streak,
    tier_changes,
    trailing_window_start,
)
import pytest

TODAY = date(2024, 6, 30)


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def rows(amounts):
    return [CustomerContribution(cid, amount) for cid, amount in amounts.items()]


def tiers(results):
    return {cid: result.tier for cid, result in results.items()}


def test_error_class_is_value_error():
    assert issubclass(DomainError, ValueError)


def test_pareto_hand_computed():
    # total of positives = 1000; cumulative: 500 .50, 250 .75, 100 .85, 80 .93, 40 .97, 30 1.00
    amounts = {4: 80, 1: 500, 6: 30, 3: 100, 8: -20, 2: 250, 5: 40, 7: 0}
    results = compute_tiers(rows(amounts), TODAY)
    assert list(results) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert tiers(results) == {
        1: "A",
        2: "A",
        3: "A",
        4: "B",
        5: "B",
        6: "C",
        7: "C",
        8: "C",
    }
    assert [r.rank for r in results.values()] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [r.share for r in results.values()] == [
        0.5,
        0.25,
        0.1,
        0.08,
        0.04,
        0.03,
        0.0,
        0.0,
    ]
    assert [r.cumulative_share for r in results.values()] == [
        0.5,
        0.75,
        0.85,
        0.93,
        0.97,
        1.0,
        1.0,
        1.0,
    ]
    # 6 positive customers: ceil(5 % × 6) = 1 gold customer
    assert [cid for cid, r in results.items() if r.gold] == [1]
    assert results[8].contribution == Decimal(-20)
    assert results[1].drag is False and results[1].drag_reasons == ()


def test_customer_reaching_threshold_exactly_is_last_of_a():
    results = compute_tiers(rows({1: 80, 2: 20}), TODAY)
    assert tiers(results) == {1: "A", 2: "B"}
    results = compute_tiers(rows({1: 79, 2: 21}), TODAY)
    assert tiers(results) == {1: "A", 2: "A"}


def test_b_boundary():
    # cumulative before customer 3 is exactly 95 % → C
    results = compute_tiers(rows({1: 80, 2: 15, 3: 5}), TODAY)
    assert tiers(results) == {1: "A", 2: "B", 3: "C"}
    results = compute_tiers(rows({1: 80, 2: 14, 3: 6}), TODAY)
    assert tiers(results) == {1: "A", 2: "B", 3: "B"}


def test_thresholds_are_exact_with_float_amounts_and_ties_broken_by_id():
    # ten equal float contributions of 0.1: a float running sum would reach 0.7999999999999999
    # before the 9th customer and wrongly put it in A
    ids = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5]
    results = compute_tiers(rows({cid: 0.1 for cid in ids}), TODAY)
    assert list(results) == list(range(1, 11))
    assert [r.tier for r in results.values()] == ["A"] * 8 + ["B"] * 2
    assert results[8].cumulative_share == 0.8


def test_result_does_not_depend_on_input_order():
    amounts = {5: 300, 2: 300, 9: 100, 1: 300}
    forward = compute_tiers(rows(amounts), TODAY)
    backward = compute_tiers(list(reversed(rows(amounts))), TODAY)
    assert forward == backward
    assert list(forward) == [1, 2, 5, 9]


def test_gold_count_rounds_up_and_stays_within_a():
    results = compute_tiers(rows({cid: 10 for cid in range(1, 41)}), TODAY)
    assert [cid for cid, r in results.items() if r.gold] == [
        1,
        2,
    ]  # ceil(0.05 × 40) = 2
    results = compute_tiers(rows({cid: 10 for cid in range(1, 42)}), TODAY)
    assert [cid for cid, r in results.items() if r.gold] == [
        1,
        2,
        3,
    ]  # ceil(0.05 × 41) = 3
    everyone = TierSettings(gold_share=1)
    results = compute_tiers(
        rows({1: 500, 2: 250, 3: 100, 4: 80, 5: 70}), TODAY, everyone
    )
    assert [cid for cid, r in results.items() if r.gold] == [1, 2, 3]
    no_gold = TierSettings(gold_share=0)
    assert not any(r.gold for r in compute_tiers(rows({1: 5}), TODAY, no_gold).values())


def test_zero_contributions_are_c_and_not_counted_for_gold():
    # 20 customers, one positive: n = 1 → ceil(0.05) = 1 gold
    amounts = {cid: 0 for cid in range(2, 21)}
    amounts[1] = 1000
    results = compute_tiers(rows(amounts), TODAY)
    assert (
        results[1].tier == "A" and results[1].gold is True and results[1].share == 1.0
    )
    assert {r.tier for cid, r in results.items() if cid != 1} == {"C"}
    assert [r.rank for r in results.values()] == list(range(1, 21))


def test_all_zero_and_empty():
    results = compute_tiers(rows({1: 0, 2: 0}), TODAY)
    assert tiers(results) == {1: "C", 2: "C"}
    assert (
        results[1].share == 0.0
        and results[1].cumulative_share == 1.0
        and not results[1].gold
    )
    assert compute_tiers([], TODAY) == {}


def test_custom_codes_and_thresholds():
    settings = TierSettings(
        a_threshold=0.5, b_threshold=0.5, code_a="KA", code_b="KB", code_c="KC"
    )
    results = compute_tiers(rows({1: 50, 2: 30, 3: 20}), TODAY, settings)
    assert tiers(results) == {1: "KA", 2: "KC", 3: "KC"}
    settings = TierSettings(a_threshold=Decimal("0.6"), b_threshold=1)
    results = compute_tiers(rows({1: 50, 2: 30, 3: 20}), TODAY, settings)
    assert tiers(results) == {1: "A", 2: "A", 3: "B"}


def test_drag_flags_in_results():
    customers = [
        CustomerContribution(1, 900, last_order_date=date(2023, 7, 1)),  # 365 days ago
        CustomerContribution(
            2, 50, last_order_date=date(2023, 7, 2), lost_tenders_in_row=2
        ),  # 364
        CustomerContribution(
            3, 50, last_order_date=date(2024, 6, 1), lost_tenders_in_row=3
        ),
        CustomerContribution(4, 0, customer_since=date(2022, 1, 1)),  # never ordered
        CustomerContribution(5, 0),  # nothing known
    ]
    results = compute_tiers(customers, TODAY)
    assert results[1].drag_reasons == (
        Reason(DRAG_NO_ORDER, {"days": 365, "threshold": 365}),
    )
    assert results[1].tier == "A" and results[1].drag
    assert results[2].drag is False
    assert results[3].drag_reasons == (
        Reason(DRAG_LOST_TENDERS, {"count": 3, "threshold": 3}),
    )
    assert results[4].drag_reasons == (
        Reason(DRAG_NO_ORDER, {"days": 911, "threshold": 365}),
    )
    assert results[5].drag is False


def test_drag_reasons_both_rules_and_settings():
    reasons = drag_reasons(
        datetime(2024, 6, 30, 18, 0),
        date(2024, 3, 1),
        5,
        drag_days=100,
        drag_lost_tenders=5,
    )
    assert reasons == (
        Reason(DRAG_NO_ORDER, {"days": 121, "threshold": 100}),
        Reason(DRAG_LOST_TENDERS, {"count": 5, "threshold": 5}),
    )
    assert (
        drag_reasons(TODAY, date(2024, 3, 1), 4, drag_days=122, drag_lost_tenders=5)
        == ()
    )
    # a last order after today counts as 0 days, and the last order wins over customer_since
    assert (
        drag_reasons(
            TODAY, date(2024, 7, 5), customer_since=date(2000, 1, 1), drag_days=1
        )
        == ()
    )


def test_lost_tender_streak():
    assert lost_tender_streak([True, False, False, False]) == 3
    assert lost_tender_streak([False, False, True]) == 0
    assert lost_tender_streak([]) == 0
    with raises("tender outcome #1 must be True (won) or False (lost), got 'lost'"):
        lost_tender_streak([True, "lost"])


def test_trailing_window_start():
    assert trailing_window_start(date(2024, 6, 15)) == date(2023, 6, 16)
    assert trailing_window_start(date(2024, 2, 29)) == date(2023, 3, 1)
    assert trailing_window_start(date(2024, 1, 31), months=1) == date(2024, 1, 1)
    assert trailing_window_start(datetime(2024, 3, 31, 12, 0), months=1) == date(
        2024, 3, 1
    )
    assert trailing_window_start(date(2024, 3, 10), months=15) == date(2022, 12, 11)
    with raises("months must be at least 1, got 0"):
        trailing_window_start(TODAY, months=0)
    with raises("today must be a date, got '2024-06-30'"):
        trailing_window_start("2024-06-30")


def test_tier_changes():
    results = compute_tiers(rows({1: 80, 2: 15, 3: 5}), TODAY)
    assert tier_changes({1: "A", 2: "A", 3: False}, results) == [
        (2, "A", "B"),
        (3, None, "C"),
    ]
    assert tier_changes({1: "A", 2: "B", 3: "C"}, results) == []


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"a_threshold": 0}, "a_threshold must be greater than 0 and at most 1, got 0"),
        (
            {"a_threshold": 80},
            "a_threshold must be greater than 0 and at most 1, got 80",
        ),
        (
            {"b_threshold": 1.01},
            "b_threshold must be greater than 0 and at most 1, got 1.01",
        ),
        (
            {"a_threshold": 0.9, "b_threshold": 0.85},
            "b_threshold (0.85) must not be lower than a_threshold (0.9)",
        ),
        ({"gold_share": -0.05}, "gold_share must be between 0 and 1, got -0.05"),
        ({"a_threshold": "0.8"}, "a_threshold must be a number, got '0.8'"),
        ({"a_threshold": float("nan")}, "a_threshold must be a finite number, got nan"),
        ({"code_b": " "}, "code_b must be a non-empty string, got ' '"),
        ({"code_c": "A"}, "tier codes must be distinct, got ('A', 'B', 'A')"),
        ({"drag_days": 0}, "drag_days must be at least 1, got 0"),
        ({"drag_lost_tenders": 2.5}, "drag_lost_tenders must be an integer, got 2.5"),
    ],
)
def test_bad_settings(kwargs, message):
    with raises(message):
        TierSettings(**kwargs)


def test_bad_customer_rows():
    with raises("duplicate customer id 1"):
        compute_tiers(rows({1: 5}) + rows({1: 6}), TODAY)
    with raises("customer_id must be an integer, got True"):
        compute_tiers([CustomerContribution(True, 5)], TODAY)
    with raises("contribution of customer 3 must be a finite number, got inf"):
        compute_tiers([CustomerContribution(3, float("inf"))], TODAY)
    with raises("contribution of customer 3 must be a number, got None"):
        compute_tiers([CustomerContribution(3, None)], TODAY)
    with raises("expected CustomerContribution, got (1, 5)"):
        compute_tiers([(1, 5)], TODAY)
    with raises("lost_tenders_in_row must be at least 0, got -1"):
        compute_tiers([CustomerContribution(3, 5, lost_tenders_in_row=-1)], TODAY)
    with raises("last_order_date must be a date, got '2024-01-01'"):
        compute_tiers([CustomerContribution(3, 5, last_order_date="2024-01-01")], TODAY)
    with raises("today must be a date, got None"):
        compute_tiers([], None)
