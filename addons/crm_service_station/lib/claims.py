"""Warranty claims (索赔单): amounts and the automatic validation rules.

Amounts
-------
All amounts are :class:`~decimal.Decimal`.  Floats coming from Odoo fields are converted through
``str()`` (``0.1`` becomes ``Decimal('0.1')``, not its binary approximation).  Every line amount is
rounded once to 2 decimal places with ROUND_HALF_UP (the rounding of CNY in Odoo); subtotals are the
sums of the rounded line amounts and the total is the sum of the subtotals, so a printed statement
always adds up.  Negative hours, quantities, prices, rates, km, handling % or other costs are
refused.

Validation rules
----------------
Each rule is declared once, with :func:`declare_rule` on its function: code, label, the
:class:`ClaimContext` inputs it needs and the English template of every message it reports
(:class:`Rule`).  The rule order (:data:`RULES`), the Odoo selection of the stored checks
(:func:`rule_selection`), the message catalogue (:data:`MESSAGES`) and the tests' expectations are
derived from :data:`RULE_DECLARATIONS`.  Each ``rule_*`` function returns a :class:`Verdict` (rule
code, passed, message code, params).  A rule that cannot be verified because data is missing fails
(an unverifiable claim is never auto-approved).  Passing verdicts carry the message code ``'ok'``.
:func:`run_rules` runs all of them on a :class:`ClaimContext`.

Adding a rule: declare it here (decorated function with its templates) and test it in
``tests/test_crm_service_station_claims.py``; the Odoo selection, the messages and their
translation test follow from the declaration.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
import functools
import inspect
from typing import Any

from .common import (
    DomainError,
    Number,
    _lt,
    optional_date,
    optional_non_negative,
    require_date,
    require_int,
    require_non_negative,
)
from .warranty import (
    COVERED,
    COVERED_SERVICE_TYPES,
    REASON_MESSAGES,
    SERVICE_FREE_MAINTENANCE,
    SERVICE_WARRANTY,
    WarrantyPolicy,
    coverage,
)

CENT = Decimal("0.01")
DEFAULT_SUBMISSION_DAYS = 30
DEFAULT_DUPLICATE_DAYS = 30
STATION_ACTIVE = "active"
OK = "ok"

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
    return round_amount(
        to_decimal(hours, "hours") * to_decimal(labor_rate, "labor_rate")
    )


def part_amount(qty: Number, unit_price: Number, handling_pct: Number = 0) -> Decimal:
    """Parts line amount: ``qty × unit_price × (1 + handling_pct / 100)``, rounded to 2 places.

    ``handling_pct`` is a percentage: 10 means 10 %.
    """
    factor = 1 + to_decimal(handling_pct, "handling_pct") / 100
    return round_amount(
        to_decimal(qty, "qty") * to_decimal(unit_price, "unit_price") * factor
    )


def travel_amount(km: Number, travel_rate: Number) -> Decimal:
    """Travel amount: ``km × travel_rate`` (CNY/km), rounded to 2 places."""
    return round_amount(
        to_decimal(km, "travel_km") * to_decimal(travel_rate, "travel_rate")
    )


def other_amount(amount: Number) -> Decimal:
    """Other cost amount, rounded to 2 places (negative refused)."""
    return round_amount(to_decimal(amount, "other_amount"))


def decided_line_amount(
    kind: str,
    claimed_amount: Number,
    *,
    hours: Number = 0,
    qty: Number = 0,
    amount: Number = 0,
    labor_rate: Number = 0,
    unit_price: Number = 0,
    handling_pct: Number = 0,
) -> Decimal:
    """The reviewer's approved amount of one claim line.

    Labor lines are decided in hours (``hours × labor_rate``), part lines in quantity
    (``qty × unit_price × (1 + handling_pct / 100)``), travel and other lines in an amount; the
    result is rounded to the cent and may not exceed the line's claimed amount.

    :raises DomainError: ``invalid_line_kind``, ``line_above_claimed``, or a negative or
        non-numeric figure
    """
    if kind == "labor":
        value = labor_amount(hours, labor_rate)
    elif kind == "part":
        value = part_amount(qty, unit_price, handling_pct)
    elif kind in ("travel", "other"):
        value = other_amount(amount)
    else:
        raise DomainError(
            "invalid_line_kind",
            f"kind must be one of {LINE_KINDS}, got {kind!r}.",
            kind=kind,
        )
    claimed = round_amount(to_decimal(claimed_amount, "claimed_amount"))
    if value > claimed:
        raise DomainError(
            "line_above_claimed",
            f"The approved amount {value} is above the claimed amount {claimed}.",
            approved=str(value),
            claimed=str(claimed),
        )
    return value


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
    """Result of :func:`compute_claim_amounts`; per-line amounts are in the order of the input
    lines."""

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
    parts = tuple(
        part_amount(line.qty, line.unit_price, handling_pct) for line in part_lines
    )
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


LINE_KINDS = ("labor", "part", "travel", "other")


def sum_line_amounts(lines: Iterable[tuple[str, Number]]) -> ClaimAmounts:
    """Subtotals per kind and total of a claim from its lines' rounded amounts.

    :param lines: ``(kind, amount)`` of each line, ``kind`` in :data:`LINE_KINDS`; the amounts
        are the lines' stored subtotals (floats are read through ``str``)
    :raises DomainError: ``invalid_line_kind``, or a negative or non-numeric amount
    """
    totals = dict.fromkeys(LINE_KINDS, Decimal("0.00"))
    for kind, amount in lines:
        if kind not in totals:
            raise DomainError(
                "invalid_line_kind",
                f"kind must be one of {LINE_KINDS}, got {kind!r}.",
                kind=kind,
            )
        totals[kind] += round_amount(to_decimal(amount, "subtotal"))
    return ClaimAmounts(
        labor=totals["labor"],
        parts=totals["part"],
        travel=totals["travel"],
        other=totals["other"],
        total=sum(totals.values(), Decimal("0.00")),
    )


# ================================================================================================
# Validation rules
# ================================================================================================


@dataclass(frozen=True)
class Verdict:
    """Outcome of one validation rule: ``rule`` code, ``passed``, ``message`` code and its
    ``params``."""

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
    :param product_line_parents: the parent lines of ``product_line`` (any order): a station
        authorized for a parent line is authorized for the lines below it
    """

    engine_id: Hashable
    product_line: Hashable
    warranty_start: date | None = None
    policy: WarrantyPolicy | None = None
    free_services_used: int = 0
    product_line_parents: Collection[Hashable] = ()


