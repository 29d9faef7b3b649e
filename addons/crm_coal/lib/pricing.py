"""Coal prices by calorific value and quality-adjusted settlement of delivered lots.

Units
    * calorific value (CV): net as received (NAR), kcal/kg;
    * moisture (total moisture), ash, sulfur, volatile matter: percent (0–100);
    * prices: currency per tonne (CNY/t in the spec; the functions are
      currency-agnostic).

Settlement rule (spec §1.4)::

    base price  = contract price × actual CV / base CV
    deduction   = for each parameter above its spec, by default
                  basis price × (actual − spec) / 100   (1 % of price per point)
    final price = base price − Σ deductions        (never below 0.00)

A contract may override the deduction of any parameter (:class:`DeductionRule`):
another percentage of the price per step, or a fixed amount per step (e.g.
5 CNY/t per 0.1 point of sulfur), with the step counted pro rata, per started
step or per completed step.  A lot outside a rejection limit
(:class:`RejectionLimit`, e.g. CV below a minimum, ash or sulfur above a
maximum) is rejected and not priced; every violated limit is reported.

Rounding
    All arithmetic is exact (:mod:`decimal`, floats converted through
    ``str()``).  Rounding happens once, when the result is built: the base
    price and each deduction amount are rounded half away from zero to 2
    decimals, and the final price is the rounded base minus the rounded
    deductions, so that the computation shown on a lot adds up to the cent.
    Deductions are computed from the *unrounded* basis price.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, make_dataclass
from decimal import Decimal, localcontext
import math

from .common import (
    DECIMAL_PRECISION,
    DomainError,
    Number,
    Reason,
    check_non_negative,
    check_percentage,
    check_positive,
    round_half_up,
    to_decimal,
    to_money,
)
from .quality import (
    CV,
    DEDUCTIBLE_PARAMETERS,
    PARAMETER_DECLARATIONS,
    PARAMETERS,
    PERCENT_PARAMETERS,
    QUALITY_PARAMETERS,
)

__all__ = [
    "CV",
    "PERCENT_PARAMETERS",
    "QUALITY_PARAMETERS",
    "METHOD_PERCENT",
    "METHOD_FIXED",
    "STEP_PRORATA",
    "STEP_UP",
    "STEP_DOWN",
    "BASIS_ADJUSTED",
    "BASIS_CONTRACT",
    "LabResult",
    "DeductionRule",
    "RejectionLimit",
    "QualityTerms",
    "DeductionLine",
    "SettlementResult",
    "convert_price",
    "lot_settlement_price",
    "lot_amount",
]

# CV, PERCENT_PARAMETERS and QUALITY_PARAMETERS are derived from the declarations of
# lib.quality (re-exported here for the callers of this module).

#: Deduction = rate % of the basis price per step above spec.
METHOD_PERCENT = "percent"
#: Deduction = rate (currency/t) per step above spec.
METHOD_FIXED = "fixed"
_METHODS = (METHOD_PERCENT, METHOD_FIXED)

#: Steps counted exactly (0.25 point with a 0.1 step = 2.5 steps).
STEP_PRORATA = "prorata"
#: Every started step counts (0.25 point with a 0.1 step = 3 steps).
STEP_UP = "up"
#: Only completed steps count (0.25 point with a 0.1 step = 2 steps).
STEP_DOWN = "down"
_STEP_ROUNDINGS = (STEP_PRORATA, STEP_UP, STEP_DOWN)

#: Percentage deductions apply to the CV-adjusted price (default).
BASIS_ADJUSTED = "adjusted"
#: Percentage deductions apply to the contract price.
BASIS_CONTRACT = "contract"
_BASES = (BASIS_ADJUSTED, BASIS_CONTRACT)


def _choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise DomainError(
            "invalid_choice",
            f"{name} must be one of {', '.join(allowed)}, got {value!r}",
            field=name,
            value=repr(value),
            allowed=allowed,
        )
    return value


def convert_price(
    price: Number, from_cv: Number, to_cv: Number, digits: int = 2
) -> float:
    """Convert a price quoted for ``from_cv`` to ``to_cv`` pro rata (NAR kcal/kg).

    ``price × to_cv / from_cv``, rounded half up to ``digits`` decimals.
    Example: Qinhuangdao Q5500 at 725 CNY/t is 659.09 CNY/t for 5000 kcal.
    """
    price_d = check_non_negative(price, "price")
    from_d = check_positive(from_cv, "from_cv")
    to_d = check_positive(to_cv, "to_cv")
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        return round_half_up(price_d * to_d / from_d, digits)


def _value_check(parameter: str):
    """The check of a measured or limit value of ``parameter``: 0–100 for a percentage, above
    zero otherwise (a calorific value)."""
    return check_percentage if PARAMETERS[parameter].percent else check_positive


def _lab_post_init(self) -> None:
    check_positive(self.cv, CV)
    for parameter in QUALITY_PARAMETERS:
        value = getattr(self, parameter)
        if parameter != CV and value is not None:
            _value_check(parameter)(value, parameter)


def _lab_value(self, parameter: str) -> Decimal | None:
    """Return the measured ``parameter`` as Decimal, or ``None`` if not analysed."""
    _choice(parameter, QUALITY_PARAMETERS, "parameter")
    raw = getattr(self, parameter)
    return None if raw is None else to_decimal(raw, parameter)


#: Lab analysis of a delivered lot, one attribute per declared parameter (lib.quality).
#:
#: ``cv`` is required (NAR kcal/kg, > 0); the other parameters are optional (``None`` = not
#: analysed); a percentage must lie within 0–100 %.  A contract term that needs a missing
#: parameter makes the settlement raise.
LabResult = make_dataclass(
    "LabResult",
    [(CV, Number)]
    + [
        (p.code, Number | None, field(default=None))
        for p in PARAMETER_DECLARATIONS
        if p.code != CV
    ],
    frozen=True,
    namespace={
        "__post_init__": _lab_post_init,
        "value": _lab_value,
        "__module__": __name__,
    },
)


@dataclass(frozen=True)
class DeductionRule:
    """Deduction for a percent parameter above its contract spec.

    * ``spec``: the highest value without deduction (percent);
    * ``method``: :data:`METHOD_PERCENT` (``rate`` % of the basis price per
      step) or :data:`METHOD_FIXED` (``rate`` currency/t per step);
    * ``step``: size of a step in percentage points (``0.1`` for "per 0.1 %");
    * ``step_rounding``: :data:`STEP_PRORATA`, :data:`STEP_UP` (started steps)
      or :data:`STEP_DOWN` (completed steps).

    The defaults give the spec's rule: 1 % of the price per point, pro rata.
    """

    parameter: str
    spec: Number
    method: str = METHOD_PERCENT
    rate: Number = 1
    step: Number = 1
    step_rounding: str = STEP_PRORATA

    def __post_init__(self) -> None:
        _choice(self.parameter, DEDUCTIBLE_PARAMETERS, "deduction parameter")
        _value_check(self.parameter)(self.spec, f"{self.parameter} spec")
        _choice(self.method, _METHODS, "deduction method")
        check_non_negative(self.rate, f"{self.parameter} deduction rate")
        check_positive(self.step, f"{self.parameter} deduction step")
        _choice(self.step_rounding, _STEP_ROUNDINGS, "step rounding")


@dataclass(frozen=True)
class RejectionLimit:
    """A lot is rejected when ``parameter`` is below ``minimum`` or above ``maximum``.

    Values equal to a limit are accepted.  ``parameter`` is ``"cv"`` or a
    percent parameter; at least one bound is required.
    """

    parameter: str
    minimum: Number | None = None
    maximum: Number | None = None

    def __post_init__(self) -> None:
        _choice(self.parameter, QUALITY_PARAMETERS, "rejection parameter")
        if self.minimum is None and self.maximum is None:
            raise DomainError(
                "rejection_limit_without_bound",
                f"rejection limit for {self.parameter} needs a minimum or a maximum",
                parameter=self.parameter,
            )
        check = _value_check(self.parameter)
        low = (
            None
            if self.minimum is None
            else check(self.minimum, f"{self.parameter} minimum")
        )
        high = (
            None
            if self.maximum is None
            else check(self.maximum, f"{self.parameter} maximum")
        )
        if low is not None and high is not None and low > high:
            raise DomainError(
                "minimum_above_maximum",
                f"{self.parameter} minimum {self.minimum} is above its maximum {self.maximum}",
                parameter=self.parameter,
                minimum=self.minimum,
                maximum=self.maximum,
            )


@dataclass(frozen=True)
class QualityTerms:
    """Quality terms of a contract.

    ``base_cv`` (NAR kcal/kg) is the CV the contract price refers to;
    ``deductions`` holds at most one :class:`DeductionRule` per parameter;
    ``rejection_limits`` any number of :class:`RejectionLimit`;
    ``deduction_basis`` says which price percentage deductions apply to:
    :data:`BASIS_ADJUSTED` (CV-adjusted, default) or :data:`BASIS_CONTRACT`.
    Lists are accepted and stored as tuples.
    """

    base_cv: Number
    deductions: tuple[DeductionRule, ...] = ()
    rejection_limits: tuple[RejectionLimit, ...] = ()
    deduction_basis: str = BASIS_ADJUSTED

    def __post_init__(self) -> None:
        check_positive(self.base_cv, "base_cv")
        object.__setattr__(self, "deductions", tuple(self.deductions))
        object.__setattr__(self, "rejection_limits", tuple(self.rejection_limits))
        seen = set()
        for rule in self.deductions:
            if not isinstance(rule, DeductionRule):
                raise DomainError(
                    "wrong_type",
                    f"deductions must be DeductionRule objects, got {rule!r}",
                    field="deductions",
                    value=repr(rule),
                )
            if rule.parameter in seen:
                raise DomainError(
                    "duplicate_deduction_rule",
                    f"more than one deduction rule for {rule.parameter}",
                    parameter=rule.parameter,
                )
            seen.add(rule.parameter)
        for limit in self.rejection_limits:
            if not isinstance(limit, RejectionLimit):
                raise DomainError(
                    "wrong_type",
                    f"rejection_limits must be RejectionLimit objects, got {limit!r}",
                    field="rejection_limits",
                    value=repr(limit),
                )
        _choice(self.deduction_basis, _BASES, "deduction basis")


@dataclass(frozen=True)
class DeductionLine:
    """One deduction of a settlement: ``amount`` (currency/t, 2 decimals) for
    ``excess`` = ``actual`` − ``spec`` percentage points."""

    parameter: str
    actual: float
    spec: float
    excess: float
    amount: float


@dataclass(frozen=True)
class SettlementResult:
    """Outcome of :func:`lot_settlement_price`.

    Accepted lot: ``base_price`` (after CV adjustment), ``deductions`` (only
    parameters above spec, in :data:`DEDUCTIBLE_PARAMETERS` order) and
    ``final_price``, all rounded to 2 decimals; ``rejections`` is empty.
    Rejected lot: ``accepted`` is False, ``base_price`` and ``final_price``
    are ``None``, ``deductions`` is empty and ``rejections`` lists a
    :class:`~.common.Reason` per violated limit, with code
    ``<parameter>_below_min`` or ``<parameter>_above_max`` and params
    ``parameter``, ``actual``, ``limit``.
    """

    accepted: bool
    contract_price: float
    base_price: float | None
    deductions: tuple[DeductionLine, ...] = ()
    final_price: float | None = None
    rejections: tuple[Reason, ...] = field(default=())

    @property
    def total_deduction(self) -> float:
        """Sum of the deduction amounts (currency/t)."""
        return round_half_up(
            sum((to_decimal(d.amount, "amount") for d in self.deductions), Decimal(0))
        )


def _required(lab: LabResult, parameter: str, purpose: str) -> Decimal:
    value = lab.value(parameter)
    if value is None:
        raise DomainError(
            "missing_lab_value",
            f"lab result has no {parameter} value, required by the {purpose}",
            parameter=parameter,
            purpose=purpose,
        )
    return value


def _rejections(lab: LabResult, limits: Iterable[RejectionLimit]) -> list[Reason]:
    reasons = []
    for limit in limits:
        actual = _required(lab, limit.parameter, "contract rejection limit")
        if limit.minimum is not None and actual < to_decimal(limit.minimum, "minimum"):
            reasons.append(
                Reason(
                    f"{limit.parameter}_below_min",
                    {
                        "parameter": limit.parameter,
                        "actual": float(actual),
                        "limit": float(limit.minimum),
                    },
                )
            )
        if limit.maximum is not None and actual > to_decimal(limit.maximum, "maximum"):
            reasons.append(
                Reason(
                    f"{limit.parameter}_above_max",
                    {
                        "parameter": limit.parameter,
                        "actual": float(actual),
                        "limit": float(limit.maximum),
                    },
                )
            )
    return reasons


def _steps(excess: Decimal, rule: DeductionRule) -> Decimal:
    steps = excess / to_decimal(rule.step, "step")
    if rule.step_rounding == STEP_UP:
        return Decimal(math.ceil(steps))
    if rule.step_rounding == STEP_DOWN:
        return Decimal(math.floor(steps))
    return steps


def lot_settlement_price(
    contract_price: Number, lab: LabResult, terms: QualityTerms
) -> SettlementResult:
    """Settlement unit price of a delivered lot from its lab result and the contract terms.

    See the module docstring for the formula and the rounding.  Raises
    :class:`~.common.DomainError` when the contract price is not above
    zero or when the lab result lacks a parameter the terms need.
    """
    price = check_positive(contract_price, "contract_price")
    if not isinstance(lab, LabResult):
        raise DomainError(
            "wrong_type",
            f"lab must be a LabResult, got {lab!r}",
            field="lab",
            value=repr(lab),
        )
    if not isinstance(terms, QualityTerms):
        raise DomainError(
            "wrong_type",
            f"terms must be QualityTerms, got {terms!r}",
            field="terms",
            value=repr(terms),
        )

    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        # Measurements needed by deductions are checked even for rejected lots,
        # so that an incomplete lab result is always reported the same way.
        actuals = {
            rule.parameter: _required(lab, rule.parameter, "contract deduction rule")
            for rule in terms.deductions
        }
        reasons = _rejections(lab, terms.rejection_limits)
        if reasons:
            return SettlementResult(
                accepted=False,
                contract_price=float(price),
                base_price=None,
                deductions=(),
                final_price=None,
                rejections=tuple(reasons),
            )

        base = price * lab.value(CV) / to_decimal(terms.base_cv, "base_cv")
        basis = base if terms.deduction_basis == BASIS_ADJUSTED else price
        rules = {rule.parameter: rule for rule in terms.deductions}
        lines = []
        for parameter in DEDUCTIBLE_PARAMETERS:
            rule = rules.get(parameter)
            if rule is None:
                continue
            actual = actuals[parameter]
            spec = to_decimal(rule.spec, "spec")
            excess = actual - spec
            if excess <= 0:
                continue
            steps = _steps(excess, rule)
            rate = to_decimal(rule.rate, "rate")
            if rule.method == METHOD_PERCENT:
                amount = basis * rate / 100 * steps
            else:
                amount = rate * steps
            lines.append(
                DeductionLine(
                    parameter=parameter,
                    actual=float(actual),
                    spec=float(spec),
                    excess=float(excess),
                    amount=round_half_up(amount),
                )
            )
        base_rounded = to_decimal(round_half_up(base), "base")
        total = sum((to_decimal(line.amount, "amount") for line in lines), Decimal(0))
        final = max(base_rounded - total, Decimal(0))
        return SettlementResult(
            accepted=True,
            contract_price=float(price),
            base_price=float(base_rounded),
            deductions=tuple(lines),
            final_price=round_half_up(final),
            rejections=(),
        )


def lot_amount(unit_price: Number, tonnage: Number) -> float:
    """Settlement amount of a lot: ``unit_price × tonnage``, exact, rounded half up to the cent.

    ``lot_amount(618.63, 1000.5) == 618939.32`` (the float product is 618939.315...).
    """
    price = check_non_negative(unit_price, "unit_price")
    tons = check_non_negative(tonnage, "tonnage")
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        return float(to_money(price * tons))
