# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestStationPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.today = today
        categ = cls.env["product.category"].create({"name": "Portal Engines"})
        cls.env["crm.service.warranty.policy"].create(
            {"name": "Portal policy", "category_id": categ.id, "repair_months": 24, "repair_km": 200000}
        )
        product = cls.env["product.product"].create(
            {"name": "Portal Engine", "is_storable": True, "tracking": "serial", "categ_id": categ.id}
        )
        cls.engine = cls.env["stock.lot"].create(
            {"name": "PORTAL-0001", "product_id": product.id, "engine_warranty_start": today - timedelta(days=100)}
        )
        cls.operation = cls.env["crm.service.labor.operation"].create(
            {"code": "P-OP1", "name": "Portal op", "standard_hours": 2.0}
        )
        cls.failure = cls.env["crm.service.failure.code"].create({"code": "PF1", "name": "Portal fault"})
        cls.part = cls.env["product.product"].create(
            {"name": "Portal Injector", "default_code": "P-INJ-01", "standard_price": 100.0}
        )
        cls.reason = cls.env["crm.service.reject.reason"].create(
            {"code": "PR1", "name": "Misuse", "description": "Damage caused by misuse."}
        )
        vals = {
            "is_company": True,
            "is_service_station": True,
            "station_labor_rate": 80.0,
            "station_travel_rate": 3.0,
            "station_qualification_until": today + timedelta(days=300),
            "station_product_category_ids": [Command.set([categ.id])],
        }
        cls.station_a = cls.env["res.partner"].create(dict(vals, name="Portal Station A", station_code="PA-1"))
        cls.station_b = cls.env["res.partner"].create(dict(vals, name="Portal Station B", station_code="PB-1"))
        cls.portal_a = new_test_user(
            cls.env, login="station_a_portal", password="station_a_portal", groups="base.group_portal"
        )
        cls.portal_a.partner_id.parent_id = cls.station_a
        cls.portal_b = new_test_user(
            cls.env, login="station_b_portal", password="station_b_portal", groups="base.group_portal"
        )
        cls.portal_b.partner_id.parent_id = cls.station_b
        Claim = cls.env["crm.service.claim"]
        line = [Command.create({"kind": "labor", "operation_id": cls.operation.id})]
        cls.claim_a = Claim.create(
            {"station_id": cls.station_a.id, "lot_id": cls.engine.id, "mileage_km": 1000, "line_ids": line}
        )
        cls.claim_b = Claim.create(
            {"station_id": cls.station_b.id, "lot_id": cls.engine.id, "mileage_km": 1000, "line_ids": line}
        )
        cls.claim_b.action_submit()
        cls.claim_b.reject_reason_id = cls.reason
        cls.claim_b.action_reject()

    def test_station_user_reads_only_own_claims(self):
        Claim = self.env["crm.service.claim"].with_user(self.portal_a)
        self.assertEqual(Claim.search([]), self.claim_a)
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.portal_a).read(["name"])

    def test_portal_pages(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open("/my/service/claims")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.claim_a.name, response.text)
        self.assertNotIn(self.claim_b.name, response.text)
        # Another station's claim is not shown: the user is sent back to the portal home.
        response = self.url_open(f"/my/service/claims/{self.claim_b.id}")
        self.assertNotIn(self.claim_b.name, response.text)
        self.assertTrue(response.url.endswith("/my"), response.url)

    def test_rejection_reason_visible_to_its_station(self):
        self.authenticate("station_b_portal", "station_b_portal")
        response = self.url_open(f"/my/service/claims/{self.claim_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Damage caused by misuse.", response.text)

    def test_create_and_submit_claim(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open(
            "/my/service/claims/create",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "serial": "PORTAL-0001",
                "failure_code_id": self.failure.id,
                "service_type": "warranty",
                "repair_date": str(self.today - timedelta(days=3)),
                "completion_date": str(self.today - timedelta(days=2)),
                "mileage_km": "12000",
                "operation_id": self.operation.id,
                "hours": "2",
                "travel_km": "30",
                "part_code": "P-INJ-01",
                "part_qty": "2",
                "submit": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        claim = self.env["crm.service.claim"].search(
            [("station_id", "=", self.station_a.id), ("id", "!=", self.claim_a.id)]
        )
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.lot_id, self.engine)
        part_line = claim.line_ids.filtered(lambda line: line.kind == "part")
        self.assertEqual(part_line.product_id, self.part)
        self.assertEqual(part_line.quantity, 2)
        self.assertEqual(part_line.unit_price, 100.0)
        # 2 h x 80 + 30 km x 3, plus the part with the maker's handling percentage
        self.assertEqual(claim.amount_total, 250.0 + part_line.subtotal)
        self.assertGreaterEqual(part_line.subtotal, 200.0)
        self.assertEqual(len(claim.check_ids), 10)
        self.assertIn(claim.name, response.text)

    def test_unknown_part_number_refused(self):
        self.authenticate("station_a_portal", "station_a_portal")
        before = self.env["crm.service.claim"].search_count([])
        response = self.url_open(
            "/my/service/claims/create",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "serial": "PORTAL-0001",
                "repair_date": str(self.today - timedelta(days=3)),
                "part_code": "NO-SUCH-PART",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("There is no part with the number NO-SUCH-PART.", response.text)
        self.assertEqual(self.env["crm.service.claim"].search_count([]), before)
