# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from odoo import api, fields, models, tools
from odoo.tools import SQL
from odoo.tools.misc import xlsxwriter

from odoo.addons.crm_knowledge.models.display import compute_display_names

from ..lib.quality import claims_per_thousand


class CrmServiceQualityRate(models.Model):
    """Claims per 1,000 engines in the field, per company and engine model (a read-only SQL
    view)."""

    _name = "crm.service.quality.rate"
    _description = "Claim Rate per Engine Model"
    _auto = False
    _order = "claims desc"

    # One row per company and engine model: a company sees the engines it shares or owns
    # and only its own claims (multi-company rule on company_id).
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Engine Model", readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Product Line", readonly=True)
    units = fields.Integer(string="Engines in Field", readonly=True, aggregator="sum")
    claims = fields.Integer(readonly=True, aggregator="sum")
    currency_id = fields.Many2one("res.currency", readonly=True)
    claim_cost = fields.Monetary(readonly=True, aggregator="sum")
    claims_per_thousand = fields.Float(
        string="Claims per 1,000 Engines",
        compute="_compute_claims_per_thousand",
        digits=(16, 2),
    )

    @api.depends("claims", "units")
    def _compute_claims_per_thousand(self):
        for rate in self:
            rate.claims_per_thousand = (
                claims_per_thousand(rate.claims, rate.units) if rate.units else 0.0
            )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT ROW_NUMBER() OVER (ORDER BY lot.product_id, company.id) AS id,
                           company.id AS company_id,
                           company.currency_id AS currency_id,
                           lot.product_id AS product_id,
                           tmpl.categ_id AS categ_id,
                           COUNT(DISTINCT lot.id) AS units,
                           COUNT(claim.id) AS claims,
                           COALESCE(SUM(claim.approved_amount), 0) AS claim_cost
                      FROM stock_lot lot
                      JOIN res_company company
                        ON lot.company_id IS NULL OR lot.company_id = company.id
                      JOIN product_product prod ON prod.id = lot.product_id
                      JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
                 LEFT JOIN crm_service_claim claim
                        ON claim.lot_id = lot.id
                       AND claim.company_id = company.id
                       AND claim.state NOT IN ('draft', 'rejected')
                     WHERE lot.engine_warranty_start IS NOT NULL
                  GROUP BY company.id, lot.product_id, tmpl.categ_id
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def action_export_xlsx(self):
        return {
            "type": "ir.actions.act_url",
            "url": "/crm_service_station/quality/xlsx",
            "target": "download",
        }

    @api.model
    def _export_xlsx(self):
        """Claim rates per engine model and the top failures, as an XLSX workbook (bytes)."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        _ = self.env._
        sheet = workbook.add_worksheet(self.env._("Claim Rates"))
        headers = [
            self.env._("Engine Model"),
            self.env._("Engines in Field"),
            self.env._("Claims"),
            self.env._("Claims per 1,000 Engines"),
            self.env._("Claim Cost"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        # One row per engine model (an SQL view over the catalogue), in the user's companies.
        rates = self.search([])  # pylint: disable=no-search-all
        for row, rate in enumerate(rates, start=1):
            sheet.write(row, 0, rate.product_id.display_name)
            sheet.write_number(row, 1, rate.units)
            sheet.write_number(row, 2, rate.claims)
            sheet.write_number(row, 3, round(rate.claims_per_thousand, 2))
            sheet.write_number(row, 4, rate.claim_cost)
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 4, 16)
        failures = workbook.add_worksheet(self.env._("Top Failures"))
        for col, header in enumerate(
            [self.env._("Failure Code"), self.env._("Claims"), self.env._("Claim Cost")]
        ):
            failures.write(0, col, header, bold)
        groups = self.env["crm.service.claim"]._read_group(
            [
                ("state", "not in", ("draft", "rejected")),
                ("failure_code_id", "!=", False),
            ],
            ["failure_code_id"],
            ["__count", "approved_amount:sum"],
            order="__count desc",
        )
        for row, (code, count, cost) in enumerate(groups, start=1):
            failures.write(row, 0, code.display_name)
            failures.write_number(row, 1, count)
            failures.write_number(row, 2, cost or 0.0)
        failures.set_column(0, 0, 36)
        workbook.close()
        return output.getvalue()

    @api.depends("product_id")
    def _compute_display_name(self):
        compute_display_names(self, ("product_id",))
