"""Coal quality parameters, each declared once.

A :class:`QualityParameter` says everything the addon needs about one lab parameter: its code
(stored in selections), its label (translated by the model layer), its unit, the physical
bounds of a lab value, whether it is a percentage, the direction of its contract limit and the
fields that store it on a delivered lot and on a coal product.  Everything else is derived from
:data:`PARAMETER_DECLARATIONS`: the selections of the deduction lines and the quality terms
(:data:`SELECTION`), the lab fields (:data:`LAB_FIELDS`, :data:`PRODUCT_FIELDS`), the bounds check
(:func:`check_physical_bounds`), the parameters of :class:`~.pricing.LabResult` and which
parameters a deduction may apply to (:data:`DEDUCTIBLE_PARAMETERS`).

Adding a parameter: one declaration below, its tier-1 test, and (unavoidably) the stored fields
on ``crm.coal.delivery.lot`` and ``product.template`` named here.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .common import DomainError, Number, _lt, to_decimal

__all__ = [
    "LIMIT_MIN",
    "LIMIT_MAX",
    "QualityParameter",
    "PARAMETER_DECLARATIONS",
    "PARAMETERS",
    "CV",
    "QUALITY_PARAMETERS",
    "PERCENT_PARAMETERS",
    "DEDUCTIBLE_PARAMETERS",
    "SELECTION",
    "LAB_FIELDS",
    "PRODUCT_FIELDS",
    "PHYSICAL_BOUNDS",
    "MESSAGES",
    "check_physical_bounds",
]

#: A lower value is worse: the contract value is a minimum (calorific value).
LIMIT_MIN = "min"
#: A higher value is worse: the contract spec is a maximum, deducted above it (ash, sulfur ...).
LIMIT_MAX = "max"


@dataclass(frozen=True)
class QualityParameter:
    """One lab parameter of a coal analysis.

    * ``code``: stable code (selection value, :class:`~.pricing.LabResult` attribute);
    * ``label``: English label with its unit, marked with ``_lt`` (translated in the models);
    * ``unit``: ``"kcal/kg NAR"`` or ``"%"``;
    * ``low``/``high``: physical bounds of a lab value, inclusive (not business limits, which
      are contract terms);
    * ``percent``: measured in percent (0–100);
    * ``limit``: :data:`LIMIT_MAX` (the spec is the highest value without deduction, a deduction
      rule may apply) or :data:`LIMIT_MIN` (the value prices the lot pro rata, a rejection limit
      is a minimum);
    * ``lot_field`` / ``product_field``: the stored fields on ``crm.coal.delivery.lot`` and
      ``product.template``.
    """

    code: str
    label: str
    unit: str
    low: float
    high: float
    percent: bool
    limit: str
    lot_field: str
    product_field: str


# Physical bounds of a coal analysis: no coal has a net calorific value outside 1,000-8,000
# kcal/kg, more than 60 % total moisture or ash, 10 % sulfur or 70 % volatile matter.
PARAMETER_DECLARATIONS: tuple[QualityParameter, ...] = (
    QualityParameter(
        "cv",
        _lt("Calorific value (kcal/kg NAR)"),
        "kcal/kg NAR",
        1000.0,
        8000.0,
        False,
        LIMIT_MIN,
        "lab_cv",
        "coal_cv_nar",
    ),
    QualityParameter(
        "moisture",
        _lt("Total moisture (%)"),
        "%",
        0.0,
        60.0,
        True,
        LIMIT_MAX,
        "lab_moisture",
        "coal_moisture",
    ),
    QualityParameter(
        "ash", _lt("Ash (%)"), "%", 0.0, 60.0, True, LIMIT_MAX, "lab_ash", "coal_ash"
    ),
    QualityParameter(
        "sulfur",
        _lt("Sulfur (%)"),
        "%",
        0.0,
        10.0,
        True,
        LIMIT_MAX,
        "lab_sulfur",
        "coal_sulfur",
    ),
    QualityParameter(
        "volatile",
        _lt("Volatile matter (%)"),
        "%",
        0.0,
        70.0,
        True,
        LIMIT_MAX,
        "lab_volatile",
        "coal_volatile",
    ),
)

#: {code: declaration}, in declaration (display) order.
PARAMETERS: Mapping[str, QualityParameter] = {p.code: p for p in PARAMETER_DECLARATIONS}
#: Calorific value parameter code (NAR, kcal/kg): the one that prices a lot pro rata.
CV = "cv"
#: Every lab parameter a contract may refer to.
QUALITY_PARAMETERS: tuple[str, ...] = tuple(PARAMETERS)
#: Parameters measured in percent, in display order.
PERCENT_PARAMETERS: tuple[str, ...] = tuple(
    p.code for p in PARAMETER_DECLARATIONS if p.percent
)
#: Parameters a deduction rule may apply to (the spec is a maximum), in display order.
DEDUCTIBLE_PARAMETERS: tuple[str, ...] = tuple(
    p.code for p in PARAMETER_DECLARATIONS if p.limit == LIMIT_MAX
)
#: (code, English label) pairs for the Odoo selections.
SELECTION: list[tuple[str, str]] = [(p.code, p.label) for p in PARAMETER_DECLARATIONS]
#: {code: field of crm.coal.delivery.lot}.
LAB_FIELDS: Mapping[str, str] = {p.code: p.lot_field for p in PARAMETER_DECLARATIONS}
#: {code: field of product.template}.
PRODUCT_FIELDS: Mapping[str, str] = {
    p.code: p.product_field for p in PARAMETER_DECLARATIONS
}
#: {code: (low, high)} physical bounds, inclusive.
PHYSICAL_BOUNDS: Mapping[str, tuple[float, float]] = {
    p.code: (p.low, p.high) for p in PARAMETER_DECLARATIONS
}

#: Message templates of the quality parameters (rendered by ``models/messages.py``; the
#: ``parameter`` param is shown as the parameter's translated label).
MESSAGES: Mapping[str, str] = {
    "outside_physical_bounds": _lt(
        "%(parameter)s of %(what)s is %(value)s, outside the physical bounds %(low)s-%(high)s."
    ),
    "below_min": _lt("%(parameter)s %(actual)s is below the minimum %(limit)s."),
    "above_max": _lt("%(parameter)s %(actual)s is above the maximum %(limit)s."),
}


def check_physical_bounds(values: Mapping[str, Number]) -> None:
    """Refuse a lab result ``{code: value}`` with a value outside its physical bounds.

    :raises DomainError: ``outside_physical_bounds`` (params ``parameter``, ``value``, ``low``,
        ``high``) for the first such parameter in declaration order; ``unknown_parameter`` for a
        code that is not declared
    """
    for code in values:
        if code not in PARAMETERS:
            raise DomainError(
                "unknown_parameter",
                f"unknown quality parameter {code!r}",
                parameter=repr(code),
            )
    for declaration in PARAMETER_DECLARATIONS:
        if declaration.code not in values:
            continue
        value = values[declaration.code]
        if (
            not declaration.low
            <= to_decimal(value, declaration.code)
            <= declaration.high
        ):
            raise DomainError(
                "outside_physical_bounds",
                f"{declaration.code} is {value}, outside the physical bounds "
                f"{declaration.low}-{declaration.high}",
                parameter=declaration.code,
                value=value,
                low=declaration.low,
                high=declaration.high,
            )