@dataclass(frozen=True)
class StationInfo:
    """The claiming station as the rules need it.

    :param station_id: record id
    :param state: ``'active'``, ``'suspended'`` or ``'terminated'``
    :param product_lines: product line ids or codes the station is authorized for (each one
        with the lines below it)
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
    """An earlier claim to compare with (the caller leaves out cancelled and rejected claims).

    ``failure_code`` is the failure code's identity (a record id or a code), never its display
    name.
    """

    claim_id: Hashable
    engine_id: Hashable
    failure_code: Hashable | None
    repair_date: date
    repair_order_id: Hashable | None = None
    service_type: str | None = None
    state: str | None = None

    def __post_init__(self) -> None:
        require_date(self.repair_date, "repair_date")


FREE_SERVICE_USED_STATES = (
    "under_review",
    "info_requested",
    "approved",
    "partially_approved",
    "settled",
    "paid",
)
"""States of an earlier free-maintenance claim that count it as used (past submission)."""


def count_free_services(
    engine_id: Hashable, repair_date: date, prior_claims: Iterable[PriorClaim]
) -> int:
    """Free maintenances of the engine already used before ``repair_date``: its earlier
    free-maintenance claims in a state of :data:`FREE_SERVICE_USED_STATES`."""
    require_date(repair_date, "repair_date")
    return sum(
        1
        for prior in prior_claims
        if prior.engine_id == engine_id
        and prior.service_type == SERVICE_FREE_MAINTENANCE
        and prior.state in FREE_SERVICE_USED_STATES
        and prior.repair_date < repair_date
    )


@dataclass(frozen=True)
class ClaimContext:
    """Everything :func:`run_rules` needs about one claim, built from plain record values.

    :param claim_id: this claim's id (excluded from ``prior_claims``); ``None`` for a new claim
    :param repair_date: date of the repair (coverage date)
    :param repair_completed: date the repair was completed; ``None`` if not completed
    :param submitted: submission date
    :param mileage_km: mileage at the repair; ``None`` or ``0`` = not recorded (an empty Odoo
        Float field is 0, and no engine comes to a warranty repair with 0 km)
    :param engine: the engine, ``None`` if the serial number is unknown
    :param station: the claiming station, ``None`` if missing
    :param hours: engine hours at the repair, if read
    :param service_type: ``'warranty'`` or ``'free_maintenance'``; other types (paid, goodwill) are
        never auto-validated in warranty
    :param previous_mileage_km: highest earlier mileage reading of the engine
    :param failure_code: failure code of the claim (its id or code, as in ``prior_claims``)
    :param repair_order_id: the repair order claimed
    :param prior_claims: other claims of the engine / repair order
    :param labor_lines: labor lines
    :param part_lines: parts lines
    :param submission_days: deadline after repair completion (days, inclusive)
    :param duplicate_days: window for the duplicate-failure rule (days, inclusive)
    :param claimed_amount: the claim's claimed amount
    :param preauth_threshold: a repair claimed above this amount needs a pre-authorization;
        ``0`` = no threshold
    :param failure_needs_preauth: the claim's failure code needs a pre-authorization
    :param preauth_state: state of the claim's pre-authorization, ``None`` if it has none
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
    failure_code: Hashable | None = None
    repair_order_id: Hashable | None = None
    prior_claims: Sequence[PriorClaim] = ()
    labor_lines: Sequence[ClaimLaborLine] = ()
    part_lines: Sequence[ClaimPartLine] = ()
    submission_days: int = DEFAULT_SUBMISSION_DAYS
    duplicate_days: int = DEFAULT_DUPLICATE_DAYS
    claimed_amount: Number = 0
    preauth_threshold: Number = 0
    failure_needs_preauth: bool = False
    preauth_state: str | None = None

    @property
    def recorded_mileage_km(self) -> Number | None:
        """The mileage, ``None`` when it was not recorded (``None`` or ``0``)."""
        return self.mileage_km or None


