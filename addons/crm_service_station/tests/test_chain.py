# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The after-sales chain: a request creates its repair order, closing the repair proposes the
claim and plans the return visit, and each document opens the others."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_adjud import RestrictedUsersCommon


@tagged("post_install", "-at_install")
class TestServiceChain(RestrictedUsersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Chain Logistics"})
        cls.part_consu = cls.env["product.product"].create(
            {"name": "Chain Injector", "type": "consu", "standard_price": 100.0}
        )
        cls.filter_consu = cls.env["product.product"].create(
            {"name": "Chain Filter", "type": "consu", "standard_price": 25.0}
        )

    def _request(self, **overrides):
        vals = {
            "request_type": "repair_request",
            "partner_id": self.customer.id,
            "lot_id": self.engine.id,
            "station_id": self.station_a.id,
            "description": "Hard start, black smoke",
        }
        vals.update(overrides)
        return self.env["crm.service.request"].with_user(self.service_user).create(vals)

    def _finish(self, repair, parts=()):
        """Add the parts (product, quantity) and run the repair to done."""
        repair.move_ids = [
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": quantity,
                    "repair_line_type": "add",
                }
            )
            for product, quantity in parts
        ]
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    # ------------------------------------------------------------ request -> repair
    def test_request_creates_its_repair_order(self):
        request = self._request()
        action = request.action_create_repair()
        repair = request.repair_ids
        self.assertEqual(len(repair), 1)
        self.assertEqual(action["res_id"], repair.id)
        self.assertEqual(repair.service_request_id, request)
        self.assertEqual(repair.station_id, self.station_a)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.lot_id, self.engine)
        self.assertEqual(repair.product_id, self.engine_product)
        self.assertEqual(repair.service_symptom, "Hard start, black smoke")
        self.assertEqual(request.repair_count, 1)
        # and back from the repair to the request
        back = repair.action_view_service_request()
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("crm.service.request", request.id)
        )

    def test_closed_request_creates_no_repair(self):
        request = self._request(reply="Done by phone", satisfaction="4")
        request.action_reply()
        request.action_close()
        with self.assertRaises(UserError) as caught:
            request.action_create_repair()
        self.assertEqual(
            str(caught.exception),
            f"The request {request.name} is closed or cancelled: no repair order can be"
            " created from it.",
        )
        self.assertFalse(
            self.env["repair.order"].search([("service_request_id", "=", request.id)])
        )
        cancelled = self._request()
        cancelled.action_cancel()
        with self.assertRaises(UserError):
            cancelled.action_create_repair()
        self.assertFalse(cancelled.repair_ids)

    def test_request_without_station_or_engine_refused(self):
        request = self._request(station_id=False)
        with self.assertRaises(UserError) as caught:
            request.action_create_repair()
        self.assertEqual(
            str(caught.exception),
            f"Choose the service station of the request {request.name} before creating"
            " its repair order.",
        )
        request = self._request(lot_id=False)
        with self.assertRaises(UserError) as caught:
            request.action_create_repair()
        self.assertEqual(
            str(caught.exception),
            f"Give the engine serial of the request {request.name} before creating its"
            " repair order.",
        )
        self.assertFalse(
            self.env["repair.order"].search([("service_request_id", "in", request.ids)])
        )

    def test_plain_portal_and_other_company_users_refused(self):
        request = self._request()
        for user in (self.plain_user, self.portal_user, self.other_manager):
            with self.assertRaises(AccessError):
                request.with_user(user).action_create_repair()
        self.assertFalse(request.repair_ids)

    # ------------------------------------------------------------ repair done -> claim
    def test_done_repair_proposes_the_claim_and_plans_the_return_visit(self):
        request = self._request()
        request.action_create_repair()
        repair = request.repair_ids
        repair.write(
            {
                "service_mileage_km": 50000,
                "failure_code_id": self.failure.id,
                "service_operation_ids": [Command.set(self.operation.ids)],
            }
        )
        self._finish(repair, [(self.part_consu, 2), (self.filter_consu, 1)])
        claim = repair.service_claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.service_type, "warranty")
        self.assertEqual(claim.station_id, self.station_a)
        self.assertEqual(claim.lot_id, self.engine)
        self.assertEqual(claim.failure_code_id, self.failure)
        self.assertEqual(claim.mileage_km, 50000)
        self.assertEqual(claim.completion_date, self.today)
        self.assertEqual(claim.service_request_id, request)
        labor = claim.line_ids.filtered(lambda line: line.kind == "labor")
        parts = claim.line_ids.filtered(lambda line: line.kind == "part")
        self.assertEqual(labor.operation_id, self.operation)
        self.assertEqual(labor.subtotal, 160.0)  # 2 h x 80 / h
        self.assertEqual(
            sorted((line.product_id.name, line.quantity) for line in parts),
            [("Chain Filter", 1.0), ("Chain Injector", 2.0)],
        )
        # parts + 10 % handling: 2 x 100 x 1.1 = 220, 1 x 25 x 1.1 = 27.50
        self.assertEqual(sorted(parts.mapped("subtotal")), [27.5, 220.0])
        self.assertEqual(claim.amount_total, 407.5)
        self.assertEqual(request.claim_count, 1)
        # the return visit: an activity due in 3 days for the request's receiver
        activity = repair.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("crm_service_station.mail_activity_type_return_visit"),
        )
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=3))
        self.assertEqual(activity.user_id, self.service_user)
        # no duplicate on a second proposal; the visit made closes the activity
        self.assertFalse(repair._propose_claims())
        self.assertFalse(repair._plan_return_visits())
        visit = (
            self.env["crm.service.return.visit"]
            .with_user(self.service_user)
            .create({"repair_id": repair.id, "satisfaction": "5"})
        )
        repair.invalidate_recordset(["activity_ids"])
        self.assertFalse(repair.activity_ids)
        self.assertFalse(activity.exists())
        self.assertEqual(visit.service_request_id, request)
        self.assertEqual(request.visit_count, 1)
        self.assertEqual(claim.visit_count, 1)
        self.assertEqual(claim.action_view_repair()["res_id"], repair.id)
        self.assertEqual(claim.action_view_service_request()["res_id"], request.id)

    def test_free_maintenance_claim_and_return_visit_days_setting(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.return_visit_days", "5"
        )
        new_engine = self.env["stock.lot"].create(
            {
                "name": "T615-NEW",
                "product_id": self.engine_product.id,
                "engine_warranty_start": self.today - timedelta(days=10),
            }
        )
        repair = self._repair(
            engine=new_engine, service_type="free_maintenance", service_mileage_km=2000
        )
        self.assertTrue(repair.warranty_eligible)
        self._finish(repair, [(self.filter_consu, 4)])
        claim = repair.service_claim_ids
        self.assertEqual(claim.service_type, "free_maintenance")
        self.assertEqual(claim.line_ids.quantity, 4.0)
        self.assertEqual(claim.amount_total, 110.0)  # 4 x 25 x 1.1
        self.assertEqual(
            repair.activity_ids.date_deadline, self.today + timedelta(days=5)
        )
        # a value typed by hand outside the settings bounds gives the default (3 days)
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.return_visit_days", "-4"
        )
        other = self._finish(self._repair(service_type="paid"))
        self.assertEqual(
            other.activity_ids.date_deadline, self.today + timedelta(days=3)
        )

    def test_no_claim_for_paid_or_uncovered_repair_or_existing_claim(self):
        paid = self._finish(self._repair(service_type="paid"))
        self.assertFalse(paid.service_claim_ids)
        claimed = self._repair()
        existing = self.env["crm.service.claim"].create(
            self._claim_vals(repair_id=claimed.id)
        )
        self._finish(claimed)
        self.assertEqual(claimed.service_claim_ids, existing)
        expired = self._finish(self._repair(service_mileage_km=250000))
        self.assertEqual(expired.warranty_reason, "expired_by_km")
        self.assertFalse(expired.service_claim_ids)
        self.assertTrue(
            expired.activity_ids
        )  # the customer is called back all the same

    def test_claim_proposal_queries_do_not_grow_with_parts(self):
        def proposal_queries(parts):
            repair = self._finish(self._repair(), parts)
            repair.service_claim_ids.unlink()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            claim = repair._propose_claims()
            self.env.flush_all()
            self.assertEqual(len(claim.line_ids), len(parts))
            return self.env.cr.sql_log_count - before

        two = [(self.part_consu, 1), (self.filter_consu, 2)]
        proposal_queries(two)  # warm the caches
        few = proposal_queries(two)
        many = proposal_queries(two * 4)
        self.assertEqual(few, many)

    def test_smart_buttons_reach_the_settlement(self):
        request = self._request()
        request.action_create_repair()
        repair = request.repair_ids
        repair.write(
            {"service_operation_ids": self.operation.ids, "service_mileage_km": 50000}
        )
        self._finish(repair, [(self.part_consu, 2)])
        claim = repair.service_claim_ids
        self.assertEqual(claim.amount_total, 380.0)  # 2 h x 80 + 2 x 100 x 1.1
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        settlement = self.env["crm.service.settlement"]._settle_period(
            self.today - timedelta(days=30), self.today, self.station_a
        )
        self.assertEqual(claim.settlement_id, settlement)
        self.assertEqual(request.settlement_count, 1)
        self.assertEqual(repair.service_settlement_count, 1)
        self.assertEqual(settlement.repair_count, 1)
        self.assertEqual(request.action_view_settlements()["res_id"], settlement.id)
        self.assertEqual(claim.action_view_settlement()["res_id"], settlement.id)
        self.assertEqual(settlement.action_view_repairs()["res_id"], repair.id)
        self.assertEqual(settlement.action_view_claims()["res_id"], claim.id)
        self.assertEqual(request.action_view_claims()["res_id"], claim.id)
        self.assertEqual(request.action_view_repairs()["res_id"], repair.id)
