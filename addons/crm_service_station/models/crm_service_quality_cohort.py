# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_knowledge.models.display import compute_display_names

from ..lib.quality import claims_per_thousand

# Claims that count as field failures: filed and not rejected. A draft is not filed yet; a
# rejected claim was judged no warranty failure.
COUNTED_STATES = (
    "submitted",
    "under_review",
    "approved",
    "partially_approved",
    "settled",
    "paid",
)


class CrmServiceQualityCohort(models.Model):
    """Claims per 1,000 engines by engine model × production month × months in service.

    One row per engine in the field and month in service it has reached (0 = the first month
    after the warranty start, i.e. the sale to the end user), with the claims of that month.
    Per group, "engines" counts distinct engines, so a month in service counts only the engines
    that have reached it (the engines at risk) and a cohort (model × production month) counts
    each of its engines once. A read-only SQL query, restricted to the user's companies (and by
    the multi-company record rule).
    """

    _name = "crm.service.quality.cohort"
    _description = "Claims per 1,000 Engines by Cohort"
    _inherit = ["crm.service.quality.ratio.mixin"]
    _auto = False
    _order = "product_id, production_month, months_in_service"
    _depends = {
        "stock.lot": [
            "product_id",
            "company_id",
            "engine_production_date",
            "engine_warranty_start",
        ],
        "crm.service.claim": ["lot_id", "company_id", "state", "months_in_service"],
    }
    _quality_distinct = {"engines": "lot_id:count_distinct"}
    _quality_ratios = {
        "claims_per_thousand": (
            "claims:sum",
            "lot_id:count_distinct",
            claims_per_thousand,
        )
    }

    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Engine Model", readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Product Line", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Engine Serial", readonly=True)
    production_month = fields.Char(
        readonly=True, help="Production month of the engine (YYYY-MM)."
    )
    months_in_service = fields.Integer(
        readonly=True,
        aggregator=None,
        help="Whole months from the warranty start (the sale to the end user) to the repair"
        " date; 0 is the first month.",
    )
    engines = fields.Integer(
        string="Engines in Cohort",
        readonly=True,
        help="Engines of the group, each counted once; per month in service, the engines that"
        " have reached that month.",
    )
    claims = fields.Integer(readonly=True)
    claims_per_thousand = fields.Float(
        string="Claims per 1,000 Engines",
        readonly=True,
        digits=(16, 2),
        help="Claims × 1,000 / engines of the group.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH claim_counts AS (
                SELECT claim.company_id, claim.lot_id,
                       claim.months_in_service AS months, COUNT(*) AS claims
                  FROM crm_service_claim claim
                 WHERE claim.lot_id IS NOT NULL
                   AND claim.state IN %(states)s
                   AND claim.company_id IN %(companies)s
              GROUP BY claim.company_id, claim.lot_id, claim.months_in_service
            ),
            fleet AS (
                SELECT company.id AS company_id, lot.id AS lot_id,
                       lot.product_id, tmpl.categ_id,
                       TO_CHAR(lot.engine_production_date, 'YYYY-MM') AS production_month,
                       GREATEST(
                           age.months - CASE
                               WHEN lot.engine_warranty_start
                                    + MAKE_INTERVAL(months => age.months) > CURRENT_DATE
                               THEN 1 ELSE 0 END,
                           COALESCE(
                               (SELECT MAX(cc.months) FROM claim_counts cc
                                 WHERE cc.lot_id = lot.id
                                   AND cc.company_id = company.id),
                               0
                           )
                       ) AS last_month
                  FROM stock_lot lot
                  JOIN res_company company
                    ON (lot.company_id IS NULL OR lot.company_id = company.id)
                   AND company.id IN %(companies)s
                  JOIN product_product prod ON prod.id = lot.product_id
                  JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
                 CROSS JOIN LATERAL (
                     SELECT ((EXTRACT(YEAR FROM CURRENT_DATE)
                              - EXTRACT(YEAR FROM lot.engine_warranty_start)) * 12
                             + EXTRACT(MONTH FROM CURRENT_DATE)
                             - EXTRACT(MONTH FROM lot.engine_warranty_start))::int AS months
                 ) age
                 WHERE lot.engine_warranty_start <= CURRENT_DATE
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY fleet.company_id, fleet.lot_id, month.months_in_service
                   ) AS id,
                   fleet.company_id, fleet.product_id, fleet.categ_id, fleet.lot_id,
                   fleet.production_month, month.months_in_service,
                   1 AS engines,
                   COALESCE(cc.claims, 0) AS claims,
                   COALESCE(cc.claims, 0) * 1000.0 AS claims_per_thousand
              FROM fleet
             CROSS JOIN LATERAL GENERATE_SERIES(0, fleet.last_month)
                   AS month(months_in_service)
              LEFT JOIN claim_counts cc
                ON cc.lot_id = fleet.lot_id
               AND cc.company_id = fleet.company_id
               AND cc.months = month.months_in_service
            """,
            states=COUNTED_STATES,
            companies=tuple(self.env.companies.ids) or (0,),
        )

    @api.depends("product_id", "production_month", "months_in_service")
    def _compute_display_name(self):
        compute_display_names(self, ("product_id", "production_month"))
