# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestRequest(ServiceCommon):
    def test_request_flow(self):
        Request = self.env["crm.service.request"].with_user(self.service_user)
        request = Request.create(
            {
                "request_type": "repair_request",
                "partner_id": self.station_b.id,
                "lot_id": self.engine.id,
                "description": "Engine does not start",
            }
        )
        self.assertTrue(request.name.startswith("SR/"))
        self.assertEqual(request.receiver_id, self.service_user)
        with self.assertRaises(UserError) as caught:
            request.action_dispatch()
        self.assertIn("Choose the service station", str(caught.exception))
        self.assertEqual(request.state, "new")
        request.station_id = self.station_a
        request.action_dispatch()
        self.assertEqual(request.state, "dispatched")
        with self.assertRaises(UserError) as caught:
            request.action_reply()
        self.assertIn("Write the reply", str(caught.exception))
        request.reply = "Station A comes tomorrow."
        request.action_reply()
        self.assertEqual(request.replier_id, self.service_user)
        self.assertTrue(request.reply_date)
        with self.assertRaises(UserError) as caught:
            request.action_close()
        self.assertIn("satisfaction", str(caught.exception))
        request.satisfaction = "4"
        request.action_close()
        self.assertEqual(request.state, "closed")

    def test_overdue_filter(self):
        Request = self.env["crm.service.request"]
        late = Request.create(
            {
                "description": "late",
                "deadline": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        on_time = Request.create(
            {
                "description": "on time",
                "deadline": fields.Datetime.now() + timedelta(hours=5),
            }
        )
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        found = Request.search(
            [("is_overdue", "=", True), ("id", "in", (late | on_time).ids)]
        )
        self.assertEqual(found, late)
        found = Request.search(
            [("is_overdue", "=", False), ("id", "in", (late | on_time).ids)]
        )
        self.assertEqual(found, on_time)

    def test_plain_user_refused(self):
        with self.assertRaises(AccessError):
            self.env["crm.service.request"].with_user(self.plain_user).create(
                {"description": "x"}
            )

    def test_return_visit_complaint_opens_request(self):
        repair = self._repair()
        visit = (
            self.env["crm.service.return.visit"]
            .with_user(self.service_user)
            .create(
                {
                    "repair_id": repair.id,
                    "satisfaction": "2",
                    "comments": "Still overheating",
                }
            )
        )
        self.assertFalse(visit.request_id)
        self.assertEqual(visit.station_id, self.station_a)
        visit.complaint = True
        request = visit.request_id
        self.assertEqual(request.request_type, "complaint")
        self.assertEqual(request.station_id, self.station_a)
        self.assertEqual(request.description, "Still overheating")
        self.assertEqual(request.return_visit_id, visit)
