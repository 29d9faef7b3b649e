# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..lib.quality import PRODUCT_FIELDS
from .crm_coal_quality import check_quality_bounds

COAL_GROUP = "crm_coal.group_crm_coal_user"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # one stored field per quality parameter, named by its declaration (lib.quality.PRODUCT_FIELDS)
    coal_cv_nar = fields.Integer(
        string="Calorific Value (kcal/kg NAR)",
        groups=COAL_GROUP,
        help="Net calorific value as received of the coal product, e.g. 5500.",
    )
    coal_moisture = fields.Float(
        string="Total Moisture (%)", groups=COAL_GROUP, digits=(5, 2)
    )
    coal_ash = fields.Float(string="Ash (%)", groups=COAL_GROUP, digits=(5, 2))
    coal_volatile = fields.Float(
        string="Volatile Matter (%)", groups=COAL_GROUP, digits=(5, 2)
    )
    coal_sulfur = fields.Float(string="Sulfur (%)", groups=COAL_GROUP, digits=(5, 2))

    @api.constrains(*PRODUCT_FIELDS.values())
    def _check_coal_quality(self):
        for product in self.filtered(PRODUCT_FIELDS["cv"]):
            check_quality_bounds(
                product.env,
                product.display_name,
                {code: product[fname] for code, fname in PRODUCT_FIELDS.items()},
            )
