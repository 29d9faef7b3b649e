# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
import io
import zipfile

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestSettlement(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_from = cls.today - timedelta(days=30)
        cls.period_to = cls.today
        Claim = cls.env["crm.service.claim"]
        cls.claims_a = Claim.create(
            [
                cls._claim_vals(
                    repair_date=cls.today - timedelta(days=d), failure_code_id=False
                )
                for d in (5, 6)
            ]
        )
        cls.claims_b = Claim.create([cls._claim_vals(station=cls.station_b)])
        cls.draft = Claim.create([cls._claim_vals(station=cls.station_b)])
        (cls.claims_a | cls.claims_b).action_submit()
        (cls.claims_a | cls.claims_b).with_user(cls.service_manager).action_approve(
            cls.OVERRIDE
        )

    def _settle(self):
        wizard = (
            self.env["crm.service.settlement.wizard"]
            .with_user(self.service_manager)
            .create(
                {
                    "date_from": self.period_from,
                    "date_to": self.period_to,
                    "station_ids": [Command.set((self.station_a | self.station_b).ids)],
                }
            )
        )
        action = wizard.action_settle()
        return self.env["crm.service.settlement"].search(action["domain"])

    def test_settle_period_once(self):
        settlements = self._settle()
        self.assertEqual(len(settlements), 2)
        by_station = {s.station_id: s for s in settlements}
        settlement_a = by_station[self.station_a]
        self.assertEqual(settlement_a.claim_ids, self.claims_a)
        self.assertEqual(settlement_a.amount_total, 1040.0)
        self.assertEqual(settlement_a.move_id.move_type, "in_invoice")
        self.assertEqual(settlement_a.move_id.partner_id, self.station_a)
        self.assertEqual(settlement_a.move_id.amount_total, 1040.0)
        self.assertEqual(
            set((self.claims_a | self.claims_b).mapped("state")), {"settled"}
        )
        self.assertEqual(self.draft.state, "draft")
        # Re-running the period settles nothing twice.
        with self.assertRaises(UserError) as caught:
            self._settle()
        self.assertIn("No approved claim", str(caught.exception))
        self.assertEqual(
            self.env["crm.service.settlement"].search_count(
                [("station_id", "in", (self.station_a | self.station_b).ids)]
            ),
            2,
        )

    def test_user_cannot_settle(self):
        with self.assertRaises(AccessError):
            self.env["crm.service.settlement.wizard"].with_user(
                self.service_user
            ).create({"date_from": self.period_from, "date_to": self.period_to})

    def test_cancel_releases_claims(self):
        settlements = self._settle()
        settlement = settlements.filtered(lambda s: s.station_id == self.station_a)
        move = settlement.move_id
        settlement.with_user(self.service_manager).action_cancel()
        self.assertEqual(settlement.state, "cancel")
        self.assertEqual(move.state, "cancel")
        self.assertEqual(set(self.claims_a.mapped("state")), {"approved"})
        self.assertFalse(self.claims_a.settlement_id)
        again = self._settle()
        self.assertEqual(again.claim_ids, self.claims_a)

    def test_paying_bill_pays_claims(self):
        settlement = self._settle().filtered(lambda s: s.station_id == self.station_b)
        move = settlement.move_id
        settlement._pay_bills_in_full()
        self.assertIn(move.payment_state, ("paid", "in_payment"))
        self.assertEqual(settlement.state, "paid")
        self.assertEqual(self.claims_b.state, "paid")
        with self.assertRaises(UserError) as caught:
            settlement.with_user(self.service_manager).action_cancel()
        self.assertIn("is paid", str(caught.exception))

    def test_statement_pdf_and_xlsx(self):
        settlement = self._settle().filtered(lambda s: s.station_id == self.station_a)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "crm_service_station.crm_service_settlement_report", settlement.ids
        )
        html = html.decode()
        self.assertIn(settlement.name, html)
        for claim in self.claims_a:
            self.assertIn(claim.name, html)
        content = settlement._export_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            strings = workbook.read("xl/sharedStrings.xml").decode()
        self.assertIn(settlement.name, strings)
        self.assertIn(self.claims_a[0].name, strings)

    def test_statement_pdf_breakdown_bank_and_signatures(self):
        self.env["res.partner.bank"].create(
            {"partner_id": self.station_a.id, "acc_number": "6222-0001-2345-6789"}
        )
        settlement = self._settle().filtered(lambda s: s.station_id == self.station_a)
        # Two claims, each labor 2 h × 80 = 160, parts 2 × 100 × 1.10 = 220, travel
        # 40 km × 3.5 = 140, approved in full.
        self.assertEqual(
            settlement._statement_breakdown(),
            [
                ("Labor", 320.0, 320.0),
                ("Part", 440.0, 440.0),
                ("Travel", 280.0, 280.0),
                ("Other", 0.0, 0.0),
            ],
        )
        self.assertEqual(settlement._statement_bank().acc_number, "6222-0001-2345-6789")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "crm_service_station.crm_service_settlement_report", settlement.ids
        )
        html = html.decode()
        for text in (
            "Breakdown",
            "320.00",
            "440.00",
            "280.00",
            "1,040.00",
            "6222-0001-2345-6789",
            "Station A",
            "Prepared by",
            "Service Station (Signature and Seal)",
        ):
            self.assertIn(text, html)

    def test_statement_xlsx_layout(self):
        settlement = self._settle().filtered(lambda s: s.station_id == self.station_a)
        content = settlement._export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        claims = self.claims_a.sorted("name")
        # Header on row 5, two claims on rows 6-7, totals on row 8.
        self.assertEqual(sheet["A5"].value, "Claim Number")
        self.assertEqual(sheet.freeze_panes, "B6")
        self.assertEqual(sheet.auto_filter.ref, "A5:L7")
        self.assertEqual([sheet["A6"].value, sheet["A7"].value], claims.mapped("name"))
        # Dates are date cells, not text.
        self.assertTrue(sheet["E6"].is_date)
        self.assertEqual(sheet["E6"].value.date(), claims[0].repair_date)
        self.assertTrue(sheet["F6"].is_date)
        self.assertEqual(sheet["F6"].value.date(), claims[0].decision_date)
        self.assertTrue(sheet["B3"].is_date)
        self.assertEqual(sheet["B3"].value.date(), settlement.date_from)
        # Each claim: labor 2 h × 80 = 160, parts 2 × 100 × 1.10 = 220, travel 40 km × 3.5 =
        # 140, claimed = approved = 520.
        self.assertEqual(
            [sheet.cell(6, col).value for col in range(7, 13)],
            [160.0, 220.0, 140.0, 0.0, 520.0, 520.0],
        )
        self.assertEqual(sheet["A8"].value, "Total")
        self.assertEqual(sheet["G8"].value, "=SUM(G6:G7)")
        self.assertEqual(sheet["L8"].value, "=SUM(L6:L7)")
        cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True).active
        self.assertEqual(
            [cached.cell(8, col).value for col in range(7, 13)],
            [320.0, 440.0, 280.0, 0.0, 1040.0, 1040.0],
        )

    def test_settlement_queries_do_not_grow_with_claims(self):
        """Settling 6 claims of one station costs the same queries as settling 2 of it."""
        Claim = self.env["crm.service.claim"]
        station_c = self.station_a.copy({"station_code": "TC-1", "name": "Station C"})
        station_d = self.station_a.copy({"station_code": "TD-1", "name": "Station D"})
        small = Claim.create(
            [
                self._claim_vals(station=station_c, failure_code_id=False)
                for _i in range(2)
            ]
        )
        large = Claim.create(
            [
                self._claim_vals(station=station_d, failure_code_id=False)
                for _i in range(6)
            ]
        )
        (small | large).action_submit()
        (small | large).action_approve(self.OVERRIDE)
        Settlement = self.env["crm.service.settlement"]
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        Settlement._settle_period(self.period_from, self.period_to, station_c)
        self.env.flush_all()
        small_count = self.env.cr.sql_log_count - before
        before = self.env.cr.sql_log_count
        Settlement._settle_period(self.period_from, self.period_to, station_d)
        self.env.flush_all()
        large_count = self.env.cr.sql_log_count - before
        self.assertLessEqual(large_count, small_count + 5, (small_count, large_count))

    def test_cron_settles_last_month(self):
        last_month_end = self.today.replace(day=1) - timedelta(days=1)
        self.claims_a.sudo().write({"decision_date": last_month_end})
        settlements = self.env["crm.service.settlement"]._cron_settle_last_month()
        mine = settlements.filtered(lambda s: s.station_id == self.station_a)
        self.assertEqual(mine.claim_ids, self.claims_a)
        self.assertEqual(mine.date_to, last_month_end)
        self.assertEqual(mine.date_from, last_month_end.replace(day=1))
        self.assertEqual(self.claims_b.state, "approved")

    def test_bills_are_posted_on_the_journal_expense_account(self):
        settlements = self._settle()
        moves = settlements.move_id
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        journal = moves[:1].journal_id
        self.assertEqual(
            set(moves.invoice_line_ids.account_id.ids), {journal.default_account_id.id}
        )
        # 2 claims of 520.00 for station A, 1 for station B; no tax on warranty claims
        self.assertEqual(sorted(moves.mapped("amount_total")), [520.0, 1040.0])
        self.assertFalse(moves.invoice_line_ids.tax_ids)

    def test_bill_lines_per_kind_with_configured_products_accounts_taxes(self):
        company = self.env.company
        expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.ids)],
            limit=1,
        )
        labor_account = expense.copy({"code": "660201", "name": "Warranty labor"})
        travel_account = expense.copy({"code": "660203", "name": "Warranty travel"})
        part_account = expense.copy({"code": "660202", "name": "Warranty parts"})
        products = self.env["product.product"].create(
            [
                {"name": "Warranty labor", "type": "service"},
                {
                    "name": "Warranty parts",
                    "type": "service",
                    "property_account_expense_id": part_account.id,
                },
                {"name": "Warranty travel", "type": "service"},
            ]
        )
        tax = self.env["account.tax"].create(
            {
                "name": "Test purchase 6%",
                "amount": 6.0,
                "type_tax_use": "purchase",
                "company_id": company.id,
            }
        )
        self.env["res.config.settings"].create(
            {
                "crm_service_labor_product_id": products[0].id,
                "crm_service_labor_account_id": labor_account.id,
                # parts: no account set, the product's expense account is used
                "crm_service_part_product_id": products[1].id,
                "crm_service_travel_product_id": products[2].id,
                "crm_service_travel_account_id": travel_account.id,
                "crm_service_settlement_tax_ids": [Command.set(tax.ids)],
            }
        ).execute()
        settlement = self._settle().filtered(lambda s: s.station_id == self.station_a)
        lines = settlement.move_id.invoice_line_ids
        # Two claims × three kinds with an amount (no "other" line: 0 is not billed).
        self.assertEqual(len(lines), 6)
        by_product = {
            product: lines.filtered(lambda line, p=product: line.product_id == p)
            for product in products
        }
        # Per claim: labor 2 h × 80 = 160, parts 2 × 100 × 1.10 = 220, travel 40 × 3.5 = 140.
        self.assertEqual(by_product[products[0]].mapped("price_subtotal"), [160.0] * 2)
        self.assertEqual(by_product[products[1]].mapped("price_subtotal"), [220.0] * 2)
        self.assertEqual(by_product[products[2]].mapped("price_subtotal"), [140.0] * 2)
        self.assertEqual(by_product[products[0]].account_id, labor_account)
        self.assertEqual(by_product[products[1]].account_id, part_account)
        self.assertEqual(by_product[products[2]].account_id, travel_account)
        self.assertEqual(lines.tax_ids, tax)
        # 1,040.00 untaxed + 6 % = 62.40 tax: 1,102.40.
        self.assertEqual(settlement.move_id.amount_untaxed, 1040.0)
        self.assertEqual(settlement.move_id.amount_tax, 62.4)
        self.assertEqual(settlement.move_id.amount_total, 1102.4)
        self.assertEqual(settlement.amount_total, 1040.0)
        claim = self.claims_a.sorted("name")[0]
        self.assertIn(
            f"{claim.name} T615-0001 - Labor",
            lines.mapped("name"),
            lines.mapped("name"),
        )

    def test_keep_bills_draft_setting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_service_station.keep_bills_draft", "True"
        )
        moves = self._settle().move_id
        self.assertEqual(set(moves.mapped("state")), {"draft"})
        self.assertEqual(len(moves), 2)

    def test_journal_without_expense_account_refused(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        journal.default_account_id = False
        with self.assertRaises(UserError) as caught:
            self._settle()
        self.assertIn("default expense account", str(caught.exception))
        self.assertEqual(
            set((self.claims_a | self.claims_b).mapped("state")), {"approved"}
        )
        self.assertFalse(
            self.env["crm.service.settlement"].search(
                [("station_id", "in", (self.station_a | self.station_b).ids)]
            )
        )
