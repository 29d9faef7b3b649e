"""Tier 1: crm_coal receivables: overdue aging and credit check (spec §1.4 collections)."""

from datetime import date, datetime, timedelta
import re

from crm_coal_lib.common import DomainError, Reason
from crm_coal_lib.receivables import (
    BUCKETS,
    AgingReport,
    CreditCheck,
    aging_bucket,
    aging_buckets,
    allocate_account_collections,
    allocate_collections,
    credit_check,
    days_overdue,
)
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


REF = date(2024, 6, 30)


def ago(days):
    return REF - timedelta(days=days)


def test_bucket_codes():
    assert BUCKETS == ("not_due", "0_30", "31_60", "61_90", "over_90")


@pytest.mark.parametrize(
    "days_late, bucket",
    [
        (-1, "not_due"),
        (0, "not_due"),  # due today is not yet due
        (1, "0_30"),
        (30, "0_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "over_90"),
        (400, "over_90"),
    ],
)
def test_aging_bucket_boundaries(days_late, bucket):
    assert aging_bucket(ago(days_late), REF) == bucket


def test_days_overdue():
    assert days_overdue(date(2024, 5, 31), REF) == 30
    assert days_overdue(date(2024, 7, 10), REF) == -10


def test_aging_buckets_sums():
    items = [
        (ago(-15), 1_200_000),  # not due
        (ago(0), 300_000),  # not due
        (ago(10), 500_000.50),  # 0–30
        (ago(30), 0.1),  # 0–30
        (ago(30), 0.2),  # 0–30: 0.1 + 0.2 summed exactly
        (ago(45), 800_000),  # 31–60
        (ago(75), 250_000),  # 61–90
        (ago(120), 90_000),  # > 90
        (ago(100), -10_000),  # > 90: open credit note
    ]
    report = aging_buckets(items, REF)
    assert report == AgingReport(
        buckets={
            "not_due": 1_500_000.0,
            "0_30": 500_000.8,
            "31_60": 800_000.0,
            "61_90": 250_000.0,
            "over_90": 80_000.0,
        },
        counts={"not_due": 2, "0_30": 3, "31_60": 1, "61_90": 1, "over_90": 2},
        total=3_130_000.8,
        overdue=1_630_000.8,
    )
    assert list(report.buckets) == list(BUCKETS)


def test_aging_buckets_exact_small_amounts():
    report = aging_buckets([(ago(5), 0.1), (ago(6), 0.2)], REF)
    assert report.buckets["0_30"] == 0.3
    assert report.total == 0.3


def test_aging_buckets_empty():
    report = aging_buckets([], REF)
    assert report.buckets == {code: 0.0 for code in BUCKETS}
    assert report.counts == {code: 0 for code in BUCKETS}
    assert (report.total, report.overdue) == (0.0, 0.0)


@pytest.mark.parametrize(
    "items, ref, message",
    [
        ([(None, 100)], REF, "due_date must be a date, got None"),
        ([(ago(1), "100")], REF, "residual must be a number, got '100'"),
        (
            [(ago(1),)],
            REF,
            "items must be (due_date, residual) pairs, got (datetime.date(2024, 6, 29),)",
        ),
        (
            [],
            datetime(2024, 6, 30, 12),
            "ref_date must be a date, got datetime.datetime(2024, 6, 30, 12, 0)",
        ),
        ([(ago(1), float("nan"))], REF, "residual must be a finite number, got nan"),
    ],
)
def test_aging_bad_input(items, ref, message):
    with raises(message):
        aging_buckets(items, ref)


def test_credit_check_allows_up_to_the_limit():
    assert credit_check(1_000_000, 800_000, 200_000) == CreditCheck(
        True,
        1_000_000.0,
        1_000_000.0,
        0.0,
        None,
        open_receivable=800_000.0,
        new_amount=200_000.0,
    )


def test_credit_check_blocks_above_the_limit():
    result = credit_check(1_000_000, 800_000, 200_000.01)
    assert result.allowed is False
    assert result.excess == 0.01
    assert result.exposure == 1_000_000.01
    assert result.reason == Reason(
        "credit_limit_exceeded",
        {"limit": 1_000_000.0, "exposure": 1_000_000.01, "excess": 0.01},
    )


def test_credit_check_already_over_the_limit():
    result = credit_check(2_000_000, 2_300_000, 500_000)
    assert (result.allowed, result.excess) == (False, 800_000.0)


def test_credit_check_special_limits():
    assert credit_check(None, 9_000_000, 5_000_000) == CreditCheck(
        True, None, 14_000_000.0, 0.0, open_receivable=9e6, new_amount=5e6
    )
    zero = credit_check(0, 0, 1)
    assert (zero.allowed, zero.excess) == (False, 1.0)
    assert credit_check(0, 0, 0).allowed is True
    # a customer in credit (prepaid) may order up to limit + credit balance
    assert credit_check(100_000, -50_000, 150_000).allowed is True
    assert credit_check(100_000, -50_000, 150_000.5).excess == 0.5


@pytest.mark.parametrize(
    "args, message",
    [
        ((-1, 0, 100), "limit must not be negative, got -1"),
        ((1000, 0, -100), "new_amount must not be negative, got -100"),
        ((1000, None, 100), "open_receivable must be a number, got None"),
    ],
)
def test_credit_check_bad_input(args, message):
    with raises(message):
        credit_check(*args)


# --- allocation of customer payments to the collection plan -------------------------


def test_allocate_fills_oldest_due_date_first():
    plan = [("feb", date(2012, 2, 28), 300), ("jan", date(2012, 1, 31), 500)]
    result = allocate_collections(
        plan, [(date(2012, 2, 5), 600), (date(2012, 3, 1), 150)]
    )
    assert result.collected == {"jan": 500.0, "feb": 250.0}
    assert result.collected_dates == {"jan": date(2012, 2, 5), "feb": date(2012, 3, 1)}
    assert result.unallocated == 0.0


def test_allocate_reports_overpayment_and_exact_cents():
    plan = [("a", date(2012, 1, 31), 100.10)]
    result = allocate_collections(
        plan, [(date(2012, 1, 2), 0.1), (date(2012, 1, 3), 100.2)]
    )
    assert result.collected == {"a": 100.1}
    assert result.unallocated == 0.2
    assert result.collected_dates == {"a": date(2012, 1, 3)}


def test_allocate_without_payments_and_zero_lines():
    plan = [("zero", date(2012, 1, 1), 0), ("b", date(2012, 2, 1), 50)]
    result = allocate_collections(plan, [])
    assert result.collected == {"zero": 0.0, "b": 0.0}
    assert result.collected_dates == {"zero": None, "b": None}
    result = allocate_collections(plan, [(date(2012, 1, 5), 20)])
    assert result.collected == {"zero": 0.0, "b": 20.0}


def test_allocate_refuses_bad_input():
    with pytest.raises(
        DomainError, match="payment amount must not be negative, got -5"
    ):
        allocate_collections([("a", date(2012, 1, 1), 10)], [(date(2012, 1, 2), -5)])
    with pytest.raises(DomainError, match="due date must be a date"):
        allocate_collections([("a", "2012-01-01", 10)], [])


# --- credit exposure with confirmed uninvoiced orders and the warning threshold ------


def test_credit_check_counts_uninvoiced_orders():
    """Issue 13: 10 M open + 25 M confirmed uninvoiced + 8 M new = 43 M against 30 M."""
    result = credit_check(30_000_000, 10_000_000, 8_000_000, 25_000_000, 80)
    assert (result.allowed, result.exposure, result.excess) == (
        False,
        43_000_000.0,
        13_000_000.0,
    )
    assert (result.open_receivable, result.uninvoiced, result.new_amount) == (
        10_000_000.0,
        25_000_000.0,
        8_000_000.0,
    )
    assert result.warning is False


def test_credit_check_warning_threshold():
    # 80 % of 30 M = 24 M: at the threshold warns, a cent below does not
    assert credit_check(30_000_000, 0, 4_000_000, 20_000_000, 80).warning is True
    assert credit_check(30_000_000, 0, 3_999_999.99, 20_000_000, 80).warning is False
    # at the limit itself: allowed with a warning; above: refused, no warning
    at_limit = credit_check(30_000_000, 10_000_000, 0, 20_000_000, 80)
    assert (at_limit.allowed, at_limit.warning) == (True, True)
    over = credit_check(30_000_000, 10_000_000, 0.01, 20_000_000, 80)
    assert (over.allowed, over.warning) == (False, False)
    # no percentage, no warning; nothing committed never warns, even at pct 0
    assert credit_check(30_000_000, 0, 29_000_000).warning is False
    assert credit_check(30_000_000, 0, 0, 0, 0).warning is False
    assert credit_check(30_000_000, 0, 1, 0, 0).warning is True
    with raises("warn_pct must be between 0 and 100 %, got 101"):
        credit_check(30_000_000, 0, 1, 0, 101)
    with raises("uninvoiced must not be negative, got -1"):
        credit_check(30_000_000, 0, 1, -1)


# --- one payment, several contracts of one account -----------------------------------


def test_two_contracts_share_one_payment_counted_once():
    """6,000,000 received over two contracts is 6,000,000 collected, oldest due first."""
    plan = [
        ("c1-mar", "acme", "c1", date(2012, 3, 31), 3_000_000),
        ("c2-feb", "acme", "c2", date(2012, 2, 29), 2_000_000),
        ("c1-jan", "acme", "c1", date(2012, 1, 31), 2_500_000),
        ("c2-apr", "acme", "c2", date(2012, 4, 30), 4_000_000),
    ]
    result = allocate_account_collections(
        plan, [("acme", date(2012, 3, 10), 6_000_000, {})]
    )
    assert result.collected == {
        "c1-jan": 2_500_000.0,
        "c2-feb": 2_000_000.0,
        "c1-mar": 1_500_000.0,
        "c2-apr": 0.0,
    }
    assert sum(result.collected.values()) == 6_000_000
    assert result.unallocated == {"acme": 0.0}
    assert result.collected_dates["c1-mar"] == date(2012, 3, 10)
    assert result.collected_dates["c2-apr"] is None


def test_partial_payment_and_preferred_contract():
    plan = [
        ("c1-jan", "acme", "c1", date(2012, 1, 31), 1000),
        ("c2-feb", "acme", "c2", date(2012, 2, 29), 1000),
        ("c2-mar", "acme", "c2", date(2012, 3, 31), 1000),
    ]
    # 1,500 reconciled with c2's invoice fills c2 first (feb then 500 of mar); the
    # other 300 of the payment goes oldest due first: c1's january line
    result = allocate_account_collections(
        plan, [("acme", date(2012, 2, 1), 1800, {"c2": 1500})]
    )
    assert result.collected == {"c1-jan": 300.0, "c2-feb": 1000.0, "c2-mar": 500.0}
    # what the preferred contract cannot take joins the pool
    result = allocate_account_collections(
        plan[:2], [("acme", date(2012, 2, 1), 1700, {"c2": 1700})]
    )
    assert result.collected == {"c1-jan": 700.0, "c2-feb": 1000.0}
    assert result.unallocated == {"acme": 0.0}
    with pytest.raises(DomainError, match="exceed the payment"):
        allocate_account_collections(plan, [("acme", date(2012, 2, 1), 10, {"c2": 11})])


def test_overpayment_left_unallocated_per_account():
    plan = [("a", "acme", "c1", date(2012, 1, 31), 100)]
    result = allocate_account_collections(
        plan,
        [
            ("acme", date(2012, 1, 5), 60, {}),
            ("acme", date(2012, 1, 9), 70.25, {}),
            ("nobody", date(2012, 1, 9), 5, {}),
        ],
    )
    assert result.collected == {"a": 100.0}
    assert result.collected_dates == {"a": date(2012, 1, 9)}
    assert result.unallocated == {"acme": 30.25, "nobody": 5.0}


def test_two_companies_do_not_mix():
    plan = [
        ("x-jan", ("co1", "acme"), "c1", date(2012, 1, 31), 1000),
        ("y-jan", ("co2", "acme"), "c9", date(2012, 1, 15), 1000),
    ]
    result = allocate_account_collections(
        plan, [(("co1", "acme"), date(2012, 1, 20), 1500, {})]
    )
    assert result.collected == {"x-jan": 1000.0, "y-jan": 0.0}
    assert result.unallocated == {("co1", "acme"): 500.0}
