# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta
import io

import xlsxwriter

from odoo import fields, models


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
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        money = book.add_format({"num_format": "#,##0.00"})
        pct = book.add_format({"num_format": "0.00"})
        alert = book.add_format(
            {"num_format": "0.00", "font_color": "#C00000", "bold": True}
        )
        title = book.add_format({"bold": True, "font_size": 14})

        sheet = book.add_worksheet(self.env._("Prices"))
        sheet.write(
            0,
            0,
            self.env._(
                "Weekly coal market report, week ending %(date)s", date=self.date_to
            ),
            title,
        )
        headers = [
            self.env._("Source / Index"),
            self.env._("Port"),
            self.env._("Grade (kcal/kg NAR)"),
            self.env._("Date"),
            self.env._("Price (CNY/t)"),
            self.env._("Week Low"),
            self.env._("Week High"),
            self.env._("Week-over-Week (CNY/t)"),
            self.env._("Week-over-Week (%)"),
            self.env._("Month-over-Month (CNY/t)"),
            self.env._("Month-over-Month (%)"),
            self.env._("Move Alert"),
        ]
        for col, header in enumerate(headers):
            sheet.write(2, col, header, bold)
        sheet.set_column(0, 1, 24)
        sheet.set_column(2, len(headers) - 1, 14)
        alerts = dict(
            self.env["crm.coal.price.quote"]
            ._fields["alert"]
            ._description_selection(self.env)
        )
        row = 3
        quotes = self._latest(
            "crm.coal.price.quote",
            ("index_id", "grade_cv"),
            "index_id, grade_cv desc, date desc",
        )
        for week in quotes.values():
            last = week[0]
            prices = [q.price for q in week]
            pct_format = alert if last.alert else pct
            values = [
                last.index_id.name,
                last.port_id.name or "",
                last.grade_cv,
                str(last.date),
                last.price,
                min(prices),
                max(prices),
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value, money if col >= 4 else None)
            sheet.write(row, 7, last.wow_change, money)
            sheet.write(row, 8, last.wow_pct, pct_format)
            sheet.write(row, 9, last.mom_change, money)
            sheet.write(row, 10, last.mom_pct, pct)
            sheet.write(row, 11, alerts.get(last.alert, "") if last.alert else "")
            row += 1

        sheet = book.add_worksheet(self.env._("Port Stock"))
        headers = [
            self.env._("Port"),
            self.env._("Date"),
            self.env._("Stock (10 kt)"),
            self.env._("Week-over-Week (10 kt)"),
            self.env._("Week-over-Week (%)"),
            self.env._("Ship Arrivals"),
            self.env._("Ships at Anchor"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, len(headers) - 1, 16)
        row = 1
        stocks = self._latest("crm.coal.port.stock", ("port_id",), "port_id, date desc")
        for week in stocks.values():
            last = week[0]
            sheet.write(row, 0, last.port_id.name)
            sheet.write(row, 1, str(last.date))
            sheet.write(row, 2, last.stock_10kt, money)
            sheet.write(row, 3, last.wow_change, money)
            sheet.write(row, 4, last.wow_pct, pct)
            sheet.write(row, 5, sum(s.ship_arrivals for s in week))
            sheet.write(row, 6, last.ships_waiting)
            row += 1
        book.close()
        return output.getvalue()
