# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .product_template import LUB_CATEGORIES


class SaleReport(models.Model):
    _inherit = "sale.report"

    lub_category = fields.Selection(
        LUB_CATEGORIES,
        string="Lubricant Category",
        readonly=True,
    )
    lub_branch_id = fields.Many2one("crm.team", string="Customer Branch", readonly=True)

    def _select_additional_fields(self):
        fields_sql = super()._select_additional_fields()
        fields_sql["lub_category"] = "t.lub_category"
        fields_sql["lub_branch_id"] = "partner.lub_team_id"
        return fields_sql

    def _group_by_sale(self):
        return (
            super()._group_by_sale()
            + ",\n            t.lub_category,\n            partner.lub_team_id"
        )
