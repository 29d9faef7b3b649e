"""Shared helpers of the domain layer: the error type, input checks and month arithmetic.

Everything here is standard library only.  Errors carry a stable ``code`` and
``params`` next to their English message so that the Odoo layer can show a
translated text without parsing the message.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal
import math
from typing import Any

Number = int | float | Decimal
"""A plain number as read from an Odoo field (``int``/``float``) or computed (``Decimal``)."""


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


def fmt_number(value: Number) -> str:
    """Format a number for a message without a useless trailing ``.0``
    (``1500.0`` -> ``'1500'``)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def require_number(value: Any, name: str) -> Number:
    """Return ``value`` if it is a finite int, float or Decimal (not a bool), else raise.

    :raises DomainError: ``not_a_number`` when the value is not a finite number
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise DomainError(
            "not_a_number",
            f"{name} must be a number, got {value!r}.",
            field=name,
            value=repr(value),
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise DomainError(
            "not_a_number",
            f"{name} must be a finite number, got {value!r}.",
            field=name,
            value=repr(value),
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise DomainError(
            "not_a_number",
            f"{name} must be a finite number, got {value!r}.",
            field=name,
            value=repr(value),
        )
    return value


def require_non_negative(value: Any, name: str) -> Number:
    """Return ``value`` if it is a finite number ``>= 0``.

    :raises DomainError: ``not_a_number`` or ``negative_value``
    """
    require_number(value, name)
    if value < 0:
        raise DomainError(
            "negative_value",
            f"{name} must not be negative, got {fmt_number(value)}.",
            field=name,
            value=value,
        )
    return value


def optional_non_negative(value: Any, name: str) -> Number | None:
    """Like :func:`require_non_negative` but ``None`` is allowed and returned as is."""
    if value is None:
        return None
    return require_non_negative(value, name)


def require_int(value: Any, name: str, minimum: int = 0) -> int:
    """Return ``value`` if it is an ``int`` (not a bool) ``>= minimum``.

    :raises DomainError: ``not_an_integer`` or ``negative_value`` (below ``minimum``)
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(
            "not_an_integer",
            f"{name} must be an integer, got {value!r}.",
            field=name,
            value=repr(value),
        )
    if value < minimum:
        if minimum == 0:
            message = f"{name} must not be negative, got {value}."
        else:
            message = f"{name} must be at least {minimum}, got {value}."
        raise DomainError("negative_value", message, field=name, value=value)
    return value


def require_date(value: Any, name: str) -> date:
    """Return ``value`` if it is a :class:`datetime.date` (a ``datetime`` is refused).

    :raises DomainError: ``not_a_date``
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DomainError(
            "not_a_date",
            f"{name} must be a date, got {value!r}.",
            field=name,
            value=repr(value),
        )
    return value


def optional_date(value: Any, name: str) -> date | None:
    """Like :func:`require_date` but ``None`` is allowed and returned as is."""
    if value is None:
        return None
    return require_date(value, name)


def add_months(start: date, months: int) -> date:
    """Return ``start`` moved by ``months`` calendar months, clamped to the end of the month.

    ``add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)`` (leap year),
    ``add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)``,
    ``add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)``.
    ``months`` may be negative.

    :raises DomainError: ``not_a_date`` / ``not_an_integer`` on bad arguments
    """
    require_date(start, "start")
    if isinstance(months, bool) or not isinstance(months, int):
        raise DomainError(
            "not_an_integer",
            f"months must be an integer, got {months!r}.",
            field="months",
            value=repr(months),
        )
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DomainError(
            "date_out_of_range",
            "The resulting date is out of range.",
            start=start.isoformat(),
            months=months,
        )
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def full_months_between(start: date, end: date) -> int:
    """Number of whole calendar months from ``start`` to ``end`` (floor), consistent with
    :func:`add_months`.

    It is the largest ``n`` with ``add_months(start, n) <= end``:
    2024-01-15 -> 2024-02-14 is 0, -> 2024-02-15 is 1; 2024-01-31 -> 2024-02-29 is 1.

    :raises DomainError: ``end_before_start`` when ``end < start``
    """
    require_date(start, "start")
    require_date(end, "end")
    if end < start:
        raise DomainError(
            "end_before_start",
            f"end date {end.isoformat()} is before start date {start.isoformat()}.",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months
