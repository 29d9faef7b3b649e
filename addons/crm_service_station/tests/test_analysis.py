# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
import io
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestAnalysis(ServiceCommon):
    def test_quality_keys_and_rate(self):
        self.engine.engine_production_date = self.today - timedelta(days=400)
        second = self.env["stock.lot"].create(
            {
                "name": "T615-0002",
                "product_id": self.engine_product.id,
                "engine_warranty_start": self.today - timedelta(days=50),
            }
        )
        self.assertTrue(second)
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        expected_month = (self.today - timedelta(days=400)).strftime("%Y-%m")
        self.assertEqual(claim.production_month, expected_month)
        self.assertGreaterEqual(claim.months_in_service, 6)
        self.env.flush_all()
        rate = self.env["crm.service.quality.rate"].search(
            [
                ("product_id", "=", self.engine_product.id),
                ("company_id", "=", self.env.company.id),
            ]
        )
        self.assertEqual(rate.units, 2)
        self.assertEqual(rate.claims, 1)
        self.assertEqual(rate.claims_per_thousand, 500.0)
        content = rate._export_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            strings = workbook.read("xl/sharedStrings.xml").decode()
        self.assertIn("Test Engine T615", strings)
        self.assertIn("Injector fault", strings)

    def test_station_evaluation(self):
        Claim = self.env["crm.service.claim"]
        engines = self.env["stock.lot"].create(
            [
                {
                    "name": f"T615-EV{d}",
                    "product_id": self.engine_product.id,
                    "engine_warranty_start": self.today - timedelta(days=200),
                }
                for d in (3, 4, 5)
            ]
        )
        # Clean claims (each with its repair order): approved at first review, no override.
        good = Claim.create(
            [
                self._claim_vals(
                    engine=engine,
                    repair_id=self._repair(engine=engine).id,
                    repair_date=self.today - timedelta(days=d),
                )
                for engine, d in zip(engines, (3, 4, 5), strict=True)
            ]
        )
        bad = Claim.create(self._claim_vals(repair_date=self.today - timedelta(days=6)))
        (good | bad).action_submit()
        self.assertEqual(set(good.mapped("rules_passed")), {True})
        good.action_approve()
        bad.action_reject(self.reason.id)
        repair = self._repair()
        self.env["crm.service.return.visit"].create(
            {"repair_id": repair.id, "satisfaction": "5", "visit_date": self.today}
        )
        evaluations = self.env["crm.service.station.evaluation"]._evaluate_period(
            self.today - timedelta(days=30), self.today, self.station_a | self.station_b
        )
        self.assertEqual(len(evaluations), 2)
        evaluation = evaluations.filtered(lambda e: e.station_id == self.station_a)
        self.assertEqual(evaluation.claims, 4)
        self.assertEqual(evaluation.first_pass_approved, 3)
        self.assertEqual(evaluation.rejected, 1)
        self.assertEqual(evaluation.return_visits, 1)
        self.assertGreater(evaluation.score, 0)
        self.assertTrue(evaluation.recommended_level)
        empty = evaluations - evaluation
        self.assertEqual(empty.claims, 0)
        self.assertFalse(empty.recommended_level)
        with self.assertRaises(AccessError):
            evaluation.with_user(self.service_user).action_apply_level()
        evaluation.with_user(self.service_manager).action_apply_level()
        self.assertEqual(self.station_a.station_level, evaluation.recommended_level)

    def test_evaluation_needs_a_minimum_sample_and_rerun_supersedes(self):
        Evaluation = self.env["crm.service.station.evaluation"]
        period = (self.today - timedelta(days=30), self.today)
        # One completed repair, no claim: 1 < the default minimum sample of 3.
        repair = self._repair()
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        first = Evaluation._evaluate_period(*period, self.station_a)
        self.assertEqual(first.repairs, 1)
        self.assertFalse(first.enough_data)
        self.assertFalse(first.recommended_level)
        self.assertEqual(first.score, 0.0)
        # A minimum of 1 lets the same figures be scored; the rerun supersedes the first.
        self.env["res.config.settings"].create(
            {"crm_service_evaluation_min_sample": 1}
        ).execute()
        second = Evaluation._evaluate_period(*period, self.station_a)
        self.assertTrue(second.enough_data)
        self.assertTrue(second.recommended_level)
        self.assertFalse(first.active)
        self.assertTrue(second.active)
        current = Evaluation.search(
            [
                ("station_id", "=", self.station_a.id),
                ("date_from", "=", period[0]),
                ("date_to", "=", period[1]),
            ]
        )
        self.assertEqual(current, second)
        self.assertEqual(
            Evaluation.with_context(active_test=False).search_count(
                [("station_id", "=", self.station_a.id), ("date_to", "=", period[1])]
            ),
            2,
        )
        # Nobody archives or revives an evaluation by hand.
        with self.assertRaises(AccessError):
            first.with_user(self.service_manager).write({"active": True})
        self.assertFalse(first.active)
