# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta

from odoo import fields, models

from ..models.xlsx_helper import (
    AVERAGE,
    DATE,
    INTEGER,
    MONEY,
    NUMBER,
    PERCENT,
    SUM,
    Column,
    Styled,
    XlsxBook,
)


class CrmCoalMarketReportWizard(models.TransientModel):
    """The weekly market report: latest prices with their changes and port stocks (XLSX)."""

    _name = "crm.coal.market.report.wizard"
    _description = "Weekly Coal Market Report"

    date_to = fields.Date(
        string="Week Ending",
        required=True,
        default=lambda self: fields.Date.context_today(self),
    )
    file_data = fields.Binary(string="Report", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def action_generate(self):
        self.ensure_one()
        self.write(
            {
                "file_data": base64.b64encode(self._render_xlsx()),
                "file_name": f"coal-market-{self.date_to}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _latest(self, model, key_fields, order):
        """Per series (``key_fields``), the week's records, latest first."""
        date_from = self.date_to - timedelta(days=6)
        records = self.env[model].search(
            [("date", ">=", date_from), ("date", "<=", self.date_to)], order=order
        )
        series = {}
        for record in records:
            series.setdefault(tuple(record[f] for f in key_fields), []).append(record)
        return series

    def _render_xlsx(self):
        """Prices: the latest quote of each series of the week with its week low/high and
        changes, and the average changes; Port Stock: the latest stock of each port with
        the totals.  Through models.xlsx_helper (date cells, frozen header, autofilter)."""
        book = XlsxBook()
        sheet = book.add_sheet(
            self.env._("Prices"),
            title=self.env._(
                "Weekly coal market report, week ending %(date)s", date=self.date_to
            ),
        )
        alerts = dict(
            self.env["crm.coal.price.quote"]
            ._fields["alert"]
            ._description_selection(self.env)
        )
        rows = []
        quotes = self._latest(
            "crm.coal.price.quote",
            ("index_id", "grade_cv"),
            "index_id, grade_cv desc, date desc",
        )
        for week in quotes.values():
            last = week[0]
            prices = [q.price for q in week]
            rows.append(
                [
                    last.index_id.name,
                    last.port_id.name or "",
                    last.grade_cv,
                    last.date,
                    last.price,
                    min(prices),
                    max(prices),
                    last.wow_change,
                    Styled(last.wow_pct) if last.alert else last.wow_pct,
                    last.mom_change,
                    last.mom_pct,
                    alerts.get(last.alert, "") if last.alert else "",
                ]
            )
        sheet.table(
            [
                Column(self.env._("Source / Index"), width=24),
                Column(self.env._("Port"), width=24),
                Column(self.env._("Grade (kcal/kg NAR)"), INTEGER),
                Column(self.env._("Date"), DATE, width=12),
                Column(self.env._("Price (CNY/t)"), MONEY),
                Column(self.env._("Week Low"), MONEY),
                Column(self.env._("Week High"), MONEY),
                Column(self.env._("Week-over-Week (CNY/t)"), MONEY, total=AVERAGE),
                Column(self.env._("Week-over-Week (%)"), PERCENT, total=AVERAGE),
                Column(self.env._("Month-over-Month (CNY/t)"), MONEY, total=AVERAGE),
                Column(self.env._("Month-over-Month (%)"), PERCENT, total=AVERAGE),
                Column(self.env._("Move Alert")),
            ],
            rows,
            total_label=self.env._("Average"),
        )

        sheet = book.add_sheet(self.env._("Port Stock"))
        rows = []
        stocks = self._latest("crm.coal.port.stock", ("port_id",), "port_id, date desc")
        for week in stocks.values():
            last = week[0]
            rows.append(
                [
                    last.port_id.name,
                    last.date,
                    last.stock_10kt,
                    last.wow_change,
                    last.wow_pct,
                    sum(s.ship_arrivals for s in week),
                    last.ships_waiting,
                ]
            )
        sheet.table(
            [
                Column(self.env._("Port"), width=24),
                Column(self.env._("Date"), DATE, width=12),
                Column(self.env._("Stock (10 kt)"), NUMBER, width=16, total=SUM),
                Column(
                    self.env._("Week-over-Week (10 kt)"), NUMBER, width=16, total=SUM
                ),
                Column(self.env._("Week-over-Week (%)"), PERCENT, width=16),
                Column(self.env._("Ship Arrivals"), INTEGER, width=16, total=SUM),
                Column(self.env._("Ships at Anchor"), INTEGER, width=16, total=SUM),
            ],
            rows,
            total_label=self.env._("Total"),
        )
        return book.close()
