# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import scoring, supply
from ..lib.common import DomainError
from .crm_coal_guard_mixin import CrmCoalGuardMixin
from .messages import message_text

# a quote compared with one more than a year older is no week-over-week change
MAX_GAP_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # NaN, infinities and absurd magnitudes get the suite's translated error
            settings = self._coal_setting_names()
            CrmCoalGuardMixin._guard_figures(
                self, {name: value for name, value in vals.items() if name in settings}
            )
        return super().create(vals_list)

    coal_score_a_min = fields.Float(
        string="Grade A from score",
        config_parameter="crm_coal.score_a_min",
        default=80.0,
        help="Key accounts scoring at least this (0-100) are suggested grade A.",
    )
    coal_score_b_min = fields.Float(
        string="Grade B from score",
        config_parameter="crm_coal.score_b_min",
        default=60.0,
        help="Key accounts scoring at least this (0-100) are suggested grade B; below, grade C.",
    )
    coal_supply_window_days = fields.Integer(
        string="Burn averaged over (days)",
        config_parameter="crm_coal.supply_window_days",
        default=7,
        help="Days of supply = stockpile / average daily burn over this many days.",
    )
    coal_supply_red_days = fields.Float(
        string="Red below (days)",
        config_parameter="crm_coal.supply_red_days",
        default=7.0,
    )
    coal_supply_amber_days = fields.Float(
        string="Amber below (days)",
        config_parameter="crm_coal.supply_amber_days",
        default=15.0,
    )
    coal_supply_normal_days = fields.Float(
        string="Normal from (days)",
        config_parameter="crm_coal.supply_normal_days",
        default=20.0,
    )
    coal_report_grace_hours = fields.Float(
        string="Report grace (hours)",
        config_parameter="crm_coal.report_grace_hours",
        default=10.0,
        help="A daily on-site report is on time when filed before midnight of its day plus "
        "this many hours.",
    )
    coal_price_alert_pct = fields.Float(
        string="Price move alert (%)",
        config_parameter="crm_coal.price_alert_pct",
        default=5.0,
        help="Quotes whose week-over-week change is beyond this percentage are flagged.",
    )
    coal_price_max_gap_days = fields.Integer(
        string="Quote comparison tolerance (days)",
        config_parameter="crm_coal.price_max_gap_days",
        default=7,
        help="A week-over-week (month-over-month) change compares a quote with the latest "
        "quote of its series a week (a month) earlier, if that one is at most this many days "
        "older; after a longer gap there is no change and no alert. Port stocks likewise.",
    )
    coal_key_account_goal_pct = fields.Float(
        string="Key-account share goal (%)",
        config_parameter="crm_coal.key_account_goal_pct",
        default=50.0,
        help="Share of volume and revenue that key accounts should take.",
    )

    # Stored as "1" / "0" (set_values): Odoo deletes the parameter of an unticked boolean,
    # which would read back as this default (True); get_setting reads "1"/"true" as True.
    coal_credit_hold = fields.Boolean(
        string="Credit hold by grade",
        config_parameter="crm_coal.credit_hold",
        default=True,
        help="Refuse to confirm a key account's sales order that takes its exposure (open "
        "receivables plus confirmed orders not yet invoiced plus the order, in the order's "
        "company) over the credit limit of its grade, unless a coal "
        "manager overrides.",
    )
    coal_credit_warn_pct = fields.Float(
        string="Credit warning from (%)",
        config_parameter="crm_coal.credit_warn_pct",
        default=80.0,
        help="An order taking the account's exposure to this percentage (0-100) of its "
        "credit limit or more is confirmed with a warning in its chatter.",
    )
    # Float, not Monetary: Odoo refuses a Monetary field with a config_parameter; the
    # settings form shows them with the monetary widget in the company's currency.
    coal_credit_limit_a = fields.Float(
        string="Credit limit of grade A",
        config_parameter="crm_coal.credit_limit_a",
        default=100_000_000.0,
    )
    coal_credit_limit_b = fields.Float(
        string="Credit limit of grade B",
        config_parameter="crm_coal.credit_limit_b",
        default=30_000_000.0,
    )
    coal_credit_limit_c = fields.Float(
        string="Credit limit of grade C",
        config_parameter="crm_coal.credit_limit_c",
        default=5_000_000.0,
    )

    coal_background_threshold = fields.Integer(
        string="Background Above (Key Accounts)",
        config_parameter="crm_coal.background_threshold",
        default=500,
        help="A mass action (refresh days of supply) over more key accounts than this "
        "runs as a background job instead of while the manager waits.",
    )

    @api.model
    def _coal_setting_names(self):
        """Names of the settings of this addon (fields stored as a crm_coal.* parameter)."""
        return [
            name
            for name, field in self._fields.items()
            if (getattr(field, "config_parameter", None) or "").startswith("crm_coal.")
        ]

    @api.model
    def get_values(self):
        res = super().get_values()
        # Odoo's reader takes any non-empty string, "0" included, as True
        res["coal_credit_hold"] = get_setting(self.env, "coal_credit_hold")
        return res

    @api.constrains(
        "coal_credit_limit_a",
        "coal_credit_limit_b",
        "coal_credit_limit_c",
    )
    def _check_coal_credit_limits(self):
        for settings in self:
            if (
                min(
                    settings.coal_credit_limit_a,
                    settings.coal_credit_limit_b,
                    settings.coal_credit_limit_c,
                )
                < 0
            ):
                raise ValidationError(self.env._("A credit limit cannot be negative."))

    @api.constrains("coal_background_threshold")
    def _check_coal_background_threshold(self):
        for settings in self:
            if settings.coal_background_threshold < 0:
                raise ValidationError(
                    self.env._("The background threshold cannot be negative.")
                )

    @api.constrains(
        "coal_score_a_min",
        "coal_score_b_min",
        "coal_supply_window_days",
        "coal_supply_red_days",
        "coal_supply_amber_days",
        "coal_supply_normal_days",
        "coal_report_grace_hours",
        "coal_price_alert_pct",
        "coal_key_account_goal_pct",
        "coal_price_max_gap_days",
        "coal_credit_warn_pct",
    )
    def _check_coal_settings(self):
        for settings in self:
            if not 0 <= settings.coal_price_max_gap_days <= MAX_GAP_DAYS:
                raise ValidationError(
                    self.env._(
                        "The quote comparison tolerance must be between 0 and %(days)s days.",
                        days=MAX_GAP_DAYS,
                    )
                )
            try:
                scoring.grade_for_score(
                    0, settings.coal_score_a_min, settings.coal_score_b_min
                )
            except DomainError as err:
                raise ValidationError(
                    self.env._(
                        "Grade thresholds must lie between 0 and 100, grade B not above grade A."
                        " %(detail)s",
                        detail=message_text(self.env, err.code, err.params),
                    )
                ) from err
            try:
                supply.supply_level(
                    None,
                    settings.coal_supply_red_days,
                    settings.coal_supply_amber_days,
                    settings.coal_supply_normal_days,
                )
            except DomainError as err:
                raise ValidationError(
                    self.env._(
                        "Days-of-supply thresholds must satisfy 0 <= red <= amber <= normal."
                        " %(detail)s",
                        detail=message_text(self.env, err.code, err.params),
                    )
                ) from err
            if not 1 <= settings.coal_supply_window_days <= 3650:
                raise ValidationError(
                    self.env._(
                        "The burn must be averaged over one day to ten years (3650 days)."
                    )
                )
            if (
                settings.coal_report_grace_hours < 0
                or settings.coal_price_alert_pct < 0
                or not 0 <= settings.coal_key_account_goal_pct <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "The report grace and the price alert cannot be negative, and the "
                        "key-account goal lies between 0 and 100 %."
                    )
                )
            if not 0 <= settings.coal_credit_warn_pct <= 100:
                raise ValidationError(
                    self.env._(
                        "The credit warning percentage lies between 0 and 100 %."
                    )
                )

    def set_values(self):
        names = self._coal_setting_names()
        old = {name: get_setting(self.env, name) for name in names}
        res = super().set_values()
        # sudo: the settings are stored as system parameters; an unticked boolean would be
        # deleted by Odoo and read back as its default (True), so the hold is kept as "1"/"0"
        self.env["ir.config_parameter"].sudo().set_param(
            self._fields["coal_credit_hold"].config_parameter,
            "1" if self.coal_credit_hold else "0",
        )
        changed = {name for name in names if get_setting(self.env, name) != old[name]}
        partners = self.env["res.partner"]
        if changed & {"coal_score_a_min", "coal_score_b_min"}:
            partners._coal_recompute_scores()
        if any(name.startswith("coal_supply_") for name in changed):
            partners._coal_refresh_supply()
        if changed & {"coal_price_alert_pct", "coal_price_max_gap_days"}:
            self.env["crm.coal.price.quote"]._refresh_changes()
        if "coal_price_max_gap_days" in changed:
            self.env["crm.coal.port.stock"]._refresh_changes()
        return res


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
