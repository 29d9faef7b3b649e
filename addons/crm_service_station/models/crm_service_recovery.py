# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import recovery as lib_recovery
from ..lib.common import DomainError

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"
RECOVERY_STATES = [
    (lib_recovery.DRAFT, "Draft"),
    (lib_recovery.SENT, "Sent to Supplier"),
    (lib_recovery.ACCEPTED, "Accepted"),
    (lib_recovery.DISPUTED, "Disputed"),
    (lib_recovery.REFUNDED, "Refunded"),
    (lib_recovery.CANCELLED, "Cancelled"),
]


class CrmServiceRecovery(models.Model):
    """The maker's claim on the supplier of a failed part, after paying the station's
    warranty claim: priced at the supplier's own price, answered by the supplier, settled by a
    vendor refund."""

    _name = "crm.service.recovery"
    _description = "Supplier Recovery"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = (
        "state",
        "sent_date",
        "answer_date",
        "dispute_reason",
        "move_id",
        "amount_total",
    )
    _locked_states = lib_recovery.LOCKED_STATES

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    claim_id = fields.Many2one(
        "crm.service.claim",
        string="Warranty Claim",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    station_id = fields.Many2one(related="claim_id.station_id")
    lot_id = fields.Many2one(related="claim_id.lot_id")
    failure_code_id = fields.Many2one(related="claim_id.failure_code_id")
    causal_product_id = fields.Many2one(related="claim_id.causal_product_id")
    supplier_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        check_company=True,
        help="The part's vendor (its supplier price list) when the recovery is created; choose"
        " one when the part has none.",
    )
    state = fields.Selection(
        RECOVERY_STATES,
        default=lib_recovery.DRAFT,
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "crm.service.recovery.line", "recovery_id", string="Lines", copy=True
    )
    amount_total = fields.Monetary(
        string="Amount Claimed from Supplier",
        compute="_compute_amount_total",
        store=True,
        aggregator="sum",
    )
    amount_station = fields.Monetary(
        string="Paid to the Station",
        compute="_compute_amount_station",
        help="What the station was paid for these parts (its claim price, handling included).",
    )
    sent_date = fields.Date(string="Sent On", readonly=True, copy=False)
    answer_date = fields.Date(string="Answered On", readonly=True, copy=False)
    dispute_reason = fields.Text(
        string="Supplier's Objection", readonly=True, copy=False, tracking=True
    )
    note = fields.Text(string="Internal Note")
    move_id = fields.Many2one(
        "account.move",
        string="Vendor Refund",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )

    @api.depends("line_ids.quantity", "line_ids.unit_price")
    def _compute_amount_total(self):
        for rec in self:
            try:
                total = lib_recovery.recovery_total(
                    (line.quantity, line.unit_price) for line in rec.line_ids
                )
            except DomainError:
                total = 0  # refused line by line with a translated message
            rec.amount_total = float(total)

    @api.depends("line_ids.claim_line_id.subtotal")
    def _compute_amount_station(self):
        for rec in self:
            rec.amount_station = sum(rec.line_ids.mapped("station_amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("crm.service.recovery")
                    or "/"
                )
        return super().create(vals_list)

    # ---------------------------------------------------------------- workflow helpers
    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may work on supplier recoveries.")
            )

    def _check_transition(self, action, label):
        """Refuse the action unless every recovery may take it (``lib.recovery``)."""
        self._check_manager()
        wrong = self.filtered(lambda rec: not lib_recovery.can(action, rec.state))
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The supplier recoveries %(names)s cannot be %(action)s: they are"
                    " %(states)s.",
                    names=", ".join(wrong.mapped("name")),
                    action=label,
                    states=", ".join(sorted({states[rec.state] for rec in wrong})),
                )
            )

    def _workflow_write(self, vals):
        """Write the workflow fields once the action checked the transition."""
        self.check_access("write")
        return self.sudo().write(vals)

    # ---------------------------------------------------------------- actions
    def action_send(self):
        """Send the recovery to the supplier by e-mail (draft → sent)."""
        self._check_transition("send", self.env._("sent"))
        for rec in self:
            if not rec.supplier_id:
                raise UserError(
                    self.env._(
                        "Choose the supplier of the supplier recovery %(name)s before"
                        " sending it.",
                        name=rec.name,
                    )
                )
            if not rec.supplier_id.email:
                raise UserError(
                    self.env._(
                        "The supplier %(supplier)s of %(name)s has no e-mail address.",
                        supplier=rec.supplier_id.display_name,
                        name=rec.name,
                    )
                )
            if not rec.line_ids or rec.currency_id.is_zero(rec.amount_total):
                raise UserError(
                    self.env._(
                        "The supplier recovery %(name)s claims nothing: add a line with a"
                        " quantity and a price.",
                        name=rec.name,
                    )
                )
        self._workflow_write(
            {
                "state": lib_recovery.target("send"),
                "sent_date": fields.Date.context_today(self),
            }
        )
        template = self.env.ref("crm_service_station.mail_template_recovery_sent")
        for rec in self:
            rec.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_accept(self):
        """The supplier accepts the recovery (sent → accepted)."""
        self._check_transition("accept", self.env._("accepted"))
        self._workflow_write(
            {
                "state": lib_recovery.target("accept"),
                "answer_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_dispute(self, reason=None):
        """The supplier objects (sent → disputed); its objection is recorded."""
        self._check_transition("dispute", self.env._("disputed"))
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(
                self.env._(
                    "Give the supplier's objection to the supplier recoveries %(names)s.",
                    names=", ".join(self.mapped("name")),
                )
            )
        self._workflow_write(
            {
                "state": lib_recovery.target("dispute"),
                "answer_date": fields.Date.context_today(self),
                "dispute_reason": reason.strip(),
            }
        )
        return True

    def action_open_dispute(self):
        """Open the form recording the supplier's objection."""
        self._check_transition("dispute", self.env._("disputed"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_recovery_dispute_action"
        )
        action["context"] = {"default_recovery_ids": self.ids}
        return action

    def action_revise(self):
        """Back to draft after a dispute, to change the lines and send again."""
        self._check_transition("revise", self.env._("revised"))
        self._workflow_write({"state": lib_recovery.target("revise")})
        return True

    def action_cancel(self):
        """Give the recovery up (draft, sent or disputed → cancelled); it is kept."""
        self._check_transition("cancel", self.env._("cancelled"))
        self._workflow_write({"state": lib_recovery.target("cancel")})
        return True

    def action_refund(self):
        """Create the supplier's vendor refund from the accepted recovery (accepted →
        refunded); the refund is left in draft for the accountant to post."""
        self._check_transition("refund", self.env._("refunded"))
        moves = self.env["account.move"]
        for rec in self:
            move = (
                self.env["account.move"]
                .with_company(rec.company_id)
                .create(rec._refund_vals())
            )
            rec._workflow_write(
                {"state": lib_recovery.target("refund"), "move_id": move.id}
            )
            moves |= move
        return self._open_moves(moves)

    def _refund_vals(self):
        self.ensure_one()
        return {
            "move_type": "in_refund",
            "company_id": self.company_id.id,
            "partner_id": self.supplier_id.id,
            "ref": f"{self.name} {self.claim_id.name}",
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": f"{self.claim_id.name} {line.name or line.product_id.display_name}",
                        "quantity": line.quantity,
                        "price_unit": line.unit_price,
                    }
                )
                for line in self.line_ids
            ],
        }

    def _open_moves(self, moves):
        return _open_records(moves, "account.action_move_in_refund_type")

    def action_view_refund(self):
        self.ensure_one()
        return self._open_moves(self.move_id)

    def _open(self):
        return _open_records(self, "crm_service_station.crm_service_recovery_action")


def _open_records(records, xmlid):
    """The window action ``xmlid`` on ``records``: their form when there is one."""
    action = records.env["ir.actions.act_window"]._for_xml_id(xmlid)
    if len(records) == 1:
        action.update(
            {"views": [(False, "form")], "view_mode": "form", "res_id": records.id}
        )
    else:
        action["domain"] = [("id", "in", records.ids)]
    return action
