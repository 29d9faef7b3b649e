# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_knowledge.models.crm_knowledge_guard_mixin import (
    CrmKnowledgeGuardMixin,
)

# The one settings reader of the suite's convention; this addon depends on crm_knowledge, so it
# uses that addon's copy instead of carrying its own (imported by the other models from here).
from odoo.addons.crm_knowledge.models.res_config_settings import get_setting

from ..lib.warranty import STATUTORY_HOUSEHOLD_RULES, HouseholdRules

# Bounds of each numeric setting (inclusive): one place for the form's constraint.
SETTING_BOUNDS = {
    "crm_service_submission_days": (1, 3650),
    "crm_service_duplicate_days": (0, 3650),
    "crm_service_handling_pct": (0.0, 100.0),
    "crm_service_preauth_threshold": (0.0, 1_000_000_000.0),
    "crm_service_settlement_background_threshold": (0, 1_000_000),
    "crm_service_request_deadline_hours": (1, 8760),
    "crm_service_rescue_deadline_hours": (1, 8760),
    "crm_service_return_visit_days": (0, 365),
    "crm_service_claim_review_days": (1, 3650),
    "crm_service_evaluation_min_sample": (0, 100_000),
    "crm_service_household_repair_months": (0, 600),
    "crm_service_household_repair_km": (0, 10_000_000),
    "crm_service_household_replacement_months": (0, 600),
    "crm_service_household_replacement_km": (0, 10_000_000),
    "crm_service_household_max_repair_days": (0, 3650),
    "crm_service_household_serious_fault_repairs": (0, 100),
    "crm_service_household_engine_replacements": (1, 100),
    "crm_service_household_same_fault_repairs": (0, 100),
}
# Household-vehicle thresholds: setting field -> HouseholdRules attribute (defaults: SAMR
# Order 43, the statutory figures of lib/warranty.py).
HOUSEHOLD_SETTINGS = {
    f"crm_service_household_{name}": name
    for name in HouseholdRules.__dataclass_fields__
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
    crm_service_preauth_threshold = fields.Float(
        string="Pre-authorization Above (amount)",
        config_parameter="crm_service_station.preauth_threshold",
        default=0.0,
        help="A repair claimed above this amount needs an approved pre-authorization; 0 = no"
        " threshold.",
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
    crm_service_settlement_background_threshold = fields.Integer(
        string="Settle in the Background Above (Claims)",
        config_parameter="crm_service_station.settlement_background_threshold",
        default=300,
        help="A settlement run over more approved claims than this is queued and run in "
        "the background instead of while the manager waits.",
    )
    crm_service_labor_product_id = fields.Many2one(
        related="company_id.crm_service_labor_product_id", readonly=False
    )
    crm_service_part_product_id = fields.Many2one(
        related="company_id.crm_service_part_product_id", readonly=False
    )
    crm_service_travel_product_id = fields.Many2one(
        related="company_id.crm_service_travel_product_id", readonly=False
    )
    crm_service_other_product_id = fields.Many2one(
        related="company_id.crm_service_other_product_id", readonly=False
    )
    crm_service_labor_account_id = fields.Many2one(
        related="company_id.crm_service_labor_account_id", readonly=False
    )
    crm_service_part_account_id = fields.Many2one(
        related="company_id.crm_service_part_account_id", readonly=False
    )
    crm_service_travel_account_id = fields.Many2one(
        related="company_id.crm_service_travel_account_id", readonly=False
    )
    crm_service_other_account_id = fields.Many2one(
        related="company_id.crm_service_other_account_id", readonly=False
    )
    crm_service_settlement_tax_ids = fields.Many2many(
        related="company_id.crm_service_settlement_tax_ids", readonly=False
    )
    crm_service_request_deadline_hours = fields.Integer(
        string="Service Request Deadline (hours)",
        config_parameter="crm_service_station.request_deadline_hours",
        default=24,
    )
    crm_service_rescue_deadline_hours = fields.Integer(
        string="Rescue Deadline (hours)",
        config_parameter="crm_service_station.rescue_deadline_hours",
        default=4,
        help="A rescue request is late when the station is not on site within this many hours"
        " of the call.",
    )
    crm_service_return_visit_days = fields.Integer(
        string="Return Visit After (days)",
        config_parameter="crm_service_station.return_visit_days",
        default=3,
        help="When a repair order is done, its return visit is planned this many days later.",
    )
    crm_service_claim_review_days = fields.Integer(
        string="Claim Review Deadline (days)",
        config_parameter="crm_service_station.claim_review_days",
        default=7,
        help="A submitted claim not decided within this many days is escalated to the service"
        " managers.",
    )

    crm_service_evaluation_min_sample = fields.Integer(
        string="Evaluation: Minimum Sample",
        config_parameter="crm_service_station.evaluation_min_sample",
        default=3,
        help="A station with fewer claims decided plus repairs completed in the period gets"
        " no score and no level (not enough data).",
    )
    crm_service_household_repair_months = fields.Integer(
        string="Household: Minimum Repair Warranty (months)",
        config_parameter="crm_service_station.household_repair_months",
        default=STATUTORY_HOUSEHOLD_RULES.repair_months,
    )
    crm_service_household_repair_km = fields.Integer(
        string="Household: Minimum Repair Warranty (km)",
        config_parameter="crm_service_station.household_repair_km",
        default=STATUTORY_HOUSEHOLD_RULES.repair_km,
    )
    crm_service_household_replacement_months = fields.Integer(
        string="Household: Replacement Validity (months)",
        config_parameter="crm_service_station.household_replacement_months",
        default=STATUTORY_HOUSEHOLD_RULES.replacement_months,
    )
    crm_service_household_replacement_km = fields.Integer(
        string="Household: Replacement Validity (km)",
        config_parameter="crm_service_station.household_replacement_km",
        default=STATUTORY_HOUSEHOLD_RULES.replacement_km,
    )
    crm_service_household_max_repair_days = fields.Integer(
        string="Household: Maximum Total Repair Days",
        config_parameter="crm_service_station.household_max_repair_days",
        default=STATUTORY_HOUSEHOLD_RULES.max_repair_days,
    )
    crm_service_household_serious_fault_repairs = fields.Integer(
        string="Household: Repairs of a Persisting Serious Fault",
        config_parameter="crm_service_station.household_serious_fault_repairs",
        default=STATUTORY_HOUSEHOLD_RULES.serious_fault_repairs,
    )
    crm_service_household_engine_replacements = fields.Integer(
        string="Household: Engine Replacements",
        config_parameter="crm_service_station.household_engine_replacements",
        default=STATUTORY_HOUSEHOLD_RULES.engine_replacements,
    )
    crm_service_household_same_fault_repairs = fields.Integer(
        string="Household: Repairs of the Same Fault",
        config_parameter="crm_service_station.household_same_fault_repairs",
        default=STATUTORY_HOUSEHOLD_RULES.same_fault_repairs,
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

    def set_values(self):
        before = household_rules(self.env)
        result = super().set_values()
        if household_rules(self.env) != before:
            # Stored warranty ends and replacement flags follow the thresholds.
            lots = (
                self.env["stock.lot"].sudo().search([("engine_household", "=", True)])
            )
            lots._recompute_household()
        return result

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


def bounded_setting(env, name):
    """The setting ``name``, or its field's default when the parameter was typed by hand
    outside the bounds of the settings form."""
    value = get_setting(env, name)
    low, high = SETTING_BOUNDS[name]
    if not low <= value <= high:
        settings = env["res.config.settings"]
        value = settings._fields[name].default(settings)
    return value


def household_rules(env):
    """The household-vehicle thresholds in force (settings, statutory by default)."""
    return HouseholdRules(
        **{attr: get_setting(env, name) for name, attr in HOUSEHOLD_SETTINGS.items()}
    )
