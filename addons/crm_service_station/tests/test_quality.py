# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from ast import literal_eval
from datetime import date
import io

import openpyxl
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import date_utils, mute_logger

from ..lib.common import full_months_between
from .common import ServiceCommon

PRODUCED = date(2024, 1, 10)
SOLD = date(2024, 2, 1)


@tagged("post_install", "-at_install")
class TestQualityAnalysis(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Quality Co 2"})
        cls.user_env = cls.env(user=cls.service_user)

    def _engines(self, prefix, count, product=None, sold=SOLD, **vals):
        return self.env["stock.lot"].create(
            [
                dict(
                    {
                        "name": f"{prefix}-{index}",
                        "product_id": (product or self.engine_product).id,
                        "engine_production_date": PRODUCED,
                        "engine_warranty_start": sold,
                        "company_id": self.env.company.id,
                    },
                    **vals,
                )
                for index in range(count)
            ]
        )

    def _submitted(self, engine, repair_date, **vals):
        claim = self.env["crm.service.claim"].create(
            self._claim_vals(
                engine=engine,
                repair_date=repair_date,
                completion_date=repair_date,
                **vals,
            )
        )
        claim.action_submit()
        return claim

    # ------------------------------------------------------------------ cohorts
    def _cohort_groups(self, groupby, env=None, domain=()):
        Cohort = (env or self.user_env)["crm.service.quality.cohort"]
        return {
            group[groupby] if groupby else None: (
                group["engines"],
                group["claims"],
                group["claims_per_thousand"],
            )
            for group in Cohort.read_group(
                [("product_id", "=", self.engine_product.id), *domain],
                ["engines", "claims", "claims_per_thousand"],
                [groupby] if groupby else [],
                lazy=False,
            )
        }

    def test_claims_per_thousand_by_cohort_and_month_in_service(self):
        old = self._engines("Q-OLD", 4)
        # Sold exactly two months ago: it has reached months in service 0, 1 and 2 only.
        self._engines("Q-NEW", 1, sold=date_utils.subtract(self.today, months=2))
        # Counted: submitted claims at 3 months (2024-02-01 -> 2024-05-01) and 14 months
        # (-> 2025-04-15).
        at_3 = self._submitted(old[0], date(2024, 5, 1))
        at_14 = self._submitted(old[1], date(2025, 4, 15))
        self.assertEqual((at_3.months_in_service, at_14.months_in_service), (3, 14))
        # Not counted: a draft (not filed) and a rejected claim (no warranty failure).
        draft = self.env["crm.service.claim"].create(
            self._claim_vals(engine=old[2], repair_date=date(2024, 5, 2))
        )
        rejected = self._submitted(old[3], date(2024, 5, 3))
        rejected.with_user(self.service_manager).action_reject(self.reason.id)
        self.assertEqual((draft.state, rejected.state), ("draft", "rejected"))
        # Not counted in this company: a claim of company 2 on its own engine of the model.
        other = self._engines("Q-CO2", 1, company_id=self.company2.id)
        other_claim = self._submitted(
            other, date(2024, 5, 1), company_id=self.company2.id
        )
        self.assertEqual(other_claim.company_id, self.company2)
        self.env.flush_all()

        cohort = [("production_month", "=", "2024-01")]
        # Cohort model A × 2024-01: 5 engines (4 old + 1 young), 2 claims: 2 × 1000 / 5 = 400.
        by_month = self._cohort_groups("production_month", domain=cohort)
        self.assertEqual(by_month, {"2024-01": (5, 2, 400.0)})
        by_mis = self._cohort_groups("months_in_service", domain=cohort)
        # Months 0-2: the 5 engines, no claim. Month 3: the 4 old engines (the young one has
        # not reached it), 1 claim: 1000 / 4 = 250. Month 14: 4 engines, 1 claim: 250.
        # 2024-02-01 -> 2026-12 gives the old engines 34 whole months at most.
        self.assertEqual(by_mis[0], (5, 0, 0.0))
        self.assertEqual(by_mis[2], (5, 0, 0.0))
        self.assertEqual(by_mis[3], (4, 1, 250.0))
        self.assertEqual(by_mis[4], (4, 0, 0.0))
        self.assertEqual(by_mis[14], (4, 1, 250.0))
        self.assertEqual(max(by_mis), full_months_between(SOLD, self.today))
        # The whole model adds the common engine (no production date, sold 200 days ago):
        # 6 engines, 2 claims: 2000 / 6.
        total = self._cohort_groups(None)[None]
        self.assertEqual(total[:2], (6, 2))
        self.assertAlmostEqual(total[2], 333.3333333, places=6)
        # Company 2's user sees only company 2's engine and claim: 1 engine, 1 claim, 1000.
        co2_user = new_test_user(
            self.env,
            login="css_quality_co2",
            groups="crm_service_station.group_crm_service_station_user",
            company_id=self.company2.id,
            company_ids=[Command.set(self.company2.ids)],
        )
        co2_env = self.env(user=co2_user)
        self.assertEqual(
            self._cohort_groups("production_month", env=co2_env, domain=cohort),
            {"2024-01": (1, 1, 1000.0)},
        )
        rows = co2_env["crm.service.quality.cohort"].search([])
        self.assertEqual(rows.company_id, self.company2)
        # Outside the service groups: refused.
        with self.assertRaises(AccessError):
            self.env(user=self.plain_user)["crm.service.quality.cohort"].search([])

    def test_cohort_read_group_query_count_is_flat(self):
        self._engines("Q-QC", 3)
        self.env.flush_all()
        Cohort = self.env(user=self.service_user)["crm.service.quality.cohort"]
        Cohort.read_group(
            [], ["engines", "claims_per_thousand"], ["months_in_service"]
        )  # warm the caches (access rules)
        with self.assertQueryCount(1):
            Cohort.read_group(
                [], ["engines", "claims_per_thousand"], ["months_in_service"]
            )
        self._engines("Q-QD", 30)
        self.env.flush_all()
        with self.assertQueryCount(1):
            Cohort.read_group(
                [], ["engines", "claims_per_thousand"], ["months_in_service"]
            )

    # ---------------------------------------------------------------- parts PPM
    def test_parts_ppm_by_part_and_engine_model(self):
        model_b = self.env["product.product"].create(
            {
                "name": "Test Engine B",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": self.categ_heavy.id,
            }
        )
        pump = self.env["product.product"].create({"name": "Test Water Pump"})
        Parts = self.env["crm.service.engine.part"]
        Parts.create(
            [
                {
                    "engine_product_id": model_b.id,
                    "part_id": self.part.id,
                    "quantity": 6,
                },
                {"engine_product_id": model_b.id, "part_id": pump.id, "quantity": 1},
            ]
        )
        engines = self._engines("Q-B", 3, product=model_b, sold=date(2026, 1, 5))
        today = self.today
        # Approved in full: 2 injectors. Partly approved: 3 claimed, 1 approved.
        full = self._submitted(engines[0], today)
        full.with_user(self.service_manager).action_approve(self.OVERRIDE)
        partial = self._submitted(
            engines[1],
            today,
            line_ids=[
                Command.create({"kind": "labor", "operation_id": self.operation.id}),
                Command.create(
                    {"kind": "part", "product_id": self.part.id, "quantity": 3}
                ),
            ],
        )
        line = partial.line_ids.filtered(lambda x: x.kind == "part")
        partial.with_user(self.service_manager).action_approve_partially(
            {line.id: {"approved_quantity": 1, "reason_id": self.reason.id}},
            self.OVERRIDE,
        )
        # Not counted: a claim still submitted and a rejected one (2 parts each).
        self._submitted(engines[2], today)
        rejected = self._submitted(engines[2], today)
        rejected.with_user(self.service_manager).action_reject(self.reason.id)
        self.env.flush_all()
        Ppm = self.env(user=self.service_user)["crm.service.quality.ppm"]
        rows = Ppm.search([("product_id", "=", model_b.id)])
        figures = {
            row.part_id: (row.engines, row.installed, row.failed, row.ppm)
            for row in rows
        }
        # Injectors: 3 engines × 6 = 18 installed, 2 + 1 replaced: 3 × 1e6 / 18 = 166,666.67.
        self.assertEqual(figures[self.part][:3], (3, 18, 3))
        self.assertAlmostEqual(figures[self.part][3], 166_666.666667, places=3)
        # Water pumps: 3 installed, none replaced.
        self.assertEqual(figures[pump], (3, 3, 0, 0.0))
        # Per engine model in the pivot: 21 installed, 3 replaced: 3e6 / 21 = 142,857.14 (the
        # ratio of the sums, not the sum of the rows' PPM).
        [group] = Ppm.read_group(
            [("product_id", "=", model_b.id)],
            ["installed", "failed", "ppm"],
            ["product_id"],
        )
        self.assertEqual((group["installed"], group["failed"]), (21, 3))
        self.assertAlmostEqual(group["ppm"], 142_857.142857, places=3)
        with self.assertRaises(AccessError):
            self.env(user=self.plain_user)["crm.service.quality.ppm"].search([])

        # The workbook's Parts PPM sheet: the same figures, frozen header, autofilter, and a
        # totals row whose PPM is the ratio of the totals.
        content = self.user_env["crm.service.quality.rate"]._export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Parts PPM"]
        self.assertEqual(sheet.freeze_panes, "B2")
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            ["Part", "Engine Model", "Parts Installed", "Parts Replaced", "Parts PPM"],
        )
        last = sheet.max_row
        self.assertEqual(sheet.auto_filter.ref, f"A1:E{last - 1}")
        data = list(sheet.iter_rows(min_row=2, max_row=last - 1, values_only=True))
        mine = {row[0]: row[2:] for row in data if row[1] == model_b.display_name}
        self.assertEqual(mine[self.part.display_name][:2], (18, 3))
        self.assertAlmostEqual(
            mine[self.part.display_name][2], 166_666.666667, places=3
        )
        self.assertEqual(mine[pump.display_name], (3, 0, 0))
        self.assertEqual(
            [sheet.cell(last, col).value for col in (1, 3, 4, 5)],
            [
                "Total",
                f"=SUM(C2:C{last - 1})",
                f"=SUM(D2:D{last - 1})",
                f"=IF(C{last}=0,0,D{last}*1000000/C{last})",
            ],
        )
        cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)[
            "Parts PPM"
        ]
        installed = sum(row[2] for row in data)
        failed = sum(row[3] for row in data)
        self.assertEqual(cached.cell(last, 3).value, installed)
        self.assertAlmostEqual(
            cached.cell(last, 5).value, failed * 1_000_000 / installed, places=6
        )

    def test_engine_parts_list_bad_input(self):
        Parts = self.env["crm.service.engine.part"]
        row = Parts.create(
            {
                "engine_product_id": self.engine_product.id,
                "part_id": self.part.id,
                "quantity": 6,
            }
        )
        for vals in (
            {"quantity": 0},
            {"quantity": -2},
            {"part_id": self.engine_product.id},
        ):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    row.write(vals)
                    row.flush_recordset()
            row.invalidate_recordset()
            self.assertEqual((row.quantity, row.part_id), (6, self.part))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Parts.create(
                    {
                        "engine_product_id": self.engine_product.id,
                        "part_id": self.part.id,
                        "quantity": 1,
                    }
                )
        self.assertEqual(
            Parts.search_count([("engine_product_id", "=", self.engine_product.id)]), 1
        )
        # Service users read the list; only managers change it.
        with self.assertRaises(AccessError):
            row.with_user(self.service_user).write({"quantity": 4})
        self.assertEqual(row.quantity, 6)
        row.with_user(self.service_manager).write({"quantity": 4})
        self.assertEqual(row.quantity, 4)

    # ------------------------------------------------------- failures, complaints
    def test_top_failures_and_complaints(self):
        engines = self._engines("Q-TF", 3, sold=date(2026, 1, 5))
        first = self._submitted(engines[0], self.today)
        first.with_user(self.service_manager).action_approve(self.OVERRIDE)
        second = self._submitted(engines[1], self.today)
        serious = self._submitted(
            engines[2], self.today, failure_code_id=self.failure_serious.id
        )
        serious.with_user(self.service_manager).action_approve(self.OVERRIDE)
        draft = self.env["crm.service.claim"].create(
            self._claim_vals(engine=engines[2])
        )
        self.assertEqual(draft.state, "draft")
        self.env.flush_all()
        Failure = self.env(user=self.service_manager)["crm.service.quality.failure"]
        groups = Failure.read_group(
            [("product_id", "=", self.engine_product.id)],
            ["claims", "approved_amount"],
            ["failure_code_id"],
            orderby="claims desc",
        )
        # TF1: the approved claim (its claimed amount) and the one under review (0 approved);
        # TF9: one approved claim. The draft is not counted.
        self.assertEqual(
            [(g["failure_code_id"][0], g["claims"]) for g in groups],
            [(self.failure.id, 2), (self.failure_serious.id, 1)],
        )
        self.assertEqual(groups[0]["approved_amount"], first.amount_total)
        self.assertEqual(second.approved_amount, 0.0)
        self.assertEqual(groups[1]["approved_amount"], serious.amount_total)
        # The amounts are money: service users are refused.
        with self.assertRaises(AccessError):
            self.env(user=self.service_user)["crm.service.quality.failure"].search([])

        Request = self.env["crm.service.request"]
        complaints = Request.create(
            [
                {
                    "request_type": "complaint",
                    "lot_id": engine.id,
                    "failure_code_id": code.id,
                    "description": "Complaint",
                }
                for engine, code in (
                    (engines[0], self.failure),
                    (engines[1], self.failure),
                    (engines[2], self.failure_serious),
                )
            ]
        )
        Request.create(
            {
                "request_type": "consultation",
                "lot_id": engines[0].id,
                "failure_code_id": self.failure.id,
                "description": "Question",
            }
        )
        self.assertEqual(complaints.product_id, self.engine_product)
        action = self.env.ref(
            "crm_service_station.crm_service_request_action_complaints"
        )
        counted = {
            (g["product_id"][0], g["failure_code_id"][0]): g["__count"]
            for g in Request.with_user(self.service_user).read_group(
                [
                    *literal_eval(action.domain),
                    ("product_id", "=", self.engine_product.id),
                ],
                [],
                ["product_id", "failure_code_id"],
                lazy=False,
            )
            if g["failure_code_id"]
        }
        self.assertEqual(
            counted,
            {
                (self.engine_product.id, self.failure.id): 2,
                (self.engine_product.id, self.failure_serious.id): 1,
            },
        )
