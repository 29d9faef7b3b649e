"""Tier 1: warranty coverage, readings and household replacement/refund triggers."""

from dataclasses import replace
from datetime import date, datetime

from crm_service_station_lib.common import DomainError
from crm_service_station_lib.warranty import (
    ELIGIBILITY_DECLARATIONS,
    REASON_DECLARATIONS,
    REASONS,
    Coverage,
    HouseholdRepair,
    HouseholdRules,
    HouseholdTrigger,
    RepairLimits,
    WarrantyPolicy,
    check_reading,
    count_earlier_free_services,
    coverage,
    household_triggers,
    household_validity_end,
    repair_eligibility,
    repair_limits,
    warranty_end_date,
)
import pytest

TRUCK = WarrantyPolicy(
    free_service_count=2,
    first_service_min_km=1500,
    first_service_max_km=2500,
    first_service_max_months=1,
    repair_months=24,
    repair_km=200_000,
    repair_hours=5_000,
)
ONE_MONTH = WarrantyPolicy(repair_months=1)
START = date(2024, 3, 10)


def assert_error(excinfo, code, message):
    assert type(excinfo.value) is DomainError
    assert excinfo.value.code == code
    assert str(excinfo.value) == message


# --- policy ------------------------------------------------------------------------------------


def test_policy_first_service_window_inverted():
    with pytest.raises(DomainError) as excinfo:
        WarrantyPolicy(first_service_min_km=3000, first_service_max_km=2500.0)
    assert_error(
        excinfo,
        "invalid_first_service_window",
        "first_service_min_km (3000) is above first_service_max_km (2500).",
    )


@pytest.mark.parametrize(
    "kwargs, code, message",
    [
        (
            {"repair_months": -1},
            "negative_value",
            "repair_months must not be negative, got -1.",
        ),
        (
            {"repair_months": 1.5},
            "not_an_integer",
            "repair_months must be an integer, got 1.5.",
        ),
        (
            {"repair_km": -5},
            "negative_value",
            "repair_km must not be negative, got -5.",
        ),
        (
            {"repair_hours": "100"},
            "not_a_number",
            "repair_hours must be a number, got '100'.",
        ),
        (
            {"free_service_count": -2},
            "negative_value",
            "free_service_count must not be negative, got -2.",
        ),
        (
            {"first_service_max_months": 0.5},
            "not_an_integer",
            "first_service_max_months must be an integer, got 0.5.",
        ),
        (
            {"first_service_min_km": -1},
            "negative_value",
            "first_service_min_km must not be negative, got -1.",
        ),
    ],
)
def test_policy_bad_values(kwargs, code, message):
    with pytest.raises(DomainError) as excinfo:
        WarrantyPolicy(**kwargs)
    assert_error(excinfo, code, message)


def test_repair_limits_plain_policy():
    assert repair_limits(TRUCK) == RepairLimits(months=24, km=200_000, hours=5_000)


def test_repair_limits_zero_means_not_limited():
    assert repair_limits(
        WarrantyPolicy(repair_months=12, repair_km=0, repair_hours=0.0)
    ) == RepairLimits(12, None, None)


def test_repair_limits_household_raised_to_statutory_minimum():
    policy = WarrantyPolicy(
        repair_months=12, repair_km=30_000, repair_hours=1_000, household=True
    )
    assert repair_limits(policy) == RepairLimits(months=36, km=60_000, hours=None)


def test_repair_limits_household_keeps_better_policy_terms():
    policy = WarrantyPolicy(repair_months=48, repair_km=100_000, household=True)
    assert repair_limits(policy) == RepairLimits(months=48, km=100_000, hours=None)
    unlimited_km = WarrantyPolicy(repair_months=12, household=True)
    assert repair_limits(unlimited_km) == RepairLimits(months=36, km=None, hours=None)