@dataclass(frozen=True)
class Outcome:
    """What a rule's check returns: ``passed``, the ``message`` code and its ``params``."""

    passed: bool
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


def fail(message: str, **params: Any) -> Outcome:
    """A failed check with its message code and the params its template refers to."""
    return Outcome(False, message, params)


def ok(**params: Any) -> Outcome:
    """A passed check (message ``'ok'``)."""
    return Outcome(True, OK, params)


@dataclass(frozen=True)
class Rule:
    """Declaration of one automatic validation rule: everything else is derived from it.

    :param code: stable code, stored on the claim's checks (the check selection is built from
        the declarations, in their order)
    :param label: English label of the check (translated by Odoo)
    :param function: the rule function; it takes the ``inputs`` positionally and returns a
        :class:`Verdict` of this rule
    :param inputs: names of the :class:`ClaimContext` attributes the function needs, in the
        order of its parameters
    :param messages: ``{message code: English template}`` of every failure the rule reports;
        templates use named parameters (``%(days)s``) from the verdict's params
    """

    code: str
    label: str
    function: Callable[..., Verdict]
    inputs: tuple[str, ...]
    messages: Mapping[str, str]

    def run(self, context: ClaimContext) -> Verdict:
        """Run the rule on a claim context."""
        return self.function(*(getattr(context, name) for name in self.inputs))


RULE_DECLARATIONS: list[Rule] = []
"""Every rule, in the order :func:`run_rules` runs them (the order of the declarations below)."""


