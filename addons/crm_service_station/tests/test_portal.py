# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..lib.claims import RULE_DECLARATIONS


class StationPortalCase(HttpCase):
    """Two stations with a portal user each, an engine, claims, a repair and settlements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.today = today
        categ = cls.env["product.category"].create({"name": "Portal Engines"})
        cls.env["crm.service.warranty.policy"].create(
            {
                "name": "Portal policy",
                "category_id": categ.id,
                "repair_months": 24,
                "repair_km": 200000,
            }
        )
        product = cls.env["product.product"].create(
            {
                "name": "Portal Engine",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": categ.id,
            }
        )
        cls.engine = cls.env["stock.lot"].create(
            {
                "name": "PORTAL-0001",
                "product_id": product.id,
                "engine_warranty_start": today - timedelta(days=100),
            }
        )
        cls.operation = cls.env["crm.service.labor.operation"].create(
            {"code": "P-OP1", "name": "Portal op", "standard_hours": 2.0}
        )
        cls.failure = cls.env["crm.service.failure.code"].create(
            {"code": "PF1", "name": "Portal fault"}
        )
        cls.part = cls.env["product.product"].create(
            {
                "name": "Portal Injector",
                "default_code": "P-INJ-01",
                "standard_price": 100.0,
            }
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
        cls.station_a = cls.env["res.partner"].create(
            dict(vals, name="Portal Station A", station_code="PA-1")
        )
        cls.station_b = cls.env["res.partner"].create(
            dict(vals, name="Portal Station B", station_code="PB-1")
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="station_a_portal",
            password="station_a_portal",
            groups="base.group_portal",
        )
        cls.portal_a.partner_id.parent_id = cls.station_a
        cls.portal_b = new_test_user(
            cls.env,
            login="station_b_portal",
            password="station_b_portal",
            groups="base.group_portal",
        )
        cls.portal_b.partner_id.parent_id = cls.station_b
        Claim = cls.env["crm.service.claim"]
        line = [Command.create({"kind": "labor", "operation_id": cls.operation.id})]
        cls.claim_a = Claim.create(
            {
                "station_id": cls.station_a.id,
                "lot_id": cls.engine.id,
                "mileage_km": 1000,
                "line_ids": line,
            }
        )
        cls.claim_b = Claim.create(
            {
                "station_id": cls.station_b.id,
                "lot_id": cls.engine.id,
                "mileage_km": 1000,
                "line_ids": line,
            }
        )
        cls.claim_b.action_submit()
        cls.claim_b.action_reject(cls.reason.id)
        cls.claim_b_draft = Claim.create(
            {
                "station_id": cls.station_b.id,
                "lot_id": cls.engine.id,
                "mileage_km": 1000,
                "line_ids": line,
            }
        )
        cls.repair_b = cls.env["repair.order"].create(
            {
                "product_id": product.id,
                "lot_id": cls.engine.id,
                "station_id": cls.station_b.id,
                "partner_id": cls.station_b.id,
            }
        )
        Settlement = cls.env["crm.service.settlement"]
        period = {"date_from": today - timedelta(days=30), "date_to": today}
        cls.settlement_a = Settlement.create(dict(period, station_id=cls.station_a.id))
        cls.settlement_b = Settlement.create(dict(period, station_id=cls.station_b.id))
        cls.other_company = cls.env["res.company"].create(
            {"name": "Portal Other Company"}
        )


@tagged("post_install", "-at_install")
class TestStationPortal(StationPortalCase):
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
        self.assertEqual(len(claim.check_ids), len(RULE_DECLARATIONS))
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

    def _post_claim(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "serial": "PORTAL-0001",
            "failure_code_id": self.failure.id,
            "repair_date": str(self.today - timedelta(days=3)),
            "completion_date": str(self.today - timedelta(days=2)),
            "mileage_km": "12000",
            "operation_id": self.operation.id,
            "hours": "2",
        }
        data.update(values)
        return self.url_open("/my/service/claims/create", data=data)

    def _new_claims(self):
        return self.env["crm.service.claim"].search(
            [
                ("station_id", "in", (self.station_a | self.station_b).ids),
                (
                    "id",
                    "not in",
                    (self.claim_a | self.claim_b | self.claim_b_draft).ids,
                ),
            ]
        )

    def test_orm_writes_refused_for_portal(self):
        """call_kw as the station portal user: no create, write or unlink on claims or lines."""
        claim = self.claim_a.with_user(self.portal_a)
        line = self.claim_a.line_ids[:1]
        before = self.claim_a.read(["labor_rate", "state", "mileage_km", "station_id"])[
            0
        ]
        attacks = [
            {"labor_rate": 1000.0},
            {"state": "submitted"},
            {"approved_amount": 99999.0},
            {"station_id": self.station_b.id},
            {"company_id": self.other_company.id},
            {"mileage_km": 1.0},
        ]
        for vals in attacks:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                claim.write(vals)
        for vals in (
            {"unit_price": 1.0},
            {"hours": 99.0},
            {"return_state": "inspected"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                line.with_user(self.portal_a).write(vals)
        with self.assertRaises(AccessError):
            self.env["crm.service.claim"].with_user(self.portal_a).create(
                {"station_id": self.station_a.id, "lot_id": self.engine.id}
            )
        with self.assertRaises(AccessError):
            line.with_user(self.portal_a).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.service.claim.line"].with_user(self.portal_a).create(
                {"claim_id": self.claim_a.id, "kind": "travel", "travel_km": 10}
            )
        self.claim_a.invalidate_recordset()
        self.assertEqual(
            self.claim_a.read(["labor_rate", "state", "mileage_km", "station_id"])[0],
            before,
        )
        self.assertTrue(line.exists())

    def test_posted_extra_fields_ignored(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self._post_claim(
            part_code="P-INJ-01",
            state="approved",
            approved_amount="99999",
            labor_rate="999",
            travel_rate="999",
            handling_pct="500",
            station_id=str(self.station_b.id),
            company_id=str(self.other_company.id),
            settlement_id=str(self.settlement_b.id),
            unit_price="1",
        )
        self.assertEqual(response.status_code, 200)
        claim = self._new_claims()
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.station_id, self.station_a)
        self.assertEqual(claim.company_id, self.env.company)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.labor_rate, 80.0)
        self.assertEqual(claim.approved_amount, 0.0)
        self.assertFalse(claim.settlement_id)
        part_line = claim.line_ids.filtered(lambda line: line.kind == "part")
        self.assertEqual(part_line.unit_price, 100.0)
        self.assertFalse(self.settlement_b.claim_ids)

    def test_bad_form_values_refused(self):
        self.authenticate("station_a_portal", "station_a_portal")
        attacks = {
            "mileage_km": ("nan", "Mileage (km) must be a number"),
            "hours": ("-1", "Hours must be a number"),
            "part_qty": ("inf", "Quantity must be a number"),
            "travel_km": ("1e308", "Distance (km) must be a number"),
            "other_amount": ("abc", "Other Cost must be a number"),
            "repair_date": ("2026-13-45", "Repair date is not a valid date"),
            "repair_id": (str(self.repair_b.id), "Choose a valid repair order."),
            "failure_code_id": ("999999999999", "Choose a valid failure code."),
            "operation_id": ("-3", "Choose a valid labor operation."),
            "service_type": ("goodwill", "Choose a valid service type."),
        }
        for name, (value, message) in attacks.items():
            with self.subTest(field=name):
                response = self._post_claim(part_code="P-INJ-01", **{name: value})
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(self._new_claims())

    def test_submit_other_station_claim_refused(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open(
            f"/my/service/claims/{self.claim_b_draft.id}/submit",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.claim_b_draft.invalidate_recordset()
        self.assertEqual(self.claim_b_draft.state, "draft")
        # Not readable either
        response = self.url_open(f"/my/service/claims/{self.claim_b_draft.id}")
        self.assertNotIn(self.claim_b_draft.name, response.text)
        # Its own draft claim is submitted through the route
        response = self.url_open(
            f"/my/service/claims/{self.claim_a.id}/submit",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.claim_a.invalidate_recordset()
        self.assertEqual(self.claim_a.state, "submitted")
        # ... once: a submitted claim is not submitted again
        response = self.url_open(
            f"/my/service/claims/{self.claim_a.id}/submit",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Only draft claims can be submitted.", response.text)

    def test_settlement_xlsx_own_only(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open(
            f"/crm_service_station/settlement/{self.settlement_a.id}/xlsx"
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
        response = self.url_open(
            f"/crm_service_station/settlement/{self.settlement_b.id}/xlsx"
        )
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/crm_service_station/settlement/999999/xlsx")
        self.assertEqual(response.status_code, 404)
