# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

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
        """The quality analyses as an XLSX workbook (bytes): claim rates per engine model,
        claims per 1,000 engines per cohort (engine model × production month), parts PPM and
        the top failures; each sheet with a frozen header, an autofilter and a totals row
        (formulas, their values cached for viewers that do not calculate). Read in the user's
        companies, through the record rules."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        formats = {
            "header": workbook.add_format({"bold": True, "bottom": 1}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "int": workbook.add_format({"num_format": "#,##0"}),
            "dec": workbook.add_format({"num_format": "#,##0.00"}),
            "int_total": workbook.add_format(
                {"num_format": "#,##0", "bold": True, "top": 1}
            ),
            "dec_total": workbook.add_format(
                {"num_format": "#,##0.00", "bold": True, "top": 1}
            ),
        }
        formats["label"] = self.env._("Total")
        # One row per engine model (an SQL view over the catalogue), in the user's companies.
        rates = self.search([])  # pylint: disable=no-search-all
        _xlsx_table(
            workbook,
            formats,
            self.env._("Claim Rates"),
            [
                (self.env._("Engine Model"), "text"),
                (self.env._("Engines in Field"), "sum"),
                (self.env._("Claims"), "sum"),
                (self.env._("Claims per 1,000 Engines"), ("ratio", 2, 1, 1000)),
                (self.env._("Claim Cost"), "money"),
            ],
            [
                (
                    rate.product_id.display_name,
                    rate.units,
                    rate.claims,
                    rate.claims_per_thousand,
                    rate.claim_cost,
                )
                for rate in rates
            ],
        )
        cohorts = self.env["crm.service.quality.cohort"]._read_group(
            [],
            ["product_id", "production_month"],
            ["engines:sum", "claims:sum", "claims_per_thousand:sum"],
        )
        _xlsx_table(
            workbook,
            formats,
            self.env._("Cohorts"),
            [
                (self.env._("Engine Model"), "text"),
                (self.env._("Production Month"), "text"),
                (self.env._("Engines in Cohort"), "sum"),
                (self.env._("Claims"), "sum"),
                (self.env._("Claims per 1,000 Engines"), ("ratio", 3, 2, 1000)),
            ],
            [
                (product.display_name, month or "", engines, claims, rate)
                for product, month, engines, claims, rate in cohorts
            ],
        )
        ppm = self.env["crm.service.quality.ppm"]._read_group(
            [],
            ["part_id", "product_id"],
            ["installed:sum", "failed:sum", "ppm:sum"],
        )
        _xlsx_table(
            workbook,
            formats,
            self.env._("Parts PPM"),
            [
                (self.env._("Part"), "text"),
                (self.env._("Engine Model"), "text"),
                (self.env._("Parts Installed"), "sum"),
                (self.env._("Parts Replaced"), "sum"),
                (self.env._("Parts PPM"), ("ratio", 3, 2, 1_000_000)),
            ],
            [
                (part.display_name, product.display_name, installed, failed, rate)
                for part, product, installed, failed, rate in ppm
            ],
        )
        groups = self.env["crm.service.claim"]._read_group(
            [
                ("state", "not in", ("draft", "rejected")),
                ("failure_code_id", "!=", False),
            ],
            ["failure_code_id"],
            ["__count", "approved_amount:sum"],
            order="__count desc",
        )
        _xlsx_table(
            workbook,
            formats,
            self.env._("Top Failures"),
            [
                (self.env._("Failure Code"), "text"),
                (self.env._("Claims"), "sum"),
                (self.env._("Claim Cost"), "money"),
            ],
            [(code.display_name, count, cost or 0.0) for code, count, cost in groups],
        )
        workbook.close()
        return output.getvalue()

    @api.depends("product_id")
    def _compute_display_name(self):
        compute_display_names(self, ("product_id",))


def _xlsx_table(workbook, formats, title, columns, rows):
    """Write ``rows`` under a frozen header with an autofilter and a totals row.

    ``formats``: the cell formats and ``"label"``, the totals row's label.
    ``columns``: ``(header, kind)``; kind ``"text"``, ``"sum"`` (integer, summed), ``"money"``
    (summed) or ``("ratio", numerator column, denominator column, factor)``: the total is
    the ratio of the totals, as the analyses compute it.
    """
    sheet = workbook.add_worksheet(title)
    sheet.write_row(0, 0, [header for header, _kind in columns], formats["header"])
    for row, values in enumerate(rows, start=1):
        for col, ((_header, kind), value) in enumerate(
            zip(columns, values, strict=True)
        ):
            if kind == "text":
                sheet.write_string(row, col, value or "")
            else:
                sheet.write_number(
                    row, col, value or 0, formats["int" if kind == "sum" else "dec"]
                )
    total_row = len(rows) + 1
    last = max(total_row - 1, 1)
    totals = {}
    for col, (_header, kind) in enumerate(columns):
        if kind == "text":
            sheet.write(total_row, col, "", formats["total"])
            continue
        if kind in ("sum", "money"):
            totals[col] = sum(values[col] or 0 for values in rows)
            sheet.write_formula(
                total_row,
                col,
                f"=SUM({xl_range(1, col, last, col)})",
                formats["int_total" if kind == "sum" else "dec_total"],
                totals[col],
            )
    for col, (_header, kind) in enumerate(columns):
        if isinstance(kind, tuple):
            _ratio, num, den, factor = kind
            num_cell = xl_rowcol_to_cell(total_row, num)
            den_cell = xl_rowcol_to_cell(total_row, den)
            value = totals[num] * factor / totals[den] if totals[den] else 0.0
            sheet.write_formula(
                total_row,
                col,
                f"=IF({den_cell}=0,0,{num_cell}*{factor}/{den_cell})",
                formats["dec_total"],
                value,
            )
    sheet.write_string(total_row, 0, formats["label"], formats["total"])
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    sheet.set_column(0, 1, 32)
    sheet.set_column(2, len(columns) - 1, 16)