def test_warranty_end_date():
    assert warranty_end_date(TRUCK, date(2024, 2, 29)) == date(2026, 2, 28)
    assert warranty_end_date(ONE_MONTH, date(2024, 1, 31)) == date(2024, 2, 29)
    assert warranty_end_date(TRUCK, None) is None
    assert warranty_end_date(WarrantyPolicy(), date(2024, 1, 1)) is None
    assert warranty_end_date(WarrantyPolicy(household=True), date(2024, 1, 1)) == date(
        2027, 1, 1
    )


# --- repair warranty ------------------------------------------------------------------------------


def test_no_warranty_start():
    result = coverage(TRUCK, None, date(2024, 5, 1), 1000)
    assert result == Coverage(covered=False, reason="no_warranty_start", params={})


def test_repair_before_warranty_start():
    result = coverage(TRUCK, START, date(2024, 3, 9), 100)
    assert (result.covered, result.reason) == (False, "before_warranty_start")
    assert result.params == {
        "warranty_start": "2024-03-10",
        "repair_date": "2024-03-09",
    }


def test_covered_with_remaining_values():
    result = coverage(TRUCK, START, date(2025, 3, 10), 120_000, hours=2_000)
    assert result == Coverage(
        covered=True,
        reason="covered",
        warranty_end=date(2026, 3, 10),
        km_limit=200_000,
        hours_limit=5_000,
        remaining_days=365,
        remaining_km=80_000,
        remaining_hours=3_000,
        params={},
    )


def test_start_day_itself_is_covered():
    result = coverage(TRUCK, START, START, 0)
    assert result.covered and result.remaining_days == 730


def test_month_end_leap_year_last_day_covered():
    result = coverage(ONE_MONTH, date(2024, 1, 31), date(2024, 2, 29), 10)
    assert (
        result.covered,
        result.reason,
        result.warranty_end,
        result.remaining_days,
    ) == (
        True,
        "covered",
        date(2024, 2, 29),
        0,
    )


def test_month_end_leap_year_day_after_expired():
    result = coverage(ONE_MONTH, date(2024, 1, 31), date(2024, 3, 1), 10)
    assert (result.covered, result.reason, result.remaining_days) == (
        False,
        "expired_by_date",
        -1,
    )
    assert result.params == {"end_date": "2024-02-29"}


def test_month_end_common_year():
    assert coverage(ONE_MONTH, date(2023, 1, 31), date(2023, 2, 28), 10).covered is True
    late = coverage(ONE_MONTH, date(2023, 1, 31), date(2023, 3, 1), 10)
    assert (late.reason, late.warranty_end) == ("expired_by_date", date(2023, 2, 28))


def test_exactly_at_km_limit_is_covered():
    result = coverage(TRUCK, START, date(2024, 9, 1), 200_000)
    assert (result.covered, result.remaining_km) == (True, 0)


def test_just_over_km_limit():
    result = coverage(TRUCK, START, date(2024, 9, 1), 200_000.5)
    assert (result.covered, result.reason, result.remaining_km) == (
        False,
        "expired_by_km",
        -0.5,
    )
    assert result.params == {"km_limit": 200_000, "mileage_km": 200_000.5}


def test_whichever_first_km_before_date():
    # only 6 months old but already over the km limit
    assert coverage(TRUCK, START, date(2024, 9, 10), 210_000).reason == "expired_by_km"


def test_whichever_first_date_before_km():
    # low mileage but 24 months and 1 day old
    result = coverage(TRUCK, START, date(2026, 3, 11), 50_000)
    assert (result.reason, result.remaining_days, result.remaining_km) == (
        "expired_by_date",
        -1,
        150_000,
    )


def test_both_exceeded_reports_date_first():
    assert (
        coverage(TRUCK, START, date(2026, 4, 1), 250_000, hours=6_000).reason
        == "expired_by_date"
    )


def test_km_reported_before_hours():
    assert (
        coverage(TRUCK, START, date(2025, 1, 1), 250_000, hours=6_000).reason
        == "expired_by_km"
    )


