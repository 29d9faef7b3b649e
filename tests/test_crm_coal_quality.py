"""Tier 1: the declarations of crm_coal's quality parameters (lib/quality.py).

One entry of ``EXPECTED`` per declared parameter: adding a parameter adds its declaration and
its line here (and its stored fields on the lot and the product).
"""

from decimal import Decimal

from crm_coal_lib.common import DomainError
from crm_coal_lib.pricing import (
    DeductionRule,
    LabResult,
    QualityTerms,
    RejectionLimit,
    lot_settlement_price,
)
from crm_coal_lib.quality import (
    DEDUCTIBLE_PARAMETERS,
    LAB_FIELDS,
    LIMIT_MAX,
    LIMIT_MIN,
    PARAMETER_DECLARATIONS,
    PARAMETERS,
    PERCENT_PARAMETERS,
    PHYSICAL_BOUNDS,
    PRODUCT_FIELDS,
    QUALITY_PARAMETERS,
    SELECTION,
    check_physical_bounds,
)
import pytest

# code: (label, unit, (low, high), percent, limit, lot field, product field)
EXPECTED = {
    "cv": (
        "Calorific value (kcal/kg NAR)",
        "kcal/kg NAR",
        (1000.0, 8000.0),
        False,
        LIMIT_MIN,
        "lab_cv",
        "coal_cv_nar",
    ),
    "moisture": (
        "Total moisture (%)",
        "%",
        (0.0, 60.0),
        True,
        LIMIT_MAX,
        "lab_moisture",
        "coal_moisture",
    ),
    "ash": ("Ash (%)", "%", (0.0, 60.0), True, LIMIT_MAX, "lab_ash", "coal_ash"),
    "sulfur": (
        "Sulfur (%)",
        "%",
        (0.0, 10.0),
        True,
        LIMIT_MAX,
        "lab_sulfur",
        "coal_sulfur",
    ),
    "volatile": (
        "Volatile matter (%)",
        "%",
        (0.0, 70.0),
        True,
        LIMIT_MAX,
        "lab_volatile",
        "coal_volatile",
    ),
}


def test_every_parameter_is_declared_once_and_tested():
    codes = [p.code for p in PARAMETER_DECLARATIONS]
    assert len(codes) == len(set(codes))
    assert codes == list(EXPECTED)
    assert QUALITY_PARAMETERS == tuple(EXPECTED)


def test_derived_tables_follow_the_declarations():
    assert SELECTION == [(code, spec[0]) for code, spec in EXPECTED.items()]
    assert PHYSICAL_BOUNDS == {code: spec[2] for code, spec in EXPECTED.items()}
    assert PERCENT_PARAMETERS == tuple(
        code for code, spec in EXPECTED.items() if spec[3]
    )
    assert DEDUCTIBLE_PARAMETERS == tuple(
        code for code, spec in EXPECTED.items() if spec[4] == LIMIT_MAX
    )
    assert dict(LAB_FIELDS) == {code: spec[5] for code, spec in EXPECTED.items()}
    assert dict(PRODUCT_FIELDS) == {code: spec[6] for code, spec in EXPECTED.items()}
    assert sorted(
        f.name for f in __import__("dataclasses").fields(LabResult)
    ) == sorted(EXPECTED)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_declared_parameter(code):
    label, unit, (low, high), percent, limit, lot_field, product_field = EXPECTED[code]
    declaration = PARAMETERS[code]
    assert (declaration.label, declaration.unit, declaration.low, declaration.high) == (
        label,
        unit,
        low,
        high,
    )
    assert (declaration.percent, declaration.limit) == (percent, limit)
    assert (declaration.lot_field, declaration.product_field) == (
        lot_field,
        product_field,
    )
    assert unit in label

    # physical bounds are inclusive; just outside is refused with the parameter's code
    check_physical_bounds({code: low})
    check_physical_bounds({code: high})
    for outside in (low - 0.01, high + 0.01):
        with pytest.raises(DomainError) as caught:
            check_physical_bounds({code: outside})
        assert caught.value.code == "outside_physical_bounds"
        assert caught.value.params == {
            "parameter": code,
            "value": outside,
            "low": low,
            "high": high,
        }

    # a lab result carries the parameter; a rejection limit on it rejects with its reason code
    value = (low + high) / 2 if code != "cv" else 5000
    lab = LabResult(**{"cv": 5000, code: value})
    assert lab.value(code) == Decimal(str(value))
    minimum = value + 1
    result = lot_settlement_price(
        700,
        lab,
        QualityTerms(5000, rejection_limits=[RejectionLimit(code, minimum=minimum)]),
    )
    assert [r.code for r in result.rejections] == [f"{code}_below_min"]
    assert result.rejections[0].params == {
        "parameter": code,
        "actual": float(value),
        "limit": float(minimum),
    }

    # a deduction rule applies only to a parameter whose spec is a maximum
    if limit == LIMIT_MAX:
        rule = DeductionRule(code, spec=value - 1)
        priced = lot_settlement_price(700, lab, QualityTerms(5000, deductions=[rule]))
        assert [line.parameter for line in priced.deductions] == [code]
        assert priced.deductions[0].amount == 7.0  # 1 % of 700 per point above spec
    else:
        with pytest.raises(DomainError) as caught:
            DeductionRule(code, spec=1)
        assert caught.value.code == "invalid_choice"


def test_unknown_parameter_refused():
    with pytest.raises(DomainError) as caught:
        check_physical_bounds({"ph": 7})
    assert caught.value.code == "unknown_parameter"
