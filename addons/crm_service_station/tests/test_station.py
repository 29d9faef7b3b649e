# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestStation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.service_user = new_test_user(
            cls.env,
            login="svc_user",
            groups="crm_service_station.group_crm_service_station_user",
        )
        cls.service_manager = new_test_user(
            cls.env,
            login="svc_manager",
            groups="crm_service_station.group_crm_service_station_manager",
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_user", groups="base.group_user"
        )
        cls.station = cls.env["res.partner"].create(
            {
                "name": "Test Station",
                "is_company": True,
                "is_service_station": True,
                "station_code": "T-001",
                "company_id": cls.env.company.id,
                "station_labor_rate": 80,
                "station_travel_rate": 3.5,
                "station_qualification_until": cls.today + timedelta(days=30),
            }
        )

    def test_active_qualified_station_can_submit(self):
        station = self.station.with_user(self.service_user)
        self.assertTrue(station.station_qualified)
        self.assertTrue(station.station_can_submit_claims())
        self.assertFalse(
            station.station_can_submit_claims(self.today + timedelta(days=31))
        )
        found = (
            self.env["res.partner"]
            .with_user(self.service_user)
            .search([("station_qualified", "=", True), ("id", "=", self.station.id)])
        )
        self.assertEqual(found, self.station)

    def test_suspended_station_cannot_submit(self):
        self.station.with_user(self.service_manager).action_station_suspend()
        self.assertEqual(self.station.station_status, "suspended")
        self.assertFalse(self.station.station_can_submit_claims())
        self.station.with_user(self.service_manager).action_station_activate()
        self.assertTrue(self.station.station_can_submit_claims())

    def test_negative_rate_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.station.with_user(self.service_user).write({"station_labor_rate": -1})
        self.assertIn("cannot be negative", str(caught.exception))
        self.assertEqual(self.station.station_labor_rate, 80)

    def test_station_needs_code(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"].create(
                {"name": "No Code", "is_company": True, "is_service_station": True}
            )
        self.assertIn("needs a station code", str(caught.exception))

    def test_duplicate_code_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"].create(
                {
                    "name": "Twin",
                    "is_company": True,
                    "is_service_station": True,
                    "station_code": "T-001",
                    "company_id": self.env.company.id,
                }
            )
        self.assertIn("T-001 is already used", str(caught.exception))
        other_company = self.env["res.company"].create({"name": "Other Maker"})
        twin = self.env["res.partner"].create(
            {
                "name": "Twin elsewhere",
                "is_company": True,
                "is_service_station": True,
                "station_code": "T-001",
                "company_id": other_company.id,
            }
        )
        self.assertEqual(twin.station_code, "T-001")

    def test_user_cannot_change_status(self):
        with self.assertRaises(AccessError) as caught:
            self.station.with_user(self.service_user).action_station_suspend()
        self.assertIn("Only service managers", str(caught.exception))
        self.assertEqual(self.station.station_status, "active")

    def test_rates_readable_but_changed_by_managers_only(self):
        # Readable by every user, so that copying or merging partners never fails on them.
        rate = self.station.with_user(self.plain_user).read(["station_labor_rate"])[0]
        self.assertEqual(rate["station_labor_rate"], self.station.station_labor_rate)
        for user in (self.plain_user, self.service_user):
            with self.assertRaises(AccessError):
                self.station.with_user(user).write({"station_labor_rate": 999.0})
        self.station.invalidate_recordset()
        self.assertEqual(self.station.station_labor_rate, rate["station_labor_rate"])
