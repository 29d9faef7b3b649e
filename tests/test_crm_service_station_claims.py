"""Tier 1: claim amounts and the automatic validation rules."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
import inspect

from crm_service_station_lib.claims import (
    MESSAGES,
    RULE_DECLARATIONS,
    RULES,
    ClaimAmounts,
    ClaimContext,
    ClaimLaborLine,
    ClaimPartLine,
    EngineInfo,
    PriorClaim,
    StationInfo,
    Verdict,
    compute_claim_amounts,
    context_inputs,
    count_free_services,
    decided_line_amount,
    declare_rule,
    fail,
    labor_amount,
    other_amount,
    part_amount,
    round_amount,
    rule_engine_exists,
    rule_engine_in_warranty,
    rule_labor_within_standard,
    rule_mileage_not_decreasing,
    rule_no_duplicate_failure,
    rule_old_parts_returned,
    rule_preauthorized,
    rule_repair_not_after_submission,
    rule_repair_order_not_claimed,
    rule_selection,
    rule_station_active,
    rule_station_authorized,
    rule_submission_deadline,
    run_rules,
    sum_line_amounts,
    template_params,
    travel_amount,
)
from crm_service_station_lib.common import DomainError
from crm_service_station_lib.warranty import WarrantyPolicy
import pytest


def assert_error(excinfo, code, message):
    assert type(excinfo.value) is DomainError
    assert excinfo.value.code == code
    assert str(excinfo.value) == message


def D(text):
    return Decimal(text)


# ================================================================================================
# Amounts
# ================================================================================================


def test_labor_amount():
    assert labor_amount(2.5, 80) == D("200.00")
    assert labor_amount(1.2, 85.5) == D("102.60")


def test_part_amount_with_handling():
    # 3 x 120.50 x 1.10 = 397.65
    assert part_amount(3, 120.5, 10) == D("397.65")
    assert part_amount(2, 3.5) == D("7.00")


def test_decided_line_amount_per_kind():
    # Labor decided in hours: 1.5 h x 80 = 120.00 of the 200.00 claimed.
    assert decided_line_amount("labor", 200, hours=1.5, labor_rate=80) == D("120.00")
    # Part decided in quantity: 1 x 120.50 x 1.10 = 132.55 of 2 claimed (265.10).
    assert decided_line_amount(
        "part", 265.1, qty=1, unit_price=120.5, handling_pct=10
    ) == D("132.55")
    # Travel and other decided in an amount, rounded half up.
    assert decided_line_amount("travel", 88, amount=50.005) == D("50.01")
    assert decided_line_amount("other", 300, amount=0) == D("0.00")
    # The full claimed amount is allowed.
    assert decided_line_amount("labor", 200, hours=2.5, labor_rate=80) == D("200.00")


@pytest.mark.parametrize(
    ("kind", "kwargs", "code"),
    [
        ("labor", {"hours": 3, "labor_rate": 80}, "line_above_claimed"),
        (
            "part",
            {"qty": 3, "unit_price": 120.5, "handling_pct": 10},
            "line_above_claimed",
        ),
        ("other", {"amount": 300.01}, "line_above_claimed"),
        ("other", {"amount": -1}, "negative_value"),
        ("labor", {"hours": "x", "labor_rate": 80}, "not_a_number"),
        ("bogus", {"amount": 1}, "invalid_line_kind"),
    ],
)
def test_decided_line_amount_bad_input(kind, kwargs, code):
    claimed = {"labor": 200, "part": 265.1}.get(kind, 300)
    with pytest.raises(DomainError) as caught:
        decided_line_amount(kind, claimed, **kwargs)
    assert caught.value.code == code


def test_travel_and_other_amount():
    assert travel_amount(35, 2.2) == D("77.00")
    assert other_amount(15.555) == D("15.56")


def test_rounding_is_half_up_on_decimal_value_of_floats():
    # binary 1.005 is 1.00499999...; it is read as the decimal 1.005 and rounds up
    assert labor_amount(1.005, 1) == D("1.01")
    assert part_amount(1, 0.045) == D("0.05")
    assert round_amount(D("2.345")) == D("2.35")
    assert round_amount(D("2.344999")) == D("2.34")


def test_amounts_are_two_place_decimals():
    amount = labor_amount(2, 80)
    assert isinstance(amount, Decimal) and str(amount) == "160.00"


def test_compute_claim_amounts():
    result = compute_claim_amounts(
        [ClaimLaborLine("OP-1", 2.5), ClaimLaborLine("OP-2", 1.2)],
        [ClaimPartLine("P-1", 3, 120.5), ClaimPartLine("P-2", 1, 45.99)],
        labor_rate=80,
        handling_pct=10,
        travel_km=35,
        travel_rate=2.2,
        other_amounts=[15.5, 4.5],
    )
    # labor 200.00 + 96.00; parts 397.65 + 50.589 -> 50.59; travel 77.00; other 20.00
    assert result == ClaimAmounts(
        labor=D("296.00"),
        parts=D("448.24"),
        travel=D("77.00"),
        other=D("20.00"),
        total=D("841.24"),
        labor_lines=(D("200.00"), D("96.00")),
        part_lines=(D("397.65"), D("50.59")),
        other_lines=(D("15.50"), D("4.50")),
    )


def test_subtotal_is_sum_of_rounded_lines():
    result = compute_claim_amounts(
        part_lines=[ClaimPartLine("W", 1, 0.125), ClaimPartLine("W", 1, 0.125)]
    )
    # each line 0.125 -> 0.13, so the subtotal is 0.26 (not 0.25)
    assert result.part_lines == (D("0.13"), D("0.13"))
    assert result.parts == D("0.26") and result.total == D("0.26")


def test_empty_claim_is_zero():
    result = compute_claim_amounts()
    assert str(result.total) == "0.00"
    assert (result.labor, result.parts, result.travel, result.other) == (
        D("0"),
        D("0"),
        D("0"),
        D("0"),
    )
    assert result.labor_lines == result.part_lines == result.other_lines == ()


def test_decimal_inputs_accepted():
    result = compute_claim_amounts(
        [ClaimLaborLine("OP", D("1.5"))],
        labor_rate=D("90"),
        travel_km=D("10"),
        travel_rate=D("1.5"),
    )
    assert (result.labor, result.travel, result.total) == (
        D("135.00"),
        D("15.00"),
        D("150.00"),
    )


@pytest.mark.parametrize(
    "labor, parts, kwargs, code, message",
    [
        (
            [ClaimLaborLine("OP", -1)],
            [],
            {"labor_rate": 80},
            "negative_value",
            "hours must not be negative, got -1.",
        ),
        (
            [ClaimLaborLine("OP", 1)],
            [],
            {"labor_rate": -80},
            "negative_value",
            "labor_rate must not be negative, got -80.",
        ),
        (
            [],
            [ClaimPartLine("P", -2, 10)],
            {},
            "negative_value",
            "qty must not be negative, got -2.",
        ),
        (
            [],
            [ClaimPartLine("P", 2, -0.01)],
            {},
            "negative_value",
            "unit_price must not be negative, got -0.01.",
        ),
        (
            [],
            [ClaimPartLine("P", 2, 10)],
            {"handling_pct": -5},
            "negative_value",
            "handling_pct must not be negative, got -5.",
        ),
        (
            [],
            [],
            {"travel_km": -1, "travel_rate": 2},
            "negative_value",
            "travel_km must not be negative, got -1.",
        ),
        (
            [],
            [],
            {"travel_km": 1, "travel_rate": -2},
            "negative_value",
            "travel_rate must not be negative, got -2.",
        ),
        (
            [],
            [],
            {"other_amounts": [5, -3]},
            "negative_value",
            "other_amount must not be negative, got -3.",
        ),
        (
            [ClaimLaborLine("OP", "abc")],
            [],
            {"labor_rate": 80},
            "not_a_number",
            "hours must be a number, got 'abc'.",
        ),
        (
            [],
            [ClaimPartLine("P", None, 10)],
            {},
            "not_a_number",
            "qty must be a number, got None.",
        ),
        (
            [],
            [ClaimPartLine("P", 1, float("nan"))],
            {},
            "not_a_number",
            "unit_price must be a finite number, got nan.",
        ),
    ],
)
def test_compute_claim_amounts_bad_input(labor, parts, kwargs, code, message):
    with pytest.raises(DomainError) as excinfo:
        compute_claim_amounts(labor, parts, **kwargs)
    assert_error(excinfo, code, message)


# ================================================================================================
# Validation rules
# ================================================================================================

POLICY = WarrantyPolicy(
    free_service_count=1,
    first_service_min_km=1_500,
    first_service_max_km=2_500,
    first_service_max_months=1,
    repair_months=24,
    repair_km=200_000,
)
ENGINE = EngineInfo(
    engine_id=7, product_line="WP10", warranty_start=date(2024, 1, 31), policy=POLICY
)
STATION = StationInfo(
    station_id=3,
    state="active",
    product_lines=frozenset({"WP10", "WP12"}),
    qualification_from=date(2023, 1, 1),
    qualification_to=date(2025, 12, 31),
)
REPAIR_DATE = date(2025, 3, 1)
PRIORS = (
    PriorClaim(90, 7, "F-OIL-02", date(2025, 2, 20), 540),
    PriorClaim(100, 7, "F-INJ-01", date(2025, 3, 1), 555),  # the claim itself: ignored
    PriorClaim(80, 8, "F-INJ-01", date(2025, 3, 1), 530),
)
GOOD = ClaimContext(
    claim_id=100,
    repair_date=REPAIR_DATE,
    repair_completed=date(2025, 3, 3),
    submitted=date(2025, 3, 20),
    mileage_km=80_000,
    engine=ENGINE,
    station=STATION,
    previous_mileage_km=75_000,
    failure_code="F-INJ-01",
    repair_order_id=555,
    prior_claims=PRIORS,
    labor_lines=(ClaimLaborLine("OP-INJ", 2.0, 2.5),),
    part_lines=(
        ClaimPartLine("INJ-100", 1, 850, return_required=True, return_recorded=True),
        ClaimPartLine("SEAL-1", 2, 3.5),
    ),
)


def test_run_rules_all_pass():
    report = run_rules(GOOD)
    assert report.passed is True
    assert report.failed == ()
    assert tuple(v.rule for v in report.verdicts) == RULES
    assert all(v.passed and v.message == "ok" for v in report.verdicts)
    # 2025-03-01 -> 2026-01-31: 336 days, 200,000 - 80,000 km
    assert report.verdicts[1] == Verdict(
        "engine_in_warranty",
        True,
        "ok",
        {"remaining_days": 336, "remaining_km": 120_000},
    )
    assert report.verdicts[4].params == {"days": 17, "max_days": 30}


def test_run_rules_one_failure_fails_the_claim():
    report = run_rules(replace(GOOD, submitted=date(2025, 4, 3)))
    assert report.passed is False
    assert report.failed == (
        Verdict(
            "submission_deadline",
            False,
            "submission_late",
            {"days": 31, "max_days": 30},
        ),
    )


def test_run_rules_unknown_engine():
    report = run_rules(replace(GOOD, engine=None))
    assert report.passed is False
    assert [(v.rule, v.message) for v in report.failed] == [
        ("engine_exists", "engine_missing"),
        ("engine_in_warranty", "engine_missing"),
        ("station_authorized", "engine_missing"),
        ("no_duplicate_failure", "engine_missing"),
    ]


def test_run_rules_uses_context_windows():
    report = run_rules(replace(GOOD, submitted=date(2025, 3, 20), submission_days=10))
    assert [v.message for v in report.failed] == ["submission_late"]
    dup = replace(
        GOOD,
        prior_claims=(PriorClaim(70, 7, "F-INJ-01", date(2025, 1, 1), 500),),
        duplicate_days=60,
    )
    assert [v.message for v in run_rules(dup).failed] == ["duplicate_failure"]
    assert run_rules(replace(dup, duplicate_days=58)).passed is True  # 59 days apart


def test_run_rules_bad_context():
    with pytest.raises(DomainError) as excinfo:
        run_rules({"claim_id": 1})
    assert_error(
        excinfo,
        "invalid_context",
        "context must be a ClaimContext, got {'claim_id': 1}.",
    )


# --- engine ------------------------------------------------------------------------------------


def test_rule_engine_exists():
    assert rule_engine_exists(ENGINE) == Verdict("engine_exists", True, "ok", {})
    assert rule_engine_exists(None) == Verdict(
        "engine_exists", False, "engine_missing", {}
    )


def test_rule_engine_in_warranty_last_day_and_day_after():
    assert rule_engine_in_warranty(ENGINE, date(2026, 1, 31), 80_000).params == {
        "remaining_days": 0,
        "remaining_km": 120_000,
    }
    assert rule_engine_in_warranty(ENGINE, date(2026, 2, 1), 80_000) == Verdict(
        "engine_in_warranty", False, "expired_by_date", {"end_date": "2026-01-31"}
    )


def test_rule_engine_in_warranty_by_mileage():
    assert rule_engine_in_warranty(ENGINE, REPAIR_DATE, 200_000).passed is True
    assert rule_engine_in_warranty(ENGINE, REPAIR_DATE, 200_001) == Verdict(
        "engine_in_warranty",
        False,
        "expired_by_km",
        {"km_limit": 200_000, "mileage_km": 200_001},
    )


@pytest.mark.parametrize(
    "engine, service_type, message, params",
    [
        (None, "warranty", "engine_missing", {}),
        (replace(ENGINE, policy=None), "warranty", "no_policy", {}),
        (
            ENGINE,
            "goodwill",
            "service_type_not_claimable",
            {"service_type": "goodwill"},
        ),
        (ENGINE, "paid", "service_type_not_claimable", {"service_type": "paid"}),
        (replace(ENGINE, warranty_start=None), "warranty", "no_warranty_start", {}),
        (
            ENGINE,
            "free_maintenance",
            "outside_first_service_window",
            {"bound": "max_months", "max_months": 1, "end_date": "2024-02-29"},
        ),
        (
            replace(ENGINE, free_services_used=1),
            "free_maintenance",
            "free_service_exhausted",
            {"free_service_count": 1, "used": 1},
        ),
    ],
)
def test_rule_engine_in_warranty_failures(engine, service_type, message, params):
    verdict = rule_engine_in_warranty(
        engine, REPAIR_DATE, 80_000, service_type=service_type
    )
    assert verdict == Verdict("engine_in_warranty", False, message, params)


def test_rule_engine_in_warranty_free_maintenance_passes():
    verdict = rule_engine_in_warranty(
        ENGINE, date(2024, 2, 20), 2_000, service_type="free_maintenance"
    )
    assert verdict == Verdict(
        "engine_in_warranty", True, "ok", {"remaining_days": 9, "remaining_km": 500}
    )


# --- station -----------------------------------------------------------------------------------


def test_rule_station_active_passes_on_qualification_edges():
    assert rule_station_active(STATION, date(2025, 12, 31)) == Verdict(
        "station_active", True, "ok", {}
    )
    assert rule_station_active(STATION, date(2023, 1, 1)).passed is True
    open_ended = replace(STATION, qualification_from=None, qualification_to=None)
    assert rule_station_active(open_ended, date(2040, 1, 1)).passed is True


@pytest.mark.parametrize(
    "station, message, params",
    [
        (None, "station_missing", {}),
        (
            replace(STATION, state="suspended"),
            "station_not_active",
            {"state": "suspended"},
        ),
        (
            replace(STATION, state="terminated"),
            "station_not_active",
            {"state": "terminated"},
        ),
        (
            replace(STATION, qualification_to=date(2025, 2, 28)),
            "qualification_expired",
            {"valid_to": "2025-02-28"},
        ),
        (
            replace(STATION, qualification_from=date(2025, 3, 2)),
            "qualification_not_yet_valid",
            {"valid_from": "2025-03-02"},
        ),
    ],
)
def test_rule_station_active_failures(station, message, params):
    assert rule_station_active(station, REPAIR_DATE) == Verdict(
        "station_active", False, message, params
    )


def test_rule_station_authorized():
    assert rule_station_authorized(STATION, ENGINE) == Verdict(
        "station_authorized", True, "ok", {}
    )
    other_line = replace(ENGINE, product_line="WP13")
    assert rule_station_authorized(STATION, other_line) == Verdict(
        "station_authorized",
        False,
        "product_line_not_authorized",
        {"product_line": "WP13"},
    )
    assert rule_station_authorized(None, ENGINE).message == "station_missing"
    assert rule_station_authorized(STATION, None).message == "engine_missing"
    assert (
        rule_station_authorized(
            replace(STATION, product_lines=frozenset()), ENGINE
        ).passed
        is False
    )


# --- submission deadline --------------------------------------------------------------------------


def test_rule_submission_exactly_30_days_passes():
    assert rule_submission_deadline(date(2025, 3, 3), date(2025, 4, 2)) == Verdict(
        "submission_deadline", True, "ok", {"days": 30, "max_days": 30}
    )


def test_rule_submission_31_days_fails():
    assert rule_submission_deadline(date(2025, 3, 3), date(2025, 4, 3)) == Verdict(
        "submission_deadline", False, "submission_late", {"days": 31, "max_days": 30}
    )


def test_rule_submission_same_day_and_custom_deadline():
    assert rule_submission_deadline(date(2025, 3, 3), date(2025, 3, 3)).params == {
        "days": 0,
        "max_days": 30,
    }
    assert (
        rule_submission_deadline(
            date(2025, 3, 3), date(2025, 3, 13), max_days=10
        ).passed
        is True
    )
    assert (
        rule_submission_deadline(
            date(2025, 3, 3), date(2025, 3, 14), max_days=10
        ).passed
        is False
    )


def test_rule_submission_not_completed_or_before_completion():
    assert rule_submission_deadline(None, date(2025, 3, 3)) == Verdict(
        "submission_deadline", False, "repair_not_completed", {}
    )
    assert rule_submission_deadline(date(2025, 3, 3), date(2025, 3, 2)) == Verdict(
        "submission_deadline", False, "submitted_before_completion", {"days": -1}
    )


def test_rule_submission_bad_input():
    with pytest.raises(DomainError) as excinfo:
        rule_submission_deadline(date(2025, 3, 3), date(2025, 3, 4), max_days=-1)
    assert_error(excinfo, "negative_value", "max_days must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        rule_submission_deadline(date(2025, 3, 3), None)
    assert_error(excinfo, "not_a_date", "submitted must be a date, got None.")


# --- mileage ------------------------------------------------------------------------------------


def test_rule_mileage():
    assert rule_mileage_not_decreasing(75_000, 75_000) == Verdict(
        "mileage_not_decreasing", True, "ok", {}
    )
    assert rule_mileage_not_decreasing(100, None).passed is True
    assert rule_mileage_not_decreasing(74_999.9, 75_000) == Verdict(
        "mileage_not_decreasing",
        False,
        "mileage_decreased",
        {"mileage_km": 74_999.9, "previous_km": 75_000},
    )
    assert rule_mileage_not_decreasing(None, 75_000) == Verdict(
        "mileage_not_decreasing", False, "no_mileage", {}
    )


def test_rule_mileage_negative_refused():
    with pytest.raises(DomainError) as excinfo:
        rule_mileage_not_decreasing(-10, None)
    assert_error(excinfo, "negative_value", "mileage_km must not be negative, got -10.")


# --- duplicates ---------------------------------------------------------------------------------


def prior(
    claim_id, days_from_repair, engine_id=7, failure="F-INJ-01", repair_order=None
):
    return PriorClaim(
        claim_id,
        engine_id,
        failure,
        date.fromordinal(REPAIR_DATE.toordinal() + days_from_repair),
        repair_order,
    )


def dup(priors, **kwargs):
    return rule_no_duplicate_failure(
        100, ENGINE, "F-INJ-01", REPAIR_DATE, priors, **kwargs
    )


def test_rule_duplicate_exactly_30_days_apart_is_duplicate():
    assert dup([prior(61, -30)]) == Verdict(
        "no_duplicate_failure",
        False,
        "duplicate_failure",
        {"claim_ids": (61,), "window_days": 30},
    )
    assert dup([prior(62, 30)]).params["claim_ids"] == (62,)


def test_rule_duplicate_31_days_apart_passes():
    assert dup([prior(61, -31), prior(62, 31)]) == Verdict(
        "no_duplicate_failure", True, "ok", {}
    )


def test_rule_duplicate_needs_same_engine_and_failure_code():
    assert (
        dup([prior(61, -1, engine_id=8), prior(62, -1, failure="F-OIL-02")]).passed
        is True
    )


def test_rule_duplicate_ignores_the_claim_itself_and_lists_all():
    assert dup([prior(100, 0)]).passed is True
    verdict = dup([prior(65, -3), prior(100, 0), prior(64, 2)])
    assert verdict.params == {"claim_ids": (65, 64), "window_days": 30}
    # a new claim (no id yet) compares with every prior claim
    new = rule_no_duplicate_failure(
        None, ENGINE, "F-INJ-01", REPAIR_DATE, [prior(100, 0)]
    )
    assert new.params["claim_ids"] == (100,)


def test_rule_duplicate_custom_window():
    assert dup([prior(61, -8)], window_days=7).passed is True
    assert dup([prior(61, -7)], window_days=7).passed is False


def test_rule_duplicate_missing_data_fails():
    assert rule_no_duplicate_failure(100, ENGINE, None, REPAIR_DATE, []) == Verdict(
        "no_duplicate_failure", False, "failure_code_missing", {}
    )
    assert (
        rule_no_duplicate_failure(100, ENGINE, "", REPAIR_DATE, []).message
        == "failure_code_missing"
    )
    assert (
        rule_no_duplicate_failure(100, None, "F-INJ-01", REPAIR_DATE, []).message
        == "engine_missing"
    )


def test_rule_duplicate_bad_prior_claims():
    with pytest.raises(DomainError) as excinfo:
        dup([(61, 7, "F-INJ-01")])
    assert_error(
        excinfo,
        "invalid_prior_claim",
        "prior_claims must be PriorClaim items, got (61, 7, 'F-INJ-01').",
    )
    with pytest.raises(DomainError) as excinfo:
        PriorClaim(61, 7, "F-INJ-01", "2025-03-01")
    assert_error(excinfo, "not_a_date", "repair_date must be a date, got '2025-03-01'.")


def test_rule_repair_order_not_claimed():
    assert rule_repair_order_not_claimed(100, 555, PRIORS) == Verdict(
        "repair_order_not_claimed", True, "ok", {}
    )
    assert rule_repair_order_not_claimed(100, 540, PRIORS) == Verdict(
        "repair_order_not_claimed",
        False,
        "repair_order_already_claimed",
        {"claim_ids": (90,)},
    )
    assert rule_repair_order_not_claimed(None, 555, PRIORS).params == {
        "claim_ids": (100,)
    }
    assert rule_repair_order_not_claimed(100, None, PRIORS) == Verdict(
        "repair_order_not_claimed", False, "repair_order_missing", {}
    )


def test_run_rules_catches_same_repair_order():
    report = run_rules(replace(GOOD, repair_order_id=530))
    assert report.failed == (
        Verdict(
            "repair_order_not_claimed",
            False,
            "repair_order_already_claimed",
            {"claim_ids": (80,)},
        ),
    )


# --- old parts ----------------------------------------------------------------------------------


def test_rule_old_parts_returned():
    assert rule_old_parts_returned([]) == Verdict("old_parts_returned", True, "ok", {})
    lines = [
        ClaimPartLine("INJ-100", 1, 850, return_required=True, return_recorded=True),
        ClaimPartLine("SEAL-1", 2, 3.5, return_required=False),
    ]
    assert rule_old_parts_returned(lines).passed is True
    lines += [
        ClaimPartLine("TURBO-7", 1, 2_300, return_required=True),
        ClaimPartLine("PUMP-2", 1, 640, return_required=True, return_recorded=False),
    ]
    assert rule_old_parts_returned(lines) == Verdict(
        "old_parts_returned",
        False,
        "old_parts_not_returned",
        {"part_codes": ("TURBO-7", "PUMP-2")},
    )


# --- labor --------------------------------------------------------------------------------------


def test_rule_labor_within_standard():
    assert rule_labor_within_standard([]) == Verdict(
        "labor_within_standard", True, "ok", {}
    )
    assert rule_labor_within_standard([ClaimLaborLine("OP-1", 2.5, 2.5)]).passed is True
    assert rule_labor_within_standard(
        [ClaimLaborLine("OP-1", 2.5, 2.5), ClaimLaborLine("OP-2", 3.1, 3.0)]
    ) == Verdict(
        "labor_within_standard",
        False,
        "labor_over_standard",
        {"operation_codes": ("OP-2",)},
    )


def test_rule_labor_unknown_standard_reported_first():
    lines = [ClaimLaborLine("OP-2", 3.1, 3.0), ClaimLaborLine("OP-X", 1.0)]
    assert rule_labor_within_standard(lines) == Verdict(
        "labor_within_standard",
        False,
        "operation_without_standard",
        {"operation_codes": ("OP-X",)},
    )


def test_rule_labor_bad_hours():
    with pytest.raises(DomainError) as excinfo:
        rule_labor_within_standard([ClaimLaborLine("OP-1", -1, 2)])
    assert_error(excinfo, "negative_value", "hours must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        rule_labor_within_standard([ClaimLaborLine("OP-1", 1, -2)])
    assert_error(
        excinfo, "negative_value", "standard_hours must not be negative, got -2."
    )


# --- the declarations ---------------------------------------------------------------------------


def test_rules_are_derived_from_the_declarations():
    assert RULES == tuple(rule.code for rule in RULE_DECLARATIONS)
    assert len(set(RULES)) == len(RULES)
    assert rule_selection() == [(rule.code, rule.label) for rule in RULE_DECLARATIONS]
    assert len(run_rules(GOOD).verdicts) == len(RULE_DECLARATIONS)


@pytest.mark.parametrize("rule", RULE_DECLARATIONS, ids=lambda rule: rule.code)
def test_declaration_is_complete(rule):
    # inputs are attributes of the context, one per positional parameter of the function
    assert set(rule.inputs) <= context_inputs()
    parameters = list(inspect.signature(rule.function).parameters)
    assert len(parameters) >= len(rule.inputs)
    assert rule.label and rule.messages
    for code, template in rule.messages.items():
        assert MESSAGES[code] == template
        names = template_params(template)
        # every named parameter renders; no positional placeholder
        assert (template % {name: "X" for name in names}).count("X") >= len(names)
    # the verdict on the good claim belongs to the rule
    assert rule.run(GOOD).rule == rule.code


def test_every_failure_of_the_tests_is_declared():
    contexts = [
        replace(
            GOOD, engine=None, station=None, repair_order_id=None, failure_code=None
        ),
        replace(GOOD, submitted=date(2025, 4, 3), mileage_km=0),
        replace(
            GOOD,
            station=replace(STATION, state="suspended"),
            labor_lines=(ClaimLaborLine("X", 1),),
        ),
    ]
    for context in contexts:
        for verdict in run_rules(context).failed:
            declaration = RULE_DECLARATIONS[RULES.index(verdict.rule)]
            assert verdict.message in declaration.messages


def test_undeclared_message_is_refused():
    @declare_rule("test_only", "Test only", ("engine",), {"declared": "Declared."})
    def rule_test_only(engine):
        return fail("undeclared") if engine is None else fail("declared")

    try:
        assert rule_test_only(ENGINE) == Verdict("test_only", False, "declared", {})
        with pytest.raises(DomainError) as excinfo:
            rule_test_only(None)
        assert_error(
            excinfo,
            "undeclared_message",
            "Rule test_only reported the undeclared message 'undeclared'.",
        )
    finally:
        RULE_DECLARATIONS.pop()
    assert "test_only" not in tuple(rule.code for rule in RULE_DECLARATIONS)


def test_template_params():
    assert template_params("%(a)s and %(b)s, %(a)s") == ("a", "b")
    assert template_params("Passed.") == ()


# --- rules computed from plain inputs -------------------------------------------------------------


def test_station_authorized_by_a_parent_line():
    heavy = replace(
        ENGINE, product_line="WP10-H", product_line_parents=("WP10", "ENGINES")
    )
    assert rule_station_authorized(STATION, heavy).passed is True
    sibling = replace(ENGINE, product_line="WP13", product_line_parents=("ENGINES",))
    assert rule_station_authorized(STATION, sibling) == Verdict(
        "station_authorized",
        False,
        "product_line_not_authorized",
        {"product_line": "WP13"},
    )


def test_zero_mileage_is_not_recorded():
    report = run_rules(replace(GOOD, mileage_km=0))
    assert [(v.rule, v.message) for v in report.failed] == [
        ("engine_in_warranty", "no_mileage"),
        ("mileage_not_decreasing", "no_mileage"),
    ]
    # no km limit and no previous reading: nothing asks for the mileage
    no_km = replace(ENGINE, policy=replace(POLICY, repair_km=None))
    assert (
        run_rules(
            replace(GOOD, mileage_km=0, engine=no_km, previous_mileage_km=None)
        ).passed
        is True
    )
    assert rule_mileage_not_decreasing(None, None) == Verdict(
        "mileage_not_decreasing", True, "ok", {}
    )


def test_count_free_services():
    priors = [
        PriorClaim(
            1,
            7,
            None,
            date(2024, 2, 20),
            service_type="free_maintenance",
            state="approved",
        ),
        PriorClaim(
            2, 7, None, date(2024, 8, 20), service_type="free_maintenance", state="paid"
        ),
        PriorClaim(
            3,
            7,
            None,
            date(2024, 9, 20),
            service_type="free_maintenance",
            state="submitted",
        ),
        PriorClaim(
            4, 7, None, date(2024, 9, 21), service_type="warranty", state="approved"
        ),
        PriorClaim(
            5,
            8,
            None,
            date(2024, 9, 22),
            service_type="free_maintenance",
            state="approved",
        ),
        PriorClaim(
            6,
            7,
            None,
            date(2025, 3, 1),
            service_type="free_maintenance",
            state="approved",
        ),
    ]
    assert count_free_services(7, date(2025, 3, 1), priors) == 2
    assert count_free_services(7, date(2024, 8, 20), priors) == 1
    assert count_free_services(7, date(2025, 3, 2), priors) == 3


def test_free_maintenance_beyond_the_allowed_count():
    two = replace(ENGINE, policy=replace(POLICY, free_service_count=2))
    assert rule_engine_in_warranty(
        replace(two, free_services_used=1),
        REPAIR_DATE,
        80_000,
        service_type="free_maintenance",
    ).passed
    assert rule_engine_in_warranty(
        replace(two, free_services_used=2),
        REPAIR_DATE,
        80_000,
        service_type="free_maintenance",
    ) == Verdict(
        "engine_in_warranty",
        False,
        "free_service_exhausted",
        {"free_service_count": 2, "used": 2},
    )


def test_sum_line_amounts():
    result = sum_line_amounts(
        [
            ("labor", 160.0),
            ("part", 220.0),
            ("travel", 70.0),
            ("travel", 70.0),
            ("other", 0.1),
        ]
    )
    assert (result.labor, result.parts, result.travel, result.other, result.total) == (
        D("160.00"),
        D("220.00"),
        D("140.00"),
        D("0.10"),
        D("520.10"),
    )
    assert sum_line_amounts([]).total == D("0.00")
    with pytest.raises(DomainError) as excinfo:
        sum_line_amounts([("fee", 1)])
    assert excinfo.value.code == "invalid_line_kind"
    with pytest.raises(DomainError) as excinfo:
        sum_line_amounts([("labor", -1)])
    assert_error(excinfo, "negative_value", "subtotal must not be negative, got -1.")


def test_rule_repair_not_after_submission():
    assert rule_repair_not_after_submission(
        date(2025, 3, 3), date(2025, 3, 3)
    ) == Verdict("repair_not_after_submission", True, "ok", {})
    assert rule_repair_not_after_submission(
        date(2025, 3, 4), date(2025, 3, 3)
    ) == Verdict(
        "repair_not_after_submission",
        False,
        "repair_after_submission",
        {"repair_date": "2025-03-04", "submitted": "2025-03-03"},
    )
    with pytest.raises(DomainError) as caught:
        rule_repair_not_after_submission("2025-03-04", date(2025, 3, 3))
    assert caught.value.code == "not_a_date"


def test_rule_preauthorized():
    # No threshold, no flagged failure code: nothing needed.
    assert rule_preauthorized(99999, 0, False, None).passed
    # At the threshold passes, above it needs an approved pre-authorization.
    assert rule_preauthorized(5000, 5000, False, None).passed
    outcome = rule_preauthorized(5000.01, 5000, False, None)
    assert not outcome.passed
    assert outcome.message == "preauth_needed_amount"
    assert outcome.params == {"threshold": "5000.00"}
    assert not rule_preauthorized(5000.01, 5000, False, "requested").passed
    assert not rule_preauthorized(5000.01, 5000, False, "refused").passed
    assert rule_preauthorized(5000.01, 5000, False, "approved").passed
    # A flagged failure code needs it whatever the amount.
    outcome = rule_preauthorized(10, 0, True, "draft")
    assert not outcome.passed
    assert outcome.message == "preauth_needed_failure"
    assert rule_preauthorized(10, 0, True, "approved").passed
    with pytest.raises(DomainError) as caught:
        rule_preauthorized(10, -1, False, None)
    assert caught.value.code == "negative_value"
