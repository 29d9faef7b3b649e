"""Tier 1: crm_coal grade conversion and quality-adjusted lot settlement (spec §1.3, §1.4)."""

import dataclasses
import math
import re

from crm_coal_lib.common import DomainError, Reason
from crm_coal_lib.pricing import (
    BASIS_CONTRACT,
    METHOD_FIXED,
    STEP_DOWN,
    STEP_UP,
    DeductionLine,
    DeductionRule,
    LabResult,
    QualityTerms,
    RejectionLimit,
    convert_price,
    lot_settlement_price,
)
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


# ---------------------------------------------------------------------------
# convert_price — the spec's Qinhuangdao FOB quotes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "price, from_cv, to_cv, expected",
    [
        (725, 5500, 5000, 659.09),  # 725 × 5000 / 5500 = 659.0909…
        (785, 5800, 5500, 744.40),  # 785 × 5500 / 5800 = 744.3965…
        (525, 4500, 5500, 641.67),  # 525 × 5500 / 4500 = 641.6666…
        (625, 5000, 5800, 725.00),  # 625 × 5800 / 5000 = 725 exactly
        (725, 5500, 5500, 725.00),
        (0, 5500, 5000, 0.0),
    ],
)
def test_convert_price(price, from_cv, to_cv, expected):
    assert convert_price(price, from_cv, to_cv) == expected


def test_convert_price_digits_and_half_up():
    assert convert_price(725, 5500, 5000, digits=4) == 659.0909
    assert convert_price(725, 5500, 5000, digits=0) == 659.0
    # 0.125 × 1 / 1: half up gives 0.13 (round() would give 0.12)
    assert convert_price(0.125, 1, 1) == 0.13
    # 2.675 is 2.67499999… in binary: the decimal value is rounded
    assert convert_price(2.675, 5000, 5000) == 2.68


@pytest.mark.parametrize(
    "args, message",
    [
        ((-1, 5500, 5000), "price must not be negative, got -1"),
        ((725, 0, 5000), "from_cv must be greater than zero, got 0"),
        ((725, 5500, -5000), "to_cv must be greater than zero, got -5000"),
        (("725", 5500, 5000), "price must be a number, got '725'"),
        ((725, math.nan, 5000), "from_cv must be a finite number, got nan"),
        ((725, 5500, None), "to_cv must be a number, got None"),
    ],
)
def test_convert_price_bad_input(args, message):
    with raises(message):
        convert_price(*args)


# ---------------------------------------------------------------------------
# Input records
# ---------------------------------------------------------------------------


def test_lab_result_bounds_are_inclusive():
    lab = LabResult(cv=1, moisture=0, ash=100, sulfur=0.0, volatile=None)
    assert lab.value("ash") == 100
    assert lab.value("volatile") is None
    assert str(lab.value("sulfur")) == "0.0"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"cv": 0}, "cv must be greater than zero, got 0"),
        ({"cv": -5500}, "cv must be greater than zero, got -5500"),
        (
            {"cv": 5500, "moisture": 100.5},
            "moisture must be between 0 and 100 %, got 100.5",
        ),
        ({"cv": 5500, "ash": -1}, "ash must be between 0 and 100 %, got -1"),
        ({"cv": 5500, "sulfur": "0.8"}, "sulfur must be a number, got '0.8'"),
        (
            {"cv": 5500, "volatile": 101},
            "volatile must be between 0 and 100 %, got 101",
        ),
        ({"cv": None}, "cv must be a number, got None"),
    ],
)
def test_lab_result_bad_input(kwargs, message):
    with raises(message):
        LabResult(**kwargs)


