# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..lib.claims import RULE_DECLARATIONS
from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestClaim(ServiceCommon):
    def _create(self, **overrides):
        return (
            self.env["crm.service.claim"]
            .with_user(self.service_user)
            .create(self._claim_vals(**overrides))
        )

    def _checks(self, claim):
        return {check.rule: check for check in claim.check_ids}

    def test_amounts(self):
        claim = self._create()
        self.assertTrue(claim.name.startswith("CLM/"))
        self.assertEqual(claim.labor_rate, 80.0)
        self.assertEqual(claim.handling_pct, 10.0)
        self.assertEqual(claim.amount_labor, 160.0)  # 2 h x 80
        self.assertEqual(claim.amount_parts, 220.0)  # 2 x 100 x 1.10
        self.assertEqual(claim.amount_travel, 140.0)  # 40 km x 3.5
        self.assertEqual(claim.amount_total, 520.0)
        self.assertEqual(claim.line_ids.mapped("subtotal"), [160.0, 220.0, 140.0])

    def test_negative_quantity_refused(self):
        claim = self._create()
        line = claim.line_ids.filtered(lambda line: line.kind == "part")
        with self.assertRaises(ValidationError) as caught:
            line.quantity = -1
        self.assertIn("cannot be negative", str(caught.exception))
        self.assertEqual(line.quantity, 2)
        self.assertEqual(claim.amount_total, 520.0)

    def test_submit_stores_every_verdict(self):
        claim = self._create()
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(len(claim.check_ids), len(RULE_DECLARATIONS))
        checks = self._checks(claim)
        self.assertTrue(checks["engine_in_warranty"].passed)
        self.assertTrue(checks["station_authorized"].passed)
        self.assertEqual(checks["engine_in_warranty"].message, "Passed.")
        # No repair order: that rule fails, so the claim is not clean.
        self.assertFalse(checks["repair_order_not_claimed"].passed)
        self.assertEqual(
            checks["repair_order_not_claimed"].message, "The claim has no repair order."
        )
        self.assertFalse(claim.rules_passed)

    def test_clean_claim_auto_approved(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.auto_approve", "True"
        )
        repair = self._repair()
        claim = self._create(repair_id=repair.id)
        claim.action_submit()
        self.assertTrue(
            claim.rules_passed,
            claim.check_ids.filtered(lambda c: not c.passed).mapped("message"),
        )
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_amount, 520.0)

    def test_out_of_warranty_and_late_submission_fail(self):
        claim = self._create(
            mileage_km=250000,
            repair_date=self.today - timedelta(days=60),
            completion_date=self.today - timedelta(days=50),
        )
        claim.action_submit()
        checks = self._checks(claim)
        self.assertFalse(checks["engine_in_warranty"].passed)
        self.assertIn("above the warranty limit", checks["engine_in_warranty"].message)
        self.assertFalse(checks["submission_deadline"].passed)
        self.assertIn("Submitted 50 days after", checks["submission_deadline"].message)

    def test_unknown_engine_fails(self):
        claim = self._create(lot_id=False)
        claim.action_submit()
        checks = self._checks(claim)
        self.assertFalse(checks["engine_exists"].passed)
        self.assertEqual(
            checks["engine_exists"].message, "The engine serial number is unknown."
        )

    def test_duplicate_and_mileage_backwards(self):
        self.env["crm.service.engine.reading"].create(
            {
                "lot_id": self.engine.id,
                "date": self.today - timedelta(days=20),
                "mileage_km": 70000,
            }
        )
        first = self._create()
        first.action_submit()
        second = self._create(repair_date=self.today - timedelta(days=3))
        second.action_submit()
        checks = self._checks(second)
        self.assertFalse(checks["no_duplicate_failure"].passed)
        self.assertFalse(checks["mileage_not_decreasing"].passed)
        self.assertIn(
            "below a previous reading of 70000 km",
            checks["mileage_not_decreasing"].message,
        )

    def test_suspended_station_refused_at_submit(self):
        claim = self._create()
        self.station_a.station_status = "suspended"
        with self.assertRaises(UserError) as caught:
            claim.action_submit()
        self.assertIn("cannot be submitted", str(caught.exception))
        self.assertIn("not active", str(caught.exception))
        self.assertEqual(claim.state, "draft")
        self.assertFalse(claim.check_ids)

    def test_expired_qualification_refused_at_submit(self):
        claim = self._create()
        self.station_a.station_qualification_until = self.today - timedelta(days=10)
        with self.assertRaises(UserError) as caught:
            claim.action_submit()
        self.assertIn("cannot be submitted", str(caught.exception))
        self.assertEqual(claim.state, "draft")

    def test_unauthorized_product_line_fails(self):
        self.station_b.station_product_category_ids = [
            Command.set([self.categ_other.id])
        ]
        claim = self._create(station=self.station_b)
        claim.action_submit()
        self.assertFalse(self._checks(claim)["station_authorized"].passed)

    def test_labor_over_standard_fails(self):
        claim = self._create()
        claim.line_ids.filtered(lambda line: line.kind == "labor").hours = 3
        claim.action_submit()
        self.assertFalse(self._checks(claim)["labor_within_standard"].passed)

    def test_old_part_return(self):
        claim = self._create()
        part = claim.line_ids.filtered(lambda line: line.kind == "part")
        part.return_required = True
        self.assertEqual(claim.old_part_state, "to_return")
        claim.action_submit()
        check = self._checks(claim)["old_parts_returned"]
        self.assertFalse(check.passed)
        self.assertIn("T-INJ", check.message)
        with self.assertRaises(AccessError):
            part.with_user(self.service_user).return_state = "received"
        part.with_user(self.service_user).action_mark_received()
        self.assertEqual(claim.old_part_state, "received")
        # The stored verdict follows the return.
        self.assertTrue(self._checks(claim)["old_parts_returned"].passed)

    def test_submit_without_lines_refused(self):
        claim = self._create(line_ids=[])
        with self.assertRaises(UserError) as caught:
            claim.action_submit()
        self.assertIn("Add at least one line", str(caught.exception))
        self.assertEqual(claim.state, "draft")
        self.assertFalse(claim.check_ids)

    def test_manager_approves_user_cannot(self):
        claim = self._create()
        claim.action_submit()
        with self.assertRaises(AccessError) as caught:
            claim.with_user(self.service_user).action_approve()
        self.assertIn("Only service managers", str(caught.exception))
        with self.assertRaises(AccessError):
            claim.with_user(self.service_user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            claim.with_user(self.service_manager).write({"state": "approved"})
        with self.assertRaises(AccessError):
            claim.with_user(self.plain_user).action_approve()
        self.assertEqual(claim.state, "submitted")
        claim.with_user(self.service_manager).action_start_review()
        self.assertEqual(claim.state, "under_review")
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_amount, claim.amount_total)

    def test_partial_approval_and_rejection(self):
        claim = self._create()
        claim.action_submit()
        manager_claim = claim.with_user(self.service_manager)
        labor = claim.line_ids.filtered(lambda line: line.kind == "labor")
        with self.assertRaises(UserError) as caught:
            manager_claim.action_approve_partially({}, self.OVERRIDE)
        self.assertIn("partial approval", str(caught.exception))
        manager_claim.action_approve_partially(
            {labor.id: {"approved_hours": 0, "reason_id": self.reason.id}},
            self.OVERRIDE,
        )
        self.assertEqual(claim.state, "partially_approved")
        self.assertEqual(claim.approved_amount, 360)  # 520 - the 160 of labor

        other = self._create(repair_date=self.today - timedelta(days=2))
        other.action_submit()
        with self.assertRaises(UserError) as caught:
            other.with_user(self.service_manager).action_reject()
        self.assertIn("Choose a rejection reason", str(caught.exception))
        self.assertEqual(other.state, "submitted")
        other.with_user(self.service_manager).action_reject(self.reason.id)
        self.assertEqual(other.state, "rejected")
        self.assertEqual(other.approved_amount, 0)

    def test_approved_amount_above_claimed_refused(self):
        claim = self._create()
        claim.action_submit()
        with self.assertRaises(AccessError):
            claim.with_user(self.service_manager).approved_amount = 10000
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_approve_partially(
                {claim.line_ids[0].id: {"approved_hours": 10000}}, self.OVERRIDE
            )
        self.assertIn("above its claimed amount", str(caught.exception))
        self.assertEqual(claim.approved_amount, 0)
        self.assertEqual(claim.state, "submitted")

    def test_batch_submit_query_count_does_not_grow(self):
        """Validating 10 claims costs no more queries than validating 2 (plus a margin for
        per-record writes of the ORM's flush)."""
        engines = self.env["stock.lot"].create(
            [
                {
                    "name": f"T615-B{i:03d}",
                    "product_id": self.engine_product.id,
                    "engine_warranty_start": self.today - timedelta(days=100),
                }
                for i in range(12)
            ]
        )
        small = self.env["crm.service.claim"].create(
            [self._claim_vals(engine=engine) for engine in engines[:2]]
        )
        large = self.env["crm.service.claim"].create(
            [self._claim_vals(engine=engine) for engine in engines[2:]]
        )
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        small._run_validation(self.today, small._claim_settings())
        small_count = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        large._run_validation(self.today, large._claim_settings())
        large_count = self.env.cr.sql_log_count - before
        self.assertLessEqual(large_count, small_count + 2, (small_count, large_count))
