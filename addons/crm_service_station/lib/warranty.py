"""Warranty coverage of an engine: free maintenance (走保), repair warranty (三包) and household
rules.

Conventions
-----------
* Dates are :class:`datetime.date`; mileage in km; engine hours in hours.
* A warranty of ``n`` months that starts on ``S`` ends on ``add_months(S, n)`` and that end day is
  still covered (the same convention as Odoo's own warranty dates).  A km or hours limit is also
  inclusive: an engine at exactly the limit is covered.
* "Whichever comes first": every limit of the policy must hold; when several are exceeded the reason
  reported is the first in the order date, km, hours.
* Household vehicles (SAMR Order 43, in force 2022-01-01): the repair warranty is at least
  36 months / 60,000 km; the engine-hours limit is not applied to them because it could end the
  coverage before the statutory minimum.  The replacement/refund validity is 24 months / 50,000 km.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .common import (
    DomainError,
    Number,
    _lt,
    add_months,
    fmt_number,
    optional_date,
    optional_non_negative,
    require_date,
    require_int,
    require_non_negative,
)

# --- statutory minimums for household vehicles (SAMR Order 43) -------------------------------
HOUSEHOLD_REPAIR_MONTHS = 36
HOUSEHOLD_REPAIR_KM = 60_000
HOUSEHOLD_REPLACEMENT_MONTHS = 24
HOUSEHOLD_REPLACEMENT_KM = 50_000
HOUSEHOLD_MAX_REPAIR_DAYS = 30
"""Replacement/refund is owed when the total repair time exceeds this many days."""
HOUSEHOLD_SERIOUS_FAULT_REPAIRS = 2
"""Replacement/refund is owed when a serious fault persists after this many repairs."""
HOUSEHOLD_ENGINE_REPLACEMENTS = 2
"""Replacement/refund is owed when the engine has been replaced this many times."""
HOUSEHOLD_SAME_FAULT_REPAIRS = 4
"""Replacement/refund is owed when the same fault is repaired more than this many times."""


@dataclass(frozen=True)
class HouseholdRules:
    """The household-vehicle thresholds (SAMR Order 43 by default; a setting per company).

    :param repair_months: minimum repair warranty in months
    :param repair_km: minimum repair warranty mileage (when the policy limits mileage)
    :param replacement_months: validity of the replacement/refund rights in months
    :param replacement_km: ... and in km (repairs above it do not count)
    :param max_repair_days: replacement/refund when the total repair time exceeds this
    :param serious_fault_repairs: ... when a serious fault persists after this many repairs
    :param engine_replacements: ... when the engine was replaced this many times
    :param same_fault_repairs: ... when the same fault is repaired more than this many times
    """

    repair_months: int = HOUSEHOLD_REPAIR_MONTHS
    repair_km: int = HOUSEHOLD_REPAIR_KM
    replacement_months: int = HOUSEHOLD_REPLACEMENT_MONTHS
    replacement_km: int = HOUSEHOLD_REPLACEMENT_KM
    max_repair_days: int = HOUSEHOLD_MAX_REPAIR_DAYS
    serious_fault_repairs: int = HOUSEHOLD_SERIOUS_FAULT_REPAIRS
    engine_replacements: int = HOUSEHOLD_ENGINE_REPLACEMENTS
    same_fault_repairs: int = HOUSEHOLD_SAME_FAULT_REPAIRS

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            require_int(getattr(self, name), name)
        require_int(self.engine_replacements, "engine_replacements", minimum=1)


STATUTORY_HOUSEHOLD_RULES = HouseholdRules()
"""The thresholds of SAMR Order 43."""

# --- service types decided by coverage() ------------------------------------------------------
SERVICE_WARRANTY = "warranty"
SERVICE_FREE_MAINTENANCE = "free_maintenance"
COVERED_SERVICE_TYPES = (SERVICE_WARRANTY, SERVICE_FREE_MAINTENANCE)

# --- reason codes ------------------------------------------------------------------------------
COVERED = "covered"
NO_WARRANTY_START = "no_warranty_start"
BEFORE_WARRANTY_START = "before_warranty_start"
NO_REPAIR_WARRANTY = "no_repair_warranty"
NO_MILEAGE = "no_mileage"
EXPIRED_BY_DATE = "expired_by_date"
EXPIRED_BY_KM = "expired_by_km"
EXPIRED_BY_HOURS = "expired_by_hours"
FREE_SERVICE_EXHAUSTED = "free_service_exhausted"
OUTSIDE_FIRST_SERVICE_WINDOW = "outside_first_service_window"


@dataclass(frozen=True)
class Reason:
    """Declaration of one reason :func:`coverage` can return: its ``code``, a short English
    ``label`` (the repair order's eligibility selection) and the English ``message`` template
    (named parameters from ``Coverage.params``)."""

    code: str
    label: str
    message: str


REASON_DECLARATIONS = (
    Reason(COVERED, _lt("Covered"), _lt("Covered by the warranty policy.")),
    Reason(
        NO_WARRANTY_START,
        _lt("No warranty start"),
        _lt("The engine has no warranty start date (not yet sold to an end user)."),
    ),
    Reason(
        BEFORE_WARRANTY_START,
        _lt("Before warranty start"),
        _lt(
            "The repair date %(repair_date)s is before the warranty start %(warranty_start)s."
        ),
    ),
    Reason(
        NO_REPAIR_WARRANTY,
        _lt("No repair warranty"),
        _lt("The policy gives no repair warranty."),
    ),
    Reason(
        NO_MILEAGE, _lt("No mileage"), _lt("No mileage was recorded for the repair.")
    ),
    Reason(
        EXPIRED_BY_DATE,
        _lt("Expired by date"),
        _lt("The warranty expired on %(end_date)s."),
    ),
    Reason(
        EXPIRED_BY_KM,
        _lt("Expired by mileage"),
        _lt(
            "The mileage %(mileage_km)s km is above the warranty limit of %(km_limit)s km."
        ),
    ),
    Reason(
        EXPIRED_BY_HOURS,
        _lt("Expired by engine hours"),
        _lt(
            "The engine hours %(hours)s h are above the warranty limit of %(hours_limit)s h."
        ),
    ),
    Reason(
        FREE_SERVICE_EXHAUSTED,
        _lt("Free maintenances used up"),
        _lt("All %(free_service_count)s free maintenances were already used."),
    ),
    Reason(
        OUTSIDE_FIRST_SERVICE_WINDOW,
        _lt("Outside first-service window"),
        _lt("The first free maintenance is outside its window (%(bound)s)."),
    ),
)
"""Every reason :func:`coverage` can return, in the order of its checks."""
REASON_MESSAGES: Mapping[str, str] = {
    reason.code: reason.message for reason in REASON_DECLARATIONS
}
"""``{reason code: English message template}``."""
REASONS = tuple(REASON_MESSAGES)
"""Every reason code :func:`coverage` can return (for an Odoo selection field)."""
PARAM_LABELS: Mapping[str, Mapping[str, str]] = {
    "bound": {
        "max_months": _lt("too late after the warranty start"),
        "max_km": _lt("mileage too high"),
        "min_km": _lt("mileage too low"),
    },
}
"""Parameters whose value is a code, with the text shown for each code."""

# Reasons a repair order is decided on before :func:`coverage` (see :func:`repair_eligibility`).
NOT_CLAIMABLE = "not_claimable"
NO_ENGINE = "no_engine"
NO_POLICY = "no_policy"
ELIGIBILITY_DECLARATIONS = (
    Reason(
        NOT_CLAIMABLE,
        _lt("Not claimable"),
        _lt("Paid and goodwill repairs are not validated automatically."),
    ),
    Reason(NO_ENGINE, _lt("No engine"), _lt("The engine serial number is unknown.")),
    Reason(
        NO_POLICY, _lt("No policy"), _lt("No warranty policy applies to this engine.")
    ),
    *REASON_DECLARATIONS,
)
"""Every reason :func:`repair_eligibility` can return (the repair order's eligibility codes)."""
ELIGIBILITY_MESSAGES: Mapping[str, str] = {
    reason.code: reason.message for reason in ELIGIBILITY_DECLARATIONS
}
"""``{eligibility code: English message template}``."""


def count_earlier_free_services(
    repair_id: Hashable,
    repair_date: date | None,
    engine_repairs: Iterable[tuple[Hashable, str, str, date | None]],
) -> int:
    """Free maintenances of one engine used before ``repair_date``.

    :param engine_repairs: ``(id, service_type, state, date)`` of the engine's repairs; the repair
        itself, cancelled ones and other service types are not counted
    """
    if repair_date is None:
        return 0
    return sum(
        1
        for other_id, service_type, state, other_date in engine_repairs
        if other_id != repair_id
        and service_type == SERVICE_FREE_MAINTENANCE
        and state != "cancel"
        and other_date is not None
        and other_date < repair_date
    )


def repair_eligibility(
    service_type: str,
    engine_known: bool,
    policy: WarrantyPolicy | None,
    warranty_start: date | None,
    repair_date: date,
    mileage_km: Number | None,
    hours: Number | None = None,
    free_services_used: int = 0,
) -> Coverage:
    """Whether the maker pays a repair order: ``not_claimable`` for paid and goodwill repairs,
    ``no_engine`` without an engine, ``no_policy`` when no policy applies, else
    :func:`coverage`.

    :raises DomainError: as :func:`coverage`
    """
    if service_type not in COVERED_SERVICE_TYPES:
        return Coverage(False, NOT_CLAIMABLE, params={})
    if not engine_known:
        return Coverage(False, NO_ENGINE, params={})
    if policy is None:
        return Coverage(False, NO_POLICY, params={})
    return coverage(
        policy,
        warranty_start,
        repair_date,
        mileage_km,
        hours=hours,
        service_type=service_type,
        free_services_used=free_services_used,
    )


# --- household trigger codes -------------------------------------------------------------------
TRIGGER_SERIOUS_FAULT_PERSISTS = "serious_fault_persists"
TRIGGER_ENGINE_REPLACED_TWICE = "engine_replaced_twice"
TRIGGER_REPAIR_TIME_EXCEEDED = "repair_time_exceeded"
TRIGGER_SAME_FAULT_REPEATED = "same_fault_repeated"
TRIGGERS = (
    TRIGGER_SERIOUS_FAULT_PERSISTS,
    TRIGGER_ENGINE_REPLACED_TWICE,
    TRIGGER_REPAIR_TIME_EXCEEDED,
    TRIGGER_SAME_FAULT_REPEATED,
)


def _limit(value: Number | None) -> Number | None:
    """A limit of 0 or None means "not limited"."""
    return value if value else None


@dataclass(frozen=True)
class WarrantyPolicy:
    """Warranty policy of a product line, built from the policy record's plain field values.

    Limits given as ``None`` or ``0`` are "not limited" (Odoo's empty Integer/Float fields are 0),
    except ``repair_months``, the mandatory dimension of a repair warranty: 0 means the policy gives
    no repair warranty (unless ``household`` lifts it to the statutory minimum).

    :param free_service_count: number of free maintenances (走保) paid by the maker
    :param first_service_min_km: the first free service is not done below this mileage
    :param first_service_max_km: ... nor above this mileage
    :param first_service_max_months: ... nor later than this many months after warranty start
    :param repair_months: repair warranty length in months
    :param repair_km: repair warranty mileage limit
    :param repair_hours: repair warranty engine-hours limit
    :param household: household vehicle: apply the household minimums
    :param household_rules: the household thresholds (statutory by default)
    """

    free_service_count: int = 0
    first_service_min_km: Number | None = None
    first_service_max_km: Number | None = None
    first_service_max_months: int | None = None
    repair_months: int = 0
    repair_km: Number | None = None
    repair_hours: Number | None = None
    household: bool = False
    household_rules: HouseholdRules = STATUTORY_HOUSEHOLD_RULES

    def __post_init__(self) -> None:
        if not isinstance(self.household_rules, HouseholdRules):
            raise DomainError(
                "invalid_household_rules",
                f"household_rules must be HouseholdRules, got {self.household_rules!r}.",
            )
        require_int(self.free_service_count, "free_service_count")
        optional_non_negative(self.first_service_min_km, "first_service_min_km")
        optional_non_negative(self.first_service_max_km, "first_service_max_km")
        if self.first_service_max_months is not None:
            require_int(self.first_service_max_months, "first_service_max_months")
        require_int(self.repair_months, "repair_months")
        optional_non_negative(self.repair_km, "repair_km")
        optional_non_negative(self.repair_hours, "repair_hours")
        low, high = _limit(self.first_service_min_km), _limit(self.first_service_max_km)
        if low is not None and high is not None and low > high:
            raise DomainError(
                "invalid_first_service_window",
                f"first_service_min_km ({fmt_number(low)}) is above first_service_max_km"
                f" ({fmt_number(high)}).",
                min_km=low,
                max_km=high,
            )


@dataclass(frozen=True)
class RepairLimits:
    """Effective repair-warranty limits of a policy (household minimums applied); ``None`` = not
    limited."""

    months: int
    km: Number | None
    hours: Number | None


def repair_limits(policy: WarrantyPolicy) -> RepairLimits:
    """Effective repair-warranty limits: the policy's, raised to the household minimums if it
    applies."""
    months = policy.repair_months
    km = _limit(policy.repair_km)
    hours = _limit(policy.repair_hours)
    if policy.household:
        rules = policy.household_rules
        months = max(months, rules.repair_months)
        if km is not None:
            km = max(km, rules.repair_km)
        hours = None
    return RepairLimits(months=months, km=km, hours=hours)


def warranty_end_date(
    policy: WarrantyPolicy, warranty_start: date | None
) -> date | None:
    """Last covered day of the repair warranty, or ``None`` without a start or without a repair
    warranty."""
    optional_date(warranty_start, "warranty_start")
    months = repair_limits(policy).months
    if warranty_start is None or not months:
        return None
    return add_months(warranty_start, months)


@dataclass(frozen=True)
class Coverage:
    """Result of :func:`coverage`.

    ``warranty_end``, ``km_limit`` and ``hours_limit`` are the limits the decision was made against
    (the first-service window for a first free maintenance, the repair warranty otherwise); the
    ``remaining_*`` values are signed (negative = exceeded by) and ``None`` where there is no limit.
    ``params`` holds the values the reason's message refers to (dates as ISO strings).
    """

    covered: bool
    reason: str
    warranty_end: date | None = None
    km_limit: Number | None = None
    hours_limit: Number | None = None
    remaining_days: int | None = None
    remaining_km: Number | None = None
    remaining_hours: Number | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


def _check_limits(
    repair_date: date,
    end: date | None,
    mileage_km: Number | None,
    km_limit: Number | None,
    hours: Number | None,
    hours_limit: Number | None,
) -> Coverage:
    """Check date, km and hours limits (in that order) and build the result."""
    remaining_days = (end - repair_date).days if end is not None else None
    remaining_km = (
        km_limit - mileage_km
        if km_limit is not None and mileage_km is not None
        else None
    )
    remaining_hours = (
        hours_limit - hours if hours_limit is not None and hours is not None else None
    )
    common = dict(
        warranty_end=end,
        km_limit=km_limit,
        hours_limit=hours_limit,
        remaining_days=remaining_days,
        remaining_km=remaining_km,
        remaining_hours=remaining_hours,
    )
    if end is not None and repair_date > end:
        return Coverage(
            False, EXPIRED_BY_DATE, params={"end_date": end.isoformat()}, **common
        )
    if km_limit is not None:
        if mileage_km is None:
            return Coverage(False, NO_MILEAGE, params={}, **common)
        if mileage_km > km_limit:
            return Coverage(
                False,
                EXPIRED_BY_KM,
                params={"km_limit": km_limit, "mileage_km": mileage_km},
                **common,
            )
    if hours_limit is not None and hours is not None and hours > hours_limit:
        return Coverage(
            False,
            EXPIRED_BY_HOURS,
            params={"hours_limit": hours_limit, "hours": hours},
            **common,
        )
    return Coverage(True, COVERED, params={}, **common)


def coverage(
    policy: WarrantyPolicy,
    warranty_start: date | None,
    repair_date: date,
    mileage_km: Number | None,
    hours: Number | None = None,
    service_type: str = SERVICE_WARRANTY,
    free_services_used: int = 0,
) -> Coverage:
    """Decide whether a repair or a free maintenance on ``repair_date`` is paid by the maker.

    Order of the checks (the first failing one gives the reason):

    1. ``no_warranty_start`` — the engine has no warranty start (not sold to an end user yet);
    2. ``before_warranty_start`` — the repair date is before the warranty start;
    3. ``service_type='warranty'``: ``no_repair_warranty`` (0 months), then
       ``expired_by_date`` / ``no_mileage`` / ``expired_by_km`` / ``expired_by_hours``
       against :func:`repair_limits`;
    4. ``service_type='free_maintenance'``: ``free_service_exhausted`` when
       ``free_services_used >= policy.free_service_count``; for the first one
       (``free_services_used == 0``) ``outside_first_service_window`` when the date is after
       ``warranty_start + first_service_max_months`` or the mileage is above the max / below the
       min km (``params['bound']`` says which: ``'max_months'``, ``'max_km'``, ``'min_km'``);
       later free services must fall within the repair warranty limits (step 3 reasons).

    The mileage is only required (``no_mileage`` otherwise) when a km limit applies; the hours
    limit is only checked when an hours reading is given.

    :raises DomainError: bad service type, negative mileage/hours/free services, non-date dates
    """
    if not isinstance(policy, WarrantyPolicy):
        raise DomainError(
            "invalid_policy", f"policy must be a WarrantyPolicy, got {policy!r}."
        )
    if service_type not in COVERED_SERVICE_TYPES:
        raise DomainError(
            "invalid_service_type",
            f"service_type must be 'warranty' or 'free_maintenance', got {service_type!r}.",
            service_type=repr(service_type),
        )
    optional_date(warranty_start, "warranty_start")
    require_date(repair_date, "repair_date")
    optional_non_negative(mileage_km, "mileage_km")
    optional_non_negative(hours, "hours")
    require_int(free_services_used, "free_services_used")

    if warranty_start is None:
        return Coverage(False, NO_WARRANTY_START, params={})
    if repair_date < warranty_start:
        return Coverage(
            False,
            BEFORE_WARRANTY_START,
            params={
                "warranty_start": warranty_start.isoformat(),
                "repair_date": repair_date.isoformat(),
            },
        )

    limits = repair_limits(policy)
    if service_type == SERVICE_FREE_MAINTENANCE:
        if free_services_used >= policy.free_service_count:
            return Coverage(
                False,
                FREE_SERVICE_EXHAUSTED,
                params={
                    "free_service_count": policy.free_service_count,
                    "used": free_services_used,
                },
            )
        if free_services_used == 0:
            return _first_service(policy, warranty_start, repair_date, mileage_km)
    elif not limits.months:
        return Coverage(False, NO_REPAIR_WARRANTY, params={})

    end = add_months(warranty_start, limits.months) if limits.months else None
    return _check_limits(repair_date, end, mileage_km, limits.km, hours, limits.hours)


def _first_service(
    policy: WarrantyPolicy,
    warranty_start: date,
    repair_date: date,
    mileage_km: Number | None,
) -> Coverage:
    """First free maintenance: inside the window of months and km."""
    max_months = policy.first_service_max_months or None
    min_km = _limit(policy.first_service_min_km)
    max_km = _limit(policy.first_service_max_km)
    end = add_months(warranty_start, max_months) if max_months else None
    common = dict(
        warranty_end=end,
        km_limit=max_km,
        remaining_days=(end - repair_date).days if end is not None else None,
        remaining_km=max_km - mileage_km
        if max_km is not None and mileage_km is not None
        else None,
    )
    if end is not None and repair_date > end:
        return Coverage(
            False,
            OUTSIDE_FIRST_SERVICE_WINDOW,
            params={
                "bound": "max_months",
                "max_months": max_months,
                "end_date": end.isoformat(),
            },
            **common,
        )
    if (min_km is not None or max_km is not None) and mileage_km is None:
        return Coverage(False, NO_MILEAGE, params={}, **common)
    if max_km is not None and mileage_km > max_km:
        return Coverage(
            False,
            OUTSIDE_FIRST_SERVICE_WINDOW,
            params={"bound": "max_km", "max_km": max_km, "mileage_km": mileage_km},
            **common,
        )
    if min_km is not None and mileage_km < min_km:
        return Coverage(
            False,
            OUTSIDE_FIRST_SERVICE_WINDOW,
            params={"bound": "min_km", "min_km": min_km, "mileage_km": mileage_km},
            **common,
        )
    return Coverage(True, COVERED, params={}, **common)


# --- mileage / hours readings --------------------------------------------------------------------

_READING_LABELS = {"km": "mileage", "h": "engine hours"}


def check_reading(
    new_value: Number, previous_value: Number | None = None, unit: str = "km"
) -> Number:
    """Validate a new mileage (``unit='km'``) or engine-hours (``unit='h'``) reading and return it.

    Readings never decrease: a value lower than the previous reading is refused; equal is accepted.

    :raises DomainError: ``negative_value``, ``not_a_number``, ``invalid_unit`` or
        ``reading_decreased`` (params ``new``, ``previous``, ``unit``)
    """
    if unit not in _READING_LABELS:
        raise DomainError(
            "invalid_unit", f"unit must be 'km' or 'h', got {unit!r}.", unit=repr(unit)
        )
    require_non_negative(new_value, "new reading")
    if previous_value is None:
        return new_value
    require_non_negative(previous_value, "previous reading")
    if new_value < previous_value:
        label = _READING_LABELS[unit]
        raise DomainError(
            "reading_decreased",
            f"The new {label} reading {fmt_number(new_value)} {unit} is lower than the"
            " previous reading "
            f"{fmt_number(previous_value)} {unit}.",
            new=new_value,
            previous=previous_value,
            unit=unit,
        )
    return new_value


# --- household replacement / refund triggers ------------------------------------------------------


@dataclass(frozen=True)
class HouseholdRepair:
    """One repair in an engine's history, for :func:`household_triggers`.

    :param repair_date: date the repair started (used for the 24-month validity)
    :param fault_code: failure code; ``None``/empty = not a fault (not counted per fault)
    :param serious: the fault is a serious safety-performance fault
    :param repair_days: days the vehicle spent in repair (may be fractional)
    :param engine_replaced: the engine was replaced in this repair
    :param mileage_km: mileage at the repair; ``None`` = unknown (only the date validity is applied)
    """

    repair_date: date
    fault_code: str | None = None
    serious: bool = False
    repair_days: Number = 0
    engine_replaced: bool = False
    mileage_km: Number | None = None

    def __post_init__(self) -> None:
        require_date(self.repair_date, "repair_date")
        if self.fault_code is not None and not isinstance(self.fault_code, str):
            raise DomainError(
                "invalid_fault_code",
                f"fault_code must be a string, got {self.fault_code!r}.",
            )
        require_non_negative(self.repair_days, "repair_days")
        optional_non_negative(self.mileage_km, "mileage_km")


@dataclass(frozen=True)
class HouseholdTrigger:
    """A replacement/refund trigger reached: ``code`` from :data:`TRIGGERS` and its details."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def household_validity_end(
    warranty_start: date, rules: HouseholdRules = STATUTORY_HOUSEHOLD_RULES
) -> date:
    """Last day of the replacement/refund validity (24 months by default)."""
    return add_months(
        require_date(warranty_start, "warranty_start"), rules.replacement_months
    )


def household_triggers(
    repairs: Iterable[HouseholdRepair],
    warranty_start: date,
    rules: HouseholdRules = STATUTORY_HOUSEHOLD_RULES,
) -> list[HouseholdTrigger]:
    """Replacement/refund triggers of SAMR Order 43 reached by an engine's repair history.

    Only repairs inside the validity count: ``warranty_start <= repair_date <= warranty_start +
    24 months`` and (when the mileage is known) ``mileage_km <= 50,000``.  Triggers, in this order:

    * ``serious_fault_persists`` — a serious fault still present after 2 repairs, i.e. the same
      serious fault code recorded a 3rd time (one trigger per fault code; params ``fault_code``,
      ``count``, ``dates``);
    * ``engine_replaced_twice`` — the engine replaced 2 times or more (``count``, ``dates``);
    * ``repair_time_exceeded`` — total repair days above 30 (``total_days``, ``max_days``);
    * ``same_fault_repeated`` — the same fault code repaired more than 4 times (``fault_code``,
      ``count``, ``dates``).

    Several fault codes are reported in alphabetical order; dates are ISO strings in date order.
    The figures above are the statutory defaults of ``rules``.

    :raises DomainError: a repair that is not a :class:`HouseholdRepair`, a non-date start
    """
    require_date(warranty_start, "warranty_start")
    if not isinstance(rules, HouseholdRules):
        raise DomainError(
            "invalid_household_rules", f"rules must be HouseholdRules, got {rules!r}."
        )
    end = household_validity_end(warranty_start, rules)
    valid: list[HouseholdRepair] = []
    for repair in repairs:
        if not isinstance(repair, HouseholdRepair):
            raise DomainError(
                "invalid_repair",
                f"repairs must be HouseholdRepair items, got {repair!r}.",
            )
        if not warranty_start <= repair.repair_date <= end:
            continue
        if repair.mileage_km is not None and repair.mileage_km > rules.replacement_km:
            continue
        valid.append(repair)
    valid.sort(key=lambda r: r.repair_date)

    by_fault: dict[str, list[HouseholdRepair]] = defaultdict(list)
    serious_by_fault: dict[str, list[HouseholdRepair]] = defaultdict(list)
    for repair in valid:
        if repair.fault_code:
            by_fault[repair.fault_code].append(repair)
            if repair.serious:
                serious_by_fault[repair.fault_code].append(repair)

    def _dates(items: list[HouseholdRepair]) -> tuple[str, ...]:
        return tuple(r.repair_date.isoformat() for r in items)

    triggers: list[HouseholdTrigger] = []
    for code in sorted(serious_by_fault):
        items = serious_by_fault[code]
        if len(items) > rules.serious_fault_repairs:
            triggers.append(
                HouseholdTrigger(
                    TRIGGER_SERIOUS_FAULT_PERSISTS,
                    {
                        "fault_code": code,
                        "count": len(items),
                        "dates": _dates(items),
                    },
                )
            )
    replaced = [r for r in valid if r.engine_replaced]
    if len(replaced) >= rules.engine_replacements:
        triggers.append(
            HouseholdTrigger(
                TRIGGER_ENGINE_REPLACED_TWICE,
                {
                    "count": len(replaced),
                    "dates": _dates(replaced),
                },
            )
        )
    total_days = sum((r.repair_days for r in valid), 0)
    if total_days > rules.max_repair_days:
        triggers.append(
            HouseholdTrigger(
                TRIGGER_REPAIR_TIME_EXCEEDED,
                {"total_days": total_days, "max_days": rules.max_repair_days},
            )
        )
    for code in sorted(by_fault):
        items = by_fault[code]
        if len(items) > rules.same_fault_repairs:
            triggers.append(
                HouseholdTrigger(
                    TRIGGER_SAME_FAULT_REPEATED,
                    {
                        "fault_code": code,
                        "count": len(items),
                        "dates": _dates(items),
                    },
                )
            )
    return triggers
