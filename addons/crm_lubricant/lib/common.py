"""Shared helpers of the crm_lubricant domain layer: the error class, reason codes, input checks.

Results of the domain functions never carry translated text: they carry a stable reason *code*
(``"limit_reached"``, ``"over_budget"`` …) plus the parameters needed to build a message.  The
Odoo layer maps codes to translatable strings.  Bad input raises :class:`DomainError`, a
:class:`ValueError` with a stable ``code``, an English message naming the offending argument
(for logs and tier-1 tests) and the ``params`` of the message; the model layer shows a
translated sentence chosen by the code (``models/messages.py``), never ``str(error)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
import math
from typing import Any

Number = int | float | Decimal
"""Numbers accepted as amounts: ``int``, ``float`` (Odoo monetary fields) or ``Decimal``."""


def _lt(text: str) -> str:
    """Mark an English message template for translation and return it unchanged.

    The library imports nothing from Odoo; Odoo's .pot extractor picks up literal ``_lt()``
    calls in every Python file of the module, so the templates declared with it are exported
    and translated.  The model layer renders them with ``env._(template, **params)``.
    """
    return text


class DomainError(ValueError):
    """Bad input given to a domain function: a stable ``code``, an English ``message``
    (``str(error)``, for logs and tier-1 tests) and the ``params`` the message refers to."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {str(self)!r})"


@dataclass(frozen=True)
class Reason:
    """A stable, untranslated reason code with the parameters of its message.

    ``params`` is excluded from hashing (dicts are not hashable) but compared by equality.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def to_decimal(value: Any, name: str, *, allow_negative: bool = False) -> Decimal:
    """Return ``value`` as an exact :class:`Decimal`, refusing non-numbers, NaN, infinities and,
    unless ``allow_negative``, negative values.

    Floats go through ``str()`` so that ``0.1`` becomes ``Decimal("0.1")`` (what the user typed),
    not its binary expansion.
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
        result = Decimal(str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise DomainError(
                "not_a_number",
                f"{name} must be a finite number, got {value!r}",
                field=name,
                value=repr(value),
            )
        result = value
    else:
        result = Decimal(value)
    if not allow_negative and result < 0:
        raise DomainError(
            "negative_value",
            f"{name} must not be negative, got {value!r}",
            field=name,
            value=value,
        )
    return result


CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    """``amount`` rounded half up to the cent (money computed by a library function)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) not below ``minimum``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(
            "not_an_integer",
            f"{name} must be an integer, got {value!r}",
            field=name,
            value=repr(value),
        )
    if minimum is not None and value < minimum:
        raise DomainError(
            "below_minimum",
            f"{name} must be at least {minimum}, got {value!r}",
            field=name,
            minimum=minimum,
            value=value,
        )
    return value


def check_fraction(value: Any, name: str, *, allow_zero: bool = True) -> Decimal:
    """Return ``value`` as a Decimal from 0 to 1 inclusive (0 excluded unless ``allow_zero``)."""
    result = to_decimal(value, name, allow_negative=True)
    low_ok = result >= 0 if allow_zero else result > 0
    if not low_ok or result > 1:
        bounds = "between 0 and 1" if allow_zero else "greater than 0 and at most 1"
        raise DomainError(
            "fraction_out_of_range" if allow_zero else "positive_fraction_out_of_range",
            f"{name} must be {bounds}, got {value!r}",
            field=name,
            value=value,
        )
    return result


def as_date(value: Any, name: str) -> date:
    """Return ``value`` as a :class:`date`; a :class:`datetime` is reduced to its date part."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise DomainError(
        "not_a_date",
        f"{name} must be a date, got {value!r}",
        field=name,
        value=repr(value),
    )
