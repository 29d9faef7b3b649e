# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_adjud import RestrictedUsersCommon


@tagged("post_install", "-at_install")
class TestRecovery(RestrictedUsersCommon):
    """Supplier recovery: created from an approved claim at the supplier's price, sent,
    answered, refunded; every other transition refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Injector Supplier Co.", "email": "claims@injector.example.com"}
        )
        cls.supplier_2 = cls.env["res.partner"].create(
            {"name": "Cheaper Injector Co.", "email": "sales@cheap.example.com"}
        )
        # The main vendor (sequence 1) lists 90 below 5 units and 80 from 5; the second
        # vendor is cheaper (70) but not the part's supplier.
        cls.part.product_tmpl_id.write(
            {
                "seller_ids": [
                    Command.create(
                        {"partner_id": cls.supplier.id, "price": 90.0, "sequence": 1}
                    ),
                    Command.create(
                        {
                            "partner_id": cls.supplier.id,
                            "price": 80.0,
                            "min_qty": 5,
                            "sequence": 1,
                        }
                    ),
                    Command.create(
                        {"partner_id": cls.supplier_2.id, "price": 70.0, "sequence": 2}
                    ),
                ]
            }
        )
        cls.seal = cls.env["product.product"].create(
            {"name": "Test Seal", "default_code": "T-SEAL", "standard_price": 10.0}
        )
        cls.manager_env = cls.env(user=cls.service_manager)

    def _approved_claim(self, **overrides):
        claim = self.env["crm.service.claim"].create(self._claim_vals(**overrides))
        claim.action_submit()
        claim.action_approve(self.OVERRIDE)
        return claim

    def _recovery(self, claim=None):
        claim = claim or self._approved_claim()
        claim.with_user(self.service_manager).action_create_recovery()
        return claim.recovery_ids

    def assert_refused(self, call, recovery, action, state_label):
        state = recovery.state
        with self.assertRaises(UserError) as caught:
            call()
        self.assertEqual(
            str(caught.exception),
            f"The supplier recoveries {recovery.name} cannot be {action}: they are"
            f" {state_label}.",
        )
        self.assertEqual(recovery.state, state)

    # ------------------------------------------------------------ creation and figures
    def test_created_at_the_supplier_price(self):
        claim = self._approved_claim()
        part_line = claim.line_ids.filtered(lambda line: line.kind == "part")
        # The station was paid its cost 100 × 2 + 10 % handling = 220.
        self.assertEqual(part_line.subtotal, 220.0)
        action = claim.with_user(self.service_manager).action_create_recovery()
        recovery = claim.recovery_ids
        self.assertEqual(action["res_id"], recovery.id)
        self.assertEqual(claim.recovery_count, 1)
        self.assertTrue(recovery.name.startswith("RCV/"))
        self.assertEqual(recovery.state, "draft")
        self.assertEqual(recovery.supplier_id, self.supplier)
        self.assertEqual(recovery.line_ids.claim_line_id, part_line)
        self.assertEqual(recovery.line_ids.quantity, 2)
        # The supplier's price (90, the main vendor, below its 5-unit break), not 100 + 10 %.
        self.assertEqual(recovery.line_ids.unit_price, 90.0)
        self.assertEqual(recovery.line_ids.price_source, "supplier")
        self.assertEqual(recovery.line_ids.subtotal, 180.0)  # 2 × 90
        self.assertEqual(recovery.amount_total, 180.0)
        self.assertEqual(recovery.amount_station, 220.0)
        # A part is claimed once: nothing left on the same claim.
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_create_recovery()
        self.assertEqual(
            str(caught.exception),
            "These claims have no part left to recover from a supplier (the causal part's"
            " lines when the claim names one).",
        )
        # Once cancelled, the part may be claimed again.
        recovery.with_user(self.service_manager).action_cancel()
        claim.with_user(self.service_manager).action_create_recovery()
        self.assertEqual(len(claim.recovery_ids), 2)

    def test_quantity_break_and_draft_edits(self):
        recovery = self._recovery()
        line = recovery.line_ids.with_user(self.service_manager)
        line.quantity = 6  # the 5-unit price of the same supplier: 6 × 80
        self.assertEqual(line.unit_price, 80.0)
        self.assertEqual(recovery.amount_total, 480.0)
        line.unit_price = 85.5  # a negotiated price, while a draft: 6 × 85.5
        self.assertEqual(recovery.amount_total, 513.0)
        with self.assertRaises(ValidationError) as caught:
            line.quantity = -1
        self.assertEqual(
            str(caught.exception), "A value must not be negative (quantity)."
        )

    def test_reduced_quantity_and_causal_part(self):
        claim = self.env["crm.service.claim"].create(
            self._claim_vals(causal_product_id=self.part.id)
        )
        claim.write(
            {
                "line_ids": [
                    Command.create(
                        {"kind": "part", "product_id": self.seal.id, "quantity": 1}
                    )
                ]
            }
        )
        claim.action_submit()
        injector = claim.line_ids.filtered(lambda line: line.product_id == self.part)
        claim.action_approve_partially(
            {injector.id: {"approved_quantity": 1, "reason_id": self.reason.id}},
            self.OVERRIDE,
        )
        recovery = self._recovery(claim)
        # Only the causal part, at the quantity the maker paid for (1 of 2): 1 × 90.
        self.assertEqual(recovery.line_ids.product_id, self.part)
        self.assertEqual(recovery.line_ids.quantity, 1)
        self.assertEqual(recovery.amount_total, 90.0)

    def test_part_without_vendor_needs_a_chosen_supplier(self):
        claim = self.env["crm.service.claim"].create(
            self._claim_vals(
                line_ids=[
                    Command.create(
                        {"kind": "part", "product_id": self.part.id, "quantity": 2}
                    ),
                    Command.create(
                        {"kind": "part", "product_id": self.seal.id, "quantity": 3}
                    ),
                ]
            )
        )
        claim.action_submit()
        claim.action_approve(self.OVERRIDE)
        recoveries = self._recovery(claim)
        self.assertEqual(len(recoveries), 2)
        unknown = recoveries.filtered(lambda rec: not rec.supplier_id)
        # No vendor: priced at the part's cost, 3 × 10.
        self.assertEqual(unknown.line_ids.price_source, "cost")
        self.assertEqual(unknown.amount_total, 30.0)
        with self.assertRaises(UserError) as caught:
            unknown.with_user(self.service_manager).action_send()
        self.assertEqual(
            str(caught.exception),
            f"Choose the supplier of the supplier recovery {unknown.name} before"
            " sending it.",
        )
        self.assertEqual(unknown.state, "draft")
        # Chosen: the chosen supplier's price list has no seal, the cost stays.
        unknown.with_user(self.service_manager).supplier_id = self.supplier_2
        self.assertEqual(unknown.amount_total, 30.0)
        self.supplier_2.email = False
        with self.assertRaises(UserError) as caught:
            unknown.with_user(self.service_manager).action_send()
        self.assertEqual(
            str(caught.exception),
            f"The supplier Cheaper Injector Co. of {unknown.name} has no e-mail address.",
        )
        self.assertEqual(unknown.state, "draft")

    def test_undecided_claim_cannot_be_recovered(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.service_manager).action_create_recovery()
        self.assertEqual(
            str(caught.exception),
            f"The claims {claim.name} cannot be recovered in their current state.",
        )
        self.assertFalse(claim.recovery_ids)

    # ------------------------------------------------------------ workflow
    def test_send_accept_refund(self):
        recovery = self._recovery().with_user(self.service_manager)
        recovery.action_send()
        self.assertEqual(recovery.state, "sent")
        self.assertEqual(recovery.sent_date, self.today)
        message = recovery.message_ids.filtered(
            lambda m: self.supplier in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(recovery.name, message.subject)
        self.assertIn("Injector Supplier Co.", str(message.body))
        # The supplier is told by e-mail (one e-mail notification, to the supplier only).
        notification = message.sudo().notification_ids
        self.assertEqual(notification.res_partner_id, self.supplier)
        self.assertEqual(notification.notification_type, "email")
        # Sent figures are kept as they are.
        with self.assertRaises(UserError):
            recovery.line_ids.quantity = 5
        self.assertEqual(recovery.line_ids.quantity, 2)
        recovery.action_accept()
        self.assertEqual(recovery.state, "accepted")
        self.assertEqual(recovery.answer_date, self.today)
        action = recovery.action_refund()
        self.assertEqual(recovery.state, "refunded")
        move = recovery.move_id
        self.assertEqual(action["res_id"], move.id)
        self.assertEqual(move.move_type, "in_refund")
        self.assertEqual(move.partner_id, self.supplier)
        self.assertEqual(move.company_id, recovery.company_id)
        self.assertEqual(move.invoice_origin, recovery.name)
        self.assertEqual(move.service_recovery_ids, recovery)
        self.assertEqual(move.invoice_line_ids.product_id, self.part)
        self.assertEqual(move.invoice_line_ids.quantity, 2)
        self.assertEqual(move.invoice_line_ids.price_unit, 90.0)
        self.assertEqual(move.amount_untaxed, 180.0)  # the supplier's 2 × 90
        self.assertEqual(move.action_view_service_recovery()["res_id"], recovery.id)

    def test_dispute_revise_resend(self):
        recovery = self._recovery().with_user(self.service_manager)
        recovery.action_send()
        with self.assertRaises(UserError) as caught:
            recovery.action_dispute("  ")
        self.assertEqual(
            str(caught.exception),
            f"Give the supplier's objection to the supplier recoveries {recovery.name}.",
        )
        self.assertEqual(recovery.state, "sent")
        action = recovery.action_open_dispute()
        wizard = (
            self.env["crm.service.recovery.dispute"]
            .with_user(self.service_manager)
            .with_context(**action["context"])
            .create({"reason": "Only one injector was ours."})
        )
        wizard.action_confirm()
        self.assertEqual(recovery.state, "disputed")
        self.assertEqual(recovery.dispute_reason, "Only one injector was ours.")
        recovery.action_revise()
        self.assertEqual(recovery.state, "draft")
        recovery.line_ids.quantity = 1
        self.assertEqual(recovery.amount_total, 90.0)
        recovery.action_send()
        self.assertEqual(recovery.state, "sent")

    def test_illegal_transitions_refused(self):
        recovery = self._recovery().with_user(self.service_manager)
        # Draft
        self.assert_refused(recovery.action_accept, recovery, "accepted", "Draft")
        self.assert_refused(
            lambda: recovery.action_dispute("No."), recovery, "disputed", "Draft"
        )
        self.assert_refused(recovery.action_revise, recovery, "revised", "Draft")
        self.assert_refused(recovery.action_refund, recovery, "refunded", "Draft")
        self.assertFalse(recovery.move_id)
        # Sent
        recovery.action_send()
        sent = "Sent to Supplier"
        self.assert_refused(recovery.action_send, recovery, "sent", sent)
        self.assert_refused(recovery.action_revise, recovery, "revised", sent)
        self.assert_refused(recovery.action_refund, recovery, "refunded", sent)
        # Accepted
        recovery.action_accept()
        for call, label in (
            (recovery.action_send, "sent"),
            (recovery.action_accept, "accepted"),
            (lambda: recovery.action_dispute("No."), "disputed"),
            (recovery.action_revise, "revised"),
            (recovery.action_cancel, "cancelled"),
        ):
            self.assert_refused(call, recovery, label, "Accepted")
        # Refunded: final
        recovery.action_refund()
        move = recovery.move_id
        for call, label in (
            (recovery.action_send, "sent"),
            (recovery.action_accept, "accepted"),
            (recovery.action_revise, "revised"),
            (recovery.action_refund, "refunded"),
            (recovery.action_cancel, "cancelled"),
        ):
            self.assert_refused(call, recovery, label, "Refunded")
        self.assertEqual(recovery.move_id, move)
        # Cancelled: final
        other = self._recovery(self._approved_claim()).with_user(self.service_manager)
        other.action_cancel()
        for call, label in (
            (other.action_send, "sent"),
            (other.action_accept, "accepted"),
            (other.action_revise, "revised"),
            (other.action_refund, "refunded"),
            (other.action_cancel, "cancelled"),
        ):
            self.assert_refused(call, other, label, "Cancelled")

    def test_state_and_refund_never_written_directly(self):
        recovery = self._recovery().with_user(self.service_manager)
        for vals in (
            {"state": "accepted"},
            {"move_id": False},
            {"sent_date": "2026-01-01"},
        ):
            with self.assertRaises(AccessError):
                recovery.write(vals)
        self.assertEqual(recovery.state, "draft")
        with self.assertRaises(AccessError):
            self.env["crm.service.recovery"].with_user(self.service_manager).create(
                {"claim_id": recovery.claim_id.id, "state": "refunded"}
            )

    # ------------------------------------------------------------ access
    def test_plain_user_and_service_user_refused(self):
        recovery = self._recovery()
        with self.assertRaises(AccessError):
            recovery.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            recovery.with_user(self.plain_user).action_send()
        # A service user reads, never acts nor writes.
        self.assertEqual(
            recovery.with_user(self.service_user).read(["amount_total"])[0][
                "amount_total"
            ],
            180.0,
        )
        with self.assertRaises(AccessError) as caught:
            recovery.with_user(self.service_user).action_send()
        self.assertEqual(
            str(caught.exception),
            "Only service managers may work on supplier recoveries.",
        )
        with self.assertRaises(AccessError):
            recovery.with_user(self.service_user).note = "mine"
        with self.assertRaises(AccessError):
            recovery.claim_id.with_user(self.service_user).action_create_recovery()
        with self.assertRaises(AccessError):
            recovery.with_user(self.portal_user).read(["name"])
        self.assertEqual(recovery.state, "draft")
        self.assertFalse(recovery.note)

    def test_other_company_invisible(self):
        recovery = self._recovery()
        Recovery = self.env["crm.service.recovery"].with_user(self.other_manager)
        self.assertFalse(Recovery.search([("id", "=", recovery.id)]))
        self.assertFalse(
            self.env["crm.service.recovery.line"]
            .with_user(self.other_manager)
            .search([("id", "in", recovery.line_ids.ids)])
        )
        with self.assertRaises(AccessError):
            recovery.with_user(self.other_manager).action_send()
        self.assertEqual(recovery.state, "draft")

    def test_no_delete_past_draft(self):
        recovery = self._recovery().with_user(self.service_manager)
        with self.assertRaises(AccessError):
            recovery.unlink()  # no unlink right: recoveries are cancelled, not deleted
        recovery.action_send()
        with self.assertRaises(UserError):
            recovery.line_ids.unlink()
        self.assertEqual(len(recovery.line_ids), 1)
