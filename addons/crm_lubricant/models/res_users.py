# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    lub_has_limit_override = fields.Boolean(
        string="Own Protection Limit",
        help="Replace the company-wide limit of protected customers for this salesperson.",
    )
    lub_protection_limit = fields.Integer(
        string="Protected Customers Limit",
        help="Most customers this salesperson may register or claim within the registration "
        "window (0: may not register any).",
    )

    @api.constrains("lub_protection_limit")
    def _check_lub_protection_limit(self):
        for user in self:
            if user.lub_protection_limit < 0:
                raise ValidationError(
                    self.env._(
                        "The protected customers limit of %(user)s must not be negative.",
                        user=user.name,
                    )
                )
