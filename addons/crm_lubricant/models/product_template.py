# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# SAE J300 engine/gear grades (0W-20, 15W-40, 80W-90, 40) and ISO 3448 VG classes (ISO VG 46)
# and NLGI grease grades (NLGI 2).
VISCOSITY_PATTERN = re.compile(
    r"^(\d{1,2}W-?\d{2,3}|\d{2,3}|ISO VG ?\d{1,4}|NLGI ?[0-6]{1,3})$", re.IGNORECASE
)

LUB_CATEGORIES = [
    ("engine_oil", "Engine Oil"),
    ("gear_oil", "Gear Oil"),
    ("hydraulic_oil", "Hydraulic Oil"),
    ("grease", "Grease"),
    ("transmission_fluid", "Transmission Fluid"),
    ("industrial_oil", "Other Industrial Oil"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    lub_category = fields.Selection(
        LUB_CATEGORIES,
        string="Lubricant Category",
        index=True,
    )
    lub_viscosity_grade = fields.Char(
        string="Viscosity Grade",
        index=True,
        help="SAE grade (15W-40), ISO VG class (ISO VG 46) or NLGI grade (NLGI 2).",
    )
    lub_specification = fields.Char(
        string="Specification",
        help="Performance specifications met, e.g. API CK-4, ACEA E9, ISO-L-HM.",
    )
    lub_pack_size_ids = fields.Many2many(
        "crm.lubricant.pack.size",
        "crm_lubricant_product_pack_size_rel",
        "product_tmpl_id",
        "pack_size_id",
        string="Pack Sizes",
    )

    @api.constrains("lub_viscosity_grade")
    def _check_lub_viscosity_grade(self):
        for template in self:
            grade = (template.lub_viscosity_grade or "").strip()
            if grade and not VISCOSITY_PATTERN.match(grade):
                raise ValidationError(
                    self.env._(
                        "%(grade)s is not a viscosity grade: use an SAE grade (15W-40),"
                        " an ISO VG class (ISO VG 46) or an NLGI grade (NLGI 2).",
                        grade=grade,
                    )
                )
