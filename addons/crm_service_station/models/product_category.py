# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    service_product_line = fields.Boolean(
        string="Engine Product Line",
        index=True,
        help="A product line of the after-sales network: warranty policies and the lines a"
        " station is authorized for are chosen among these categories.",
    )

    @api.model
    def _service_flag_product_lines(self):
        """Flag the categories that policies or stations already use (on install and
        update, for databases that had them before the flag)."""
        # sudo: a data function run at install, over every company's policies
        used = (
            self.env["crm.service.warranty.policy"]
            .sudo()
            .with_context(active_test=False)
            .search([("category_id", "!=", False)])
            .category_id
        ) | self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("station_product_category_ids", "!=", False)]
        ).station_product_category_ids
        used.filtered(lambda c: not c.service_product_line).write(
            {"service_product_line": True}
        )
        return used
