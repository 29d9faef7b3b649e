"""Shared helpers of the crm_coal domain layer: error type, reason codes, numbers.

Nothing here imports Odoo.  The Odoo models catch :class:`CoalValueError`
(a :class:`ValueError`) and turn it into a translated ``ValidationError``;
results that carry a *reason* expose a stable :class:`Reason` code plus its
parameters, which the Odoo layer maps to a translated sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, Mapping, Union

Number = Union[int, float, Decimal]

#: Precision of the intermediate Decimal arithmetic (far above what prices need).
DECIMAL_PRECISION = 34

__all__ = [
    "CoalValueError",
    "Number",
    "Reason",
    "round_half_up",
    "to_decimal",
    "check_non_negative",
    "check_positive",
    "check_percentage",
]


class CoalValueError(ValueError):
    """Impossible input given to a crm_coal domain function.

    The message is plain English and names the offending argument and value.
    """


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
    ``None``, NaN and infinities are refused with :class:`CoalValueError`.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise CoalValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CoalValueError(f"{name} must be a finite number, got {value!r}")
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CoalValueError(f"{name} must be a finite number, got {value}")
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
        raise CoalValueError(f"{name} must not be negative, got {value}")
    return dec


def check_positive(value: Number, name: str) -> Decimal:
    """Return ``value`` as Decimal; refuse it unless it is above zero."""
    dec = to_decimal(value, name)
    if dec <= 0:
        raise CoalValueError(f"{name} must be greater than zero, got {value}")
    return dec


def check_percentage(value: Number, name: str) -> Decimal:
    """Return ``value`` as Decimal; refuse it outside 0–100 (percent)."""
    dec = to_decimal(value, name)
    if dec < 0 or dec > 100:
        raise CoalValueError(f"{name} must be between 0 and 100 %, got {value}")
    return dec
