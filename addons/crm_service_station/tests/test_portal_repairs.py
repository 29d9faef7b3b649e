# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_portal import StationPortalCase

FIELDS = [
    "state",
    "station_id",
    "service_mileage_km",
    "service_hours",
    "service_symptom",
    "failure_code_id",
    "service_operation_ids",
]


@tagged("post_install", "-at_install")
class TestStationPortalRepairs(StationPortalCase):
    """Repair orders created and updated by the station in its portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Repair Customer"})
        Request = cls.env["crm.service.request"]
        base = {"partner_id": cls.customer.id, "description": "Hard start"}
        cls.request_a = Request.create(dict(base, station_id=cls.station_a.id))
        cls.request_b = Request.create(dict(base, station_id=cls.station_b.id))
        (cls.request_a | cls.request_b).action_dispatch()

    def _station_repairs(self):
        return self.env["repair.order"].search([("station_id", "=", self.station_a.id)])

    def _data(self, **values):
        data = [
            ("csrf_token", http.Request.csrf_token(self)),
            ("serial", "PORTAL-0001"),
            ("service_mileage_km", "15000"),
            ("service_hours", "300"),
            ("failure_code_id", str(self.failure.id)),
            ("operation_ids", str(self.operation.id)),
            ("service_symptom", "Hard start, black smoke"),
        ]
        drop = {name for name, value in values.items() if value is None}
        data = [(name, value) for name, value in data if name not in values]
        data += [(name, value) for name, value in values.items() if name not in drop]
        return data

    def test_create_repair_in_portal(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open(
            "/my/service/repairs/create",
            data=self._data(
                service_request_id=str(self.request_a.id),
                state="done",
                station_id=str(self.station_b.id),
                under_warranty="0",
            ),
        )
        self.assertEqual(response.status_code, 200)
        repair = self._station_repairs()
        self.assertEqual(len(repair), 1)
        self.assertIn(repair.name, response.text)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(repair.lot_id, self.engine)
        self.assertEqual(repair.product_id, self.engine.product_id)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.service_request_id, self.request_a)
        self.assertEqual(repair.service_mileage_km, 15000)
        self.assertEqual(repair.service_hours, 300)
        self.assertEqual(repair.failure_code_id, self.failure)
        self.assertEqual(repair.service_operation_ids, self.operation)
        self.assertEqual(repair.service_symptom, "Hard start, black smoke")
        self.assertEqual(self.request_a.repair_ids, repair)

    def test_create_bad_input_refused(self):
        self.authenticate("station_a_portal", "station_a_portal")
        cases = [
            ({"serial": "NOPE"}, "There is no engine with the serial number NOPE."),
            ({"serial": None}, "Give the engine serial number."),
            ({"service_symptom": "  "}, "Describe the symptom of the repair."),
            ({"service_mileage_km": "nan"}, "Mileage (km) must be a number"),
            ({"service_hours": "-5"}, "Engine Hours must be a number"),
            (
                {"service_request_id": str(self.request_b.id)},
                "Choose a valid service request.",
            ),
            ({"operation_ids": "99999999"}, "Choose a valid labor operation."),
            ({"service_type": "paid"}, "Choose a valid service type."),
            ({"schedule_date": "2026-02-30"}, "Repair date is not a valid date"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                response = self.url_open(
                    "/my/service/repairs/create", data=self._data(**values)
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(self._station_repairs())

    def test_update_own_draft_repair_only(self):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.engine.product_id.id,
                "lot_id": self.engine.id,
                "station_id": self.station_a.id,
                "partner_id": self.station_a.id,
            }
        )
        self.authenticate("station_a_portal", "station_a_portal")
        page = self.url_open(f"/my/service/repairs/{repair.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/service/repairs/{repair.id}/update", page.text)
        response = self.url_open(
            f"/my/service/repairs/{repair.id}/update",
            data=self._data(
                service_mileage_km="16000",
                service_symptom="Coolant leak",
                station_id=str(self.station_b.id),
                state="done",
            ),
        )
        self.assertIn("The repair order is saved.", response.text)
        self.assertEqual(repair.service_mileage_km, 16000)
        self.assertEqual(repair.service_symptom, "Coolant leak")
        self.assertEqual(repair.station_id, self.station_a)
        self.assertEqual(repair.state, "draft")
        # a bad value changes nothing
        before = repair.read(FIELDS)
        response = self.url_open(
            f"/my/service/repairs/{repair.id}/update",
            data=self._data(service_mileage_km="1", service_symptom=""),
        )
        self.assertIn("Describe the symptom of the repair.", response.text)
        repair.invalidate_recordset()
        self.assertEqual(repair.read(FIELDS), before)
        # no longer a draft: refused
        repair.action_repair_cancel()
        before = repair.read(FIELDS)
        response = self.url_open(
            f"/my/service/repairs/{repair.id}/update", data=self._data()
        )
        self.assertIn(
            f"The repair order {repair.name} is no longer a draft: it cannot be changed"
            " in the portal.",
            response.text,
        )
        repair.invalidate_recordset()
        self.assertEqual(repair.read(FIELDS), before)
        # another station's repair: not found, unchanged
        before = self.repair_b.read(FIELDS)
        for url in (
            f"/my/service/repairs/{self.repair_b.id}",
            f"/my/service/repairs/{self.repair_b.id}/update",
        ):
            with self.subTest(url=url):
                response = (
                    self.url_open(url, data=self._data())
                    if url.endswith("update")
                    else self.url_open(url)
                )
                self.assertEqual(response.status_code, 404)
        self.repair_b.invalidate_recordset()
        self.assertEqual(self.repair_b.read(FIELDS), before)

    def test_orm_writes_refused_for_portal(self):
        Repair = self.env["repair.order"].with_user(self.portal_b)
        with self.assertRaises(AccessError):
            Repair.create(
                {
                    "product_id": self.engine.product_id.id,
                    "lot_id": self.engine.id,
                    "station_id": self.station_b.id,
                    "partner_id": self.station_b.id,
                }
            )
        with self.assertRaises(AccessError):
            self.repair_b.with_user(self.portal_b).write({"service_mileage_km": 1})
        self.assertEqual(self.repair_b.service_mileage_km, 0)
