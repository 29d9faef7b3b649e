# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmLubricantPackSize(models.Model):
    _name = "crm.lubricant.pack.size"
    _description = "Lubricant Pack Size"
    _order = "volume, name"

    name = fields.Char(required=True, translate=True)
    volume = fields.Float(
        required=True,
        digits=(12, 3),
        help="Content of one pack, in the unit below (e.g. 4 L, 18 L, 200 L drum, 1 t IBC).",
    )
    volume_uom = fields.Selection(
        [("l", "Litres"), ("kg", "Kilograms")],
        string="Unit",
        required=True,
        default="l",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "UNIQUE (name)", "A pack size with this name already exists."),
    ]

    @api.constrains("volume")
    def _check_volume(self):
        for pack in self:
            if pack.volume <= 0:
                raise ValidationError(
                    self.env._(
                        "The content of pack size %(pack)s must be positive.",
                        pack=pack.name,
                    )
                )
