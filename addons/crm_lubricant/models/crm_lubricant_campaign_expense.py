# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


class CrmLubricantCampaignExpense(models.Model):
    _name = "crm.lubricant.campaign.expense"
    _inherit = ["crm.lubricant.guard.mixin"]
    _lock_parent = "campaign_id"
    _description = "Campaign Expense"
    _order = "date desc, id desc"

    campaign_id = fields.Many2one(
        "crm.lubricant.campaign", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Description", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)
    currency_id = fields.Many2one(related="campaign_id.currency_id")
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True
    )

    @api.constrains("amount", "campaign_id")
    def _check_amount(self):
        for expense in self:
            if expense.amount < 0:
                raise ValidationError(
                    self.env._("An expense amount must not be negative.")
                )
            if expense.campaign_id.state != "running":
                raise ValidationError(
                    self.env._(
                        "Expenses are recorded while %(campaign)s is in execution.",
                        campaign=expense.campaign_id.name,
                    )
                )
