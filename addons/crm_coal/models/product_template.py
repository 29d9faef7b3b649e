# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .crm_coal_quality import check_quality_bounds

COAL_GROUP = "crm_coal.group_crm_coal_user"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coal_cv_nar = fields.Integer(
        string="Calorific Value (kcal/kg NAR)",
        groups=COAL_GROUP,
        help="Net calorific value as received of the coal product, e.g. 5500.",
    )
    coal_moisture = fields.Float(string="Total Moisture (%)", groups=COAL_GROUP, digits=(5, 2))
    coal_ash = fields.Float(string="Ash (%)", groups=COAL_GROUP, digits=(5, 2))
    coal_volatile = fields.Float(string="Volatile Matter (%)", groups=COAL_GROUP, digits=(5, 2))
    coal_sulfur = fields.Float(string="Sulfur (%)", groups=COAL_GROUP, digits=(5, 2))

    @api.constrains("coal_cv_nar", "coal_moisture", "coal_ash", "coal_volatile", "coal_sulfur")
    def _check_coal_quality(self):
        for product in self.filtered("coal_cv_nar"):
            check_quality_bounds(
                product.env,
                product.display_name,
                {
                    "cv": product.coal_cv_nar,
                    "moisture": product.coal_moisture,
                    "ash": product.coal_ash,
                    "volatile": product.coal_volatile,
                    "sulfur": product.coal_sulfur,
                },
            )