def test_hours_limit():
    at_limit = coverage(TRUCK, START, date(2025, 1, 1), 10_000, hours=5_000)
    assert (at_limit.covered, at_limit.remaining_hours) == (True, 0)
    over = coverage(TRUCK, START, date(2025, 1, 1), 10_000, hours=5_000.1)
    assert (over.covered, over.reason) == (False, "expired_by_hours")
    assert over.params == {"hours_limit": 5_000, "hours": 5_000.1}


def test_hours_not_checked_without_reading():
    result = coverage(TRUCK, START, date(2025, 1, 1), 10_000, hours=None)
    assert (result.covered, result.remaining_hours) == (True, None)


def test_no_mileage_when_km_limit_applies():
    result = coverage(TRUCK, START, date(2025, 1, 1), None)
    assert (result.covered, result.reason) == (False, "no_mileage")


def test_mileage_not_needed_without_km_limit():
    result = coverage(WarrantyPolicy(repair_months=12), START, date(2025, 1, 1), None)
    assert (result.covered, result.km_limit, result.remaining_km) == (True, None, None)


def test_policy_without_repair_warranty():
    result = coverage(WarrantyPolicy(repair_km=100_000), START, date(2024, 4, 1), 10)
    assert (result.covered, result.reason) == (False, "no_repair_warranty")


def test_household_minimums_extend_short_policy():
    policy = WarrantyPolicy(
        repair_months=12, repair_km=30_000, repair_hours=1_000, household=True
    )
    start = date(2024, 1, 1)
    result = coverage(policy, start, date(2026, 12, 31), 59_000, hours=9_000)
    assert (
        result.covered,
        result.warranty_end,
        result.km_limit,
        result.hours_limit,
    ) == (
        True,
        date(2027, 1, 1),
        60_000,
        None,
    )
    assert result.remaining_km == 1_000
    assert coverage(policy, start, date(2025, 6, 1), 60_001).reason == "expired_by_km"
    assert coverage(policy, start, date(2027, 1, 2), 100).reason == "expired_by_date"
    # the same policy without the household flag ends after 12 months / 30,000 km / 1,000 h
    plain = replace(policy, household=False)
    assert coverage(plain, start, date(2025, 1, 2), 100).reason == "expired_by_date"
    assert coverage(plain, start, date(2024, 6, 1), 30_001).reason == "expired_by_km"
    assert (
        coverage(plain, start, date(2024, 6, 1), 100, hours=1_001).reason
        == "expired_by_hours"
    )


def test_household_without_repair_months_gets_36():
    result = coverage(
        WarrantyPolicy(household=True), date(2024, 1, 31), date(2027, 1, 31), 100
    )
    assert (result.covered, result.warranty_end) == (True, date(2027, 1, 31))


def test_reason_codes_listed():
    assert set(REASONS) == {
        "covered",
        "no_warranty_start",
        "before_warranty_start",
        "no_repair_warranty",
        "no_mileage",
        "expired_by_date",
        "expired_by_km",
        "expired_by_hours",
        "free_service_exhausted",
        "outside_first_service_window",
    }


# --- free maintenance -----------------------------------------------------------------------------

FM = "free_maintenance"


def test_first_free_service_in_window():
    result = coverage(
        TRUCK, date(2024, 1, 31), date(2024, 2, 20), 2_000, service_type=FM
    )
    assert result == Coverage(
        covered=True,
        reason="covered",
        warranty_end=date(2024, 2, 29),
        km_limit=2_500,
        remaining_days=9,
        remaining_km=500,
        params={},
    )


def test_first_free_service_window_edges_covered():
    assert (
        coverage(
            TRUCK, date(2024, 1, 31), date(2024, 2, 29), 2_500, service_type=FM
        ).covered
        is True
    )
    assert (
        coverage(
            TRUCK, date(2024, 1, 31), date(2024, 2, 1), 1_500, service_type=FM
        ).covered
        is True
    )


def test_first_free_service_too_late():
    result = coverage(
        TRUCK, date(2024, 1, 31), date(2024, 3, 1), 2_000, service_type=FM
    )
    assert (result.covered, result.reason) == (False, "outside_first_service_window")
    assert result.params == {
        "bound": "max_months",
        "max_months": 1,
        "end_date": "2024-02-29",
    }


