# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Attacks on the claim and settlement workflow, the way a JSON-RPC caller would make them:
every write path as a plain service user, a manager, a portal station user and a user of
another company. Each asserts the exact exception and that nothing changed."""

from datetime import timedelta
import random

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.res_config_settings import get_setting
from .common import ServiceCommon

CLAIM_WORKFLOW_VALUES = {
    "state": "paid",
    "approved_amount": 1.0,
    "labor_rate": 999.0,
    "travel_rate": 999.0,
    "handling_pct": 90.0,
    "amount_total": 1.0,
    "decision_date": "2020-01-01",
    "submit_date": "2020-01-01",
    "rules_passed": True,
    "resubmitted": True,
    "override_reason": "I say so",
}


@tagged("post_install", "-at_install")
class TestClaimIntegrity(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="css_portal",
            groups="base.group_portal",
            partner_id=cls.station_a.id,
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Engines Co"})
        cls.other_user = new_test_user(
            cls.env,
            login="css_other",
            groups="crm_service_station.group_crm_service_station_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )

    def _claim(self, **overrides):
        return (
            self.env["crm.service.claim"]
            .with_user(self.service_user)
            .create(self._claim_vals(**overrides))
        )

    def _clean_claim(self, **overrides):
        """A claim whose ten checks all pass (it has a repair order)."""
        return self._claim(repair_id=self._repair().id, **overrides)

    def _stored(self, records, names):
        records.invalidate_recordset()
        return records.read(names)

    # ------------------------------------------------------------ direct writes
    def test_workflow_fields_refused_for_every_user(self):
        claim = self._claim()
        claim.action_submit()
        names = list(CLAIM_WORKFLOW_VALUES)
        before = self._stored(claim, names)
        for user in (self.service_user, self.service_manager):
            for name, value in CLAIM_WORKFLOW_VALUES.items():
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(AccessError) as caught:
                        claim.with_user(user).write({name: value})
                    self.assertIn(
                        "change only through its actions", str(caught.exception)
                    )
        self.assertEqual(self._stored(claim, names), before)

    def test_create_with_workflow_fields_refused(self):
        for name, value in CLAIM_WORKFLOW_VALUES.items():
            with self.subTest(field=name):
                with self.assertRaises(AccessError):
                    self.env["crm.service.claim"].with_user(
                        self.service_manager
                    ).create(self._claim_vals(**{name: value}))
        with self.assertRaises(AccessError):
            self._claim(
                line_ids=[
                    Command.create(
                        {
                            "kind": "part",
                            "product_id": self.part.id,
                            "unit_price": 5000.0,
                        }
                    )
                ]
            )
        self.assertFalse(
            self.env["crm.service.claim"].search(
                [("station_id", "=", self.station_a.id)]
            )
        )

    def test_line_prices_and_returns_refused(self):
        claim = self._claim()
        part = claim.line_ids.filtered(lambda line: line.kind == "part")
        for user in (self.service_user, self.service_manager):
            with self.assertRaises(AccessError):
                part.with_user(user).write({"unit_price": 5000.0})
            with self.assertRaises(AccessError):
                part.with_user(user).write({"return_state": "inspected"})
        part.invalidate_recordset()
        self.assertEqual(part.unit_price, 100.0)
        self.assertEqual(part.return_state, "to_return")
        self.assertEqual(claim.amount_total, 520.0)

    def test_portal_station_has_no_orm_write(self):
        claim = self._claim()
        portal_claim = claim.with_user(self.portal_user)
        self.assertEqual(portal_claim.name, claim.name)  # it may read its own claim
        for vals in (
            {"mileage_km": 1.0},
            {"state": "submitted"},
            {"labor_rate": 500.0},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    portal_claim.write(vals)
        with self.assertRaises(AccessError):
            portal_claim.line_ids[:1].write({"hours": 9.0})
        with self.assertRaises(AccessError):
            self.env["crm.service.claim"].with_user(self.portal_user).create(
                self._claim_vals()
            )
        with self.assertRaises(AccessError):
            portal_claim.action_submit()
        self.assertEqual(
            self._stored(claim, ["state", "mileage_km"])[0]["state"], "draft"
        )
        self.assertEqual(claim.mileage_km, 50000)
        self.assertEqual(claim.line_ids[:1].hours, 2.0)

    def test_other_company_cannot_see_or_decide(self):
        claim = self._claim()
        claim.action_submit()
        self.assertFalse(
            self.env["crm.service.claim"]
            .with_user(self.other_user)
            .search([("id", "=", claim.id)])
        )
        with self.assertRaises(AccessError):
            claim.with_user(self.other_user).action_approve(self.OVERRIDE)
        self.assertEqual(claim.state, "submitted")

    # ------------------------------------------------------------ decisions
    def test_failed_checks_block_approval_without_override(self):
        first = self._claim()
        first.action_submit()
        first.with_user(self.service_manager).action_approve(self.OVERRIDE)
        # Same engine, same failure code, a few days later: a duplicate.
        duplicate = self._claim(repair_date=self.today - timedelta(days=3))
        duplicate.action_submit()
        failed = duplicate.check_ids.filtered(lambda c: not c.passed).mapped("rule")
        self.assertIn("no_duplicate_failure", failed)
        manager = duplicate.with_user(self.service_manager)
        for call in (
            manager.action_approve,
            lambda: manager.action_approve("   "),
            lambda: manager.action_approve_partially(
                {duplicate.line_ids[0].id: {"approved_hours": 1}}
            ),
        ):
            with self.assertRaises(UserError) as caught:
                call()
            self.assertIn("Automatic checks failed", str(caught.exception))
            self.assertIn("No duplicate failure", str(caught.exception))
        self.assertEqual(duplicate.state, "submitted")
        self.assertEqual(duplicate.approved_amount, 0)
        manager.action_approve("Second injector of a twin pump: not a duplicate.")
        self.assertEqual(duplicate.state, "approved")
        self.assertEqual(duplicate.override_user_id, self.service_manager)
        self.assertEqual(
            duplicate.override_reason,
            "Second injector of a twin pump: not a duplicate.",
        )

    def test_clean_claim_records_no_override(self):
        claim = self._clean_claim()
        claim.action_submit()
        self.assertTrue(claim.rules_passed)
        claim.with_user(self.service_manager).action_approve()
        self.assertEqual(claim.state, "approved")
        self.assertFalse(claim.override_reason)
        self.assertFalse(claim.override_user_id)

    def test_old_part_never_returned_blocks_approval(self):
        claim = self._clean_claim()
        claim.line_ids.filtered(lambda line: line.kind == "part").return_required = True
        claim.action_submit()
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_approve()
        self.assertIn("Old parts returned", str(caught.exception))
        self.assertEqual(claim.state, "submitted")
        claim.line_ids.filtered(lambda line: line.kind == "part").action_mark_received()
        self.assertTrue(claim.rules_passed)
        claim.with_user(self.service_manager).action_approve()
        self.assertEqual(claim.state, "approved")

    def test_zero_amount_claim_not_approved(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.auto_approve", "True"
        )
        claim = self._clean_claim(
            line_ids=[
                Command.create(
                    {"kind": "other", "name": "Nothing", "other_amount": 0.0}
                )
            ]
        )
        claim.action_submit()
        self.assertTrue(claim.rules_passed)
        self.assertEqual(claim.state, "submitted")  # not auto-approved
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        self.assertIn("claim no amount", str(caught.exception))
        self.assertEqual(claim.state, "submitted")

    def test_transitions_checked(self):
        claim = self._claim()
        manager = claim.with_user(self.service_manager)
        with self.assertRaises(UserError):
            manager.action_approve(self.OVERRIDE)  # still a draft
        claim.action_submit()
        manager.action_reject(self.reason.id)
        with self.assertRaises(UserError):
            manager.action_approve(self.OVERRIDE)  # rejected
        with self.assertRaises(UserError):
            manager.action_reject(self.reason.id)
        self.assertEqual(claim.state, "rejected")
        self.assertEqual(claim.reject_reason_id, self.reason)

    def test_decided_claim_and_lines_locked(self):
        claim = self._claim()
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        for user in (self.service_user, self.service_manager):
            with self.assertRaises(UserError) as caught:
                claim.with_user(user).write({"mileage_km": 1.0})
            self.assertIn("can no longer be changed", str(caught.exception))
            with self.assertRaises(UserError):
                claim.line_ids[:1].with_user(user).write({"hours": 0.5})
            with self.assertRaises(UserError):
                claim.line_ids[:1].with_user(user).unlink()
            with self.assertRaises(UserError):
                self.env["crm.service.claim.line"].with_user(user).create(
                    {"claim_id": claim.id, "kind": "travel", "travel_km": 500}
                )
            with self.assertRaises(UserError):
                claim.with_user(user).action_reset_draft()
        self.assertEqual(claim.mileage_km, 50000)
        self.assertEqual(len(claim.line_ids), 3)
        self.assertEqual(claim.amount_total, 520.0)

    def test_submitted_lines_locked(self):
        claim = self._claim()
        claim.action_submit()
        with self.assertRaises(UserError):
            claim.line_ids[:1].with_user(self.service_user).write({"hours": 0.5})
        self.assertEqual(claim.line_ids[:1].hours, 2.0)

    def test_decision_wizard(self):
        claim = self._claim()
        claim.action_submit()
        action = (
            claim.with_user(self.service_manager)
            .with_context(decision="partial")
            .action_open_decision()
        )
        wizard = (
            self.env["crm.service.claim.decision"]
            .with_user(self.service_manager)
            .with_context(**action["context"])
            .create({})
        )
        # Travel (40 km x 3.5 = 140 claimed) reduced to 20: 520 - 120 = 400.
        wizard.line_ids.filtered(lambda line: line.kind == "travel").write(
            {"approved_amount": 20.0, "reason_id": self.reason.id}
        )
        self.assertEqual(wizard.decision, "partial")
        self.assertGreater(wizard.failed_check_count, 0)
        with self.assertRaises(UserError):
            wizard.action_confirm()  # no override reason
        wizard.override_reason = self.OVERRIDE
        wizard.review_note = "Labour above standard."
        wizard.action_confirm()
        self.assertEqual(claim.state, "partially_approved")
        self.assertEqual(claim.approved_amount, 400.0)
        self.assertEqual(claim.review_note, "Labour above standard.")
        with self.assertRaises(AccessError):
            claim.with_user(self.service_user).action_open_decision()

    # ------------------------------------------------------------ settlement
    def _approved(self, decided_days_ago=0, station=None):
        claim = self._claim(station=station, failure_code_id=False)
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        claim.sudo().write(
            {"decision_date": self.today - timedelta(days=decided_days_ago)}
        )
        return claim

    def test_settlement_takes_claims_decided_before_the_period(self):
        old = self._approved(decided_days_ago=70)
        recent = self._approved(decided_days_ago=2)
        settlements = (
            self.env["crm.service.settlement"]
            .with_user(self.service_manager)
            ._settle_period(self.today - timedelta(days=30), self.today, self.station_a)
        )
        self.assertEqual(settlements.claim_ids, old | recent)
        self.assertEqual(settlements.amount_total, 1040.0)  # 2 x 520
        self.assertEqual(settlements.move_id.amount_total, 1040.0)
        self.assertEqual(set((old | recent).mapped("state")), {"settled"})
        again = (
            self.env["crm.service.settlement"]
            .with_user(self.service_manager)
            ._settle_period(self.today - timedelta(days=30), self.today, self.station_a)
        )
        self.assertFalse(again)

    def test_settlement_attacks(self):
        claim = self._approved()
        other = self._approved()
        settlement = (
            self.env["crm.service.settlement"]
            .with_user(self.service_manager)
            ._settle_period(self.today, self.today, self.station_a)
        )
        self.assertEqual(settlement.claim_ids, claim | other)
        with self.assertRaises(AccessError):
            self.env["crm.service.settlement"].with_user(
                self.service_user
            )._settle_period(self.today, self.today)
        for user in (self.service_user, self.service_manager):
            with self.assertRaises(AccessError):
                settlement.with_user(user).write({"state": "paid"})
            with self.assertRaises(AccessError):
                claim.with_user(user).write({"settlement_id": False})
            with self.assertRaises(AccessError):
                claim.with_user(user).write({"state": "draft"})
            with self.assertRaises(AccessError):
                settlement.with_user(user).write(
                    {"claim_ids": [Command.unlink(claim.id)]}
                )
        self.assertEqual(settlement.state, "billed")
        self.assertEqual(settlement.claim_ids, claim | other)
        self.assertEqual(settlement.amount_total, 1040.0)
        with self.assertRaises(AccessError):
            settlement.with_user(self.service_user).action_cancel()
        # Only the bill's payment pays the settlement, and reverting it takes it back.
        settlement._pay_bills_in_full()
        self.assertEqual(settlement.state, "paid")
        self.assertEqual(set(settlement.claim_ids.mapped("state")), {"paid"})
        with self.assertRaises(UserError):
            settlement.with_user(self.service_manager).action_cancel()
        payment_lines = settlement.move_id.line_ids.matched_debit_ids | (
            settlement.move_id.line_ids.matched_credit_ids
        )
        self.assertTrue(payment_lines)
        settlement.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(settlement.state, "billed")
        self.assertEqual(set(settlement.claim_ids.mapped("state")), {"settled"})

    def test_claim_cannot_be_in_two_settlements(self):
        claim = self._approved()
        first = self.env["crm.service.settlement"]._settle_period(
            self.today, self.today, self.station_a
        )
        self.assertEqual(first.claim_ids, claim)
        # The database refuses a settled claim without a settlement, and a claim keeps one
        # settlement_id column: it cannot be counted in two.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE crm_service_claim SET settlement_id = NULL WHERE id = %s",
                    [claim.id],
                )
        cancelled = first.action_cancel()
        self.assertTrue(cancelled)
        self.assertEqual(claim.state, "approved")
        second = self.env["crm.service.settlement"]._settle_period(
            self.today, self.today, self.station_a
        )
        self.assertEqual(second.claim_ids, claim)
        self.assertFalse(first.claim_ids)
        self.assertEqual(first.state, "cancel")

    def test_evaluation_counts_overrides_and_caps_inactive_station(self):
        clean = self._clean_claim()
        clean.action_submit()
        clean.with_user(self.service_manager).action_approve()
        overridden = self._approved()
        evaluations = (
            self.env["crm.service.station.evaluation"]
            .with_user(self.service_manager)
            ._evaluate_period(
                self.today - timedelta(days=5), self.today, self.station_a
            )
        )
        self.assertEqual(evaluations.claims, 2)
        self.assertEqual(evaluations.first_pass_approved, 1)
        self.assertEqual(evaluations.overridden, 1)
        self.assertTrue(overridden.override_reason)
        with self.assertRaises(AccessError):
            evaluations.with_user(self.service_manager).write(
                {"recommended_level": "a"}
            )
        self.station_a.station_status = "suspended"
        capped = self.env["crm.service.station.evaluation"]._evaluate_period(
            self.today - timedelta(days=5), self.today, self.station_a
        )
        self.assertEqual(capped.station_status, "suspended")
        self.assertEqual(capped.recommended_level, "d")
        with self.assertRaises(AccessError):
            self.env["crm.service.station.evaluation"].with_user(
                self.service_user
            )._evaluate_period(self.today, self.today)

    # ------------------------------------------------------------ bad values
    def test_random_bad_values_on_claims(self):
        """Every writable field of a draft claim and its lines, random bad values: refused
        with a user error or stored as given; never another exception, never NaN."""
        rng = random.Random(9)
        bad_values = [
            float("nan"),
            float("inf"),
            float("-inf"),
            1e308,
            -1,
            -1e9,
            2**63,
            "",
            False,
            "x" * 300,
            "not a date",
            "2026-02-30",
            0,
        ]
        claim = self._claim()
        line = claim.line_ids.filtered(lambda ln: ln.kind == "part")
        targets = [
            (claim, self.env["crm.service.claim"]),
            (line, self.env["crm.service.claim.line"]),
        ]
        expected = (AccessError, UserError, ValidationError)
        for record, model in targets:
            fields_ = [
                name
                for name, field in model._fields.items()
                if field.store
                and not field.readonly
                and field.type
                in ("float", "monetary", "integer", "date", "char", "text", "selection")
                and name not in ("message_main_attachment_id",)
            ]
            for name in fields_:
                for value in rng.sample(bad_values, 5):
                    with self.subTest(model=model._name, field=name, value=value):
                        try:
                            with self.env.cr.savepoint():
                                record.with_user(self.service_user).write({name: value})
                                record.flush_recordset()
                        except expected:
                            continue
                        record.invalidate_recordset()
                        stored = record[name]
                        if isinstance(stored, float):
                            self.assertEqual(stored, stored, f"NaN stored in {name}")
                            self.assertLess(abs(stored), 1e13)


@tagged("post_install", "-at_install")
class TestSettingsBounds(ServiceCommon):
    """Settings feed every claim: a NaN or absurd value would block or distort them all."""

    def _param(self, key):
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_service_station." + key)
        )

    def test_bad_settings_refused_and_nothing_stored(self):
        keys = (
            "submission_days",
            "duplicate_days",
            "handling_pct",
            "request_deadline_hours",
        )
        before = {key: self._param(key) for key in keys}
        cases = [
            ("crm_service_handling_pct", float("nan"), "must be a number between"),
            ("crm_service_handling_pct", float("inf"), "must be a number between"),
            ("crm_service_handling_pct", 150.0, "must be between 0 and 100"),
            ("crm_service_handling_pct", -1.0, "must be between 0 and 100"),
            ("crm_service_submission_days", 0, "must be between 1 and 3650"),
            ("crm_service_submission_days", 2**40, "must be a number between"),
            ("crm_service_duplicate_days", -5, "must be between 0 and 3650"),
            ("crm_service_request_deadline_hours", 9000, "must be between 1 and 8760"),
        ]
        for name, value, message in cases:
            with self.subTest(name=name, value=value):
                with (
                    self.assertRaises(ValidationError) as caught,
                    self.env.cr.savepoint(),
                ):
                    self.env["res.config.settings"].create({name: value}).execute()
                self.assertIn(message, str(caught.exception))
        self.assertEqual({key: self._param(key) for key in keys}, before)
        settings = self.env["res.config.settings"].create(
            {"crm_service_handling_pct": 12.5, "crm_service_submission_days": 60}
        )
        settings.execute()
        self.assertEqual(float(self._param("handling_pct")), 12.5)
        self.assertEqual(int(float(self._param("submission_days"))), 60)

    def test_non_finite_raw_parameter_falls_back_to_default(self):
        # a system parameter typed by hand in Settings > Technical is not trusted either
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_service_station.handling_pct", "nan"
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_service_station.request_deadline_hours", "-3"
        )
        self.assertEqual(get_setting(self.env, "crm_service_handling_pct"), 0.0)
        self.assertEqual(self.env["crm.service.request"]._deadline_hours(), 24)


@tagged("post_install", "-at_install")
class TestCompanyConsistency(ServiceCommon):
    """A document of one company never points at another company's station, engine or
    customer, whoever writes it (sudo included: the check is the ORM's own check_company)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Service Other Company"})
        cls.foreign_station = cls.env["res.partner"].create(
            {"name": "Foreign Station", "company_id": cls.company_2.id}
        )
        cls.foreign_engine = cls.env["stock.lot"].create(
            {
                "name": "FOREIGN-ENG-1",
                "product_id": cls.engine_product.id,
                "company_id": cls.company_2.id,
            }
        )

    def test_foreign_records_refused(self):
        Request = self.env["crm.service.request"].with_user(self.service_manager)
        for vals in (
            {"partner_id": self.foreign_station.id},
            {"lot_id": self.foreign_engine.id},
            {"station_id": self.foreign_station.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError) as caught:
                Request.create(dict({"description": "Noise"}, **vals))
            self.assertIn("Incompatible companies", str(caught.exception))
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        with self.assertRaises(UserError) as caught:
            claim.sudo().write({"station_id": self.foreign_station.id})
        self.assertIn("Incompatible companies", str(caught.exception))
        claim.invalidate_recordset()
        self.assertEqual(claim.station_id, self.station_a)
        with self.assertRaises(UserError):
            self.env["crm.service.engine.reading"].create(
                {"lot_id": self.foreign_engine.id, "date": self.today, "mileage_km": 10}
            )
        self.assertFalse(
            self.env["crm.service.request"].search([("description", "=", "Noise")])
        )