def declare_rule(
    code: str, label: str, inputs: tuple[str, ...], messages: Mapping[str, str]
) -> Callable[[Callable[..., Outcome]], Callable[..., Verdict]]:
    """Declare the decorated check as the rule ``code`` (see :class:`Rule`).

    The check returns :func:`ok` or :func:`fail`; the declared function returns the
    :class:`Verdict` of the rule.  A failure message that the declaration does not list is a
    programming error (``undeclared_message``), so every message a rule can give has a template.
    """

    def register(check: Callable[..., Outcome]) -> Callable[..., Verdict]:
        @functools.wraps(check)
        def rule_function(*args: Any, **kwargs: Any) -> Verdict:
            outcome = check(*args, **kwargs)
            if not outcome.passed and outcome.message not in messages:
                raise DomainError(
                    "undeclared_message",
                    f"Rule {code} reported the undeclared message {outcome.message!r}.",
                    rule=code,
                    message_code=outcome.message,
                )
            return Verdict(code, outcome.passed, outcome.message, dict(outcome.params))

        RULE_DECLARATIONS.append(
            Rule(code, label, rule_function, tuple(inputs), dict(messages))
        )
        return rule_function

    return register


# Messages several rules report: one template each.
ENGINE_MISSING = {"engine_missing": _lt("The engine serial number is unknown.")}
STATION_MISSING = {"station_missing": _lt("The claim has no service station.")}


@declare_rule("engine_exists", _lt("Engine known"), ("engine",), ENGINE_MISSING)
def rule_engine_exists(engine: EngineInfo | None) -> Outcome:
    """The engine serial number is known (message ``engine_missing`` otherwise)."""
    if engine is None:
        return fail("engine_missing")
    return ok()


@declare_rule(
    "engine_in_warranty",
    _lt("Engine in warranty"),
    ("engine", "repair_date", "recorded_mileage_km", "hours", "service_type"),
    {
        **ENGINE_MISSING,
        "no_policy": _lt("No warranty policy applies to this engine."),
        "service_type_not_claimable": _lt(
            "Paid and goodwill repairs are not validated automatically."
        ),
        **{code: text for code, text in REASON_MESSAGES.items() if code != COVERED},
    },
)
def rule_engine_in_warranty(
    engine: EngineInfo | None,
    repair_date: date,
    mileage_km: Number | None,
    hours: Number | None = None,
    service_type: str = SERVICE_WARRANTY,
) -> Outcome:
    """The engine is covered on the repair date by months and mileage (:func:`warranty.coverage`).

    Failure messages: ``engine_missing``, ``no_policy``, ``service_type_not_claimable`` (paid,
    goodwill: a person decides) or the coverage reason code (``expired_by_date`` …) with its params.
    """
    if engine is None:
        return fail("engine_missing")
    if engine.policy is None:
        return fail("no_policy")
    if service_type not in COVERED_SERVICE_TYPES:
        return fail("service_type_not_claimable", service_type=service_type)
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
        return fail(result.reason, **result.params)
    params: dict[str, Any] = {}
    if result.remaining_days is not None:
        params["remaining_days"] = result.remaining_days
    if result.remaining_km is not None:
        params["remaining_km"] = result.remaining_km
    return ok(**params)


@declare_rule(
    "station_active",
    _lt("Station active and qualified"),
    ("station", "repair_date"),
    {
        **STATION_MISSING,
        "station_not_active": _lt("The service station is not active."),
        "qualification_not_yet_valid": _lt(
            "The station qualification is only valid from %(valid_from)s."
        ),
        "qualification_expired": _lt(
            "The station qualification expired on %(valid_to)s."
        ),
    },
)
def rule_station_active(station: StationInfo | None, repair_date: date) -> Outcome:
    """The station is active and its qualification is valid on the repair date.

    Failure messages: ``station_missing``, ``station_not_active`` (``state``),
    ``qualification_not_yet_valid`` (``valid_from``), ``qualification_expired`` (``valid_to``).
    """
    require_date(repair_date, "repair_date")
    if station is None:
        return fail("station_missing")
    if station.state != STATION_ACTIVE:
        return fail("station_not_active", state=station.state)
    valid_from = optional_date(station.qualification_from, "qualification_from")
    valid_to = optional_date(station.qualification_to, "qualification_to")
    if valid_from is not None and repair_date < valid_from:
        return fail("qualification_not_yet_valid", valid_from=valid_from.isoformat())
    if valid_to is not None and repair_date > valid_to:
        return fail("qualification_expired", valid_to=valid_to.isoformat())
    return ok()


