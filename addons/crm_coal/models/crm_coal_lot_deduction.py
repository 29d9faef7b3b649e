# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_coal_quality import QUALITY_PARAMETERS
from .display import compute_display_names


class CrmCoalLotDeduction(models.Model):
    """A quality deduction of a delivered lot, written only by the lot's settlement."""

    _name = "crm.coal.lot.deduction"
    _description = "Lot Quality Deduction"
    _order = "lot_id, id"

    lot_id = fields.Many2one(
        "crm.coal.delivery.lot", required=True, ondelete="cascade", index=True
    )
    parameter = fields.Selection(QUALITY_PARAMETERS, required=True)
    actual = fields.Float(digits=(16, 2))
    spec = fields.Float(digits=(16, 2))
    excess = fields.Float(digits=(16, 2))
    amount = fields.Monetary(string="Deduction (per t)", currency_field="currency_id")
    currency_id = fields.Many2one(related="lot_id.currency_id")

    @api.constrains("excess", "amount")
    def _check_not_negative(self):
        for line in self:
            if line.excess < 0 or line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "A quality deduction of %(lot)s cannot be negative.",
                        lot=line.lot_id.display_name,
                    )
                )

    @api.depends("lot_id", "parameter")
    def _compute_display_name(self):
        compute_display_names(self, ("lot_id", "parameter"))
