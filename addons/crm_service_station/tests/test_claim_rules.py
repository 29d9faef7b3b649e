# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The claim rules as declared in lib/claims.py: their messages and labels render in English
and in Chinese, and the rules computed from plain inputs behave on real records."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib.claims import RULE_DECLARATIONS, template_params
from ..lib.warranty import PARAM_LABELS, REASON_DECLARATIONS
from ..models.messages import message_text
from .common import ServiceCommon


def _has_chinese(text):
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@tagged("post_install", "-at_install")
class TestRuleDeclarationMessages(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_service_station")._update_translations(["zh_CN"])
        cls.env_en = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def _sample_params(self, template):
        params = {}
        for index, name in enumerate(template_params(template)):
            labels = PARAM_LABELS.get(name)
            params[name] = next(iter(labels)) if labels else f"{7301 + index}"
        return params

    def test_every_declared_message_renders_in_english_and_chinese(self):
        for rule in RULE_DECLARATIONS:
            for code, template in rule.messages.items():
                with self.subTest(rule=rule.code, message=code):
                    params = self._sample_params(template)
                    shown = {
                        name: PARAM_LABELS[name][value]
                        if name in PARAM_LABELS
                        else value
                        for name, value in params.items()
                    }
                    english = message_text(self.env_en, code, params)
                    self.assertEqual(english, template % shown)
                    chinese = message_text(self.env_zh, code, params)
                    self.assertNotEqual(chinese, english)
                    self.assertTrue(_has_chinese(chinese), chinese)
                    for name, value in params.items():
                        if name not in PARAM_LABELS:
                            self.assertIn(value, chinese)
                        else:
                            self.assertNotIn(value, chinese)

    def test_every_declared_label_is_the_check_selection_in_both_languages(self):
        field = self.env["crm.service.claim.check"]._fields["rule"]
        english = dict(field._description_selection(self.env_en))
        chinese = dict(field._description_selection(self.env_zh))
        self.assertEqual(list(english), [rule.code for rule in RULE_DECLARATIONS])
        for rule in RULE_DECLARATIONS:
            with self.subTest(rule=rule.code):
                self.assertEqual(english[rule.code], rule.label)
                self.assertTrue(_has_chinese(chinese[rule.code]), chinese[rule.code])

    def test_every_declared_coverage_reason_renders_in_both_languages(self):
        field = self.env["repair.order"]._fields["warranty_reason"]
        chinese_labels = dict(field._description_selection(self.env_zh))
        for reason in REASON_DECLARATIONS:
            with self.subTest(reason=reason.code):
                params = self._sample_params(reason.message)
                english = message_text(self.env_en, reason.code, params)
                chinese = message_text(self.env_zh, reason.code, params)
                self.assertNotEqual(chinese, english)
                self.assertTrue(_has_chinese(chinese), chinese)
                self.assertTrue(
                    _has_chinese(chinese_labels[reason.code]),
                    chinese_labels[reason.code],
                )

    def test_unknown_code_is_a_translated_generic_sentence(self):
        self.assertEqual(
            message_text(self.env_en, "no_such_code"), "Check failed (no_such_code)."
        )
        self.assertTrue(_has_chinese(message_text(self.env_zh, "no_such_code")))


@tagged("post_install", "-at_install")
class TestClaimRuleInputs(ServiceCommon):
    def _create(self, **overrides):
        return self.env["crm.service.claim"].create(self._claim_vals(**overrides))

    def _check(self, claim, rule):
        return claim.check_ids.filtered(lambda check: check.rule == rule)

    def _approved_free_maintenance(self, days_ago):
        claim = self._create(
            service_type="free_maintenance",
            repair_date=self.today - timedelta(days=days_ago),
            completion_date=self.today - timedelta(days=days_ago),
        )
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        self.assertEqual(claim.state, "approved")
        return claim

    def test_free_maintenance_beyond_the_allowed_count_fails(self):
        self.assertEqual(self.policy.free_service_count, 2)
        self._approved_free_maintenance(150)
        second = self._create(
            service_type="free_maintenance",
            repair_date=self.today - timedelta(days=100),
            completion_date=self.today - timedelta(days=100),
        )
        second.action_submit()
        # one free maintenance used: the second is within the repair warranty, so covered
        self.assertTrue(self._check(second, "engine_in_warranty").passed)
        second.with_user(self.service_manager).action_approve(self.OVERRIDE)
        third = self._create(
            service_type="free_maintenance",
            repair_date=self.today - timedelta(days=5),
            completion_date=self.today - timedelta(days=4),
        )
        third.action_submit()
        check = self._check(third, "engine_in_warranty")
        self.assertFalse(check.passed)
        self.assertEqual(check.message_code, "free_service_exhausted")
        self.assertEqual(check.message_params, {"free_service_count": 2, "used": 2})
        self.assertEqual(check.message, "All 2 free maintenances were already used.")
        self.assertFalse(third.rules_passed)

    def test_submitted_free_maintenance_is_not_yet_used(self):
        first = self._create(
            service_type="free_maintenance",
            repair_date=self.today - timedelta(days=150),
            completion_date=self.today - timedelta(days=150),
        )
        first.action_submit()
        second = self._create(service_type="free_maintenance")
        second.action_submit()
        # the first one is only submitted: the second is still judged as the first free
        # maintenance (here after its one-month window)
        check = self._check(second, "engine_in_warranty")
        self.assertEqual(check.message_code, "outside_first_service_window")
        self.assertEqual(check.message_params["bound"], "max_months")
        self.assertIn("too late after the warranty start", check.message)

    def test_no_mileage_recorded_fails_where_the_policy_has_a_km_limit(self):
        claim = self._create(mileage_km=0)
        claim.action_submit()
        check = self._check(claim, "engine_in_warranty")
        self.assertFalse(check.passed)
        self.assertEqual(check.message_code, "no_mileage")
        self.assertEqual(check.message, "No mileage was recorded for the repair.")
        self.assertTrue(
            self._check(claim, "mileage_not_decreasing").passed
        )  # nothing to compare

    def test_station_authorized_through_a_parent_line(self):
        # station A is authorized for the parent line "Test Engines" of the engine's line
        self.assertNotIn(self.categ_heavy, self.station_a.station_product_category_ids)
        claim = self._create()
        claim.action_submit()
        self.assertTrue(self._check(claim, "station_authorized").passed)
        self.station_b.station_product_category_ids = [
            Command.set([self.categ_heavy.id])
        ]
        claim_b = self._create(station=self.station_b)
        claim_b.action_submit()
        self.assertTrue(self._check(claim_b, "station_authorized").passed)

    def test_qualification_not_yet_started_refused_at_submit(self):
        claim = self._create()
        self.station_a.station_qualification_from = self.today + timedelta(days=10)
        self.assertFalse(self.station_a.station_qualified)
        self.assertFalse(
            self.env["res.partner"].search_count(
                [("station_qualified", "=", True), ("id", "=", self.station_a.id)]
            )
        )
        self.assertFalse(self.station_a.station_can_submit_claims())
        with self.assertRaises(UserError) as caught:
            claim.action_submit()
        self.assertIn("cannot be submitted", str(caught.exception))
        self.assertIn(
            f"only valid from {(self.today + timedelta(days=10)).isoformat()}",
            str(caught.exception),
        )
        self.assertEqual(claim.state, "draft")
        self.station_a.station_qualification_from = self.today - timedelta(days=10)
        self.assertTrue(self.station_a.station_qualified)
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")

    def test_claim_total_is_the_sum_of_its_lines(self):
        claim = self._create()
        self.assertEqual(claim.amount_total, sum(claim.line_ids.mapped("subtotal")))
        for kind, field in (
            ("labor", "amount_labor"),
            ("part", "amount_parts"),
            ("travel", "amount_travel"),
        ):
            lines = claim.line_ids.filtered(lambda line, kind=kind: line.kind == kind)
            self.assertEqual(claim[field], sum(lines.mapped("subtotal")))
