# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..lib.common import add_months
from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestPolicyEngine(ServiceCommon):
    def test_engine_gets_policy_and_warranty_end(self):
        self.assertEqual(self.engine.engine_policy_id, self.policy)
        self.assertEqual(
            self.engine.engine_warranty_end,
            add_months(self.engine.engine_warranty_start, 24),
        )
        self.assertEqual(self.engine.engine_warranty_km, 200000)

    def test_household_policy_preferred_for_household_engine(self):
        household = self.env["crm.service.warranty.policy"].create(
            {
                "name": "Household",
                "category_id": self.categ_heavy.id,
                "household": True,
                "repair_months": 12,
                "repair_km": 30000,
            }
        )
        engine = self.env["stock.lot"].create(
            {
                "name": "T615-HH",
                "product_id": self.engine_product.id,
                "engine_household": True,
                "engine_warranty_start": self.today,
            }
        )
        self.assertEqual(engine.engine_policy_id, household)
        # The statutory minimums lift the policy's own limits: 36 months / 60,000 km.
        self.assertEqual(engine.engine_warranty_end, add_months(self.today, 36))
        self.assertEqual(engine.engine_warranty_km, 60000)

    def test_invalid_first_service_window_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.policy.write({"first_service_min_km": 3000})
        self.assertIn("is above its maximum", str(caught.exception))
        self.assertEqual(self.policy.first_service_min_km, 1500)

    def test_negative_limit_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.policy.write({"repair_km": -1})
        self.assertIn("must not be negative", str(caught.exception))
        self.assertEqual(self.policy.repair_km, 200000)

    def test_user_cannot_edit_policy(self):
        with self.assertRaises(AccessError):
            self.policy.with_user(self.service_user).write({"repair_months": 36})
        self.assertEqual(self.policy.repair_months, 24)

    def test_readings_never_decrease(self):
        Reading = self.env["crm.service.engine.reading"].with_user(self.service_user)
        Reading.create(
            {
                "lot_id": self.engine.id,
                "date": self.today - timedelta(days=10),
                "mileage_km": 40000,
            }
        )
        self.assertEqual(self.engine.engine_mileage_km, 40000)
        with self.assertRaises(ValidationError) as caught:
            Reading.create(
                {"lot_id": self.engine.id, "date": self.today, "mileage_km": 39000}
            )
        self.assertIn("is lower than the previous reading 40000", str(caught.exception))
        # A reading dated before an existing one cannot be above it either.
        with self.assertRaises(ValidationError):
            Reading.create(
                {
                    "lot_id": self.engine.id,
                    "date": self.today - timedelta(days=20),
                    "mileage_km": 45000,
                }
            )
        self.assertEqual(len(self.engine.engine_reading_ids), 1)
        Reading.create(
            {"lot_id": self.engine.id, "date": self.today, "mileage_km": 40000}
        )
        self.assertEqual(len(self.engine.engine_reading_ids), 2)

    def test_replacement_trigger_flag(self):
        engine = self.env["stock.lot"].create(
            {
                "name": "T615-TRIG",
                "product_id": self.engine_product.id,
                "engine_household": True,
                "engine_warranty_start": self.today - timedelta(days=100),
            }
        )
        self.assertFalse(engine.engine_replacement_flag)
        for days in (90, 60, 30):
            self._repair(
                engine=engine,
                failure_code_id=self.failure_serious.id,
                schedule_date=self.today - timedelta(days=days),
                service_mileage_km=10000 + days,
            )
        self.assertTrue(engine.engine_replacement_flag)
        self.assertIn("serious fault persists", engine.engine_trigger_note)

    def test_smart_button_counts(self):
        self._repair()
        self.env["crm.service.claim"].create(self._claim_vals())
        self.env["crm.service.request"].create(
            {"lot_id": self.engine.id, "description": "call"}
        )
        engine = self.engine.with_user(self.service_user)
        self.assertEqual(engine.engine_repair_count, 1)
        self.assertEqual(engine.engine_claim_count, 1)
        self.assertEqual(engine.engine_request_count, 1)
        action = engine.action_view_engine_claims()
        self.assertEqual(action["domain"], [("lot_id", "=", self.engine.id)])
        station = self.station_a.with_user(self.service_user)
        self.assertEqual(station.station_claim_count, 1)
        self.assertEqual(station.station_repair_count, 1)
