# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import ownership
from ..lib.common import DomainError
from .display import compute_display_names


class CrmLubricantOwnershipLog(models.Model):
    """Append-only log of customer protection: it decides who gets credit for a deal."""

    _name = "crm.lubricant.ownership.log"
    _description = "Customer Ownership Log"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        ondelete="restrict",
        help="Who gains the protection (register, claim, assign) or loses it (release, lapse).",
    )
    action = fields.Selection(
        [
            (ownership.ACTION_REGISTER, "Register"),
            (ownership.ACTION_CLAIM, "Claim from Pool"),
            (ownership.ACTION_ASSIGN, "Assign"),
            (ownership.ACTION_RELEASE, "Release to Pool"),
            (ownership.ACTION_LAPSE, "Lapse to Pool"),
        ],
        required=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    author_id = fields.Many2one(
        "res.users", string="Done By", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", related="partner_id.company_id", store=True, index=True
    )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The ownership log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_log(self):
        raise UserError(self.env._("The ownership log cannot be deleted."))

    @api.model
    def _credit_holders(self, deals):
        """``deals``: list of (customer id, deal datetime). Returns the list of credited user ids
        (False when the customer was in the pool or its log is inconsistent), reading the log of
        all customers in one query."""
        partner_ids = {pid for pid, _at in deals if pid}
        events = {}
        if partner_ids:
            rows = self.sudo().search_read(  # sudo: credit is decided on the whole log
                [("partner_id", "in", list(partner_ids))],
                ["partner_id", "user_id", "action", "date"],
                order="date, id",
            )
            for row in rows:
                events.setdefault(row["partner_id"][0], []).append(
                    ownership.OwnershipEvent(
                        when=row["date"],
                        customer_id=row["partner_id"][0],
                        salesperson_id=row["user_id"][0],
                        action=row["action"],
                        sequence=row["id"],
                    )
                )
        holders = []
        for pid, at in deals:
            try:
                holder = (
                    ownership.credit_holder(events.get(pid, []), pid, at)
                    if pid and at
                    else None
                )
            except DomainError:
                holder = None
            holders.append(holder or False)
        return holders

    @api.depends("partner_id", "action")
    def _compute_display_name(self):
        compute_display_names(self, ("partner_id", "action"))
