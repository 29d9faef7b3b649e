"""Quality-analysis figures: claim rate, parts PPM, months in service, production month.

Rates are returned unrounded as ``float`` (computed as one division, so ``7 / 2,500 units`` gives
exactly ``2.8``); the report decides how many decimals to show.
"""

from __future__ import annotations

from datetime import date

from .common import DomainError, full_months_between, require_date, require_int


def claims_per_thousand(claims: int, units_in_field: int) -> float:
    """Claims per 1,000 units in the field: ``claims × 1000 / units_in_field``.

    :raises DomainError: negative counts, non-integers, or ``units_in_field == 0``
    """
    require_int(claims, "claims")
    require_int(units_in_field, "units_in_field")
    if units_in_field == 0:
        raise DomainError("zero_units", "units_in_field must be positive, got 0.")
    return claims * 1000 / units_in_field


def parts_ppm(
    failed_parts: int, installed_parts: int, *, allow_repeats: bool = False
) -> float:
    """Parts failure rate in parts per million: ``failed_parts × 1,000,000 / installed_parts``.

    ``allow_repeats``: the failed parts are replacements, and one position can be replaced more
    than once (a second failure of the new part), so more replacements than installed parts is a
    real figure (above 1,000,000 PPM) instead of an error.

    :raises DomainError: negative counts, non-integers, ``installed_parts == 0`` or, unless
        ``allow_repeats``, more failed than installed parts
    """
    require_int(failed_parts, "failed_parts")
    require_int(installed_parts, "installed_parts")
    if installed_parts == 0:
        raise DomainError("zero_units", "installed_parts must be positive, got 0.")
    if failed_parts > installed_parts and not allow_repeats:
        raise DomainError(
            "failed_exceeds_installed",
            f"failed_parts ({failed_parts}) cannot exceed installed_parts ({installed_parts}).",
            failed_parts=failed_parts,
            installed_parts=installed_parts,
        )
    return failed_parts * 1_000_000 / installed_parts


def months_in_service(warranty_start: date, repair_date: date) -> int:
    """Whole months in service (floor) from warranty start to repair date: MIS 0 is the first month.

    Month ends follow :func:`common.add_months`: 2024-01-31 -> 2024-02-29 is 1 month.

    :raises DomainError: non-date values or ``repair_date`` before ``warranty_start``
        (code ``repair_before_warranty_start``)
    """
    require_date(warranty_start, "warranty_start")
    require_date(repair_date, "repair_date")
    if repair_date < warranty_start:
        raise DomainError(
            "repair_before_warranty_start",
            f"repair date {repair_date.isoformat()} is before warranty start"
            f" {warranty_start.isoformat()}.",
            warranty_start=warranty_start.isoformat(),
            repair_date=repair_date.isoformat(),
        )
    return full_months_between(warranty_start, repair_date)


def production_month(production_date: date) -> str:
    """Grouping key ``'YYYY-MM'`` of a production date (``date(2024, 3, 9)`` -> ``'2024-03'``)."""
    require_date(production_date, "production_date")
    return f"{production_date.year:04d}-{production_date.month:02d}"
