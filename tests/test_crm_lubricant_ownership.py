"""Tier 1 tests of crm_lubricant customer protection: limit, lapse, pool and credit from the log."""

from datetime import date, datetime, timedelta
import re

from crm_lubricant_lib.common import DomainError, Reason
from crm_lubricant_lib.ownership import (
    HoldingPeriod,
    OwnershipEvent,
    RegisterDecision,
    can_register,
    count_in_window,
    credit_holder,
    effective_limit,
    holding_periods,
    is_protected,
    lapsed_customers,
    protection_expires,
)
import pytest

TODAY = date(2024, 4, 1)  # 90 days earlier is 2024-01-02 (leap year)


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def recent(count):
    return [TODAY - timedelta(days=day % 89) for day in range(count)]


def test_window_boundary():
    assert TODAY - timedelta(days=90) == date(2024, 1, 2)
    assert count_in_window([date(2024, 1, 2)], TODAY) == 0
    assert count_in_window([date(2024, 1, 3)], TODAY) == 1
    assert count_in_window([date(2024, 4, 5)], TODAY) == 1  # later dates count too
    assert count_in_window([datetime(2024, 1, 3, 0, 5), date(2023, 12, 1)], TODAY) == 1
    assert count_in_window([date(2024, 3, 1)], TODAY, window_days=32) == 1
    assert count_in_window([date(2024, 3, 1)], TODAY, window_days=31) == 0


def test_limit_default_20():
    decision = can_register(recent(19), TODAY)
    assert decision == RegisterDecision(
        True, "ok", {"count": 19, "limit": 20, "window_days": 90}
    )
    decision = can_register(recent(20), TODAY)
    assert decision == RegisterDecision(
        False, "limit_reached", {"count": 20, "limit": 20, "window_days": 90}
    )
    assert decision.reason == Reason(
        "limit_reached", {"count": 20, "limit": 20, "window_days": 90}
    )


def test_registrations_outside_window_do_not_count():
    dates = recent(19) + [date(2024, 1, 2)]
    assert can_register(dates, TODAY).allowed is True
    assert can_register(dates, TODAY, window_days=91).code == "limit_reached"


def test_per_person_override_and_settings():
    assert can_register(recent(20), TODAY, override=25).params == {
        "count": 20,
        "limit": 25,
        "window_days": 90,
    }
    assert can_register(recent(20), TODAY, override=25).allowed is True
    assert can_register([], TODAY, override=0) == RegisterDecision(
        False, "limit_reached", {"count": 0, "limit": 0, "window_days": 90}
    )
    assert can_register(recent(5), TODAY, limit=5).code == "limit_reached"
    assert (
        can_register(recent(5), TODAY, limit=5, override=False).code == "limit_reached"
    )
    assert effective_limit() == 20
    assert effective_limit(20, None) == 20
    assert effective_limit(20, 3) == 3


def test_owned_customer():
    decision = can_register(
        [], TODAY, salesperson_id=5, owner_id=7, owner_expires=date(2024, 4, 2)
    )
    assert decision == RegisterDecision(
        False, "owned_by_other", {"owner_id": 7, "expires": date(2024, 4, 2)}
    )
    decision = can_register(
        [], TODAY, salesperson_id=7, owner_id=7, owner_expires=date(2024, 4, 2)
    )
    assert decision == RegisterDecision(
        False, "already_owner", {"expires": date(2024, 4, 2)}
    )
    decision = can_register([], TODAY, salesperson_id=5, owner_id=7)
    assert decision == RegisterDecision(
        False, "owned_by_other", {"owner_id": 7, "expires": None}
    )


def test_lapsed_owner_means_pool_then_limit_applies():
    decision = can_register(
        recent(3), TODAY, salesperson_id=5, owner_id=7, owner_expires=TODAY
    )
    assert decision == RegisterDecision(
        True, "ok", {"count": 3, "limit": 20, "window_days": 90}
    )
    decision = can_register(
        recent(20), TODAY, salesperson_id=5, owner_id=7, owner_expires=date(2024, 3, 1)
    )
    assert decision.code == "limit_reached"
    assert can_register([], TODAY, owner_id=False).allowed is True


def test_protection_expiry():
    assert protection_expires(date(2024, 1, 31), 30) == date(2024, 3, 1)
    assert protection_expires(datetime(2024, 1, 31, 23, 59), 30) == date(2024, 3, 1)
    assert is_protected(date(2024, 1, 31), date(2024, 2, 29), 30) is True
    assert is_protected(date(2024, 1, 31), date(2024, 3, 1), 30) is False
    assert lapsed_customers(
        {3: date(2024, 3, 2), 1: date(2024, 3, 1), 2: date(2024, 2, 1)}, TODAY, 31
    ) == [1, 2]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: can_register([], TODAY, limit=-1), "limit must be at least 0, got -1"),
        (
            lambda: can_register([], TODAY, override=-2),
            "override must be at least 0, got -2",
        ),
        (
            lambda: can_register([], TODAY, override=2.5),
            "override must be an integer, got 2.5",
        ),
        (
            lambda: can_register([], TODAY, window_days=0),
            "window_days must be at least 1, got 0",
        ),
        (
            lambda: can_register([TODAY, "2024-03-01"], TODAY),
            "registration date #1 must be a date, got '2024-03-01'",
        ),
        (
            lambda: can_register([], "2024-04-01"),
            "today must be a date, got '2024-04-01'",
        ),
        (
            lambda: can_register([], TODAY, owner_id="7"),
            "owner_id must be an integer, got '7'",
        ),
        (
            lambda: can_register([], TODAY, owner_id=7, owner_expires=5),
            "owner_expires must be a date, got 5",
        ),
        (lambda: protection_expires(TODAY, 0), "lapse_days must be at least 1, got 0"),
        (
            lambda: protection_expires(None, 30),
            "last_followup_date must be a date, got None",
        ),
        (
            lambda: lapsed_customers({4: None}, TODAY, 30),
            "customer 4 has no last follow-up date",
        ),
    ],
)
def test_bad_input(call, message):
    with raises(message):
        call()


