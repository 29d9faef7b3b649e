# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

UNIT_TYPES = [
    ("generating_unit", "Generating unit"),
    ("boiler", "Boiler"),
    ("coke_oven", "Coke oven"),
    ("blast_furnace", "Blast furnace"),
    ("gasifier", "Gasifier"),
    ("kiln", "Kiln"),
    ("other", "Other"),
]


class CrmCoalPlant(models.Model):
    _name = "crm.coal.plant"
    _description = "Customer Plant or Unit"
    _inherit = ["mail.thread"]
    _order = "partner_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
    )
    unit_type = fields.Selection(
        UNIT_TYPES, required=True, default="generating_unit", tracking=True
    )
    capacity_mw = fields.Float(string="Capacity (MW)", digits=(16, 1), tracking=True)
    design_burn_t_day = fields.Float(
        string="Design Burn (t/day)",
        digits=(16, 0),
        tracking=True,
        aggregator="sum",
        help="Coal the unit burns per day at its design load.",
    )
    commissioned = fields.Date()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.constrains("capacity_mw", "design_burn_t_day")
    def _check_capacity(self):
        for plant in self:
            if plant.capacity_mw < 0 or plant.design_burn_t_day < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity and the design burn of %(plant)s cannot be negative.",
                        plant=plant.display_name,
                    )
                )
