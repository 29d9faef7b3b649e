# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_knowledge_guard_mixin import CrmKnowledgeGuardMixin

REVIEW_INTERVAL_PARAM = "crm_knowledge.review_interval_days"
REVIEW_REMINDER_PARAM = "crm_knowledge.review_reminder_days"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_knowledge_review_interval_days = fields.Integer(
        string="Default Review Interval (days)",
        config_parameter=REVIEW_INTERVAL_PARAM,
        default=180,
        help="Published articles are due for review this many days after their last review,"
        " unless their category sets its own interval. 0: no periodic review.",
    )
    crm_knowledge_review_reminder_days = fields.Integer(
        string="Review Reminder (days before)",
        config_parameter=REVIEW_REMINDER_PARAM,
        default=14,
        help="The article's owner gets a review activity this many days before the review"
        " is due.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # absurd magnitudes get the suite's translated error, not a database error
            CrmKnowledgeGuardMixin._guard_figures(
                self,
                {name: value for name, value in vals.items() if name.startswith("crm_knowledge_")},
            )
        return super().create(vals_list)

    @api.constrains("crm_knowledge_review_interval_days", "crm_knowledge_review_reminder_days")
    def _check_crm_knowledge_days(self):
        for settings in self:
            if not (
                0 <= settings.crm_knowledge_review_interval_days <= 3650
                and 0 <= settings.crm_knowledge_review_reminder_days <= 3650
            ):
                raise ValidationError(
                    _("Review intervals and reminders must be between 0 and 3650 days.")
                )

    def set_values(self):
        old = self._crm_knowledge_review_interval()
        result = super().set_values()
        if self._crm_knowledge_review_interval() != old:
            self.env["crm.knowledge.article"]._recompute_review_dates()
        return result

    @api.model
    def _crm_knowledge_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return max(0, int(value))
        except (TypeError, ValueError):
            return default

    @api.model
    def _crm_knowledge_review_interval(self):
        return self._crm_knowledge_param(REVIEW_INTERVAL_PARAM, 180)

    @api.model
    def _crm_knowledge_review_reminder(self):
        return self._crm_knowledge_param(REVIEW_REMINDER_PARAM, 14)