def test_lab_result_unknown_parameter():
    with raises(
        "parameter must be one of cv, moisture, ash, sulfur, volatile, got 'ph'"
    ):
        LabResult(cv=5500).value("ph")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"parameter": "cv", "spec": 10},
            "deduction parameter must be one of moisture, ash, sulfur, volatile, got 'cv'",
        ),
        (
            {"parameter": "ash", "spec": 101},
            "ash spec must be between 0 and 100 %, got 101",
        ),
        (
            {"parameter": "ash", "spec": 20, "method": "flat"},
            "deduction method must be one of percent, fixed, got 'flat'",
        ),
        (
            {"parameter": "ash", "spec": 20, "rate": -1},
            "ash deduction rate must not be negative, got -1",
        ),
        (
            {"parameter": "sulfur", "spec": 0.8, "step": 0},
            "sulfur deduction step must be greater than zero, got 0",
        ),
        (
            {"parameter": "sulfur", "spec": 0.8, "step_rounding": "nearest"},
            "step rounding must be one of prorata, up, down, got 'nearest'",
        ),
    ],
)
def test_deduction_rule_bad_input(kwargs, message):
    with raises(message):
        DeductionRule(**kwargs)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"parameter": "ash"}, "rejection limit for ash needs a minimum or a maximum"),
        (
            {"parameter": "cv", "minimum": 0},
            "cv minimum must be greater than zero, got 0",
        ),
        (
            {"parameter": "ash", "maximum": 120},
            "ash maximum must be between 0 and 100 %, got 120",
        ),
        (
            {"parameter": "volatile", "minimum": 30, "maximum": 20},
            "volatile minimum 30 is above its maximum 20",
        ),
        (
            {"parameter": "hgi", "maximum": 20},
            "rejection parameter must be one of cv, moisture, ash, sulfur, volatile, got 'hgi'",
        ),
    ],
)
def test_rejection_limit_bad_input(kwargs, message):
    with raises(message):
        RejectionLimit(**kwargs)


def test_quality_terms_stores_tuples():
    terms = QualityTerms(
        5500, [DeductionRule("ash", 20)], [RejectionLimit("cv", minimum=4500)]
    )
    assert terms.deductions == (DeductionRule("ash", 20),)
    assert terms.rejection_limits == (RejectionLimit("cv", minimum=4500),)
    hash(terms)  # frozen and hashable once lists became tuples


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"base_cv": 0}, "base_cv must be greater than zero, got 0"),
        (
            {
                "base_cv": 5500,
                "deductions": [DeductionRule("ash", 20), DeductionRule("ash", 22)],
            },
            "more than one deduction rule for ash",
        ),
        (
            {"base_cv": 5500, "deductions": ["ash"]},
            "deductions must be DeductionRule objects, got 'ash'",
        ),
        (
            {"base_cv": 5500, "rejection_limits": [("ash", 30)]},
            "rejection_limits must be RejectionLimit objects, got ('ash', 30)",
        ),
        (
            {"base_cv": 5500, "deduction_basis": "invoice"},
            "deduction basis must be one of adjusted, contract, got 'invoice'",
        ),
    ],
)
def test_quality_terms_bad_input(kwargs, message):
    with raises(message):
        QualityTerms(**kwargs)


# ---------------------------------------------------------------------------
# lot_settlement_price
# ---------------------------------------------------------------------------

# A Q5500 contract at the spec's mid FOB price, 725 CNY/t
TERMS = QualityTerms(
    base_cv=5500,
    deductions=(
        DeductionRule("moisture", 10),  # 1 % per point
        DeductionRule("ash", 20),  # 1 % per point
        DeductionRule(
            "sulfur", 0.8, method=METHOD_FIXED, rate=5, step=0.1
        ),  # 5 CNY per 0.1
    ),
    rejection_limits=(
        RejectionLimit("cv", minimum=4500),
        RejectionLimit("ash", maximum=30),
        RejectionLimit("sulfur", maximum=1.5),
    ),
)


def test_lot_within_spec_at_base_cv_pays_contract_price():
    result = lot_settlement_price(
        725, LabResult(5500, moisture=10, ash=20, sulfur=0.8), TERMS
    )
    assert result.accepted is True
    assert result.contract_price == 725.0
    assert result.base_price == 725.0
    assert result.deductions == ()
    assert result.total_deduction == 0.0
    assert result.final_price == 725.0
    assert result.rejections == ()


def test_lot_with_lower_cv_and_deductions():
    lab = LabResult(cv=5300, moisture=12, ash=21.5, sulfur=1.05, volatile=28)
    result = lot_settlement_price(725, lab, TERMS)
    # base = 725 × 5300 / 5500 = 698.636363…
    assert result.accepted is True
    assert result.base_price == 698.64
    assert result.deductions == (
        # 698.6363… × 2 / 100 = 13.9727…
        DeductionLine("moisture", actual=12.0, spec=10.0, excess=2.0, amount=13.97),
        # 698.6363… × 1.5 / 100 = 10.4795…
        DeductionLine("ash", actual=21.5, spec=20.0, excess=1.5, amount=10.48),
        # 0.25 point = 2.5 steps of 0.1 × 5 CNY
        DeductionLine("sulfur", actual=1.05, spec=0.8, excess=0.25, amount=12.5),
    )
    assert result.total_deduction == 36.95
    # the shown figures add up: 698.64 − 36.95 (the unrounded chain would give 661.68)
    assert result.final_price == 661.69
    assert result.rejections == ()


