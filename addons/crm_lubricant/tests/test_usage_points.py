# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestUsagePoints(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_param("usage_points_record", 1.0)
        cls.set_param("usage_points_followup", 0.5)
        cls.set_param("usage_points_report", 3.0)
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        env_a = cls.env(user=cls.sales_a)
        cls.customer = env_a["res.partner"].create(
            {"name": "积分测试客户", "is_company": True}
        )
        env_a["crm.lead"].create(
            {"name": "积分测试商机", "partner_id": cls.customer.id}
        )
        cls.customer.with_user(cls.sales_a).message_post(
            body="Visited the plant",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        complaint = env_a["crm.lubricant.complaint"].create(
            {
                "partner_id": cls.customer.id,
                "description": "Leaking drum",
                "reply": "Drum replaced",
            }
        )
        complaint.action_reply()
        cls.env(user=cls.sales_b)["res.partner"].create(
            {"name": "积分测试客户 B", "is_company": True}
        )

    def run_report(self, user, date_from=None, date_to=None):
        wizard = (
            self.env["crm.lubricant.usage.wizard"]
            .with_user(user)
            .create(
                {"date_from": date_from or self.today, "date_to": date_to or self.today}
            )
        )
        action = wizard.action_compute()
        return (
            self.env["crm.lubricant.usage.point"]
            .with_user(user)
            .search(action["domain"])
        )

    def test_points_per_salesperson(self):
        lines = self.run_report(self.manager)
        line_a = lines.filtered(lambda line: line.user_id == self.sales_a)
        line_b = lines.filtered(lambda line: line.user_id == self.sales_b)
        self.assertEqual(line_a.records_count, 2)  # customer + lead
        self.assertGreaterEqual(line_a.followups_count, 1)
        self.assertEqual(line_a.reports_count, 1)
        self.assertAlmostEqual(
            line_a.points, 2 * 1.0 + line_a.followups_count * 0.5 + 1 * 3.0
        )
        self.assertEqual(line_b.records_count, 1)
        self.assertIn(self.manager, lines.user_id)

    def test_user_sees_only_own_points(self):
        lines = self.run_report(self.sales_b)
        self.assertEqual(lines.user_id, self.sales_b)
        manager_lines = self.run_report(self.manager)
        self.assertFalse(
            self.env["crm.lubricant.usage.point"]
            .with_user(self.sales_b)
            .search([("id", "in", manager_lines.ids)])
        )

    def test_period_outside_counts_nothing(self):
        past = self.today - timedelta(days=400)
        lines = self.run_report(self.sales_a, past, past + timedelta(days=30))
        self.assertEqual(
            (
                lines.records_count,
                lines.followups_count,
                lines.reports_count,
                lines.points,
            ),
            (0, 0, 0, 0.0),
        )

    def test_bad_period_refused(self):
        Line = self.env["crm.lubricant.usage.point"]
        before = Line.search_count([])
        with self.assertRaises(UserError) as caught:
            self.run_report(self.sales_a, date(2026, 5, 2), date(2026, 5, 1))
        self.assertIn(
            "The period must end on or after its start.", str(caught.exception)
        )
        self.assertEqual(Line.search_count([]), before)

    def test_outsider_refused(self):
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.usage.wizard"].with_user(self.outsider).create({})

    def test_query_count_does_not_grow(self):
        wizard = (
            self.env["crm.lubricant.usage.wizard"]
            .with_user(self.manager)
            .create({"date_from": self.today, "date_to": self.today})
        )
        wizard._lub_counts(self.sales_a)  # warm the caches
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        wizard._lub_counts(self.sales_a)
        one = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        wizard._lub_counts(self.sales_a + self.sales_b + self.manager)
        many = self.env.cr.sql_log_count - before
        self.assertLessEqual(
            many, one, f"{one} queries for 1 salesperson, {many} for 3"
        )
