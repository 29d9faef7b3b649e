# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
import io
import zipfile

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