def test_first_free_service_over_max_km():
    result = coverage(
        TRUCK, date(2024, 1, 31), date(2024, 2, 10), 2_500.1, service_type=FM
    )
    assert (result.reason, result.params) == (
        "outside_first_service_window",
        {"bound": "max_km", "max_km": 2_500, "mileage_km": 2_500.1},
    )


def test_first_free_service_below_min_km():
    result = coverage(
        TRUCK, date(2024, 1, 31), date(2024, 2, 10), 1_499, service_type=FM
    )
    assert (result.reason, result.params) == (
        "outside_first_service_window",
        {"bound": "min_km", "min_km": 1_500, "mileage_km": 1_499},
    )


def test_first_free_service_needs_mileage():
    result = coverage(
        TRUCK, date(2024, 1, 31), date(2024, 2, 10), None, service_type=FM
    )
    assert (result.covered, result.reason) == (False, "no_mileage")


def test_first_free_service_without_window():
    policy = WarrantyPolicy(free_service_count=1, repair_months=12)
    result = coverage(policy, START, date(2030, 1, 1), None, service_type=FM)
    assert (result.covered, result.warranty_end, result.km_limit) == (True, None, None)


def test_free_services_exhausted():
    result = coverage(
        TRUCK, START, date(2024, 6, 1), 20_000, service_type=FM, free_services_used=2
    )
    assert (result.covered, result.reason) == (False, "free_service_exhausted")
    assert result.params == {"free_service_count": 2, "used": 2}


def test_policy_without_free_service():
    result = coverage(
        WarrantyPolicy(repair_months=12),
        START,
        date(2024, 3, 20),
        2_000,
        service_type=FM,
    )
    assert (result.reason, result.params) == (
        "free_service_exhausted",
        {"free_service_count": 0, "used": 0},
    )


def test_second_free_service_ignores_first_window_but_not_warranty():
    ok = coverage(
        TRUCK, START, date(2024, 9, 1), 10_000, service_type=FM, free_services_used=1
    )
    assert (ok.covered, ok.warranty_end, ok.km_limit) == (
        True,
        date(2026, 3, 10),
        200_000,
    )
    late = coverage(
        TRUCK, START, date(2026, 3, 11), 10_000, service_type=FM, free_services_used=1
    )
    assert late.reason == "expired_by_date"


def test_free_service_checks_start_first():
    assert (
        coverage(TRUCK, None, date(2024, 2, 1), 2_000, service_type=FM).reason
        == "no_warranty_start"
    )
    assert (
        coverage(TRUCK, START, date(2024, 3, 1), 2_000, service_type=FM).reason
        == "before_warranty_start"
    )


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, code, message",
    [
        (
            {"service_type": "paid"},
            "invalid_service_type",
            "service_type must be 'warranty' or 'free_maintenance', got 'paid'.",
        ),
        (
            {"mileage_km": -1},
            "negative_value",
            "mileage_km must not be negative, got -1.",
        ),
        ({"hours": -0.5}, "negative_value", "hours must not be negative, got -0.5."),
        (
            {"free_services_used": -1},
            "negative_value",
            "free_services_used must not be negative, got -1.",
        ),
        (
            {"repair_date": datetime(2024, 1, 1)},
            "not_a_date",
            "repair_date must be a date, got datetime.datetime(2024, 1, 1, 0, 0).",
        ),
        (
            {"warranty_start": "2024-01-01"},
            "not_a_date",
            "warranty_start must be a date, got '2024-01-01'.",
        ),
        (
            {"policy": None},
            "invalid_policy",
            "policy must be a WarrantyPolicy, got None.",
        ),
    ],
)
def test_coverage_bad_input(kwargs, code, message):
    args = {
        "policy": TRUCK,
        "warranty_start": START,
        "repair_date": date(2024, 6, 1),
        "mileage_km": 1_000,
    }
    args.update(kwargs)
    with pytest.raises(DomainError) as excinfo:
        coverage(**args)
    assert_error(excinfo, code, message)


