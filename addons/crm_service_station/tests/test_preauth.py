# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_adjud import RestrictedUsersCommon


@tagged("post_install", "-at_install")
class TestPreauth(RestrictedUsersCommon):
    """The claim of ``_claim_vals`` claims 520 (labor 160, part 220, travel 140)."""

    def _preauth(self, **overrides):
        vals = {
            "station_id": self.station_a.id,
            "lot_id": self.engine.id,
            "failure_code_id": self.failure.id,
            "estimated_amount": 600.0,
        }
        vals.update(overrides)
        return self.env["crm.service.preauth"].with_user(self.service_user).create(vals)

    def _check(self, claim):
        return claim.check_ids.filtered(lambda c: c.rule == "preauthorized")

    def _submit(self, **overrides):
        claim = (
            self.env["crm.service.claim"]
            .with_user(self.service_user)
            .create(self._claim_vals(**overrides))
        )
        claim.action_submit()
        return claim

    def test_transitions(self):
        preauth = self._preauth()
        self.assertTrue(preauth.name.startswith("PA/"))
        self.assertEqual(preauth.state, "draft")
        with self.assertRaises(UserError) as caught:
            preauth.with_user(self.service_manager).action_approve()
        self.assertEqual(
            str(caught.exception),
            f"The pre-authorizations {preauth.name} cannot be approved in their current"
            " state.",
        )
        preauth.action_request()
        self.assertEqual(preauth.state, "requested")
        with self.assertRaises(UserError):
            preauth.action_request()
        preauth.with_user(self.service_manager).action_approve("Seal kit confirmed.")
        self.assertEqual(preauth.state, "approved")
        self.assertEqual(preauth.reviewer_id, self.service_manager)
        self.assertEqual(preauth.decision_reason, "Seal kit confirmed.")
        self.assertEqual(preauth.decision_date, self.today)
        with self.assertRaises(UserError):
            preauth.with_user(self.service_manager).action_refuse("Too late")
        self.assertEqual(preauth.state, "approved")
        # Approved: locked.
        with self.assertRaises(UserError):
            preauth.with_user(self.service_manager).estimated_amount = 900
        self.assertEqual(preauth.estimated_amount, 600.0)

    def test_refusal_needs_a_reason(self):
        preauth = self._preauth()
        preauth.action_request()
        manager = preauth.with_user(self.service_manager)
        with self.assertRaises(UserError) as caught:
            manager.action_refuse("  ")
        self.assertEqual(
            str(caught.exception),
            f"Give the reason for refusing the pre-authorizations {preauth.name}.",
        )
        self.assertEqual(preauth.state, "requested")
        manager.review_note = "Repair the pump instead of replacing the engine."
        manager.action_refuse()
        self.assertEqual(preauth.state, "refused")
        self.assertEqual(
            preauth.decision_reason, "Repair the pump instead of replacing the engine."
        )

    def test_bad_input_refused(self):
        with self.assertRaises(AccessError):
            self._preauth(state="approved")
        with self.assertRaises(ValidationError):
            self._preauth(estimated_amount=float("nan"))
        with self.assertRaises(ValidationError) as caught:
            self._preauth(estimated_amount=0)
        self.assertEqual(
            str(caught.exception),
            "The estimated amount of a pre-authorization must be above 0.",
        )
        self.assertFalse(
            self.env["crm.service.preauth"].search([("estimated_amount", "=", 0)])
        )
        preauth = self._preauth()
        with self.assertRaises(AccessError):
            preauth.write({"state": "approved"})
        self.assertEqual(preauth.state, "draft")

    def test_restricted_users_refused(self):
        preauth = self._preauth()
        preauth.action_request()
        for user in (
            self.portal_user,
            self.plain_user,
            self.service_user,
            self.other_manager,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    preauth.with_user(user).action_approve("ok")
                self.assertEqual(preauth.state, "requested")
                self.assertFalse(preauth.reviewer_id)
        for user in (self.portal_user, self.plain_user):
            with self.assertRaises(AccessError):
                self._preauth().with_user(user).read(["state"])
        self.assertFalse(
            self.env["crm.service.preauth"]
            .with_user(self.other_manager)
            .search([("id", "=", preauth.id)])
        )

    def test_claim_above_threshold_needs_approved_preauth(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.preauth_threshold", "500"
        )
        claim = self._submit()
        check = self._check(claim)
        self.assertFalse(check.passed)
        self.assertEqual(
            check.message,
            "A repair claimed above 500.00 needs an approved pre-authorization.",
        )
        preauth = self._preauth()
        preauth.action_request()
        requested = self._submit(preauth_id=preauth.id)
        self.assertFalse(self._check(requested).passed)
        preauth.with_user(self.service_manager).action_approve()
        approved = self._submit(preauth_id=preauth.id)
        self.assertTrue(self._check(approved).passed)
        # At the threshold (520 claimed): none needed.
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.preauth_threshold", "520"
        )
        self.assertTrue(self._check(self._submit()).passed)

    def test_claim_of_flagged_failure_code_needs_preauth(self):
        self.failure.preauth_required = True
        try:
            claim = self._submit()
            check = self._check(claim)
            self.assertFalse(check.passed)
            self.assertEqual(
                check.message,
                "A repair of this failure code needs an approved pre-authorization.",
            )
            preauth = self._preauth()
            preauth.action_request()
            preauth.with_user(self.service_manager).action_refuse("No.")
            refused = self._submit(preauth_id=preauth.id)
            self.assertFalse(self._check(refused).passed)
        finally:
            self.failure.preauth_required = False

    def test_no_threshold_no_flag_passes(self):
        self.assertTrue(self._check(self._submit()).passed)

    def test_preauth_of_another_engine_refused(self):
        preauth = self._preauth(station_id=self.station_b.id)
        with self.assertRaises(ValidationError) as caught:
            (
                self.env["crm.service.claim"]
                .with_user(self.service_user)
                .create(self._claim_vals(preauth_id=preauth.id))
            )
        self.assertIn("is for another engine or station", str(caught.exception))
