# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who is told along the chain: the station of a dispatch, the customer of a reply, the
station of a paid settlement and of reduced claim lines; late work escalated once."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCommon

ESCALATION = "crm_service_station.mail_activity_type_sla_escalation"


@tagged("post_install", "-at_install")
class TestChainNotifications(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station_a.email = "station-a@example.com"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Chain Customer", "email": "customer@example.com"}
        )
        cls.env.company.email = "warranty@example.com"

    def _mails(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _request(self, **overrides):
        vals = {
            "request_type": "repair_request",
            "partner_id": self.customer.id,
            "lot_id": self.engine.id,
            "station_id": self.station_a.id,
            "description": "Coolant leak",
        }
        vals.update(overrides)
        return self.env["crm.service.request"].with_user(self.service_user).create(vals)

    def _escalations(self, records):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(ESCALATION).id),
            ]
        )

    def test_dispatch_subscribes_and_mails_the_station(self):
        request = self._request()
        self.assertFalse(self._mails(request))
        request.action_dispatch()
        self.assertIn(self.station_a, request.message_partner_ids)
        mail = self._mails(request)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.station_a)
        self.assertEqual(
            mail.subject, f"Service request {request.name} dispatched to you"
        )
        self.assertIn("Coolant leak", mail.body_html)
        self.assertIn("Repair Request", mail.body_html)

    def test_station_without_email_follows_but_is_not_mailed(self):
        request = self._request(station_id=self.station_b.id)
        request.action_dispatch()
        self.assertIn(self.station_b, request.message_partner_ids)
        self.assertFalse(self._mails(request))

    def test_reply_mailed_to_the_customer(self):
        request = self._request(reply="Station A comes tomorrow at 9.")
        request.action_reply()
        mail = self._mails(request)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertEqual(mail.subject, f"Your service request {request.name}")
        self.assertIn("Station A comes tomorrow at 9.", mail.body_html)

    def test_reduced_line_and_reason_in_the_decision_mail(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        travel = claim.line_ids.filtered(lambda line: line.kind == "travel")
        self.assertEqual(travel.subtotal, 140.0)  # 40 km x 3.5
        claim.with_user(self.service_manager).action_approve_partially(
            {travel.id: {"approved_amount": 100.0, "reason_id": self.reason.id}},
            self.OVERRIDE,
        )
        self.assertEqual(claim.approved_amount, 480.0)  # 160 + 220 + 100
        body = self._mails(claim).body_html
        self.assertIn("Lines reduced by the reviewer", body)
        self.assertIn("140.00", body)
        self.assertIn("100.00", body)
        self.assertIn("Out of warranty", body)

    def test_settlement_paid_mailed_to_the_station(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        settlement = self.env["crm.service.settlement"]._settle_period(
            self.today - timedelta(days=30), self.today, self.station_a
        )
        self.assertEqual(len(self._mails(settlement)), 1)  # issued
        settlement._pay_bills_in_full()
        self.assertEqual(settlement.state, "paid")
        paid = self._mails(settlement).filtered(lambda m: "paid" in m.subject)
        self.assertEqual(len(paid), 1)
        self.assertEqual(paid.subject, f"Warranty settlement {settlement.name} paid")
        self.assertEqual(paid.recipient_ids, self.station_a)

    def test_cron_escalates_late_work_once(self):
        Request = self.env["crm.service.request"]
        late = self._request(deadline=fields.Datetime.now() - timedelta(hours=2))
        on_time = self._request()
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        recent = self.env["crm.service.claim"].create(self._claim_vals())
        recent.action_submit()
        claim.sudo().submit_date = self.today - timedelta(days=8)  # review: 7 days
        Request._cron_escalate_late()
        activity = self._escalations(late)
        self.assertEqual(len(activity), 1)
        self.assertTrue(
            activity.user_id.has_group(
                "crm_service_station.group_crm_service_station_manager"
            )
        )
        self.assertIn(late.name, activity.summary)
        self.assertFalse(self._escalations(on_time))
        self.assertEqual(len(self._escalations(claim)), 1)
        self.assertFalse(self._escalations(recent))
        # a rerun adds nothing
        Request._cron_escalate_late()
        self.assertEqual(len(self._escalations(late)), 1)
        self.assertEqual(len(self._escalations(claim)), 1)

    def test_plain_user_cannot_run_the_escalation(self):
        self._request(deadline=fields.Datetime.now() - timedelta(hours=2))
        with self.assertRaises(AccessError):
            self.env["crm.service.request"].with_user(
                self.plain_user
            )._cron_escalate_late()
        self.assertFalse(
            self.env["mail.activity"].search(
                [("activity_type_id", "=", self.env.ref(ESCALATION).id)]
            )
        )
