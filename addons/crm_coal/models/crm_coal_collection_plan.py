# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .display import compute_display_names


class CrmCoalCollectionPlan(models.Model):
    """Collection (回款) plan of a contract: amount due by a date against what was collected."""

    _name = "crm.coal.collection.plan"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Contract Collection Plan"
    _order = "contract_id, due_date"
    _lock_parent = "contract_id"
    # collected figures come from action_match_payments (the customer's posted payments)
    _workflow_fields = ("collected_amount", "collected_date", "balance")

    contract_id = fields.Many2one(
        "crm.coal.contract", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    due_date = fields.Date(required=True)
    planned_amount = fields.Monetary(currency_field="currency_id")
    collected_amount = fields.Monetary(currency_field="currency_id")
    collected_date = fields.Date()
    balance = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_balance",
        store=True,
        aggregator="sum",
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    note = fields.Char()

    @api.depends("planned_amount", "collected_amount")
    def _compute_balance(self):
        for line in self:
            line.balance = line.planned_amount - line.collected_amount

    @api.constrains("planned_amount", "collected_amount")
    def _check_amounts(self):
        for line in self:
            if line.planned_amount < 0 or line.collected_amount < 0:
                raise ValidationError(
                    self.env._("Planned and collected amounts cannot be negative.")
                )

    @api.depends("contract_id", "due_date")
    def _compute_display_name(self):
        compute_display_names(self, ("contract_id", "due_date"))
