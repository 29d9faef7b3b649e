# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    service_settlement_ids = fields.One2many(
        "crm.service.settlement", "move_id", string="Warranty Settlements"
    )
    service_recovery_ids = fields.One2many(
        "crm.service.recovery", "move_id", string="Supplier Recoveries"
    )

    def action_view_service_recovery(self):
        self.ensure_one()
        return self.service_recovery_ids._open()

    def _compute_payment_state(self):
        result = super()._compute_payment_state()
        bills = self.filtered(lambda m: m.move_type == "in_invoice")
        # Paying the station's bill pays its claims; the accountant registering the payment
        # need not be a service manager (the settlement methods write with sudo).
        settlements = bills.sudo().service_settlement_ids
        if settlements:
            paid = settlements.filtered(
                lambda s: s.move_id.payment_state in ("paid", "in_payment")
            )
            paid._mark_paid()
            (settlements - paid)._mark_unpaid()
        return result