# --- readings -----------------------------------------------------------------------------------


def test_reading_equal_or_higher_accepted():
    assert check_reading(1_500, 1_500) == 1_500
    assert check_reading(1_500.5, 1_500) == 1_500.5
    assert check_reading(0) == 0


def test_reading_lower_refused():
    with pytest.raises(DomainError) as excinfo:
        check_reading(1_200, 1_500.0)
    assert_error(
        excinfo,
        "reading_decreased",
        "The new mileage reading 1200 km is lower than the previous reading 1500 km.",
    )
    assert excinfo.value.params == {"new": 1_200, "previous": 1_500.0, "unit": "km"}


def test_hours_reading_lower_refused():
    with pytest.raises(DomainError) as excinfo:
        check_reading(99.5, 100, unit="h")
    assert_error(
        excinfo,
        "reading_decreased",
        "The new engine hours reading 99.5 h is lower than the previous reading 100 h.",
    )


@pytest.mark.parametrize(
    "args, code, message",
    [
        ((-3,), "negative_value", "new reading must not be negative, got -3."),
        ((3, -1), "negative_value", "previous reading must not be negative, got -1."),
        ((3, None, "mi"), "invalid_unit", "unit must be 'km' or 'h', got 'mi'."),
        ((None,), "not_a_number", "new reading must be a number, got None."),
    ],
)
def test_reading_bad_input(args, code, message):
    with pytest.raises(DomainError) as excinfo:
        check_reading(*args)
    assert_error(excinfo, code, message)


# --- household triggers ---------------------------------------------------------------------------

H_START = date(2024, 1, 1)


def rep(day, fault=None, serious=False, days=0, replaced=False, km=None):
    return HouseholdRepair(day, fault, serious, days, replaced, km)


def test_household_validity_end():
    assert household_validity_end(date(2024, 2, 29)) == date(2026, 2, 28)


def test_no_repairs_no_trigger():
    assert household_triggers([], H_START) == []


def test_serious_fault_two_repairs_is_not_yet_a_trigger():
    repairs = [
        rep(date(2024, 3, 1), "BRK-01", True),
        rep(date(2024, 4, 1), "BRK-01", True),
    ]
    assert household_triggers(repairs, H_START) == []


def test_serious_fault_persisting_after_two_repairs():
    repairs = [
        rep(date(2024, 5, 1), "BRK-01", True),
        rep(date(2024, 3, 1), "BRK-01", True),
        rep(date(2024, 4, 1), "BRK-01", True),
    ]
    assert household_triggers(repairs, H_START) == [
        HouseholdTrigger(
            "serious_fault_persists",
            {
                "fault_code": "BRK-01",
                "count": 3,
                "dates": ("2024-03-01", "2024-04-01", "2024-05-01"),
            },
        )
    ]


def test_non_serious_fault_three_times_is_no_trigger():
    repairs = [rep(date(2024, m, 1), "LAMP") for m in (3, 4, 5)]
    assert household_triggers(repairs, H_START) == []


def test_engine_replaced_once_then_twice():
    once = [rep(date(2024, 3, 1), "ENG", replaced=True)]
    assert household_triggers(once, H_START) == []
    twice = once + [rep(date(2024, 8, 1), "ENG2", replaced=True)]
    assert household_triggers(twice, H_START) == [
        HouseholdTrigger(
            "engine_replaced_twice", {"count": 2, "dates": ("2024-03-01", "2024-08-01")}
        )
    ]


def test_repair_time_exactly_30_days_is_no_trigger():
    repairs = [rep(date(2024, 3, 1), "A", days=12), rep(date(2024, 6, 1), "B", days=18)]
    assert household_triggers(repairs, H_START) == []


def test_repair_time_over_30_days():
    repairs = [
        rep(date(2024, 3, 1), "A", days=12),
        rep(date(2024, 6, 1), "B", days=18.5),
    ]
    assert household_triggers(repairs, H_START) == [
        HouseholdTrigger("repair_time_exceeded", {"total_days": 30.5, "max_days": 30})
    ]


