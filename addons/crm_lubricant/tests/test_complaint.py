# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestComplaint(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_param("complaint_reply_days", 4)
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "青岛港机", "is_company": True, "lub_owner_id": cls.sales_a.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "成都公交", "is_company": True, "lub_owner_id": cls.sales_b.id}
        )

    def new_complaint(self, partner=None, user=None):
        return (
            self.env["crm.lubricant.complaint"]
            .with_user(user or self.sales_a)
            .create(
                {
                    "partner_id": (partner or self.customer_a).id,
                    "product_id": self.product.id,
                    "lot_text": "20260815-B03",
                    "description": "Oil pressure low after oil change",
                    "received_date": date(2026, 11, 2),
                }
            )
        )

    def test_reply_and_close(self):
        complaint = self.new_complaint()
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertEqual(complaint.deadline, date(2026, 11, 6))
        self.assertEqual(complaint.user_id, self.sales_a)
        complaint.reply = "Sample sent to the laboratory"
        complaint.action_reply()
        self.assertEqual(complaint.state, "replied")
        self.assertEqual(complaint.replier_id, self.sales_a)
        self.assertTrue(complaint.reply_date)
        complaint.write(
            {"satisfaction_score": 5, "satisfaction_comment": "Fast answer"}
        )
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.closed_date)
        self.assertEqual(self.customer_a.lub_complaint_count, 1)
        self.assertEqual(self.customer_b.lub_complaint_count, 0)

    def test_overdue_filter_domain(self):
        complaint = self.new_complaint()
        overdue = self.env["crm.lubricant.complaint"].search(
            [
                ("id", "=", complaint.id),
                ("state", "=", "new"),
                ("deadline", "<", date(2026, 11, 7)),
            ]
        )
        self.assertEqual(overdue, complaint)
        complaint.reply = "Answered"
        complaint.action_reply()
        overdue = self.env["crm.lubricant.complaint"].search(
            [
                ("id", "=", complaint.id),
                ("state", "=", "new"),
                ("deadline", "<", date(2026, 11, 7)),
            ]
        )
        self.assertFalse(overdue)

    def test_reply_requires_text(self):
        complaint = self.new_complaint()
        complaint.reply = "   "
        with self.assertRaises(UserError) as caught:
            complaint.action_reply()
        self.assertIn(
            f"Write the reply to {complaint.name} before marking it replied.",
            str(caught.exception),
        )
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.replier_id)

    def test_close_requires_return_visit(self):
        complaint = self.new_complaint()
        with self.assertRaises(UserError) as caught:
            complaint.action_close()
        self.assertIn("Only a replied complaint can be closed", str(caught.exception))
        complaint.reply = "Answered"
        complaint.action_reply()
        complaint.satisfaction_score = 4
        with self.assertRaises(UserError) as caught:
            complaint.action_close()
        self.assertIn(
            f"Record the satisfaction return visit of {complaint.name} (score from 1 to 5 and "
            "comment) before closing it.",
            str(caught.exception),
        )
        self.assertEqual(complaint.state, "replied")
        self.assertFalse(complaint.closed_date)

    def test_score_out_of_range(self):
        complaint = self.new_complaint()
        with self.assertRaises(ValidationError) as caught:
            complaint.write({"satisfaction_score": 6, "satisfaction_comment": "?"})
        self.assertIn("must be between 1 and 5", str(caught.exception))
        self.assertEqual(complaint.satisfaction_score, 0)

    def test_visibility_follows_customer_protection(self):
        own = self.new_complaint()
        other = self.new_complaint(partner=self.customer_b, user=self.sales_b)
        Complaint = self.env["crm.lubricant.complaint"]
        visible_a = Complaint.with_user(self.sales_a).search(
            [("id", "in", (own + other).ids)]
        )
        self.assertEqual(visible_a, own)
        visible_manager = Complaint.with_user(self.manager).search(
            [("id", "in", (own + other).ids)]
        )
        self.assertEqual(visible_manager, own + other)
        with self.assertRaises(AccessError):
            other.with_user(self.sales_a).write({"severity": "low"})
        self.assertEqual(other.severity, "medium")
        with self.assertRaises(AccessError):
            Complaint.with_user(self.outsider).search([])
        with self.assertRaises(AccessError):
            own.with_user(self.manager).unlink()
        self.assertTrue(own.exists())

    def test_deadline_setting_validated(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.config.settings"].create(
                {"lub_complaint_reply_days": 0}
            ).execute()
        self.assertIn(
            "The complaint reply period must be at least one day", str(caught.exception)
        )
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_lubricant.complaint_reply_days"),
            "4",
        )

    def test_deadline_follows_received_date(self):
        complaint = self.new_complaint()
        complaint.received_date = date(2026, 11, 10)
        self.assertEqual(complaint.deadline, date(2026, 11, 10) + timedelta(days=4))
