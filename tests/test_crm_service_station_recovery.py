"""Tier 1: supplier recovery states and amounts."""

from decimal import Decimal

from crm_service_station_lib.common import DomainError
from crm_service_station_lib.recovery import (
    ACCEPTED,
    CANCELLED,
    DISPUTED,
    DRAFT,
    LOCKED_STATES,
    REFUNDED,
    SENT,
    STATES,
    TRANSITIONS,
    can,
    line_amount,
    recovery_total,
    target,
)
import pytest

# Every (action, state) pair the workflow allows, written out by hand.
ALLOWED = {
    ("send", DRAFT),
    ("accept", SENT),
    ("dispute", SENT),
    ("revise", DISPUTED),
    ("refund", ACCEPTED),
    ("cancel", DRAFT),
    ("cancel", SENT),
    ("cancel", DISPUTED),
}


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
@pytest.mark.parametrize("state", STATES)
def test_can_follows_the_hand_written_table(action, state):
    assert can(action, state) is ((action, state) in ALLOWED)


def test_targets():
    assert target("send") == SENT
    assert target("accept") == ACCEPTED
    assert target("dispute") == DISPUTED
    assert target("revise") == DRAFT
    assert target("refund") == REFUNDED
    assert target("cancel") == CANCELLED


def test_final_states_allow_nothing():
    for state in (REFUNDED, CANCELLED):
        assert not any(can(action, state) for action in TRANSITIONS)


def test_unknown_action_is_refused():
    assert can("pay", DRAFT) is False
    with pytest.raises(KeyError):
        target("pay")


def test_locked_states_are_all_but_draft():
    assert set(LOCKED_STATES) == {SENT, ACCEPTED, DISPUTED, REFUNDED, CANCELLED}


def test_line_amount_rounds_half_up_once():
    # 3 × 33.335 = 100.005 → 100.01 (half up), not 100.00
    assert line_amount(3, 33.335) == Decimal("100.01")
    assert line_amount(2, 90.0) == Decimal("180.00")
    assert line_amount(0, 90.0) == Decimal("0.00")


def test_total_is_the_sum_of_rounded_lines():
    # 0.335 → 0.34 twice = 0.68 (rounding the sum 0.67 would give 0.67)
    assert recovery_total([(1, 0.335), (1, 0.335)]) == Decimal("0.68")
    assert recovery_total([]) == Decimal("0.00")


@pytest.mark.parametrize(
    ("quantity", "price", "code"),
    [
        (-1, 10, "negative_value"),
        (1, -0.01, "negative_value"),
        ("2", 10, "not_a_number"),
    ],
)
def test_bad_figures_are_refused(quantity, price, code):
    with pytest.raises(DomainError) as excinfo:
        line_amount(quantity, price)
    assert excinfo.value.code == code
