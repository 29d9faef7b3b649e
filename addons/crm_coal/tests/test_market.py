# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date
import io
import zipfile

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger

try:
    import openpyxl
except ImportError:  # pragma: no cover - the zip structure is checked instead
    openpyxl = None


@tagged("post_install", "-at_install")
class TestMarket(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("crm_coal.price_alert_pct", 5)
        cls.user = new_test_user(
            cls.env, login="coal_analyst", groups="crm_coal.group_crm_coal_user"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        cls.port = cls.env["crm.coal.port"].create(
            {"name": "Test Port", "code": "TSTP"}
        )
        cls.index = cls.env["crm.coal.price.index"].create(
            {"name": "Test FOB", "code": "TST", "port_id": cls.port.id}
        )
        cls.Quote = cls.env["crm.coal.price.quote"].with_user(cls.user)

    def _quotes(self, *rows, grade=5500):
        return self.Quote.create(
            [
                {
                    "index_id": self.index.id,
                    "grade_cv": grade,
                    "date": day,
                    "price": price,
                }
                for day, price in rows
            ]
        )

    def _by_date(self, quotes):
        return {q.date: q for q in quotes}

    def test_week_and_month_changes_and_alerts(self):
        quotes = self._by_date(
            self._quotes(
                (date(2024, 1, 31), 780),
                (date(2024, 1, 1), 700),
                (date(2024, 1, 15), 800),
                (date(2024, 1, 8), 735),
            )
        )
        first, week2, week3, last = (quotes[date(2024, 1, d)] for d in (1, 8, 15, 31))
        self.assertEqual(
            (first.wow_change, first.mom_change, first.alert), (0, 0, False)
        )
        # +5 % exactly is not beyond the 5 % threshold
        self.assertEqual(
            (week2.wow_change, week2.wow_pct, week2.alert), (35, 5.0, False)
        )
        self.assertEqual(
            (week3.wow_change, week3.wow_pct, week3.alert), (65, 8.84, "up")
        )
        # previous week: the latest quote on or before 24 January is the 15th, 9 days
        # older than that: beyond the 7-day tolerance (default), no week-over-week change
        self.assertEqual((last.wow_change, last.wow_pct, last.alert), (0, 0, False))
        self.assertEqual((last.mom_change, last.mom_pct), (80, 11.43))
        # with a 9-day tolerance the 15th stands in: 780 - 800 = -20, -2.5 %
        self.env["res.config.settings"].create({"coal_price_max_gap_days": 9}).execute()
        self.assertEqual(
            (last.wow_change, last.wow_pct, last.alert), (-20, -2.5, False)
        )

        # a correction re-computes the rest of the series
        week2.price = 770
        self.assertEqual(
            (week3.wow_change, week3.wow_pct, week3.alert), (30, 3.9, False)
        )
        # another grade is another series
        other = self._quotes((date(2024, 1, 8), 600), grade=5000)
        self.assertEqual(other.wow_change, 0)
        # the threshold is a setting
        self.env["res.config.settings"].create({"coal_price_alert_pct": 3}).execute()
        self.assertEqual(week3.alert, "up")

    def test_gap_in_quotes_gives_no_change(self):
        """The first quote after a gap is not compared with a quote of years before."""
        quotes = self._by_date(
            self._quotes(
                (date(2012, 3, 5), 600),
                (date(2024, 6, 3), 900),
                (date(2024, 6, 10), 990),
                (date(2024, 7, 10), 880),
            )
        )
        after_gap = quotes[date(2024, 6, 3)]
        # +50 % against 2012 would be an "up" alert: no change, no alert
        self.assertEqual(
            (
                after_gap.wow_change,
                after_gap.wow_pct,
                after_gap.mom_change,
                after_gap.alert,
            ),
            (0, 0, 0, False),
        )
        # a week later: 990 - 900 = +90, +10 % (beyond 5 %: "up")
        week = quotes[date(2024, 6, 10)]
        self.assertEqual((week.wow_change, week.wow_pct, week.alert), (90, 10.0, "up"))
        # a month later: target 10 June, the quote of that day: 880 - 990 = -110, -11.11 %
        month = quotes[date(2024, 7, 10)]
        self.assertEqual((month.mom_change, month.mom_pct), (-110, -11.11))
        # a tolerance of 0 days: the quote exactly a week before still counts
        self.env["res.config.settings"].create({"coal_price_max_gap_days": 0}).execute()
        self.assertEqual((week.wow_change, after_gap.alert), (90, False))
        with self.assertRaises(ValidationError) as caught:
            self.env["res.config.settings"].create({"coal_price_max_gap_days": -1})
        self.assertEqual(
            caught.exception.args[0],
            "The quote comparison tolerance must be between 0 and 365 days.",
        )
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "crm_coal.price_max_gap_days", "7"
            ),
            "7",
        )

    def test_port_stock_gap(self):
        Stock = self.env["crm.coal.port.stock"].with_user(self.user)
        stocks = Stock.create(
            [
                {"port_id": self.port.id, "date": date(2024, 1, 1), "stock_10kt": 800},
                {"port_id": self.port.id, "date": date(2024, 3, 4), "stock_10kt": 500},
            ]
        )
        late = stocks.filtered(lambda s: s.date == date(2024, 3, 4))
        self.assertEqual((late.wow_change, late.wow_pct), (0, 0))

    def test_duplicate_quote_refused(self):
        self._quotes((date(2024, 2, 1), 700))
        for rows in (
            [(date(2024, 2, 1), 710)],
            [(date(2024, 2, 2), 710), (date(2024, 2, 2), 711)],
        ):
            with self.assertRaises(ValidationError) as caught:
                self._quotes(*rows)
            self.assertIn(
                "There is already a quote of this source for this grade and date.",
                str(caught.exception),
            )
        self.assertEqual(self.Quote.search_count([("index_id", "=", self.index.id)]), 1)

    @mute_logger("odoo.sql_db")
    def test_duplicate_quote_refused_by_database(self):
        first, second = self._quotes((date(2024, 2, 1), 700), (date(2024, 2, 2), 700))
        with self.assertRaises(IntegrityError) as caught:
            second.date = first.date
        self.assertIn("source_grade_date_unique", str(caught.exception))

    @mute_logger("odoo.sql_db")
    def test_import_reports_bad_rows(self):
        Quote = self.Quote
        fields_ = ["index_id", "grade_cv", "date", "price"]
        result = Quote.load(
            fields_,
            [
                ["Test FOB", "5500", "2024-02-01", "700"],
                ["Test FOB", "5000", "2024-02-01", "640"],
            ],
        )
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 2)

        result = Quote.load(fields_, [["Test FOB", "5500", "2024-02-01", "705"]])
        self.assertFalse(result["ids"])
        self.assertIn(
            "There is already a quote of this source for this grade and date.",
            " ".join(m["message"] for m in result["messages"]),
        )
        result = Quote.load(fields_, [["Test FOB", "5500", "2024-02-02", "-5"]])
        self.assertFalse(result["ids"])
        self.assertIn(
            "A coal price cannot be negative.",
            " ".join(m["message"] for m in result["messages"]),
        )
        self.assertEqual(Quote.search_count([("index_id", "=", self.index.id)]), 2)

    def test_future_quote_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._quotes((date(2999, 1, 1), 700))
        self.assertIn("cannot be dated in the future", str(caught.exception))
        self.assertFalse(self.Quote.search([("index_id", "=", self.index.id)]))

    def test_port_stock_changes(self):
        Stock = self.env["crm.coal.port.stock"].with_user(self.user)
        stocks = Stock.create(
            [
                {"port_id": self.port.id, "date": date(2024, 1, 1), "stock_10kt": 800},
                {
                    "port_id": self.port.id,
                    "date": date(2024, 1, 8),
                    "stock_10kt": 945.61,
                },
            ]
        )
        last = stocks.filtered(lambda s: s.date == date(2024, 1, 8))
        self.assertEqual((last.wow_change, last.wow_pct), (145.61, 18.2))
        with self.assertRaises(ValidationError) as caught:
            Stock.create(
                {"port_id": self.port.id, "date": date(2024, 1, 9), "stock_10kt": -1}
            )
        self.assertIn("cannot be negative", str(caught.exception))
        self.assertEqual(Stock.search_count([("port_id", "=", self.port.id)]), 2)

    def test_price_conversion_wizard(self):
        quote = self._quotes((date(2024, 3, 1), 725))
        action = quote.action_convert_price()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user)
            .with_context(**action["context"])
            .create({"to_cv": 5000})
        )
        self.assertEqual((wizard.price, wizard.from_cv), (725, 5500))
        self.assertEqual(wizard.converted_price, 659.09)
        with self.assertRaises(ValidationError) as caught:
            wizard.to_cv = 0
        self.assertIn("both grades must be above zero", str(caught.exception))

    def test_weekly_market_report_xlsx(self):
        self._quotes((date(2024, 3, 4), 725), (date(2024, 3, 11), 700))
        self._quotes((date(2024, 3, 4), 600), (date(2024, 3, 11), 612), grade=5000)
        second_port = self.env["crm.coal.port"].create(
            {"name": "Second Port", "code": "TSP2"}
        )
        self.env["crm.coal.port.stock"].create(
            [
                {"port_id": self.port.id, "date": date(2024, 3, 4), "stock_10kt": 900},
                {
                    "port_id": self.port.id,
                    "date": date(2024, 3, 11),
                    "stock_10kt": 945.61,
                    "ship_arrivals": 2,
                    "ships_waiting": 5,
                },
                {
                    "port_id": second_port.id,
                    "date": date(2024, 3, 10),
                    "stock_10kt": 500,
                    "ship_arrivals": 3,
                    "ships_waiting": 4,
                },
            ]
        )
        wizard = (
            self.env["crm.coal.market.report.wizard"]
            .with_user(self.user)
            .create({"date_to": date(2024, 3, 12)})
        )
        wizard.action_generate()
        data = base64.b64decode(wizard.file_data)
        self.assertEqual(wizard.file_name, "coal-market-2024-03-12.xlsx")
        self.assertTrue(data.startswith(b"PK"))
        if not openpyxl:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                sheet = archive.read("xl/worksheets/sheet1.xml").decode()
                self.assertIn('<pane xSplit="1" ySplit="3" topLeftCell="B4"', sheet)
                self.assertIn('<autoFilter ref="A3:L5"', sheet)
                self.assertIn(b"Test FOB", archive.read("xl/sharedStrings.xml"))
            return
        book = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual(book.sheetnames, ["Prices", "Port Stock"])
        prices = book["Prices"]
        # title on row 1, header on row 3 frozen with an autofilter, the two series of
        # the week (5500 then 5000) on rows 4-5, their averages on row 6
        self.assertEqual(prices["A3"].value, "Source / Index")
        self.assertEqual(prices.freeze_panes, "B4")
        self.assertEqual(prices.auto_filter.ref, "A3:L5")
        self.assertEqual([prices.cell(row, 3).value for row in (4, 5)], [5500, 5000])
        self.assertTrue(prices["D4"].is_date)
        self.assertEqual(prices["D4"].number_format, "yyyy-mm-dd")
        self.assertEqual(prices["D4"].value.date(), date(2024, 3, 11))
        self.assertEqual(prices["E4"].value, 700)
        self.assertEqual(prices["E4"].number_format, "#,##0.00")
        # 700 - 725 = -25 (-3.45 %), 612 - 600 = +12 (+2.00 %)
        self.assertEqual([prices["H4"].value, prices["I4"].value], [-25, -3.45])
        self.assertEqual([prices["H5"].value, prices["I5"].value], [12, 2.0])
        self.assertEqual(prices["A6"].value, "Average")
        self.assertEqual(prices["H6"].value, "=AVERAGE(H4:H5)")
        self.assertEqual(prices["I6"].value, "=AVERAGE(I4:I5)")
        self.assertIsNone(prices["E6"].value)
        stock = book["Port Stock"]
        self.assertEqual(stock.freeze_panes, "B2")
        self.assertEqual(stock.auto_filter.ref, "A1:G3")
        self.assertEqual(
            [stock.cell(row, 1).value for row in (2, 3)], ["Second Port", "Test Port"]
        )
        self.assertTrue(stock["B3"].is_date)
        self.assertEqual(stock["B3"].value.date(), date(2024, 3, 11))
        self.assertEqual(stock["C3"].value, 945.61)
        self.assertEqual(stock["A4"].value, "Total")
        self.assertEqual(stock["C4"].value, "=SUM(C2:C3)")
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        # (-25 + 12) / 2 = -6.5 and (-3.45 + 2.00) / 2 = -0.725
        self.assertEqual(cached["Prices"]["H6"].value, -6.5)
        self.assertAlmostEqual(cached["Prices"]["I6"].value, -0.725)
        # stock 500 + 945.61 = 1,445.61 (10 kt); arrivals 3 + 2; at anchor 4 + 5
        self.assertAlmostEqual(cached["Port Stock"]["C4"].value, 1445.61)
        # week over week: Test Port 945.61 - 900 = 45.61, Second Port has no previous
        # week (0)
        self.assertEqual(stock["D3"].value, 45.61)
        self.assertAlmostEqual(cached["Port Stock"]["D4"].value, 45.61)
        self.assertEqual(cached["Port Stock"]["F4"].value, 5)
        self.assertEqual(cached["Port Stock"]["G4"].value, 9)

    def test_user_without_group_refused(self):
        with self.assertRaises(AccessError):
            self.env["crm.coal.price.quote"].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.env["crm.coal.port.stock"].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.index.with_user(self.user).write({"name": "Renamed"})