def test_higher_cv_raises_the_price_pro_rata():
    result = lot_settlement_price(
        725, LabResult(5800, moisture=8, ash=15, sulfur=0.5), TERMS
    )
    assert result.base_price == 764.55  # 725 × 5800 / 5500 = 764.5454…
    assert result.final_price == 764.55


def test_value_at_spec_is_not_deducted_just_above_is():
    at_spec = lot_settlement_price(
        725, LabResult(5500, moisture=10, ash=20, sulfur=0.8), TERMS
    )
    above = lot_settlement_price(
        725, LabResult(5500, moisture=10.01, ash=20, sulfur=0.8), TERMS
    )
    assert at_spec.deductions == ()
    # 725 × 0.01 / 100 = 0.0725 → 0.07
    assert above.deductions == (DeductionLine("moisture", 10.01, 10.0, 0.01, 0.07),)
    assert above.final_price == 724.93


def test_terms_without_rules_price_on_cv_only():
    result = lot_settlement_price(
        620, LabResult(4800, moisture=30, ash=40), QualityTerms(5000)
    )
    assert result.base_price == 595.2  # 620 × 4800 / 5000
    assert result.final_price == 595.2


def test_deduction_on_contract_price_basis():
    terms = dataclasses.replace(TERMS, deduction_basis=BASIS_CONTRACT)
    result = lot_settlement_price(
        725, LabResult(5300, moisture=12, ash=20, sulfur=0.8), terms
    )
    assert result.base_price == 698.64
    assert result.deductions[0].amount == 14.5  # 725 × 2 / 100
    assert result.final_price == 684.14


def test_percent_override_per_point():
    terms = QualityTerms(5500, deductions=[DeductionRule("ash", 20, rate=1.5)])
    result = lot_settlement_price(725, LabResult(5500, ash=21.5), terms)
    # 725 × 1.5 % × 1.5 points = 16.3125
    assert result.deductions == (DeductionLine("ash", 21.5, 20.0, 1.5, 16.31),)
    assert result.final_price == 708.69


def test_percent_rule_per_half_point_completed_steps():
    rule = DeductionRule("moisture", 10, rate=1, step=0.5, step_rounding=STEP_DOWN)
    result = lot_settlement_price(
        700, LabResult(5500, moisture=11.2), QualityTerms(5500, [rule])
    )
    # 1.2 points = 2 completed half-points × 1 % × 700
    assert result.deductions[0].amount == 14.0
    assert result.final_price == 686.0


@pytest.mark.parametrize(
    "rounding, sulfur, amount",
    [
        ("prorata", 1.05, 12.5),  # 2.5 steps
        (STEP_UP, 1.05, 15.0),  # 3 started steps
        (STEP_DOWN, 1.05, 10.0),  # 2 completed steps
        # exactly 3 steps: in binary 1.1 − 0.8 = 0.30000000000000004 would count 4 started steps
        (STEP_UP, 1.1, 15.0),
        (STEP_DOWN, 1.1, 15.0),
        (STEP_UP, 0.81, 5.0),  # any start of a step counts
        (STEP_DOWN, 0.89, 0.0),  # no completed step: a zero line is still shown
    ],
)
def test_fixed_rule_step_rounding(rounding, sulfur, amount):
    rule = DeductionRule(
        "sulfur", 0.8, method=METHOD_FIXED, rate=5, step=0.1, step_rounding=rounding
    )
    result = lot_settlement_price(
        725, LabResult(5500, sulfur=sulfur), QualityTerms(5500, [rule])
    )
    assert [line.amount for line in result.deductions] == [amount]
    assert result.final_price == round(725 - amount, 2)


def test_volatile_deduction():
    rule = DeductionRule("volatile", 35, method=METHOD_FIXED, rate=2)  # 2 CNY per point
    result = lot_settlement_price(
        600, LabResult(5000, volatile=37.5), QualityTerms(5000, [rule])
    )
    assert result.deductions == (DeductionLine("volatile", 37.5, 35.0, 2.5, 5.0),)
    assert result.final_price == 595.0


def test_deduction_lines_follow_parameter_order():
    terms = QualityTerms(
        5500, [DeductionRule("sulfur", 0.5), DeductionRule("moisture", 8)]
    )
    result = lot_settlement_price(725, LabResult(5500, moisture=9, sulfur=0.6), terms)
    assert [line.parameter for line in result.deductions] == ["moisture", "sulfur"]


