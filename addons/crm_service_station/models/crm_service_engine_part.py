# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.crm_knowledge.models.display import compute_display_names


class CrmServiceEnginePart(models.Model):
    """How many of a part one engine of a model carries: the denominator of parts PPM (parts
    installed = engines in the field × quantity per engine). The suite has no bill of materials
    (mrp is not a dependency), so this short parts list is kept for the parts that are
    watched, per company."""

    _name = "crm.service.engine.part"
    _description = "Engine Parts List"
    _order = "engine_product_id, part_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    engine_product_id = fields.Many2one(
        "product.product",
        string="Engine Model",
        required=True,
        index=True,
        check_company=True,
    )
    part_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        check_company=True,
    )
    quantity = fields.Integer(
        string="Quantity per Engine",
        required=True,
        default=1,
        help="Pieces of the part fitted on one engine (6 injectors on a 6-cylinder engine).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "positive_quantity",
            "CHECK(quantity > 0)",
            "The quantity per engine must be positive.",
        ),
        (
            "engine_part_unique",
            "unique(company_id, engine_product_id, part_id)",
            "This part is already in the engine model's parts list.",
        ),
        (
            "part_not_engine",
            "CHECK(part_id != engine_product_id)",
            "An engine model is not a part of itself.",
        ),
    ]

    @api.depends("engine_product_id", "part_id")
    def _compute_display_name(self):
        compute_display_names(self, ("engine_product_id", "part_id"))
