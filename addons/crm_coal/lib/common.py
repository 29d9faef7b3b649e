"""Shared helpers of the crm_coal domain layer: error type, reason codes, numbers.

Nothing here imports Odoo.  Bad input is refused with :class:`DomainError`
(a :class:`ValueError`) carrying a stable ``code`` and named ``params`` next to
its English message; the Odoo models translate it (``models/messages.py``),
never showing ``str(error)`` to a user.  Results that carry a *reason* expose
a stable :class:`Reason` code plus its parameters, translated the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
import math
from typing import Any

Number = int | float | Decimal

#: Precision of the intermediate Decimal arithmetic (far above what prices need).
DECIMAL_PRECISION = 34

__all__ = [
    "DomainError",
    "Number",
    "Reason",
    "_lt",
    "round_half_up",
    "to_money",
    "to_decimal",
    "check_non_negative",
    "check_positive",
    "check_percentage",
    "require_int",
    "require_date",
    "require_datetime",
]


def _lt(text: str) -> str:
    """Mark an English message template for translation and return it unchanged.

    The library imports nothing from Odoo; Odoo's .pot extractor picks up literal ``_lt()``
    calls in every Python file of the module, so the templates declared here are exported and
    translated.  The model layer renders them with ``env._(template, **params)``.
    """
    return text


class DomainError(ValueError):
    """Bad input given to a domain function: a stable ``code``, an English ``message``
    (``str(error)``, for logs and tier-1 tests) and the ``params`` the message refers to."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Reason:
    """A machine-readable reason: a stable ``code`` plus the figures behind it.

    Example: ``Reason("cv_below_min", {"parameter": "cv", "actual": 4200.0,
    "limit": 4500.0})``.  Codes never change once released; the Odoo layer
    translates them.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def to_decimal(value: Number, name: str) -> Decimal:
    """Return ``value`` as an exact :class:`Decimal`.

    Floats go through ``str()`` so that ``0.1`` becomes ``Decimal('0.1')``
    (what the user typed), not its binary expansion.  Booleans, strings,
    ``None``, NaN and infinities are refused with :class:`DomainError`
    (``not_a_number``).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise DomainError(
            "not_a_number",
            f"{name} must be a number, got {value!r}",
            field=name,
            value=repr(value),
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DomainError(
                "not_a_number",
                f"{name} must be a finite number, got {value!r}",
                field=name,
                value=repr(value),
            )
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DomainError(
                "not_a_number",
                f"{name} must be a finite number, got {value}",
                field=name,
                value=str(value),
            )
        return value
    return Decimal(value)


def round_half_up(value: Number, digits: int = 2) -> float:
    """Round ``value`` half away from zero to ``digits`` decimals, as a float.

    Python's ``round()`` rounds half to even on the binary value
    (``round(2.675, 2) == 2.67``); this helper rounds the decimal value the
    user sees (``round_half_up(2.675) == 2.68``).
    """
    dec = to_decimal(value, "value")
    quantum = Decimal(1).scaleb(-digits)
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        return float(dec.quantize(quantum, rounding=ROUND_HALF_UP))


def check_non_negative(value: Number, name: str) -> Decimal:
    """Return ``value`` as Decimal; refuse it if it is below zero."""
    dec = to_decimal(value, name)
    if dec < 0:
        raise DomainError(
            "negative_value",
            f"{name} must not be negative, got {value}",
            field=name,
            value=value,
        )
    return dec


def check_positive(value: Number, name: str) -> Decimal:
    """Return ``value`` as Decimal; refuse it unless it is above zero."""
    dec = to_decimal(value, name)
    if dec <= 0:
        raise DomainError(
            "not_positive",
            f"{name} must be greater than zero, got {value}",
            field=name,
            value=value,
        )
    return dec


def check_percentage(value: Number, name: str) -> Decimal:
    """Return ``value`` as Decimal; refuse it outside 0–100 (percent)."""
    dec = to_decimal(value, name)
    if dec < 0 or dec > 100:
        raise DomainError(
            "not_a_percentage",
            f"{name} must be between 0 and 100 %, got {value}",
            field=name,
            value=value,
        )
    return dec


def to_money(value: Number, name: str = "amount") -> Decimal:
    """``value`` as a :class:`Decimal` rounded half up to the cent (money in the libraries)."""
    return to_decimal(value, name).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def require_int(value: Any, name: str, minimum: int) -> int:
    """Return ``value`` if it is an ``int`` (not a bool) ``>= minimum``.

    :raises DomainError: ``not_an_integer`` or ``below_minimum``
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(
            "not_an_integer",
            f"{name} must be an integer, got {value!r}",
            field=name,
            value=repr(value),
        )
    if value < minimum:
        raise DomainError(
            "below_minimum",
            f"{name} must be at least {minimum}, got {value}",
            field=name,
            minimum=minimum,
            value=value,
        )
    return value


def require_date(value: Any, name: str) -> date:
    """Return ``value`` if it is a :class:`datetime.date` (a ``datetime`` is refused).

    :raises DomainError: ``not_a_date``
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DomainError(
            "not_a_date",
            f"{name} must be a date, got {value!r}",
            field=name,
            value=repr(value),
        )
    return value


def require_datetime(value: Any, name: str) -> datetime:
    """Return ``value`` if it is a naive :class:`datetime.datetime` (local time).

    :raises DomainError: ``not_a_datetime`` or ``not_a_naive_datetime``
    """
    if not isinstance(value, datetime):
        raise DomainError(
            "not_a_datetime",
            f"{name} must be a datetime, got {value!r}",
            field=name,
            value=repr(value),
        )
    if value.tzinfo is not None:
        raise DomainError(
            "not_a_naive_datetime",
            f"{name} must be a naive local datetime, got {value.isoformat()}",
            field=name,
            value=value.isoformat(),
        )
    return value
