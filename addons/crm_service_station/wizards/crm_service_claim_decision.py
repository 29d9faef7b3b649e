# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models

from ..lib.common import DomainError
from ..models.crm_service_claim_line import DECISION_FIGURES


class CrmServiceClaimDecision(models.TransientModel):
    """The reviewer's decision on submitted claims: approve, partially approve or reject.

    The claim's decision fields change only through its action methods; this wizard collects
    their inputs (amount, reason, override of failed checks) and calls them."""

    _name = "crm.service.claim.decision"
    _description = "Warranty Claim Decision"

    claim_ids = fields.Many2many("crm.service.claim", string="Claims", required=True)
    decision = fields.Selection(
        [
            ("approve", "Approve"),
            ("partial", "Approve Partially"),
            ("reject", "Reject"),
            ("info", "Return for Information"),
        ],
        required=True,
        default="approve",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(string="Claimed Amount", compute="_compute_checks")
    line_ids = fields.One2many(
        "crm.service.claim.decision.line",
        "wizard_id",
        string="Line Decisions",
        help="For a partial approval: the approved hours, quantity or amount of each line.",
    )
    approved_amount = fields.Monetary(
        compute="_compute_approved_amount",
        help="For a partial approval: the sum of the line decisions, what the maker pays.",
    )
    reject_reason_id = fields.Many2one(
        "crm.service.reject.reason", string="Rejection Reason"
    )
    review_note = fields.Text(string="Reviewer's Note")
    info_question = fields.Text(
        string="Information Asked",
        help="What the station must tell or send before the claim is decided.",
    )
    failed_check_count = fields.Integer(
        string="Failed Checks", compute="_compute_checks"
    )
    override_reason = fields.Text(
        help="Required to approve claims whose automatic checks failed; logged on the claim and"
        " counted in the station evaluation."
    )

    @api.depends("claim_ids")
    def _compute_checks(self):
        for wizard in self:
            wizard.amount_total = sum(wizard.claim_ids.mapped("amount_total"))
            wizard.failed_check_count = sum(
                wizard.claim_ids.mapped("check_failed_count")
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and values.get("claim_ids"):
            claims = self.env["crm.service.claim"].browse(
                self._fields["claim_ids"].convert_to_cache(values["claim_ids"], self)
            )
            values["line_ids"] = [
                Command.create(
                    {
                        "claim_line_id": line.id,
                        "approved_hours": line.hours,
                        "approved_quantity": line.quantity,
                        "approved_amount": line.subtotal,
                    }
                )
                for line in claims.line_ids
            ]
        return values

    @api.depends("line_ids.approved_subtotal")
    def _compute_approved_amount(self):
        for wizard in self:
            wizard.approved_amount = sum(wizard.line_ids.mapped("approved_subtotal"))

    def _line_decisions(self):
        decisions = {}
        for line in self.line_ids:
            claim_line = line.claim_line_id
            key, claimed_field = DECISION_FIGURES[claim_line.kind]
            if not line.reason_id and not claim_line.currency_id.compare_amounts(
                line[key], claim_line[claimed_field]
            ):
                continue  # approved as claimed
            decisions[claim_line.id] = {
                key: line[key],
                "reason_id": line.reason_id.id,
            }
        return decisions

    def action_confirm(self):
        self.ensure_one()
        claims = self.claim_ids
        claims._check_manager()
        if self.review_note:
            claims.write({"review_note": self.review_note})
        if self.decision == "approve":
            claims.action_approve(override_reason=self.override_reason)
        elif self.decision == "partial":
            claims.action_approve_partially(
                self._line_decisions(), override_reason=self.override_reason
            )
        elif self.decision == "info":
            claims.action_return_for_info(self.info_question)
        else:
            claims.action_reject(self.reject_reason_id.id)
        return {"type": "ir.actions.act_window_close"}


class CrmServiceClaimDecisionLine(models.TransientModel):
    """The reviewer's figures for one claim line, beside the station's."""

    _name = "crm.service.claim.decision.line"
    _description = "Warranty Claim Line Decision"

    wizard_id = fields.Many2one(
        "crm.service.claim.decision", required=True, ondelete="cascade"
    )
    claim_line_id = fields.Many2one(
        "crm.service.claim.line", required=True, readonly=True
    )
    claim_id = fields.Many2one(related="claim_line_id.claim_id")
    kind = fields.Selection(related="claim_line_id.kind")
    currency_id = fields.Many2one(related="claim_line_id.currency_id")
    claimed_hours = fields.Float(related="claim_line_id.hours", string="Claimed Hours")
    claimed_quantity = fields.Float(
        related="claim_line_id.quantity", string="Claimed Quantity"
    )
    claimed_subtotal = fields.Monetary(
        related="claim_line_id.subtotal", string="Claimed Amount"
    )
    approved_hours = fields.Float(digits=(16, 2))
    approved_quantity = fields.Float()
    approved_amount = fields.Monetary(
        string="Approved Cost", help="Travel and other lines: the amount approved."
    )
    reason_id = fields.Many2one(
        "crm.service.reject.reason",
        string="Reduction Reason",
        help="Required when the line is reduced.",
    )
    approved_subtotal = fields.Monetary(
        string="Approved Amount", compute="_compute_approved_subtotal"
    )

    @api.depends("approved_hours", "approved_quantity", "approved_amount")
    def _compute_approved_subtotal(self):
        for line in self:
            if not line.claim_line_id:
                line.approved_subtotal = 0.0
                continue
            try:
                amount = line.claim_line_id._decided_amount(
                    hours=line.approved_hours,
                    qty=line.approved_quantity,
                    amount=line.approved_amount,
                )
            except DomainError:
                amount = 0  # refused with its message when the decision is confirmed
            line.approved_subtotal = float(amount)