@declare_rule(
    "station_authorized",
    _lt("Station authorized for the product line"),
    ("station", "engine"),
    {
        **STATION_MISSING,
        **ENGINE_MISSING,
        "product_line_not_authorized": _lt(
            "The station is not authorized for the engine's product line."
        ),
    },
)
def rule_station_authorized(
    station: StationInfo | None, engine: EngineInfo | None
) -> Outcome:
    """The station is authorized for the engine's product line or for one of its parent lines.

    Failure messages: ``station_missing``, ``engine_missing``, ``product_line_not_authorized``
    (``product_line``).
    """
    if station is None:
        return fail("station_missing")
    if engine is None:
        return fail("engine_missing")
    lines = {engine.product_line, *engine.product_line_parents}
    if not lines & set(station.product_lines):
        return fail("product_line_not_authorized", product_line=engine.product_line)
    return ok()


@declare_rule(
    "submission_deadline",
    _lt("Submitted in time"),
    ("repair_completed", "submitted", "submission_days"),
    {
        "repair_not_completed": _lt("The repair has no completion date."),
        "submitted_before_completion": _lt(
            "The claim is submitted before the repair was completed."
        ),
        "submission_late": _lt(
            "Submitted %(days)s days after the repair was completed; the limit is"
            " %(max_days)s days."
        ),
    },
)
def rule_submission_deadline(
    repair_completed: date | None,
    submitted: date,
    max_days: int = DEFAULT_SUBMISSION_DAYS,
) -> Outcome:
    """The claim is submitted at most ``max_days`` days after the repair was completed (day N
    passes).

    Failure messages: ``repair_not_completed``, ``submitted_before_completion``,
    ``submission_late`` (``days``, ``max_days``).  Passing params: ``days``, ``max_days``.

    :raises DomainError: non-date dates, negative ``max_days``
    """
    optional_date(repair_completed, "repair_completed")
    require_date(submitted, "submitted")
    require_int(max_days, "max_days")
    if repair_completed is None:
        return fail("repair_not_completed")
    days = (submitted - repair_completed).days
    if days < 0:
        return fail("submitted_before_completion", days=days)
    if days > max_days:
        return fail("submission_late", days=days, max_days=max_days)
    return ok(days=days, max_days=max_days)


@declare_rule(
    "mileage_not_decreasing",
    _lt("Mileage not below a previous reading"),
    ("recorded_mileage_km", "previous_mileage_km"),
    {
        "no_mileage": REASON_MESSAGES["no_mileage"],
        "mileage_decreased": _lt(
            "The mileage %(mileage_km)s km is below a previous reading of %(previous_km)s km."
        ),
    },
)
def rule_mileage_not_decreasing(
    mileage_km: Number | None, previous_mileage_km: Number | None
) -> Outcome:
    """The claimed mileage is not below the engine's previous reading (equal passes).

    Failure messages: ``no_mileage`` (no mileage while the engine has a previous reading to
    compare with), ``mileage_decreased`` (``mileage_km``, ``previous_km``).  Without a mileage and
    without a previous reading there is nothing to compare: the rule passes (the warranty rule
    asks for the mileage where the policy has a km limit).
    """
    optional_non_negative(mileage_km, "mileage_km")
    optional_non_negative(previous_mileage_km, "previous_mileage_km")
    if mileage_km is None:
        if previous_mileage_km is None:
            return ok()
        return fail("no_mileage")
    if previous_mileage_km is not None and mileage_km < previous_mileage_km:
        return fail(
            "mileage_decreased", mileage_km=mileage_km, previous_km=previous_mileage_km
        )
    return ok()


def _others(
    claim_id: Hashable | None, prior_claims: Iterable[PriorClaim]
) -> list[PriorClaim]:
    result = []
    for prior in prior_claims:
        if not isinstance(prior, PriorClaim):
            raise DomainError(
                "invalid_prior_claim",
                f"prior_claims must be PriorClaim items, got {prior!r}.",
            )
        if claim_id is not None and prior.claim_id == claim_id:
            continue
        result.append(prior)
    return result


