"""Supplier recovery (供应商索赔追偿): the claim the maker makes on the supplier of a failed part.

States and transitions
----------------------
Each action is declared once in :data:`TRANSITIONS` (action → the states it leaves from, the
state it leads to); the Odoo selection's keys (:data:`STATES`), the buttons' checks and the
tests derive from it::

    draft ──send──▶ sent ──accept──▶ accepted ──refund──▶ refunded
      ▲               │
      └──revise── disputed ◀──dispute──┘
    draft / sent / disputed ──cancel──▶ cancelled

Amounts
-------
A recovery line is priced at the supplier's price (its price list for the part, not the
station's claim price): ``quantity × unit_price`` rounded once to the cent, half up; the total
is the sum of the rounded lines (as :mod:`.claims` does for claims).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .claims import round_amount, to_decimal
from .common import Number

DRAFT = "draft"
SENT = "sent"
ACCEPTED = "accepted"
DISPUTED = "disputed"
REFUNDED = "refunded"
CANCELLED = "cancelled"
STATES = (DRAFT, SENT, ACCEPTED, DISPUTED, REFUNDED, CANCELLED)

# action: (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "send": ((DRAFT,), SENT),
    "accept": ((SENT,), ACCEPTED),
    "dispute": ((SENT,), DISPUTED),
    "revise": ((DISPUTED,), DRAFT),
    "refund": ((ACCEPTED,), REFUNDED),
    "cancel": ((DRAFT, SENT, DISPUTED), CANCELLED),
}
# States in which the figures sent to the supplier are kept as they are.
LOCKED_STATES = tuple(state for state in STATES if state != DRAFT)


def can(action: str, state: str) -> bool:
    """Whether ``action`` may be taken on a recovery in ``state`` (an unknown action: no)."""
    sources = TRANSITIONS.get(action)
    return bool(sources) and state in sources[0]


def target(action: str) -> str:
    """The state ``action`` leads to.

    :raises KeyError: on an unknown action (a programming error, not user input)
    """
    return TRANSITIONS[action][1]


def line_amount(quantity: Number, unit_price: Number) -> Decimal:
    """One recovery line: ``quantity × unit_price`` (the supplier's price), rounded to 2 places.

    :raises DomainError: ``negative_value`` / ``not_a_number`` on a bad figure
    """
    return round_amount(
        to_decimal(quantity, "quantity") * to_decimal(unit_price, "unit_price")
    )


def recovery_total(lines: Iterable[tuple[Number, Number]]) -> Decimal:
    """The recovery's amount: the sum of its rounded lines ``(quantity, unit_price)``."""
    return sum((line_amount(qty, price) for qty, price in lines), Decimal("0.00"))