def test_final_price_never_below_zero():
    rule = DeductionRule("sulfur", 0.8, method=METHOD_FIXED, rate=1000, step=0.1)
    result = lot_settlement_price(
        725, LabResult(5500, sulfur=1.8), QualityTerms(5500, [rule])
    )
    assert result.deductions[0].amount == 10000.0
    assert result.final_price == 0.0
    assert result.accepted is True


def test_rejection_cv_below_min():
    result = lot_settlement_price(
        725, LabResult(4499, moisture=10, ash=20, sulfur=0.8), TERMS
    )
    assert result.accepted is False
    assert result.base_price is None
    assert result.final_price is None
    assert result.deductions == ()
    assert result.rejections == (
        Reason("cv_below_min", {"parameter": "cv", "actual": 4499.0, "limit": 4500.0}),
    )


def test_rejection_limits_are_inclusive():
    lab = LabResult(4500, moisture=10, ash=30, sulfur=1.5)
    result = lot_settlement_price(725, lab, TERMS)
    assert result.accepted is True
    # 725 × 4500 / 5500 = 593.1818…; ash 10 points × 5.931818… = 59.318…; sulfur 7 steps × 5
    assert result.base_price == 593.18
    assert [line.amount for line in result.deductions] == [59.32, 35.0]
    assert result.final_price == 498.86


def test_all_violated_limits_are_reported():
    lab = LabResult(4300, moisture=12, ash=31, sulfur=1.6)
    result = lot_settlement_price(725, lab, TERMS)
    assert result.accepted is False
    assert [r.code for r in result.rejections] == [
        "cv_below_min",
        "ash_above_max",
        "sulfur_above_max",
    ]
    assert result.rejections[2].params == {
        "parameter": "sulfur",
        "actual": 1.6,
        "limit": 1.5,
    }


def test_rejection_with_min_and_max_on_one_parameter():
    terms = QualityTerms(
        5500, rejection_limits=[RejectionLimit("volatile", minimum=20, maximum=37)]
    )
    low = lot_settlement_price(725, LabResult(5500, volatile=19.9), terms)
    high = lot_settlement_price(725, LabResult(5500, volatile=37.1), terms)
    ok = lot_settlement_price(725, LabResult(5500, volatile=20), terms)
    assert low.rejections == (
        Reason(
            "volatile_below_min",
            {"parameter": "volatile", "actual": 19.9, "limit": 20.0},
        ),
    )
    assert high.rejections == (
        Reason(
            "volatile_above_max",
            {"parameter": "volatile", "actual": 37.1, "limit": 37.0},
        ),
    )
    assert ok.accepted is True and ok.final_price == 725.0


def test_missing_lab_value_for_a_deduction_rule():
    with raises(
        "lab result has no sulfur value, required by the contract deduction rule"
    ):
        lot_settlement_price(725, LabResult(5500, moisture=10, ash=20), TERMS)


def test_missing_lab_value_for_a_rejection_limit():
    terms = QualityTerms(5500, rejection_limits=[RejectionLimit("ash", maximum=30)])
    with raises(
        "lab result has no ash value, required by the contract rejection limit"
    ):
        lot_settlement_price(725, LabResult(5500), terms)


@pytest.mark.parametrize(
    "price, message",
    [
        (0, "contract_price must be greater than zero, got 0"),
        (-725, "contract_price must be greater than zero, got -725"),
        (None, "contract_price must be a number, got None"),
    ],
)
def test_settlement_bad_price(price, message):
    with raises(message):
        lot_settlement_price(price, LabResult(5500), TERMS)


def test_settlement_bad_arguments():
    with raises("lab must be a LabResult, got {'cv': 5500}"):
        lot_settlement_price(725, {"cv": 5500}, TERMS)
    with raises("terms must be QualityTerms, got 5500"):
        lot_settlement_price(725, LabResult(5500), 5500)


def test_result_is_frozen():
    result = lot_settlement_price(
        725, LabResult(5500, moisture=10, ash=20, sulfur=0.8), TERMS
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.final_price = 1.0


def test_lot_amount_is_exact_and_rounded_half_up_to_the_cent():
    from crm_coal_lib.pricing import lot_amount

    # the float product is 618939.315 (round() gives .31 on the binary value)
    assert lot_amount(618.63, 1000.5) == 618939.32
    assert lot_amount(636.36, 1000) == 636360.0
    assert lot_amount(0, 5) == 0.0
    with raises("tonnage must not be negative, got -1"):
        lot_amount(600, -1)