def log(*lines, customer=7):
    return [
        OwnershipEvent(when, customer, who, action, sequence)
        for sequence, (when, who, action) in enumerate(lines)
    ]


HISTORY = log(
    (date(2024, 1, 1), 1, "register"),
    (date(2024, 2, 1), 1, "release"),
    (date(2024, 3, 1), 2, "claim"),
    (date(2024, 6, 1), 2, "lapse"),
    (date(2024, 6, 15), 3, "claim"),
    (date(2024, 8, 1), 4, "assign"),
) + log((date(2024, 1, 1), 9, "register"), customer=8)


def test_holding_periods():
    assert holding_periods(HISTORY, 7) == [
        HoldingPeriod(1, date(2024, 1, 1), date(2024, 2, 1)),
        HoldingPeriod(2, date(2024, 3, 1), date(2024, 6, 1)),
        HoldingPeriod(3, date(2024, 6, 15), date(2024, 8, 1)),
        HoldingPeriod(4, date(2024, 8, 1), None),
    ]
    assert holding_periods(HISTORY, 8) == [HoldingPeriod(9, date(2024, 1, 1), None)]
    assert holding_periods(HISTORY, 99) == []


@pytest.mark.parametrize(
    "at, holder",
    [
        (date(2023, 12, 31), None),
        (date(2024, 1, 1), 1),
        (date(2024, 1, 31), 1),
        (date(2024, 2, 1), None),  # released that day
        (date(2024, 2, 29), None),  # in the pool
        (date(2024, 3, 1), 2),
        (date(2024, 5, 31), 2),
        (date(2024, 6, 1), None),
        (date(2024, 6, 15), 3),
        (date(2024, 7, 31), 3),
        (date(2024, 8, 1), 4),
        (date(2030, 1, 1), 4),
    ],
)
def test_credit_holder(at, holder):
    assert credit_holder(HISTORY, 7, at) == holder


def test_credit_uses_event_order_not_input_order():
    events = [
        OwnershipEvent(date(2024, 2, 1), 7, 2, "claim", sequence=11),
        OwnershipEvent(date(2024, 2, 1), 7, 1, "release", sequence=10),
        OwnershipEvent(date(2024, 1, 1), 7, 1, "register", sequence=3),
    ]
    assert credit_holder(events, 7, date(2024, 1, 31)) == 1
    assert credit_holder(events, 7, date(2024, 2, 1)) == 2


def test_credit_with_datetimes():
    events = [
        OwnershipEvent(datetime(2024, 2, 1, 9, 0), 7, 1, "register"),
        OwnershipEvent(datetime(2024, 2, 1, 15, 0), 7, 1, "release", 1),
        OwnershipEvent(datetime(2024, 2, 1, 15, 30), 7, 2, "claim", 2),
    ]
    assert credit_holder(events, 7, datetime(2024, 2, 1, 14, 59)) == 1
    assert credit_holder(events, 7, datetime(2024, 2, 1, 15, 10)) is None
    assert credit_holder(events, 7, datetime(2024, 2, 1, 16, 0)) == 2
    with raises(
        "cannot compare dates with datetimes: "
        "pass all event times and the deal time as the same type"
    ):
        credit_holder(events, 7, date(2024, 2, 1))


@pytest.mark.parametrize(
    "lines, message",
    [
        (
            [(date(2024, 1, 1), 1, "register"), (date(2024, 1, 5), 2, "claim")],
            "inconsistent ownership log: claim of customer 7 "
            "by salesperson 2 on 2024-01-05 while salesperson 1 holds it",
        ),
        (
            [(date(2024, 1, 1), 1, "register"), (date(2024, 1, 5), 1, "register")],
            "inconsistent ownership log: register of customer 7 "
            "by salesperson 1 on 2024-01-05 while salesperson 1 holds it",
        ),
        (
            [(date(2024, 1, 1), 1, "register"), (date(2024, 1, 5), 2, "release")],
            "inconsistent ownership log: release of customer 7 "
            "by salesperson 2 on 2024-01-05 while salesperson 1 holds it",
        ),
        (
            [(date(2024, 1, 5), 2, "lapse")],
            "inconsistent ownership log: lapse of customer 7 "
            "by salesperson 2 on 2024-01-05 while nobody holds it",
        ),
    ],
)
def test_inconsistent_log(lines, message):
    with raises(message):
        credit_holder(log(*lines), 7, date(2024, 2, 1))


def test_bad_events():
    with raises(
        "unknown ownership action 'steal'; "
        "expected one of ['assign', 'claim', 'lapse', 'register', 'release']"
    ):
        OwnershipEvent(TODAY, 7, 1, "steal")
    with raises("event time must be a date or datetime, got '2024-01-01'"):
        OwnershipEvent("2024-01-01", 7, 1, "claim")
    with raises("salesperson_id must be an integer, got None"):
        OwnershipEvent(TODAY, 7, None, "claim")
    with raises("deal time must be a date or datetime, got None"):
        credit_holder(HISTORY, 7, None)
