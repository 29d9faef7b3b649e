# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


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
        ],
        required=True,
        default="approve",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(string="Claimed Amount", compute="_compute_checks")
    approved_amount = fields.Monetary(
        help="For a partial approval: the amount the maker pays."
    )
    reject_reason_id = fields.Many2one(
        "crm.service.reject.reason", string="Rejection Reason"
    )
    review_note = fields.Text(string="Reviewer's Note")
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
                self.approved_amount, override_reason=self.override_reason
            )
        else:
            claims.action_reject(self.reject_reason_id.id)
        return {"type": "ir.actions.act_window_close"}
