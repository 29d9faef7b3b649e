# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translated texts for the codes returned by the pure ``lib`` package.

The domain functions return stable codes with parameters (coverage reasons, rule verdicts,
``DomainError``); the user reads the sentence built here in their own language.
"""

from odoo.exceptions import ValidationError


def _fmt(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def message_text(env, code, params=None):
    """A translated sentence for a lib message or reason code with its params."""
    p = {key: _fmt(value) for key, value in (params or {}).items()}
    _ = env._
    texts = {
        "ok": lambda: _("Passed."),
        "covered": lambda: _("Covered by the warranty policy."),
        "no_warranty_start": lambda: _(
            "The engine has no warranty start date (not yet sold to an end user)."
        ),
        "before_warranty_start": lambda: _(
            "The repair date %(repair_date)s is before the warranty start %(warranty_start)s.",
            repair_date=p.get("repair_date", ""),
            warranty_start=p.get("warranty_start", ""),
        ),
        "no_repair_warranty": lambda: _("The policy gives no repair warranty."),
        "no_mileage": lambda: _("No mileage was recorded for the repair."),
        "expired_by_date": lambda: _(
            "The warranty expired on %(end_date)s.", end_date=p.get("end_date", "")
        ),
        "expired_by_km": lambda: _(
            "The mileage %(mileage_km)s km is above the warranty limit of %(km_limit)s km.",
            mileage_km=p.get("mileage_km", ""),
            km_limit=p.get("km_limit", ""),
        ),
        "expired_by_hours": lambda: _(
            "The engine hours %(hours)s h are above the warranty limit of %(hours_limit)s h.",
            hours=p.get("hours", ""),
            hours_limit=p.get("hours_limit", ""),
        ),
        "free_service_exhausted": lambda: _(
            "All %(free_service_count)s free maintenances were already used.",
            free_service_count=p.get("free_service_count", ""),
        ),
        "outside_first_service_window": lambda: _(
            "The first free maintenance is outside its window (%(bound)s).",
            bound={
                "max_months": _("too late after the warranty start"),
                "max_km": _("mileage too high"),
                "min_km": _("mileage too low"),
            }.get(p.get("bound"), p.get("bound", "")),
        ),
        "engine_missing": lambda: _("The engine serial number is unknown."),
        "no_policy": lambda: _("No warranty policy applies to this engine."),
        "service_type_not_claimable": lambda: _(
            "Paid and goodwill repairs are not validated automatically."
        ),
        "station_missing": lambda: _("The claim has no service station."),
        "station_not_active": lambda: _("The service station is not active."),
        "qualification_not_yet_valid": lambda: _(
            "The station qualification is only valid from %(valid_from)s.",
            valid_from=p.get("valid_from", ""),
        ),
        "qualification_expired": lambda: _(
            "The station qualification expired on %(valid_to)s.", valid_to=p.get("valid_to", "")
        ),
        "product_line_not_authorized": lambda: _(
            "The station is not authorized for the engine's product line."
        ),
        "repair_not_completed": lambda: _("The repair has no completion date."),
        "submitted_before_completion": lambda: _(
            "The claim is submitted before the repair was completed."
        ),
        "submission_late": lambda: _(
            "Submitted %(days)s days after the repair was completed; the limit is %(max_days)s days.",
            days=p.get("days", ""),
            max_days=p.get("max_days", ""),
        ),
        "mileage_decreased": lambda: _(
            "The mileage %(mileage_km)s km is below a previous reading of %(previous_km)s km.",
            mileage_km=p.get("mileage_km", ""),
            previous_km=p.get("previous_km", ""),
        ),
        "failure_code_missing": lambda: _("The claim has no failure code."),
        "duplicate_failure": lambda: _(
            "Another claim for the same engine and failure code lies within %(window_days)s days.",
            window_days=p.get("window_days", ""),
        ),
        "repair_order_missing": lambda: _("The claim has no repair order."),
        "repair_order_already_claimed": lambda: _(
            "The repair order is already claimed by another claim."
        ),
        "old_parts_not_returned": lambda: _(
            "Old parts not returned yet: %(part_codes)s.", part_codes=p.get("part_codes", "")
        ),
        "operation_without_standard": lambda: _(
            "Labor operations without standard hours: %(operation_codes)s.",
            operation_codes=p.get("operation_codes", ""),
        ),
        "labor_over_standard": lambda: _(
            "Claimed hours exceed the standard hours for: %(operation_codes)s.",
            operation_codes=p.get("operation_codes", ""),
        ),
        "negative_value": lambda: _("A value must not be negative (%(field)s).", field=p.get("field", "")),
        "not_a_number": lambda: _("A value is not a number (%(field)s).", field=p.get("field", "")),
        "reading_decreased": lambda: _(
            "The new reading %(new)s %(unit)s is lower than the previous reading %(previous)s %(unit)s.",
            new=p.get("new", ""),
            previous=p.get("previous", ""),
            unit=p.get("unit", ""),
        ),
        "invalid_first_service_window": lambda: _(
            "The minimum mileage of the first free maintenance (%(min_km)s km) is above its maximum"
            " (%(max_km)s km).",
            min_km=p.get("min_km", ""),
            max_km=p.get("max_km", ""),
        ),
    }
    maker = texts.get(code)
    if maker is None:
        return _("Check failed (%(code)s).", code=code)
    return maker()


def raise_domain_error(env, error):
    """Re-raise a lib ``DomainError`` as a translated ``ValidationError``."""
    raise ValidationError(message_text(env, error.code, error.params)) from error
