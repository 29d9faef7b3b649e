# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    service_settlement_ids = fields.One2many(
        "crm.service.settlement", "move_id", string="Warranty Settlements"
    )

    def _compute_payment_state(self):
        result = super()._compute_payment_state()
        paid = self.filtered(
            lambda m: m.move_type == "in_invoice" and m.payment_state in ("paid", "in_payment")
        )
        if paid:
            # Paying the station's bill pays its claims; the accountant registering the payment
            # need not be a service manager.
            settlements = paid.sudo().service_settlement_ids
            if settlements:
                settlements._mark_paid()
        return result
