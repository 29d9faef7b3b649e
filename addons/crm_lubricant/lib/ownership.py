"""Customer protection (客户保护): registration limit, lapse, public pool and credit from the log.

Rules:

* **Limit** — a salesperson may hold at most ``limit`` (default 20) protected customers or
  opportunities *registered within the window*: the ``window_days`` days (default 90 ≈ 3 months)
  ending today, i.e. registrations dated after ``today - window_days``.  Only protections the
  salesperson still holds are counted (released or lapsed ones are not passed in).  A per-person
  override replaces the limit.
* **Lapse** — protection ends ``lapse_days`` days after the last follow-up: the customer is
  protected up to the day before :func:`protection_expires` and goes to the public pool on that day.
* **Credit** — the ownership log (register / claim / assign gains protection; release / lapse loses
  it) decides who gets credit for a deal: the salesperson holding protection at the deal's time.
  An event at exactly the deal's time counts as already happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .common import DomainError, Reason, as_date, check_int

REGISTER_OK = "ok"
REGISTER_LIMIT_REACHED = "limit_reached"
REGISTER_OWNED_BY_OTHER = "owned_by_other"
REGISTER_ALREADY_OWNER = "already_owner"

ACTION_REGISTER = "register"
ACTION_CLAIM = "claim"
ACTION_ASSIGN = "assign"
ACTION_RELEASE = "release"
ACTION_LAPSE = "lapse"
GAIN_ACTIONS = frozenset({ACTION_REGISTER, ACTION_CLAIM, ACTION_ASSIGN})
LOSE_ACTIONS = frozenset({ACTION_RELEASE, ACTION_LAPSE})
ACTIONS = GAIN_ACTIONS | LOSE_ACTIONS


@dataclass(frozen=True)
class RegisterDecision:
    """Answer of :func:`can_register`: ``allowed`` plus a reason code and its parameters."""

    allowed: bool
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def reason(self) -> Reason:
        return Reason(self.code, dict(self.params))


def effective_limit(limit: int = 20, override: int | None = None) -> int:
    """The salesperson's limit: ``override`` when set (0: may not register), else ``limit``."""
    check_int(limit, "limit", minimum=0)
    if override is None or override is False:
        return limit
    return check_int(override, "override", minimum=0)


def count_in_window(
    registration_dates: Iterable[date], today: date, window_days: int = 90
) -> int:
    """Number of registrations dated after ``today - window_days`` (the window ends today;
    later dates are counted too)."""
    today = as_date(today, "today")
    check_int(window_days, "window_days", minimum=1)
    start = today - timedelta(days=window_days)
    return sum(
        1
        for index, value in enumerate(registration_dates)
        if as_date(value, f"registration date #{index}") > start
    )


def protection_expires(last_followup_date: date, lapse_days: int) -> date:
    """First day on which the customer is no longer protected: last follow-up + ``lapse_days``."""
    check_int(lapse_days, "lapse_days", minimum=1)
    return as_date(last_followup_date, "last_followup_date") + timedelta(
        days=lapse_days
    )


def is_protected(last_followup_date: date, today: date, lapse_days: int) -> bool:
    """True while ``today`` is before :func:`protection_expires`."""
    return as_date(today, "today") < protection_expires(last_followup_date, lapse_days)


def lapsed_customers(
    last_followups: Mapping[int, date], today: date, lapse_days: int
) -> list[int]:
    """Ids (sorted) of the customers whose protection has lapsed on ``today`` (for the pool job).

    Pass the registration/claim date as last follow-up when there was none yet.
    """
    today = as_date(today, "today")
    lapsed = []
    for customer_id in sorted(last_followups):
        value = last_followups[customer_id]
        if value is None or value is False:
            raise DomainError(
                "no_followup_date", f"customer {customer_id} has no last follow-up date"
            )
        if not is_protected(value, today, lapse_days):
            lapsed.append(customer_id)
    return lapsed


