# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmServiceRecoveryDispute(models.TransientModel):
    """Record the supplier's objection to sent recoveries."""

    _name = "crm.service.recovery.dispute"
    _description = "Supplier Objection to a Recovery"

    recovery_ids = fields.Many2many("crm.service.recovery", string="Recoveries")
    reason = fields.Text(string="Supplier's Objection", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.recovery_ids.action_dispute(self.reason)
        return {"type": "ir.actions.act_window_close"}