@declare_rule(
    "no_duplicate_failure",
    _lt("No duplicate failure"),
    (
        "claim_id",
        "engine",
        "failure_code",
        "repair_date",
        "prior_claims",
        "duplicate_days",
    ),
    {
        **ENGINE_MISSING,
        "failure_code_missing": _lt("The claim has no failure code."),
        "duplicate_failure": _lt(
            "Another claim for the same engine and failure code lies within %(window_days)s days."
        ),
    },
)
def rule_no_duplicate_failure(
    claim_id: Hashable | None,
    engine: EngineInfo | None,
    failure_code: Hashable | None,
    repair_date: date,
    prior_claims: Iterable[PriorClaim],
    window_days: int = DEFAULT_DUPLICATE_DAYS,
) -> Outcome:
    """No other claim for the same engine and failure code with a repair date within ``window_days``
    days (before or after; exactly ``window_days`` apart is a duplicate).

    Failure messages: ``engine_missing``, ``failure_code_missing``, ``duplicate_failure``
    (``claim_ids`` in input order, ``window_days``).
    """
    require_date(repair_date, "repair_date")
    require_int(window_days, "window_days")
    others = _others(claim_id, prior_claims)
    if engine is None:
        return fail("engine_missing")
    if not failure_code:
        return fail("failure_code_missing")
    duplicates = tuple(
        prior.claim_id
        for prior in others
        if prior.engine_id == engine.engine_id
        and prior.failure_code == failure_code
        and abs((prior.repair_date - repair_date).days) <= window_days
    )
    if duplicates:
        return fail("duplicate_failure", claim_ids=duplicates, window_days=window_days)
    return ok()


@declare_rule(
    "repair_order_not_claimed",
    _lt("Repair order not claimed twice"),
    ("claim_id", "repair_order_id", "prior_claims"),
    {
        "repair_order_missing": _lt("The claim has no repair order."),
        "repair_order_already_claimed": _lt(
            "The repair order is already claimed by another claim."
        ),
    },
)
def rule_repair_order_not_claimed(
    claim_id: Hashable | None,
    repair_order_id: Hashable | None,
    prior_claims: Iterable[PriorClaim],
) -> Outcome:
    """No other claim for the same repair order.

    Failure messages: ``repair_order_missing``, ``repair_order_already_claimed`` (``claim_ids``).
    """
    others = _others(claim_id, prior_claims)
    if repair_order_id is None:
        return fail("repair_order_missing")
    claimed = tuple(
        prior.claim_id for prior in others if prior.repair_order_id == repair_order_id
    )
    if claimed:
        return fail("repair_order_already_claimed", claim_ids=claimed)
    return ok()


@declare_rule(
    "old_parts_returned",
    _lt("Old parts returned"),
    ("part_lines",),
    {"old_parts_not_returned": _lt("Old parts not returned yet: %(part_codes)s.")},
)
def rule_old_parts_returned(part_lines: Iterable[ClaimPartLine]) -> Outcome:
    """Every part flagged "return required" has an old-part return record.

    Failure message: ``old_parts_not_returned`` (``part_codes`` in line order).
    """
    missing = tuple(
        line.part_code
        for line in part_lines
        if line.return_required and not line.return_recorded
    )
    if missing:
        return fail("old_parts_not_returned", part_codes=missing)
    return ok()


@declare_rule(
    "labor_within_standard",
    _lt("Labor within standard hours"),
    ("labor_lines",),
    {
        "operation_without_standard": _lt(
            "Labor operations without standard hours: %(operation_codes)s."
        ),
        "labor_over_standard": _lt(
            "Claimed hours exceed the standard hours for: %(operation_codes)s."
        ),
    },
)
def rule_labor_within_standard(labor_lines: Iterable[ClaimLaborLine]) -> Outcome:
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
        return fail("operation_without_standard", operation_codes=tuple(unknown))
    if over:
        return fail("labor_over_standard", operation_codes=tuple(over))
    return ok()


