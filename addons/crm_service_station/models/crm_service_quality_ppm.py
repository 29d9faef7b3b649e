# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_knowledge.models.display import compute_display_names

from ..lib.quality import parts_ppm

# Parts replaced under claims the maker pays: approved (fully or partly), settled or paid.
APPROVED_STATES = ("approved", "partially_approved", "settled", "paid")


def _replacements_ppm(failed, installed):
    # A position can be replaced twice: more replacements than parts installed is a figure.
    return parts_ppm(failed, installed, allow_repeats=True)


class CrmServiceQualityPpm(models.Model):
    """Parts PPM by part and engine model: failed parts replaced under approved claims per
    million parts installed, the parts installed being the engines in the field (warranty
    started) × the quantity per engine of the engine parts list. Parts absent from the parts
    list have no denominator and are not shown. A read-only SQL query restricted to the
    user's companies (and by the multi-company record rule)."""

    _name = "crm.service.quality.ppm"
    _description = "Parts PPM"
    _inherit = ["crm.service.quality.ratio.mixin"]
    _auto = False
    _order = "ppm desc, id"
    _depends = {
        "stock.lot": ["product_id", "company_id", "engine_warranty_start"],
        "crm.service.engine.part": [
            "company_id",
            "engine_product_id",
            "part_id",
            "quantity",
            "active",
        ],
        "crm.service.claim": ["product_id", "company_id", "state"],
        "crm.service.claim.line": [
            "claim_id",
            "kind",
            "product_id",
            "quantity",
            "adjusted",
            "approved_quantity",
        ],
    }
    _quality_ratios = {"ppm": ("failed:sum", "installed:sum", _replacements_ppm)}

    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Engine Model", readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Product Line", readonly=True)
    part_id = fields.Many2one("product.product", readonly=True)
    # Not summed: the parts of one engine model share its engines.
    engines = fields.Integer(string="Engines in Field", readonly=True, aggregator=None)
    quantity_per_engine = fields.Integer(
        string="Quantity per Engine", readonly=True, aggregator=None
    )
    installed = fields.Integer(
        string="Parts Installed",
        readonly=True,
        help="Engines in the field × quantity per engine.",
    )
    failed = fields.Integer(
        string="Parts Replaced",
        readonly=True,
        help="Pieces replaced under approved claims (the reviewer's quantity when reduced).",
    )
    ppm = fields.Float(
        string="Parts PPM",
        readonly=True,
        digits=(16, 1),
        help="Parts replaced × 1,000,000 / parts installed.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH fleet AS (
                SELECT company.id AS company_id, lot.product_id, COUNT(*) AS engines
                  FROM stock_lot lot
                  JOIN res_company company
                    ON (lot.company_id IS NULL OR lot.company_id = company.id)
                   AND company.id IN %(companies)s
                 WHERE lot.engine_warranty_start <= CURRENT_DATE
              GROUP BY company.id, lot.product_id
            ),
            replaced AS (
                SELECT claim.company_id, claim.product_id, line.product_id AS part_id,
                       SUM(CASE WHEN line.adjusted THEN line.approved_quantity
                                ELSE line.quantity END) AS quantity
                  FROM crm_service_claim_line line
                  JOIN crm_service_claim claim ON claim.id = line.claim_id
                 WHERE line.kind = 'part'
                   AND line.product_id IS NOT NULL
                   AND claim.state IN %(states)s
                   AND claim.company_id IN %(companies)s
              GROUP BY claim.company_id, claim.product_id, line.product_id
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY fleet.company_id, bom.engine_product_id, bom.part_id
                   ) AS id,
                   fleet.company_id, bom.engine_product_id AS product_id, tmpl.categ_id,
                   bom.part_id, fleet.engines, bom.quantity AS quantity_per_engine,
                   fleet.engines * bom.quantity AS installed,
                   ROUND(COALESCE(replaced.quantity, 0))::int AS failed,
                   ROUND(COALESCE(replaced.quantity, 0)) * 1000000.0
                       / (fleet.engines * bom.quantity) AS ppm
              FROM crm_service_engine_part bom
              JOIN fleet
                ON fleet.product_id = bom.engine_product_id
               AND bom.company_id = fleet.company_id
              JOIN product_product prod ON prod.id = bom.engine_product_id
              JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
              LEFT JOIN replaced
                ON replaced.company_id = fleet.company_id
               AND replaced.product_id = bom.engine_product_id
               AND replaced.part_id = bom.part_id
             WHERE bom.active
            """,
            states=APPROVED_STATES,
            companies=tuple(self.env.companies.ids) or (0,),
        )

    @api.depends("product_id", "part_id")
    def _compute_display_name(self):
        compute_display_names(self, ("part_id", "product_id"))
