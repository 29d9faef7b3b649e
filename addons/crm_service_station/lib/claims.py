"""Warranty claims (索赔单): amounts and the automatic validation rules.

Amounts
-------
All amounts are :class:`~decimal.Decimal`.  Floats coming from Odoo fields are converted through
``str()`` (``0.1`` becomes ``Decimal('0.1')``, not its binary approximation).  Every line amount is
rounded once to 2 decimal places with ROUND_HALF_UP (the rounding of CNY in Odoo); subtotals are the
sums of the rounded line amounts and the total is the sum of the subtotals, so a printed statement
always adds up.  Negative hours, quantities, prices, rates, km, handling % or other costs are refused.

Validation rules
----------------
Each ``rule_*`` function returns a :class:`Verdict` (rule code, passed, message code, params).  A rule
that cannot be verified because data is missing fails (an unverifiable claim is never auto-approved).
Passing verdicts carry the message code ``'ok'``.  :func:`run_rules` runs all of them on a
:class:`ClaimContext`.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .common import (
    DomainError,
    Number,
    optional_date,
    optional_non_negative,
    require_date,
    require_int,
    require_non_negative,
)
from .warranty import COVERED_SERVICE_TYPES, SERVICE_WARRANTY, WarrantyPolicy, coverage

CENT = Decimal("0.01")
DEFAULT_SUBMISSION_DAYS = 30
DEFAULT_DUPLICATE_DAYS = 30
STATION_ACTIVE = "active"
OK = "ok"

# --- rule codes, in the order run_rules() runs them ---------------------------------------------
RULE_ENGINE_EXISTS = "engine_exists"
RULE_ENGINE_IN_WARRANTY = "engine_in_warranty"
RULE_STATION_ACTIVE = "station_active"
RULE_STATION_AUTHORIZED = "station_authorized"
RULE_SUBMISSION_DEADLINE = "submission_deadline"
RULE_MILEAGE_NOT_DECREASING = "mileage_not_decreasing"
RULE_NO_DUPLICATE_FAILURE = "no_duplicate_failure"
RULE_REPAIR_ORDER_NOT_CLAIMED = "repair_order_not_claimed"
RULE_OLD_PARTS_RETURNED = "old_parts_returned"
RULE_LABOR_WITHIN_STANDARD = "labor_within_standard"
RULES = (
    RULE_ENGINE_EXISTS,
    RULE_ENGINE_IN_WARRANTY,
    RULE_STATION_ACTIVE,
    RULE_STATION_AUTHORIZED,
    RULE_SUBMISSION_DEADLINE,
    RULE_MILEAGE_NOT_DECREASING,
    RULE_NO_DUPLICATE_FAILURE,
    RULE_REPAIR_ORDER_NOT_CLAIMED,
    RULE_OLD_PARTS_RETURNED,
    RULE_LABOR_WITHIN_STANDARD,
)


# ================================================================================================
# Amounts
# ================================================================================================


def to_decimal(value: Number, name: str) -> Decimal:
    """Convert a non-negative number to Decimal (floats through ``str``).

    :raises DomainError: ``not_a_number`` or ``negative_value``
    """
    require_non_negative(value, name)
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_amount(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up (``Decimal('1.005')`` -> ``Decimal('1.01')``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def labor_amount(hours: Number, labor_rate: Number) -> Decimal:
    """Labor line amount: ``hours × labor_rate`` (CNY/hour), rounded to 2 places."""
    return round_amount(to_decimal(hours, "hours") * to_decimal(labor_rate, "labor_rate"))


def part_amount(qty: Number, unit_price: Number, handling_pct: Number = 0) -> Decimal:
    """Parts line amount: ``qty × unit_price × (1 + handling_pct / 100)``, rounded to 2 places.

    ``handling_pct`` is a percentage: 10 means 10 %.
    """
    factor = 1 + to_decimal(handling_pct, "handling_pct") / 100
    return round_amount(to_decimal(qty, "qty") * to_decimal(unit_price, "unit_price") * factor)


def travel_amount(km: Number, travel_rate: Number) -> Decimal:
    """Travel amount: ``km × travel_rate`` (CNY/km), rounded to 2 places."""
    return round_amount(to_decimal(km, "travel_km") * to_decimal(travel_rate, "travel_rate"))


def other_amount(amount: Number) -> Decimal:
    """Other cost amount, rounded to 2 places (negative refused)."""
    return round_amount(to_decimal(amount, "other_amount"))


@dataclass(frozen=True)
class ClaimLaborLine:
    """A labor operation of a claim.

    :param operation_code: labor operation code
    :param hours: claimed hours (normally the operation's standard hours)
    :param standard_hours: the operation's standard hours from the catalogue; ``None`` = unknown
    """

    operation_code: str
    hours: Number
    standard_hours: Number | None = None


@dataclass(frozen=True)
class ClaimPartLine:
    """A part of a claim.

    :param part_code: part reference
    :param qty: quantity
    :param unit_price: unit price (CNY)
    :param return_required: the maker wants the old part back
    :param return_recorded: an old-part return record exists for this line
    """

    part_code: str
    qty: Number
    unit_price: Number
    return_required: bool = False
    return_recorded: bool = False


@dataclass(frozen=True)
class ClaimAmounts:
    """Result of :func:`compute_claim_amounts`; per-line amounts are in the order of the input lines."""

    labor: Decimal
    parts: Decimal
    travel: Decimal
    other: Decimal
    total: Decimal
    labor_lines: tuple[Decimal, ...] = ()
    part_lines: tuple[Decimal, ...] = ()
    other_lines: tuple[Decimal, ...] = ()


def compute_claim_amounts(
    labor_lines: Iterable[ClaimLaborLine] = (),
    part_lines: Iterable[ClaimPartLine] = (),
    *,
    labor_rate: Number = 0,
    handling_pct: Number = 0,
    travel_km: Number = 0,
    travel_rate: Number = 0,
    other_amounts: Iterable[Number] = (),
) -> ClaimAmounts:
    """Amounts of a claim: per-line amounts, subtotals per kind and the total (see module doc).

    :raises DomainError: negative or non-numeric hours, qty, unit price, rates, km, handling % or
        other amount
    """
    labor = tuple(labor_amount(line.hours, labor_rate) for line in labor_lines)
    parts = tuple(part_amount(line.qty, line.unit_price, handling_pct) for line in part_lines)
    others = tuple(other_amount(value) for value in other_amounts)
    travel = travel_amount(travel_km, travel_rate)
    labor_total = sum(labor, Decimal("0.00"))
    parts_total = sum(parts, Decimal("0.00"))
    other_total = sum(others, Decimal("0.00"))
    return ClaimAmounts(
        labor=labor_total,
        parts=parts_total,
        travel=travel,
        other=other_total,
        total=labor_total + parts_total + travel + other_total,
        labor_lines=labor,
        part_lines=parts,
        other_lines=others,
    )


# ================================================================================================
# Validation rules
# ================================================================================================


@dataclass(frozen=True)
class Verdict:
    """Outcome of one validation rule: ``rule`` code, ``passed``, ``message`` code and its ``params``."""

    rule: str
    passed: bool
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EngineInfo:
    """The claimed engine (a ``stock.lot``) as the rules need it.

    :param engine_id: record id (matched against prior claims)
    :param product_line: product line id or code (matched against the station's authorizations)
    :param warranty_start: warranty start (sale to the end user), ``None`` if unknown
    :param policy: the warranty policy that applies, ``None`` if none
    :param free_services_used: free maintenances already done before this claim
    """

    engine_id: Hashable
    product_line: Hashable
    warranty_start: date | None = None
    policy: WarrantyPolicy | None = None
    free_services_used: int = 0


@dataclass(frozen=True)
class StationInfo:
    """The claiming station as the rules need it.

    :param station_id: record id
    :param state: ``'active'``, ``'suspended'`` or ``'terminated'``
    :param product_lines: product line ids or codes the station is authorized for
    :param qualification_from: first day of the qualification, ``None`` = no lower bound
    :param qualification_to: last day of the qualification, ``None`` = no expiry recorded
    """

    station_id: Hashable
    state: str
    product_lines: Collection[Hashable] = frozenset()
    qualification_from: date | None = None
    qualification_to: date | None = None


@dataclass(frozen=True)
class PriorClaim:
    """An earlier claim to compare with (the caller leaves out cancelled and rejected claims)."""

    claim_id: Hashable
    engine_id: Hashable
    failure_code: str | None
    repair_date: date
    repair_order_id: Hashable | None = None

    def __post_init__(self) -> None:
        require_date(self.repair_date, "repair_date")


@dataclass(frozen=True)
class ClaimContext:
    """Everything :func:`run_rules` needs about one claim, built from plain record values.

    :param claim_id: this claim's id (excluded from ``prior_claims``); ``None`` for a new claim
    :param repair_date: date of the repair (coverage date)
    :param repair_completed: date the repair was completed; ``None`` if not completed
    :param submitted: submission date
    :param mileage_km: mileage at the repair
    :param engine: the engine, ``None`` if the serial number is unknown
    :param station: the claiming station, ``None`` if missing
    :param hours: engine hours at the repair, if read
    :param service_type: ``'warranty'`` or ``'free_maintenance'``; other types (paid, goodwill) are
        never auto-validated in warranty
    :param previous_mileage_km: highest earlier mileage reading of the engine
    :param failure_code: failure code of the claim
    :param repair_order_id: the repair order claimed
    :param prior_claims: other claims of the engine / repair order
    :param labor_lines: labor lines
    :param part_lines: parts lines
    :param submission_days: deadline after repair completion (days, inclusive)
    :param duplicate_days: window for the duplicate-failure rule (days, inclusive)
    """

    claim_id: Hashable | None
    repair_date: date
    repair_completed: date | None
    submitted: date
    mileage_km: Number | None
    engine: EngineInfo | None
    station: StationInfo | None
    hours: Number | None = None
    service_type: str = SERVICE_WARRANTY
    previous_mileage_km: Number | None = None
    failure_code: str | None = None
    repair_order_id: Hashable | None = None
    prior_claims: Sequence[PriorClaim] = ()
    labor_lines: Sequence[ClaimLaborLine] = ()
    part_lines: Sequence[ClaimPartLine] = ()
    submission_days: int = DEFAULT_SUBMISSION_DAYS
    duplicate_days: int = DEFAULT_DUPLICATE_DAYS


def _fail(rule: str, message: str, **params: Any) -> Verdict:
    return Verdict(rule, False, message, params)


def _pass(rule: str, **params: Any) -> Verdict:
    return Verdict(rule, True, OK, params)


def rule_engine_exists(engine: EngineInfo | None) -> Verdict:
    """The engine serial number is known (message ``engine_missing`` otherwise)."""
    if engine is None:
        return _fail(RULE_ENGINE_EXISTS, "engine_missing")
    return _pass(RULE_ENGINE_EXISTS)


def rule_engine_in_warranty(
    engine: EngineInfo | None,
    repair_date: date,
    mileage_km: Number | None,
    hours: Number | None = None,
    service_type: str = SERVICE_WARRANTY,
) -> Verdict:
    """The engine is covered on the repair date by months and mileage (:func:`warranty.coverage`).

    Failure messages: ``engine_missing``, ``no_policy``, ``service_type_not_claimable`` (paid,
    goodwill: a person decides) or the coverage reason code (``expired_by_date`` …) with its params.
    """
    if engine is None:
        return _fail(RULE_ENGINE_IN_WARRANTY, "engine_missing")
    if engine.policy is None:
        return _fail(RULE_ENGINE_IN_WARRANTY, "no_policy")
    if service_type not in COVERED_SERVICE_TYPES:
        return _fail(RULE_ENGINE_IN_WARRANTY, "service_type_not_claimable", service_type=service_type)
    result = coverage(
        engine.policy,
        engine.warranty_start,
        repair_date,
        mileage_km,
        hours=hours,
        service_type=service_type,
        free_services_used=engine.free_services_used,
    )
    if not result.covered:
        return _fail(RULE_ENGINE_IN_WARRANTY, result.reason, **result.params)
    params: dict[str, Any] = {}
    if result.remaining_days is not None:
        params["remaining_days"] = result.remaining_days
    if result.remaining_km is not None:
        params["remaining_km"] = result.remaining_km
    return _pass(RULE_ENGINE_IN_WARRANTY, **params)


def rule_station_active(station: StationInfo | None, repair_date: date) -> Verdict:
    """The station is active and its qualification is valid on the repair date.

    Failure messages: ``station_missing``, ``station_not_active`` (``state``),
    ``qualification_not_yet_valid`` (``valid_from``), ``qualification_expired`` (``valid_to``).
    """
    require_date(repair_date, "repair_date")
    if station is None:
        return _fail(RULE_STATION_ACTIVE, "station_missing")
    if station.state != STATION_ACTIVE:
        return _fail(RULE_STATION_ACTIVE, "station_not_active", state=station.state)
    valid_from = optional_date(station.qualification_from, "qualification_from")
    valid_to = optional_date(station.qualification_to, "qualification_to")
    if valid_from is not None and repair_date < valid_from:
        return _fail(RULE_STATION_ACTIVE, "qualification_not_yet_valid", valid_from=valid_from.isoformat())
    if valid_to is not None and repair_date > valid_to:
        return _fail(RULE_STATION_ACTIVE, "qualification_expired", valid_to=valid_to.isoformat())
    return _pass(RULE_STATION_ACTIVE)


def rule_station_authorized(station: StationInfo | None, engine: EngineInfo | None) -> Verdict:
    """The station is authorized for the engine's product line.

    Failure messages: ``station_missing``, ``engine_missing``, ``product_line_not_authorized``
    (``product_line``).
    """
    if station is None:
        return _fail(RULE_STATION_AUTHORIZED, "station_missing")
    if engine is None:
        return _fail(RULE_STATION_AUTHORIZED, "engine_missing")
    if engine.product_line not in station.product_lines:
        return _fail(RULE_STATION_AUTHORIZED, "product_line_not_authorized", product_line=engine.product_line)
    return _pass(RULE_STATION_AUTHORIZED)


def rule_submission_deadline(
    repair_completed: date | None, submitted: date, max_days: int = DEFAULT_SUBMISSION_DAYS
) -> Verdict:
    """The claim is submitted at most ``max_days`` days after the repair was completed (day N passes).

    Failure messages: ``repair_not_completed``, ``submitted_before_completion``,
    ``submission_late`` (``days``, ``max_days``).  Passing params: ``days``, ``max_days``.

    :raises DomainError: non-date dates, negative ``max_days``
    """
    optional_date(repair_completed, "repair_completed")
    require_date(submitted, "submitted")
    require_int(max_days, "max_days")
    if repair_completed is None:
        return _fail(RULE_SUBMISSION_DEADLINE, "repair_not_completed")
    days = (submitted - repair_completed).days
    if days < 0:
        return _fail(RULE_SUBMISSION_DEADLINE, "submitted_before_completion", days=days)
    if days > max_days:
        return _fail(RULE_SUBMISSION_DEADLINE, "submission_late", days=days, max_days=max_days)
    return _pass(RULE_SUBMISSION_DEADLINE, days=days, max_days=max_days)


def rule_mileage_not_decreasing(mileage_km: Number | None, previous_mileage_km: Number | None) -> Verdict:
    """The claimed mileage is not below the engine's previous reading (equal passes).

    Failure messages: ``no_mileage``, ``mileage_decreased`` (``mileage_km``, ``previous_km``).
    """
    optional_non_negative(mileage_km, "mileage_km")
    optional_non_negative(previous_mileage_km, "previous_mileage_km")
    if mileage_km is None:
        return _fail(RULE_MILEAGE_NOT_DECREASING, "no_mileage")
    if previous_mileage_km is not None and mileage_km < previous_mileage_km:
        return _fail(
            RULE_MILEAGE_NOT_DECREASING, "mileage_decreased", mileage_km=mileage_km, previous_km=previous_mileage_km
        )
    return _pass(RULE_MILEAGE_NOT_DECREASING)


def _others(claim_id: Hashable | None, prior_claims: Iterable[PriorClaim]) -> list[PriorClaim]:
    result = []
    for prior in prior_claims:
        if not isinstance(prior, PriorClaim):
            raise DomainError("invalid_prior_claim", f"prior_claims must be PriorClaim items, got {prior!r}.")
        if claim_id is not None and prior.claim_id == claim_id:
            continue
        result.append(prior)
    return result


def rule_no_duplicate_failure(
    claim_id: Hashable | None,
    engine: EngineInfo | None,
    failure_code: str | None,
    repair_date: date,
    prior_claims: Iterable[PriorClaim],
    window_days: int = DEFAULT_DUPLICATE_DAYS,
) -> Verdict:
    """No other claim for the same engine and failure code with a repair date within ``window_days``
    days (before or after; exactly ``window_days`` apart is a duplicate).

    Failure messages: ``engine_missing``, ``failure_code_missing``, ``duplicate_failure``
    (``claim_ids`` in input order, ``window_days``).
    """
    require_date(repair_date, "repair_date")
    require_int(window_days, "window_days")
    others = _others(claim_id, prior_claims)
    if engine is None:
        return _fail(RULE_NO_DUPLICATE_FAILURE, "engine_missing")
    if not failure_code:
        return _fail(RULE_NO_DUPLICATE_FAILURE, "failure_code_missing")
    duplicates = tuple(
        prior.claim_id
        for prior in others
        if prior.engine_id == engine.engine_id
        and prior.failure_code == failure_code
        and abs((prior.repair_date - repair_date).days) <= window_days
    )
    if duplicates:
        return _fail(RULE_NO_DUPLICATE_FAILURE, "duplicate_failure", claim_ids=duplicates, window_days=window_days)
    return _pass(RULE_NO_DUPLICATE_FAILURE)


def rule_repair_order_not_claimed(
    claim_id: Hashable | None, repair_order_id: Hashable | None, prior_claims: Iterable[PriorClaim]
) -> Verdict:
    """No other claim for the same repair order.

    Failure messages: ``repair_order_missing``, ``repair_order_already_claimed`` (``claim_ids``).
    """
    others = _others(claim_id, prior_claims)
    if repair_order_id is None:
        return _fail(RULE_REPAIR_ORDER_NOT_CLAIMED, "repair_order_missing")
    claimed = tuple(prior.claim_id for prior in others if prior.repair_order_id == repair_order_id)
    if claimed:
        return _fail(RULE_REPAIR_ORDER_NOT_CLAIMED, "repair_order_already_claimed", claim_ids=claimed)
    return _pass(RULE_REPAIR_ORDER_NOT_CLAIMED)


def rule_old_parts_returned(part_lines: Iterable[ClaimPartLine]) -> Verdict:
    """Every part flagged "return required" has an old-part return record.

    Failure message: ``old_parts_not_returned`` (``part_codes`` in line order).
    """
    missing = tuple(line.part_code for line in part_lines if line.return_required and not line.return_recorded)
    if missing:
        return _fail(RULE_OLD_PARTS_RETURNED, "old_parts_not_returned", part_codes=missing)
    return _pass(RULE_OLD_PARTS_RETURNED)


def rule_labor_within_standard(labor_lines: Iterable[ClaimLaborLine]) -> Verdict:
    """Claimed labor hours do not exceed the operation's standard hours (equal passes).

    Failure messages (first applicable): ``operation_without_standard`` (``operation_codes`` of the
    lines whose standard hours are unknown), ``labor_over_standard`` (``operation_codes``).

    :raises DomainError: negative or non-numeric hours
    """
    unknown: list[str] = []
    over: list[str] = []
    for line in labor_lines:
        require_non_negative(line.hours, "hours")
        standard = optional_non_negative(line.standard_hours, "standard_hours")
        if standard is None:
            unknown.append(line.operation_code)
        elif line.hours > standard:
            over.append(line.operation_code)
    if unknown:
        return _fail(RULE_LABOR_WITHIN_STANDARD, "operation_without_standard", operation_codes=tuple(unknown))
    if over:
        return _fail(RULE_LABOR_WITHIN_STANDARD, "labor_over_standard", operation_codes=tuple(over))
    return _pass(RULE_LABOR_WITHIN_STANDARD)


@dataclass(frozen=True)
class RuleReport:
    """Result of :func:`run_rules`: every verdict in :data:`RULES` order and the overall flag."""

    verdicts: tuple[Verdict, ...]
    passed: bool

    @property
    def failed(self) -> tuple[Verdict, ...]:
        """The failed verdicts."""
        return tuple(v for v in self.verdicts if not v.passed)


def run_rules(context: ClaimContext) -> RuleReport:
    """Run every automatic validation rule on a claim; ``passed`` is True when all rules pass.

    :raises DomainError: a context that is not a :class:`ClaimContext`, or bad values inside it
    """
    if not isinstance(context, ClaimContext):
        raise DomainError("invalid_context", f"context must be a ClaimContext, got {context!r}.")
    c = context
    require_date(c.repair_date, "repair_date")
    verdicts = (
        rule_engine_exists(c.engine),
        rule_engine_in_warranty(c.engine, c.repair_date, c.mileage_km, c.hours, c.service_type),
        rule_station_active(c.station, c.repair_date),
        rule_station_authorized(c.station, c.engine),
        rule_submission_deadline(c.repair_completed, c.submitted, c.submission_days),
        rule_mileage_not_decreasing(c.mileage_km, c.previous_mileage_km),
        rule_no_duplicate_failure(
            c.claim_id, c.engine, c.failure_code, c.repair_date, c.prior_claims, c.duplicate_days
        ),
        rule_repair_order_not_claimed(c.claim_id, c.repair_order_id, c.prior_claims),
        rule_old_parts_returned(c.part_lines),
        rule_labor_within_standard(c.labor_lines),
    )
    return RuleReport(verdicts=verdicts, passed=all(v.passed for v in verdicts))
