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
        self._trigger_engine()

    def _trigger_engine(self):
        engine = self.env["stock.lot"].create(
            {
                "name": "T615-TRIG",
                "product_id": self.engine_product.id,
                "engine_household": True,
                "engine_warranty_start": self.today - timedelta(days=100),
            }
        )
        self.assertFalse(engine.engine_replacement_flag)
        repairs = self.env["repair.order"]
        for days in (90, 60, 30):
            repairs |= self._repair(
                engine=engine,
                failure_code_id=self.failure_serious.id,
                schedule_date=self.today - timedelta(days=days),
                service_mileage_km=10100 - days,
            )
        # Draft repairs are not repairs carried out: they do not count.
        self.assertFalse(engine.engine_replacement_flag)
        for repair in repairs:
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        self.assertEqual(set(repairs.mapped("state")), {"done"})
        self.assertTrue(engine.engine_replacement_flag)
        self.assertIn(
            "serious fault persists after 2 repairs", engine.engine_trigger_note
        )
        return engine

    def _save_settings(self, **values):
        self.env["res.config.settings"].create(values).execute()

    def test_household_thresholds_are_settings(self):
        self.env["crm.service.warranty.policy"].create(
            {
                "name": "Household",
                "category_id": self.categ_heavy.id,
                "household": True,
                "repair_months": 12,
                "repair_km": 30000,
            }
        )
        engine = self._trigger_engine()
        self.assertTrue(engine.engine_policy_id.household)
        # The 3 repairs took 90 + 60 + 30 days: above 30 days in repair as well.
        self.assertIn("Total repair time exceeds 30 days", engine.engine_trigger_note)
        # No trigger once 3 repairs of a serious fault and 365 days are allowed
        self._save_settings(
            crm_service_household_serious_fault_repairs=3,
            crm_service_household_max_repair_days=365,
        )
        self.assertFalse(engine.engine_replacement_flag)
        self.assertFalse(engine.engine_trigger_note)
        self._save_settings(
            crm_service_household_serious_fault_repairs=1,
            crm_service_household_max_repair_days=365,
        )
        self.assertTrue(engine.engine_replacement_flag)
        self.assertIn(
            "serious fault persists after 1 repairs", engine.engine_trigger_note
        )
        # the minimum repair warranty: 36 months by law, 48 when configured
        self.assertEqual(
            engine.engine_warranty_end, add_months(engine.engine_warranty_start, 36)
        )
        self._save_settings(crm_service_household_repair_months=48)
        self.assertEqual(
            engine.engine_warranty_end, add_months(engine.engine_warranty_start, 48)
        )

    def test_household_threshold_bounds(self):
        with self.assertRaises(ValidationError) as caught:
            self._save_settings(crm_service_household_engine_replacements=0)
        self.assertIn("between 1 and 100", str(caught.exception))
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_service_station.household_engine_replacements"),
            False,
        )

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
