# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_knowledge.models.crm_knowledge_guard_mixin import (
    CrmKnowledgeGuardMixin,
)

# Bounds of each numeric setting (inclusive): one place for the form's constraint.
SETTING_BOUNDS = {
    "crm_service_submission_days": (1, 3650),
    "crm_service_duplicate_days": (0, 3650),
    "crm_service_handling_pct": (0.0, 100.0),
    "crm_service_request_deadline_hours": (1, 8760),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_service_submission_days = fields.Integer(
        string="Claim Submission Deadline (days)",
        config_parameter="crm_service_station.submission_days",
        default=30,
    )
    crm_service_duplicate_days = fields.Integer(
        string="Duplicate Claim Window (days)",
        config_parameter="crm_service_station.duplicate_days",
        default=30,
    )
    crm_service_handling_pct = fields.Float(
        string="Parts Handling (%)",
        config_parameter="crm_service_station.handling_pct",
        default=0.0,
    )
    crm_service_auto_approve = fields.Boolean(
        string="Auto-approve Claims Passing All Checks",
        config_parameter="crm_service_station.auto_approve",
        default=False,
    )
    crm_service_keep_bills_draft = fields.Boolean(
        string="Keep Settlement Bills in Draft",
        config_parameter="crm_service_station.keep_bills_draft",
        default=False,
        help="By default a settlement run posts the vendor bills it creates.",
    )
    crm_service_request_deadline_hours = fields.Integer(
        string="Service Request Deadline (hours)",
        config_parameter="crm_service_station.request_deadline_hours",
        default=24,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # NaN, infinities and absurd magnitudes get the suite's translated error
            CrmKnowledgeGuardMixin._guard_figures(
                self,
                {name: value for name, value in vals.items() if name in SETTING_BOUNDS},
            )
        return super().create(vals_list)

    @api.constrains(*SETTING_BOUNDS)
    def _check_crm_service_settings(self):
        for settings in self:
            for name, (low, high) in SETTING_BOUNDS.items():
                if not low <= settings[name] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be between %(low)s and %(high)s.",
                            setting=settings._fields[name]._description_string(
                                self.env
                            ),
                            low=f"{low:g}",
                            high=f"{high:g}",
                        )
                    )


def get_setting(env, name):
    """The typed value of the setting field ``name`` of res.config.settings: its system
    parameter, else the field's own default (declared once, on the field). A stored value that
    does not convert, or is not finite, gives the default."""
    settings = env["res.config.settings"]
    field = settings._fields[name]
    default = (
        field.default(settings)
        if field.default
        else field.convert_to_cache(False, settings)
    )
    if field.type == "many2one":
        default = env[field.comodel_name].browse(default.id if default else ())
    # sudo: settings are technical parameters every user of the addon needs
    raw = env["ir.config_parameter"].sudo().get_param(field.config_parameter)
    if raw in (None, False, ""):
        return default
    try:
        if field.type == "integer":
            number = float(raw)
            value = int(number) if math.isfinite(number) else None
        elif field.type in ("float", "monetary"):
            value = float(raw)
            value = value if math.isfinite(value) else None
        elif field.type == "boolean":
            value = str(raw).strip().lower() in ("true", "1")
        elif field.type == "many2one":
            value = env[field.comodel_name].browse(int(raw)).exists()
        else:  # selection, char
            value = str(raw)
    except (TypeError, ValueError):
        return default
    return default if value is None else value
