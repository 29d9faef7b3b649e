# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_adjud import RestrictedUsersCommon


@tagged("post_install", "-at_install")
class TestClaimAdjudication(RestrictedUsersCommon):
    """Decision per claim line. The claim of ``_claim_vals``: labor 2 h x 80 = 160, part
    2 x 100 x 1.10 = 220, travel 40 km x 3.5 = 140; claimed 520."""

    def _submitted(self):
        claim = (
            self.env["crm.service.claim"]
            .with_user(self.service_user)
            .create(self._claim_vals())
        )
        claim.action_submit()
        return claim

    def _line(self, claim, kind):
        return claim.line_ids.filtered(lambda line: line.kind == kind)

    def _assert_undecided(self, claim):
        self.assertIn(claim.state, ("submitted", "under_review"))
        self.assertEqual(claim.approved_amount, 0)
        self.assertFalse(any(claim.line_ids.mapped("adjusted")))
        self.assertEqual(claim.line_ids.mapped("approved_subtotal"), [0.0, 0.0, 0.0])
        self.assertEqual(claim.line_ids.mapped("subtotal"), [160.0, 220.0, 140.0])

    def test_partial_approval_of_one_line(self):
        claim = self._submitted()
        part = self._line(claim, "part")
        claim.with_user(self.service_manager).action_approve_partially(
            {part.id: {"approved_quantity": 1, "reason_id": self.reason.id}},
            self.OVERRIDE,
        )
        self.assertEqual(claim.state, "partially_approved")
        # 1 x 100 x 1.10 = 110 for the part; labor 160 and travel 140 in full: 410.
        self.assertEqual(part.approved_subtotal, 110.0)
        self.assertEqual(
            claim.line_ids.mapped("approved_subtotal"), [160.0, 110.0, 140.0]
        )
        self.assertEqual(claim.approved_amount, 410.0)
        # The station's figures are kept beside the reviewer's.
        self.assertEqual(part.quantity, 2)
        self.assertEqual(part.subtotal, 220.0)
        self.assertEqual(part.approved_quantity, 1)
        self.assertTrue(part.adjusted)
        self.assertEqual(part.decision_reason_id, self.reason)
        self.assertEqual(claim.amount_total, 520.0)
        self.assertFalse(self._line(claim, "labor").adjusted)

    def test_partial_approval_of_hours_and_travel(self):
        claim = self._submitted()
        labor, travel = self._line(claim, "labor"), self._line(claim, "travel")
        # String keys, as JSON-RPC sends them.
        claim.with_user(self.service_manager).action_approve_partially(
            {
                str(labor.id): {"approved_hours": 1.5, "reason_id": self.reason.id},
                str(travel.id): {"approved_amount": 100, "reason_id": self.reason.id},
            },
            self.OVERRIDE,
        )
        # 1.5 h x 80 = 120, part 220 in full, travel 100: 440.
        self.assertEqual(
            claim.line_ids.mapped("approved_subtotal"), [120.0, 220.0, 100.0]
        )
        self.assertEqual(claim.approved_amount, 440.0)
        self.assertEqual(labor.hours, 2.0)
        self.assertEqual(labor.approved_hours, 1.5)
        self.assertEqual(travel.approved_line_amount, 100.0)

    def test_full_approval_and_rejection_per_line(self):
        claim = self._submitted()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        self.assertEqual(
            claim.line_ids.mapped("approved_subtotal"), [160.0, 220.0, 140.0]
        )
        self.assertEqual(claim.approved_amount, 520.0)
        other = self._submitted()
        other.with_user(self.service_manager).action_reject(self.reason.id)
        self.assertEqual(other.line_ids.mapped("approved_subtotal"), [0.0, 0.0, 0.0])
        self.assertEqual(other.approved_amount, 0)

    def test_bad_line_decisions_refused(self):
        claim = self._submitted()
        other_claim = self._submitted()
        labor, part = self._line(claim, "labor"), self._line(claim, "part")
        reason = self.reason.id
        name = claim.name
        cases = [
            (
                {part.id: {"approved_quantity": 1}},
                f"Choose the reason for reducing {name} {part.product_id.display_name}.",
            ),
            (
                {part.id: {"approved_quantity": 3, "reason_id": reason}},
                f"{name} {part.product_id.display_name}: The approved amount 330.00 of a"
                " claim line is above its claimed amount 220.00.",
            ),
            (
                {labor.id: {"approved_hours": -1, "reason_id": reason}},
                f"{name} {labor.operation_id.display_name}: A value must not be negative"
                " (hours).",
            ),
            (
                {
                    other_claim.line_ids[0].id: {
                        "approved_hours": 1,
                        "reason_id": reason,
                    }
                },
                f"{other_claim.line_ids[0].id} is not a line of the claims {name}.",
            ),
            (
                {"x": {}},
                f"x is not a line of the claims {name}.",
            ),
            (
                {},
                f"Give the reviewer's decision on at least one line of the claims {name}"
                " for a partial approval.",
            ),
            (
                # Every line at its claimed figure: that is a full approval.
                {part.id: {"approved_quantity": 2}},
                "The line decisions must approve more than 0 and less than the claimed"
                f" amount of {name} for a partial approval.",
            ),
        ]
        for decisions, message in cases:
            with self.subTest(decisions=decisions):
                with self.assertRaises(UserError) as caught:
                    claim.with_user(self.service_manager).action_approve_partially(
                        decisions, self.OVERRIDE
                    )
                self.assertEqual(str(caught.exception), message)
                self._assert_undecided(claim)

    def test_all_lines_to_zero_refused(self):
        claim = self._submitted()
        decisions = {
            self._line(claim, "labor").id: {
                "approved_hours": 0,
                "reason_id": self.reason.id,
            },
            self._line(claim, "part").id: {
                "approved_quantity": 0,
                "reason_id": self.reason.id,
            },
            self._line(claim, "travel").id: {
                "approved_amount": 0,
                "reason_id": self.reason.id,
            },
        }
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_approve_partially(
                decisions, self.OVERRIDE
            )
        self.assertIn("for a partial approval", str(caught.exception))
        self._assert_undecided(claim)

    def test_restricted_users_refused(self):
        claim = self._submitted()
        part = self._line(claim, "part")
        decisions = {part.id: {"approved_quantity": 1, "reason_id": self.reason.id}}
        for user in (
            self.portal_user,
            self.plain_user,
            self.service_user,
            self.other_manager,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    claim.with_user(user).action_approve_partially(
                        decisions, self.OVERRIDE
                    )
                with self.assertRaises(AccessError):
                    part.with_user(user).write(
                        {"approved_quantity": 1, "adjusted": True}
                    )
                self._assert_undecided(claim)
        # Even a manager cannot write a line decision directly.
        with self.assertRaises(AccessError):
            part.with_user(self.service_manager).write(
                {"approved_quantity": 1, "adjusted": True}
            )
        self._assert_undecided(claim)

    def test_wizard_edits_line_decisions(self):
        claim = self._submitted()
        manager = self.env(user=self.service_manager)
        wizard = (
            manager["crm.service.claim.decision"]
            .with_context(default_claim_ids=claim.ids, default_decision="partial")
            .create({"override_reason": self.OVERRIDE})
        )
        self.assertEqual(len(wizard.line_ids), 3)
        self.assertEqual(wizard.approved_amount, 520.0)
        wizard_part = wizard.line_ids.filtered(lambda line: line.kind == "part")
        self.assertEqual(wizard_part.claimed_quantity, 2)
        wizard_part.write({"approved_quantity": 1, "reason_id": self.reason.id})
        self.assertEqual(wizard.approved_amount, 410.0)
        wizard.action_confirm()
        self.assertEqual(claim.state, "partially_approved")
        self.assertEqual(claim.approved_amount, 410.0)
        self.assertEqual(self._line(claim, "part").approved_subtotal, 110.0)
