"""Shared helpers of the crm_lubricant domain layer: the error class, reason codes, input checks.

Results of the domain functions never carry translated text: they carry a stable reason *code*
(``"limit_reached"``, ``"over_budget"`` …) plus the parameters needed to build a message.  The
Odoo layer maps codes to translatable strings.  Bad input raises :class:`LubricantInputError`, a
:class:`ValueError`, with an English message naming the offending argument.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

Number = int | float | Decimal
"""Numbers accepted as amounts: ``int``, ``float`` (Odoo monetary fields) or ``Decimal``."""


class LubricantInputError(ValueError):
    """Bad input to a crm_lubricant domain function (always a :class:`ValueError`)."""


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
        raise LubricantInputError(f"{name} must be a number, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise LubricantInputError(f"{name} must be a finite number, got {value!r}")
        result = Decimal(str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise LubricantInputError(f"{name} must be a finite number, got {value!r}")
        result = value
    else:
        result = Decimal(value)
    if not allow_negative and result < 0:
        raise LubricantInputError(f"{name} must not be negative, got {value!r}")
    return result


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) not below ``minimum``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise LubricantInputError(f"{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise LubricantInputError(f"{name} must be at least {minimum}, got {value!r}")
    return value


def check_fraction(value: Any, name: str, *, allow_zero: bool = True) -> Decimal:
    """Return ``value`` as a Decimal from 0 to 1 inclusive (0 excluded unless ``allow_zero``)."""
    result = to_decimal(value, name, allow_negative=True)
    low_ok = result >= 0 if allow_zero else result > 0
    if not low_ok or result > 1:
        bounds = "between 0 and 1" if allow_zero else "greater than 0 and at most 1"
        raise LubricantInputError(f"{name} must be {bounds}, got {value!r}")
    return result


def as_date(value: Any, name: str) -> date:
    """Return ``value`` as a :class:`date`; a :class:`datetime` is reduced to its date part."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise LubricantInputError(f"{name} must be a date, got {value!r}")