@declare_rule(
    "repair_not_after_submission",
    _lt("Repair before submission"),
    ("repair_date", "submitted"),
    {
        "repair_after_submission": _lt(
            "The repair date %(repair_date)s is after the submission date %(submitted)s."
        )
    },
)
def rule_repair_not_after_submission(repair_date: date, submitted: date) -> Outcome:
    """A claim is for a repair already made: its repair date is not after the submission date
    (the same day passes).

    Failure message: ``repair_after_submission`` (``repair_date``, ``submitted``).

    :raises DomainError: non-date dates
    """
    require_date(repair_date, "repair_date")
    require_date(submitted, "submitted")
    if repair_date > submitted:
        return fail(
            "repair_after_submission",
            repair_date=repair_date.isoformat(),
            submitted=submitted.isoformat(),
        )
    return ok()


@declare_rule(
    "preauthorized",
    _lt("Pre-authorized"),
    ("claimed_amount", "preauth_threshold", "failure_needs_preauth", "preauth_state"),
    {
        "preauth_needed_amount": _lt(
            "A repair claimed above %(threshold)s needs an approved pre-authorization."
        ),
        "preauth_needed_failure": _lt(
            "A repair of this failure code needs an approved pre-authorization."
        ),
    },
)
def rule_preauthorized(
    claimed_amount: Number,
    preauth_threshold: Number,
    failure_needs_preauth: bool,
    preauth_state: str | None,
) -> Outcome:
    """A repair above the threshold (when it is above 0) or of a failure code that needs one
    has an approved pre-authorization.

    Failure messages: ``preauth_needed_failure``, ``preauth_needed_amount`` (``threshold``).

    :raises DomainError: a negative or non-numeric amount or threshold
    """
    amount = round_amount(to_decimal(claimed_amount, "claimed_amount"))
    threshold = round_amount(to_decimal(preauth_threshold, "preauth_threshold"))
    if preauth_state == "approved":
        return ok()
    if failure_needs_preauth:
        return fail("preauth_needed_failure")
    if threshold > 0 and amount > threshold:
        return fail("preauth_needed_amount", threshold=str(threshold))
    return ok()


# --- derived from the declarations ----------------------------------------------------------------

RULES = tuple(rule.code for rule in RULE_DECLARATIONS)
"""Every rule code, in the order :func:`run_rules` runs them."""

OK_MESSAGE = {OK: _lt("Passed."), COVERED: REASON_MESSAGES[COVERED]}


def _message_templates() -> dict[str, str]:
    templates = dict(OK_MESSAGE)
    for rule in RULE_DECLARATIONS:
        for code, text in rule.messages.items():
            if templates.setdefault(code, text) != text:
                raise DomainError(
                    "conflicting_message",
                    f"Message {code!r} has two templates.",
                    message_code=code,
                    rule=rule.code,
                )
    return templates


MESSAGES: Mapping[str, str] = _message_templates()
"""``{message code: English template}`` of every verdict message (passing and failing)."""


def rule_selection() -> list[tuple[str, str]]:
    """``[(code, label)]`` of the rules, for the Odoo selection of the stored checks."""
    return [(rule.code, rule.label) for rule in RULE_DECLARATIONS]


def template_params(template: str) -> tuple[str, ...]:
    """Names of the named parameters of a template, in order of appearance, without repeats."""
    names: list[str] = []
    for part in template.split("%(")[1:]:
        name = part.split(")", 1)[0]
        if name not in names:
            names.append(name)
    return tuple(names)


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
    """Run every declared validation rule on a claim; ``passed`` is True when all rules pass.

    :raises DomainError: a context that is not a :class:`ClaimContext`, or bad values inside it
    """
    if not isinstance(context, ClaimContext):
        raise DomainError(
            "invalid_context", f"context must be a ClaimContext, got {context!r}."
        )
    require_date(context.repair_date, "repair_date")
    verdicts = tuple(rule.run(context) for rule in RULE_DECLARATIONS)
    return RuleReport(verdicts=verdicts, passed=all(v.passed for v in verdicts))


def context_inputs() -> frozenset[str]:
    """Names a rule may declare as inputs: the fields and properties of :class:`ClaimContext`."""
    names = {f.name for f in fields(ClaimContext)}
    names |= {
        name
        for name, value in inspect.getmembers(ClaimContext)
        if isinstance(value, property)
    }
    return frozenset(names)
