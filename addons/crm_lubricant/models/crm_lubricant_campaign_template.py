# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


class CrmLubricantCampaignTemplate(models.Model):
    """Standard national activity (technical seminar, trade show, dealer conference…)."""

    _name = "crm.lubricant.campaign.template"
    _inherit = ["crm.lubricant.guard.mixin"]
    _description = "Campaign Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The current company's currency, in which the standard budget is given.",
    )
    default_budget = fields.Monetary(string="Standard Budget")
    duration_days = fields.Integer(string="Duration (Days)", default=1)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.depends_context("company")
    def _compute_currency_id(self):
        self.currency_id = self.env.company.currency_id

    @api.constrains("default_budget", "duration_days")
    def _check_values(self):
        for template in self:
            if template.default_budget < 0 or template.duration_days < 1:
                raise ValidationError(
                    self.env._(
                        "The standard budget of %(template)s must not be negative and its duration "
                        "must be at least one day.",
                        template=template.name,
                    )
                )