def test_same_fault_four_times_is_no_trigger():
    repairs = [rep(date(2024, m, 1), "LAMP") for m in (2, 3, 4, 5)]
    assert household_triggers(repairs, H_START) == []


def test_same_fault_five_times():
    repairs = [rep(date(2024, m, 1), "LAMP") for m in (2, 3, 4, 5, 6)]
    assert household_triggers(repairs, H_START) == [
        HouseholdTrigger(
            "same_fault_repeated",
            {
                "fault_code": "LAMP",
                "count": 5,
                "dates": (
                    "2024-02-01",
                    "2024-03-01",
                    "2024-04-01",
                    "2024-05-01",
                    "2024-06-01",
                ),
            },
        )
    ]


def test_repairs_without_fault_code_are_not_counted_per_fault():
    repairs = [rep(date(2024, m, 1), None, True) for m in (2, 3, 4, 5, 6)] + [
        rep(date(2024, 7, 1), "", True)
    ]
    assert household_triggers(repairs, H_START) == []


def test_validity_window_by_date():
    # the 5th repair on 2026-01-02 is past the 24-month validity (ends 2026-01-01)
    base = [rep(date(2024, m, 1), "LAMP") for m in (2, 3, 4, 5)]
    assert household_triggers(base + [rep(date(2026, 1, 2), "LAMP")], H_START) == []
    inside = household_triggers(base + [rep(date(2026, 1, 1), "LAMP")], H_START)
    assert [t.code for t in inside] == ["same_fault_repeated"]
    # a repair before the warranty start does not count either
    assert household_triggers(base + [rep(date(2023, 12, 31), "LAMP")], H_START) == []


def test_validity_window_by_mileage():
    base = [rep(date(2024, m, 1), "LAMP", km=10_000 * (m - 1)) for m in (2, 3, 4, 5)]
    assert (
        household_triggers(base + [rep(date(2024, 6, 1), "LAMP", km=50_001)], H_START)
        == []
    )
    inside = household_triggers(
        base + [rep(date(2024, 6, 1), "LAMP", km=50_000)], H_START
    )
    assert [t.code for t in inside] == ["same_fault_repeated"]


def test_several_triggers_in_fixed_order():
    repairs = [rep(date(2024, 2, d), "ZF", True, days=3) for d in (1, 2, 3, 4, 5)] + [
        rep(date(2024, 3, d), "AB", True, days=6, replaced=True) for d in (1, 2, 3)
    ]  # 5 x 3 + 3 x 6 = 33 repair days
    triggers = household_triggers(repairs, H_START)
    assert triggers[3] == HouseholdTrigger(
        "repair_time_exceeded", {"total_days": 33, "max_days": 30}
    )
    codes = [(t.code, t.params.get("fault_code")) for t in triggers]
    assert codes == [
        ("serious_fault_persists", "AB"),
        ("serious_fault_persists", "ZF"),
        ("engine_replaced_twice", None),
        ("repair_time_exceeded", None),
        ("same_fault_repeated", "ZF"),
    ]


def test_household_bad_input():
    with pytest.raises(DomainError) as excinfo:
        rep(date(2024, 3, 1), "A", days=-1)
    assert_error(excinfo, "negative_value", "repair_days must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        rep(date(2024, 3, 1), 12)
    assert_error(excinfo, "invalid_fault_code", "fault_code must be a string, got 12.")
    with pytest.raises(DomainError) as excinfo:
        household_triggers([("2024-03-01", "A")], H_START)
    assert_error(
        excinfo,
        "invalid_repair",
        "repairs must be HouseholdRepair items, got ('2024-03-01', 'A').",
    )
    with pytest.raises(DomainError) as excinfo:
        household_triggers([], None)
    assert_error(excinfo, "not_a_date", "warranty_start must be a date, got None.")


# --- repair order eligibility -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service_type", "engine_known", "policy", "reason"),
    [
        ("paid", True, TRUCK, "not_claimable"),
        ("goodwill", True, TRUCK, "not_claimable"),
        ("warranty", False, TRUCK, "no_engine"),
        ("warranty", True, None, "no_policy"),
        ("paid", False, None, "not_claimable"),  # the service type is decided first
    ],
)
def test_repair_eligibility_before_coverage(service_type, engine_known, policy, reason):
    result = repair_eligibility(
        service_type, engine_known, policy, START, date(2024, 5, 1), 10_000
    )
    assert result == Coverage(False, reason, params={})


