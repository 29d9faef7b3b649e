# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmCoalPriceIndex(models.Model):
    _name = "crm.coal.price.index"
    _description = "Coal Price Source or Index"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in imports, e.g. QHD-FOB, BSPI, CCI.")
    kind = fields.Selection(
        [
            ("port_fob", "Port FOB (平仓价)"),
            ("index", "Published index"),
            ("pit_head", "Pit-head price"),
            ("delivered", "Delivered price"),
        ],
        required=True,
        default="port_fob",
    )
    port_id = fields.Many2one("crm.coal.port", ondelete="restrict")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "Another price source already has this code."),
    ]
