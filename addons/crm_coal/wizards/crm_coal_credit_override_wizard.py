# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmCoalCreditOverrideWizard(models.TransientModel):
    """Reason of a coal manager's override of the credit hold of one order."""

    _name = "crm.coal.credit.override.wizard"
    _description = "Coal Credit Hold Override"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        # the order checks the group, the access and the reason again
        return self.order_id.action_coal_credit_override(self.reason)