def test_repair_eligibility_falls_through_to_coverage():
    args = (TRUCK, START, date(2024, 5, 1), 10_000)
    assert repair_eligibility("warranty", True, *args) == coverage(*args)
    free = repair_eligibility("free_maintenance", True, *args, free_services_used=2)
    assert free.reason == "free_service_exhausted"


def test_eligibility_declarations_extend_coverage_reasons_once():
    codes = [reason.code for reason in ELIGIBILITY_DECLARATIONS]
    assert codes[:3] == ["not_claimable", "no_engine", "no_policy"]
    assert codes[3:] == [reason.code for reason in REASON_DECLARATIONS]
    assert len(set(codes)) == len(codes)


def test_count_earlier_free_services():
    day = datetime(2024, 6, 1, 9, 0)
    repairs = [
        (1, "free_maintenance", "done", datetime(2024, 4, 1)),  # counted
        (2, "free_maintenance", "cancel", datetime(2024, 4, 2)),  # cancelled
        (3, "warranty", "done", datetime(2024, 4, 3)),  # not a free maintenance
        (4, "free_maintenance", "draft", datetime(2024, 7, 1)),  # later
        (5, "free_maintenance", "confirmed", datetime(2024, 5, 1)),  # counted
        (6, "free_maintenance", "done", None),  # no date
        (7, "free_maintenance", "done", day),  # the repair itself
    ]
    assert count_earlier_free_services(7, day, repairs) == 2
    assert count_earlier_free_services(7, None, repairs) == 0
    assert count_earlier_free_services(8, datetime(2024, 12, 1), repairs) == 4


# --- configurable household thresholds ----------------------------------------------------------


def test_household_rules_default_to_the_statute():
    assert HouseholdRules() == HouseholdRules(36, 60_000, 24, 50_000, 30, 2, 2, 4)


def test_household_rules_change_the_triggers():
    repairs = [rep(date(2024, m, 1), "BRK-01", True) for m in (3, 4, 5)]
    assert (
        household_triggers(repairs, H_START, HouseholdRules(serious_fault_repairs=3))
        == []
    )
    lenient = household_triggers(
        repairs, H_START, HouseholdRules(serious_fault_repairs=1)
    )
    assert [t.code for t in lenient] == ["serious_fault_persists"]
    # a 2-month validity (to 2024-03-01) keeps only the March repair: no trigger
    short = HouseholdRules(replacement_months=2)
    assert household_triggers(repairs, H_START, short) == []


def test_household_rules_change_the_repair_minimums():
    policy = WarrantyPolicy(repair_months=12, repair_km=30_000, household=True)
    assert repair_limits(policy) == RepairLimits(months=36, km=60_000, hours=None)
    longer = replace(
        policy, household_rules=HouseholdRules(repair_months=48, repair_km=80_000)
    )
    assert repair_limits(longer) == RepairLimits(months=48, km=80_000, hours=None)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"max_repair_days": -1}, "negative_value"),
        ({"engine_replacements": 0}, "negative_value"),
        ({"repair_months": 1.5}, "not_an_integer"),
    ],
)
def test_household_rules_bad_values(kwargs, code):
    with pytest.raises(DomainError) as caught:
        HouseholdRules(**kwargs)
    assert caught.value.code == code


def test_household_rules_must_be_rules():
    with pytest.raises(DomainError) as caught:
        household_triggers([], H_START, {"max_repair_days": 3})
    assert caught.value.code == "invalid_household_rules"
    with pytest.raises(DomainError) as caught:
        WarrantyPolicy(household_rules=None)
    assert caught.value.code == "invalid_household_rules"
