# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.common import DomainError
from ..lib.tiering import TierSettings
from .crm_lubricant_guard_mixin import CrmLubricantGuardMixin
from .messages import raise_domain_error

# Settings counted in days: at least one day (zero for the care delay), at most ten years.
MAX_SETTING_DAYS = 3650
DAY_SETTINGS = (
    "lub_tier_drag_days",
    "lub_protection_window_days",
    "lub_protection_lapse_days",
    "lub_stale_days",
    "lub_big_deal_days",
    "lub_complaint_reply_days",
    "lub_care_days",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # NaN, infinities and absurd magnitudes get the suite's translated error
            CrmLubricantGuardMixin._guard_figures(
                self,
                {
                    name: value
                    for name, value in vals.items()
                    if name.startswith("lub_")
                },
            )
        return super().create(vals_list)

    @api.constrains(*DAY_SETTINGS)
    def _check_lub_day_settings(self):
        for settings in self:
            for name in DAY_SETTINGS:
                if settings[name] > MAX_SETTING_DAYS:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must not exceed %(days)s days.",
                            setting=settings._fields[name]._description_string(
                                self.env
                            ),
                            days=MAX_SETTING_DAYS,
                        )
                    )

    lub_tier_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Margin")],
        string="Tier Contribution",
        config_parameter="crm_lubricant.tier_basis",
        default="revenue",
        help="Customers are ranked by their confirmed sales of the trailing 12 months: untaxed "
        "revenue or margin.",
    )
    lub_tier_a_threshold = fields.Float(
        string="Tier A Share",
        config_parameter="crm_lubricant.tier_a_threshold",
        default=0.80,
        help="Top customers up to this cumulative share of the contribution "
        "(0.8 = 80 %) are tier A.",
    )
    lub_tier_b_threshold = fields.Float(
        string="Tier B Share",
        config_parameter="crm_lubricant.tier_b_threshold",
        default=0.95,
        help="The next customers up to this cumulative share are tier B; the rest are tier C.",
    )
    lub_tier_gold_share = fields.Float(
        string="Gold Customers Share",
        config_parameter="crm_lubricant.tier_gold_share",
        default=0.05,
        help="The first customers of the ranking, this fraction of all customers (0.05 = 5 %), "
        "are flagged gold when they are in tier A.",
    )
    lub_tier_code_a = fields.Char(
        string="Name of Tier A",
        config_parameter="crm_lubricant.tier_code_a",
        default="A",
    )
    lub_tier_code_b = fields.Char(
        string="Name of Tier B",
        config_parameter="crm_lubricant.tier_code_b",
        default="B",
    )
    lub_tier_code_c = fields.Char(
        string="Name of Tier C",
        config_parameter="crm_lubricant.tier_code_c",
        default="C",
    )
    lub_tier_drag_days = fields.Integer(
        string="Drag After Days Without Order",
        config_parameter="crm_lubricant.tier_drag_days",
        default=365,
    )
    lub_tier_drag_lost_tenders = fields.Integer(
        string="Drag After Lost Tenders in a Row",
        config_parameter="crm_lubricant.tier_drag_lost_tenders",
        default=3,
    )
    lub_protection_limit = fields.Integer(
        string="Protected Customers per Salesperson",
        config_parameter="crm_lubricant.protection_limit",
        default=20,
        help="Most customers a salesperson may register or claim within the window below. "
        "A salesperson's own limit (on the user) replaces it.",
    )
    lub_protection_window_days = fields.Integer(
        string="Registration Window (Days)",
        config_parameter="crm_lubricant.protection_window_days",
        default=90,
    )
    lub_protection_lapse_days = fields.Integer(
        string="Protection Lapses After (Days)",
        config_parameter="crm_lubricant.protection_lapse_days",
        default=60,
        help="Days without follow-up after which a protected customer returns to the public pool.",
    )
    lub_duplicate_policy = fields.Selection(
        [("refuse", "Refuse the duplicate"), ("route", "Route it to the owner")],
        string="Duplicate Customers",
        config_parameter="crm_lubricant.duplicate_policy",
        default="refuse",
        help="Refuse: a lead that matches another salesperson's customer or opportunity (name, "
        "VAT, phone, e-mail) is refused with the owner's name. Route: the lead is kept, linked "
        "to the existing customer, and the owner gets an activity. A duplicate customer is "
        "always refused.",
    )

    lub_stale_days = fields.Integer(
        string="Stale After (Days)",
        config_parameter="crm_lubricant.stale_days",
        default=30,
        help="Open opportunities without any activity for this many days are flagged stale.",
    )
    lub_big_deal_amount = fields.Float(
        string="Big Deal Amount",
        config_parameter="crm_lubricant.big_deal_amount",
        default=100000.0,
        help="Confirmed orders from this total (company currency) are shown on the big-deal board.",
    )
    lub_big_deal_days = fields.Integer(
        string="Big Deals of the Last (Days)",
        config_parameter="crm_lubricant.big_deal_days",
        default=10,
    )

    lub_churn_factor = fields.Float(
        string="Churn Risk Factor",
        config_parameter="crm_lubricant.churn_factor",
        default=1.5,
        help="A customer is at risk when the days since its last order exceed its usual interval "
        "between orders times this factor.",
    )

    lub_complaint_reply_days = fields.Integer(
        string="Complaint Reply Period (Days)",
        config_parameter="crm_lubricant.complaint_reply_days",
        default=3,
        help="A complaint must be replied to within this many days of its receipt; later it is "
        "overdue.",
    )
    lub_care_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Care Activity Type",
        config_parameter="crm_lubricant.care_activity_type_id",
        help="Activity planned for the owner of each customer at churn risk; empty: a call.",
    )
    lub_care_days = fields.Integer(
        string="Care Activity Due In (Days)",
        config_parameter="crm_lubricant.care_days",
        default=3,
    )
    lub_background_threshold = fields.Integer(
        string="Background Above (Customers)",
        config_parameter="crm_lubricant.background_threshold",
        default=2000,
        help="A mass action (recompute tiers, plan care activities) over more customers "
        "than this runs as a background job instead of while the manager waits.",
    )

    lub_usage_points_record = fields.Float(
        string="Points per Record Entered",
        config_parameter="crm_lubricant.usage_points_record",
        default=1.0,
        help="CRM usage points for each customer or lead a salesperson creates.",
    )
    lub_usage_points_followup = fields.Float(
        string="Points per Follow-up",
        config_parameter="crm_lubricant.usage_points_followup",
        default=1.0,
        help="CRM usage points for each note or comment logged and each activity done on a "
        "customer or lead.",
    )
    lub_usage_points_report = fields.Float(
        string="Points per Report Filed",
        config_parameter="crm_lubricant.usage_points_report",
        default=2.0,
        help="CRM usage points for each complaint replied, sell-through entry and campaign "
        "expense entered.",
    )

    @api.constrains(
        "lub_usage_points_record",
        "lub_usage_points_followup",
        "lub_usage_points_report",
    )
    def _check_lub_usage_settings(self):
        for settings in self:
            if (
                min(
                    settings.lub_usage_points_record,
                    settings.lub_usage_points_followup,
                    settings.lub_usage_points_report,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("CRM usage points must not be negative.")
                )

    @api.constrains("lub_background_threshold")
    def _check_lub_background_threshold(self):
        for settings in self:
            if settings.lub_background_threshold < 0:
                raise ValidationError(
                    self.env._("The background threshold cannot be negative.")
                )

    @api.constrains("lub_complaint_reply_days", "lub_care_days")
    def _check_lub_care_settings(self):
        for settings in self:
            if settings.lub_complaint_reply_days < 1 or settings.lub_care_days < 0:
                raise ValidationError(
                    self.env._(
                        "The complaint reply period must be at least one day and the care activity "
                        "delay must not be negative."
                    )
                )

    @api.constrains("lub_churn_factor")
    def _check_lub_churn_factor(self):
        for settings in self:
            if settings.lub_churn_factor <= 0:
                raise ValidationError(
                    self.env._("The churn risk factor must be greater than 0.")
                )

    @api.constrains("lub_stale_days", "lub_big_deal_amount", "lub_big_deal_days")
    def _check_lub_board_settings(self):
        for settings in self:
            if settings.lub_stale_days < 1 or settings.lub_big_deal_days < 1:
                raise ValidationError(
                    self.env._(
                        "The stale period and the big-deal period must be at least one day."
                    )
                )
            if settings.lub_big_deal_amount < 0:
                raise ValidationError(
                    self.env._("The big-deal amount must not be negative.")
                )

    @api.constrains(
        "lub_tier_a_threshold",
        "lub_tier_b_threshold",
        "lub_tier_gold_share",
        "lub_tier_code_a",
        "lub_tier_code_b",
        "lub_tier_code_c",
        "lub_tier_drag_days",
        "lub_tier_drag_lost_tenders",
    )
    def _check_lub_tier_settings(self):
        for settings in self:
            try:
                TierSettings(
                    a_threshold=settings.lub_tier_a_threshold,
                    b_threshold=settings.lub_tier_b_threshold,
                    gold_share=settings.lub_tier_gold_share,
                    code_a=settings.lub_tier_code_a or "",
                    code_b=settings.lub_tier_code_b or "",
                    code_c=settings.lub_tier_code_c or "",
                    drag_days=settings.lub_tier_drag_days,
                    drag_lost_tenders=settings.lub_tier_drag_lost_tenders,
                )
            except DomainError as error:
                raise_domain_error(self.env, error, tier_setting_labels(self.env))

    @api.constrains(
        "lub_protection_limit",
        "lub_protection_window_days",
        "lub_protection_lapse_days",
    )
    def _check_lub_protection_settings(self):
        for settings in self:
            if settings.lub_protection_limit < 0:
                raise ValidationError(
                    self.env._("The protected customer limit must not be negative.")
                )
            if (
                settings.lub_protection_window_days < 1
                or settings.lub_protection_lapse_days < 1
            ):
                raise ValidationError(
                    self.env._(
                        "The registration window and the lapse period must be at least one day."
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


def tier_settings(env):
    """The tier settings as the lib's TierSettings (validated there)."""
    try:
        return TierSettings(
            a_threshold=get_setting(env, "lub_tier_a_threshold"),
            b_threshold=get_setting(env, "lub_tier_b_threshold"),
            gold_share=get_setting(env, "lub_tier_gold_share"),
            code_a=get_setting(env, "lub_tier_code_a"),
            code_b=get_setting(env, "lub_tier_code_b"),
            code_c=get_setting(env, "lub_tier_code_c"),
            drag_days=get_setting(env, "lub_tier_drag_days"),
            drag_lost_tenders=get_setting(env, "lub_tier_drag_lost_tenders"),
        )
    except DomainError as error:
        raise_domain_error(env, error, tier_setting_labels(env))


# The TierSettings argument of each tier setting field (for translated error messages).
TIER_SETTING_FIELDS = {
    "a_threshold": "lub_tier_a_threshold",
    "b_threshold": "lub_tier_b_threshold",
    "gold_share": "lub_tier_gold_share",
    "code_a": "lub_tier_code_a",
    "code_b": "lub_tier_code_b",
    "code_c": "lub_tier_code_c",
    "drag_days": "lub_tier_drag_days",
    "drag_lost_tenders": "lub_tier_drag_lost_tenders",
}


def setting_labels(env, fields_by_argument):
    """{lib argument name: translated label of its setting field}."""
    settings_fields = env["res.config.settings"]._fields
    return {
        argument: settings_fields[name]._description_string(env)
        for argument, name in fields_by_argument.items()
    }


def tier_setting_labels(env):
    return setting_labels(env, TIER_SETTING_FIELDS)
