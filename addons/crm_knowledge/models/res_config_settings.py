# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.search import MAX_QUERY_TERMS, SUGGESTION_TITLE_BONUS
from .crm_knowledge_guard_mixin import CrmKnowledgeGuardMixin

# Every word of the longest suggestion query, each in the title: a higher minimum is
# never reached.
MAX_SUGGESTION_MIN_SCORE = MAX_QUERY_TERMS * (1 + SUGGESTION_TITLE_BONUS)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_knowledge_review_interval_days = fields.Integer(
        string="Default Review Interval (days)",
        config_parameter="crm_knowledge.review_interval_days",
        default=180,
        help="Published articles are due for review this many days after their last review,"
        " unless their category sets its own interval. 0: no periodic review.",
    )
    crm_knowledge_review_reminder_days = fields.Integer(
        string="Review Reminder (days before)",
        config_parameter="crm_knowledge.review_reminder_days",
        default=14,
        help="The article's owner gets a review activity this many days before the review"
        " is due.",
    )
    crm_knowledge_suggestion_min_score = fields.Integer(
        string="Minimum Score of Similar Words",
        config_parameter="crm_knowledge.suggestion_min_score",
        default=2,
        help="An article is suggested for its words only when its text score reaches this"
        " minimum: each word it shares with the record counts 1, and 1 more when it is in"
        " the article's title, tags or products. Stop words (的, 导致, the, for...) and"
        " numbers alone never count. 2: two shared words, or one in the title. Articles"
        " sharing a product, category or industry are suggested whatever their words.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # absurd magnitudes get the suite's translated error, not a database error
            CrmKnowledgeGuardMixin._guard_figures(
                self,
                {
                    name: value
                    for name, value in vals.items()
                    if name.startswith("crm_knowledge_")
                },
            )
        return super().create(vals_list)

    @api.constrains(
        "crm_knowledge_review_interval_days", "crm_knowledge_review_reminder_days"
    )
    def _check_crm_knowledge_days(self):
        for settings in self:
            if not (
                0 <= settings.crm_knowledge_review_interval_days <= 3650
                and 0 <= settings.crm_knowledge_review_reminder_days <= 3650
            ):
                raise ValidationError(
                    self.env._(
                        "Review intervals and reminders must be between 0 and 3650 days."
                    )
                )

    @api.constrains("crm_knowledge_suggestion_min_score")
    def _check_crm_knowledge_suggestion_min_score(self):
        for settings in self:
            if not (
                0
                <= settings.crm_knowledge_suggestion_min_score
                <= MAX_SUGGESTION_MIN_SCORE
            ):
                raise ValidationError(
                    self.env._(
                        "The minimum score of similar words must be between 0 and"
                        " %(max)s.",
                        max=MAX_SUGGESTION_MIN_SCORE,
                    )
                )

    def set_values(self):
        old = get_setting(self.env, "crm_knowledge_review_interval_days")
        result = super().set_values()
        if get_setting(self.env, "crm_knowledge_review_interval_days") != old:
            self.env["crm.knowledge.article"]._recompute_review_dates()
        return result


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