def can_register(
    registration_dates: Iterable[date],
    today: date,
    *,
    limit: int = 20,
    window_days: int = 90,
    override: int | None = None,
    salesperson_id: int | None = None,
    owner_id: int | None = None,
    owner_expires: date | None = None,
) -> RegisterDecision:
    """May the salesperson register (or claim from the pool) one more customer?

    ``registration_dates``: dates of the protections the salesperson currently holds.
    ``owner_id`` / ``owner_expires``: current protection of the customer, if any; a protection whose
    expiry is on or before ``today`` is treated as lapsed (the customer is in the pool).

    Codes: ``already_owner`` (params ``expires``), ``owned_by_other`` (``owner_id``, ``expires``),
    ``limit_reached`` and ``ok`` (both ``count``, ``limit``, ``window_days``).
    """
    today = as_date(today, "today")
    max_count = effective_limit(limit, override)
    if owner_id is not None and owner_id is not False:
        check_int(owner_id, "owner_id")
        expires = (
            None if owner_expires is None else as_date(owner_expires, "owner_expires")
        )
        if expires is None or expires > today:
            if salesperson_id is not None and owner_id == salesperson_id:
                return RegisterDecision(
                    False, REGISTER_ALREADY_OWNER, {"expires": expires}
                )
            return RegisterDecision(
                False,
                REGISTER_OWNED_BY_OTHER,
                {"owner_id": owner_id, "expires": expires},
            )
    count = count_in_window(registration_dates, today, window_days)
    params = {"count": count, "limit": max_count, "window_days": window_days}
    if count >= max_count:
        return RegisterDecision(False, REGISTER_LIMIT_REACHED, params)
    return RegisterDecision(True, REGISTER_OK, params)


@dataclass(frozen=True)
class OwnershipEvent:
    """One line of the ownership log.

    ``salesperson_id`` is who gains protection (register / claim / assign) or who loses it
    (release / lapse).  ``sequence`` (the log line id) orders events with the same ``when``.
    """

    when: date
    customer_id: int
    salesperson_id: int
    action: str
    sequence: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.when, date):
            raise DomainError(
                "bad_event_time",
                f"event time must be a date or datetime, got {self.when!r}",
            )
        check_int(self.customer_id, "customer_id")
        check_int(self.salesperson_id, "salesperson_id")
        check_int(self.sequence, "sequence")
        if self.action not in ACTIONS:
            raise DomainError(
                "unknown_action",
                f"unknown ownership action {self.action!r}; expected one of {sorted(ACTIONS)}",
            )


@dataclass(frozen=True)
class HoldingPeriod:
    """A salesperson's protection of a customer from ``start`` (inclusive) to ``end`` (exclusive,
    ``None`` while still held)."""

    salesperson_id: int
    start: date
    end: date | None = None

    def covers(self, at: date) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


def _check_same_kind(values: Iterable[date]) -> None:
    kinds = {isinstance(value, datetime) for value in values}
    if len(kinds) > 1:
        raise DomainError(
            "mixed_date_kinds",
            "cannot compare dates with datetimes: "
            "pass all event times and the deal time as the same type",
        )


def holding_periods(
    events: Iterable[OwnershipEvent], customer_id: int
) -> list[HoldingPeriod]:
    """Replay the log of ``customer_id`` (other customers' events are ignored) into holding periods.

    Raises :class:`DomainError` on an inconsistent log: register/claim while someone holds
    the customer, release/lapse by someone who does not hold it.
    """
    check_int(customer_id, "customer_id")
    own = [event for event in events if event.customer_id == customer_id]
    _check_same_kind(event.when for event in own)
    own.sort(key=lambda event: (event.when, event.sequence))
    periods: list[HoldingPeriod] = []
    current: HoldingPeriod | None = None
    for event in own:
        if event.action in GAIN_ACTIONS:
            if current is not None and event.action != ACTION_ASSIGN:
                raise DomainError(
                    "inconsistent_log",
                    f"inconsistent ownership log: {event.action} of customer {customer_id} "
                    f"by salesperson {event.salesperson_id} on {event.when} "
                    f"while salesperson {current.salesperson_id} holds it",
                )
            if current is not None:
                periods.append(
                    HoldingPeriod(current.salesperson_id, current.start, event.when)
                )
            current = HoldingPeriod(event.salesperson_id, event.when)
        else:
            if current is None or current.salesperson_id != event.salesperson_id:
                holder = (
                    "nobody"
                    if current is None
                    else f"salesperson {current.salesperson_id}"
                )
                raise DomainError(
                    "inconsistent_log",
                    f"inconsistent ownership log: {event.action} of customer {customer_id} "
                    f"by salesperson {event.salesperson_id} on {event.when} "
                    f"while {holder} holds it",
                )
            periods.append(
                HoldingPeriod(current.salesperson_id, current.start, event.when)
            )
            current = None
    if current is not None:
        periods.append(current)
    return periods


def credit_holder(
    events: Iterable[OwnershipEvent], customer_id: int, at: date
) -> int | None:
    """Salesperson credited with a deal of ``customer_id`` at ``at``: the one holding protection
    then, or ``None`` (customer in the pool).  ``at`` and event times must both be dates or both
    datetimes."""
    if not isinstance(at, date):
        raise DomainError(
            "bad_deal_time", f"deal time must be a date or datetime, got {at!r}"
        )
    events = list(events)
    _check_same_kind(
        [at, *(event.when for event in events if event.customer_id == customer_id)]
    )
    for period in holding_periods(events, customer_id):
        if period.covers(at):
            return period.salesperson_id
    return None
