# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .display import compute_display_names


class CrmCoalContractPlan(models.Model):
    """Planned volume of a contract for one month, against the lots delivered."""

    _name = "crm.coal.contract.plan"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Contract Monthly Plan"
    _order = "contract_id, month"
    _lock_parent = "contract_id"

    contract_id = fields.Many2one(
        "crm.coal.contract", required=True, ondelete="cascade", index=True
    )
    month = fields.Date(
        required=True, help="Any day of the month; the whole month counts."
    )
    planned_t = fields.Float(string="Planned (t)", digits=(16, 1))
    delivered_t = fields.Float(
        string="Delivered (t)", digits=(16, 1), compute="_compute_delivered"
    )
    progress_pct = fields.Float(
        string="Progress (%)", digits=(5, 1), compute="_compute_delivered"
    )

    _sql_constraints = [
        (
            "planned_not_negative",
            "CHECK (planned_t >= 0)",
            "A planned volume cannot be negative.",
        ),
    ]

    @api.constrains("planned_t")
    def _check_planned(self):
        if any(plan.planned_t < 0 for plan in self):
            raise ValidationError(self.env._("A planned volume cannot be negative."))

    @api.depends(
        "month", "planned_t", "contract_id.lot_ids.tonnage", "contract_id.lot_ids.date"
    )
    def _compute_delivered(self):
        groups = self.env["crm.coal.delivery.lot"]._read_group(
            [("contract_id", "in", self.contract_id.ids), ("status", "!=", "rejected")],
            ["contract_id", "date:month"],
            ["tonnage:sum"],
        )
        delivered = {
            (contract.id, month.replace(day=1)): tonnage
            for contract, month, tonnage in groups
        }
        for plan in self:
            key = (
                plan.contract_id.id,
                plan.month.replace(day=1) if plan.month else None,
            )
            plan.delivered_t = delivered.get(key, 0.0)
            plan.progress_pct = (
                plan.delivered_t * 100.0 / plan.planned_t if plan.planned_t else 0.0
            )

    @api.depends("contract_id", "month")
    def _compute_display_name(self):
        compute_display_names(self, ("contract_id", "month"), months=("month",))
