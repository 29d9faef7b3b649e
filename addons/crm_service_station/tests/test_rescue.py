# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rescue (求援) requests: location, vehicle, ETA and on-site time, with their own deadline."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ServiceCommon

CALL = datetime(2026, 11, 20, 8, 0, 0)


@tagged("post_install", "-at_install")
class TestRescue(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine.engine_vin = "LZZ5BLSF4PA100009"

    def _rescue(self, **overrides):
        vals = {
            "request_type": "rescue",
            "request_date": CALL,
            "lot_id": self.engine.id,
            "station_id": self.station_a.id,
            "rescue_location": "G2 Jinghu expressway, km 512",
            "description": "Engine stopped on the motorway",
        }
        vals.update(overrides)
        return self.env["crm.service.request"].with_user(self.service_user).create(vals)

    def test_rescue_deadline_from_its_own_setting(self):
        rescue = self._rescue()
        self.assertEqual(rescue.deadline, CALL + timedelta(hours=4))  # default 4 h
        self.assertEqual(rescue.vehicle_vin, "LZZ5BLSF4PA100009")
        consultation = self._rescue(request_type="consultation")
        self.assertEqual(consultation.deadline, CALL + timedelta(hours=24))
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.rescue_deadline_hours", "6"
        )
        self.assertEqual(self._rescue().deadline, CALL + timedelta(hours=6))
        # outside the settings bounds: the default again
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.rescue_deadline_hours", "0"
        )
        self.assertEqual(self._rescue().deadline, CALL + timedelta(hours=4))

    def test_late_and_on_time_arrival(self):
        rescue = self._rescue(rescue_eta=CALL + timedelta(hours=3))
        self.assertTrue(rescue.is_overdue)  # the call is in the past, nobody on site
        self.assertFalse(rescue.rescue_late)
        rescue.rescue_arrival_date = CALL + timedelta(hours=3, minutes=59)
        self.assertFalse(rescue.rescue_late)
        self.assertFalse(rescue.is_overdue)
        rescue.rescue_arrival_date = CALL + timedelta(hours=4, minutes=1)
        self.assertTrue(rescue.rescue_late)
        self.assertFalse(rescue.is_overdue)
        found = self.env["crm.service.request"].search(
            [("rescue_late", "=", True), ("id", "=", rescue.id)]
        )
        self.assertEqual(found, rescue)

    def test_overdue_search_counts_only_rescues_not_on_site(self):
        waiting = self._rescue()
        arrived = self._rescue(rescue_arrival_date=CALL + timedelta(hours=5))
        ids = (waiting | arrived).ids
        Request = self.env["crm.service.request"]
        self.assertEqual(
            Request.search([("is_overdue", "=", True), ("id", "in", ids)]), waiting
        )
        self.assertEqual(
            Request.search([("is_overdue", "=", False), ("id", "in", ids)]), arrived
        )

    def test_times_before_the_call_refused(self):
        rescue = self._rescue()
        with self.assertRaises(ValidationError) as caught:
            rescue.rescue_arrival_date = CALL - timedelta(minutes=10)
        self.assertEqual(
            str(caught.exception),
            f"On Site At of {rescue.name} cannot be before the call (2026-11-20"
            " 08:00:00).",
        )
        with self.assertRaises(ValidationError):
            self._rescue(rescue_eta=CALL - timedelta(hours=1))
        with self.assertRaises(ValidationError) as caught:
            rescue.request_date = datetime(9999, 12, 31, 23, 59)
        self.assertEqual(
            str(caught.exception),
            f"The request {rescue.name} cannot be received in the future.",
        )
        rescue.invalidate_recordset()
        self.assertFalse(rescue.rescue_arrival_date)

    def test_plain_user_cannot_record_arrival(self):
        rescue = self._rescue()
        with self.assertRaises(AccessError):
            rescue.with_user(self.plain_user).rescue_arrival_date = CALL
        rescue.invalidate_recordset()
        self.assertFalse(rescue.rescue_arrival_date)
