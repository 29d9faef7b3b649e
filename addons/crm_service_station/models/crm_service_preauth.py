# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"
USER_GROUP = "crm_service_station.group_crm_service_station_user"


class CrmServicePreauth(models.Model):
    """A station's request for approval before an expensive repair or a repair of a failure code
    that needs one; a warranty claim for such a repair needs it approved."""

    _name = "crm.service.preauth"
    _description = "Repair Pre-authorization"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "reviewer_id", "decision_date", "decision_reason")
    _locked_states = ("approved", "refused")

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    station_id = fields.Many2one(
        "res.partner",
        string="Service Station",
        required=True,
        index=True,
        domain="[('is_service_station', '=', True)]",
        check_company=True,
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Engine Serial", required=True, check_company=True
    )
    failure_code_id = fields.Many2one("crm.service.failure.code", required=True)
    estimated_amount = fields.Monetary(required=True)
    description = fields.Text(string="Planned Repair")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_date = fields.Date(readonly=True, copy=False)
    decision_reason = fields.Text(string="Reviewer's Reason", readonly=True, copy=False)
    review_note = fields.Text(
        string="Reviewer's Note",
        copy=False,
        help="Written by the reviewer before deciding; the reason of a refusal when none is"
        " given.",
    )
    claim_ids = fields.One2many("crm.service.claim", "preauth_id", string="Claims")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "estimated_amount_positive",
            "CHECK(estimated_amount > 0)",
            "The estimated amount of a pre-authorization must be above 0.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Refused with its message before the database's CHECK sees the row.
            self._refuse_amount(vals.get("estimated_amount", 0))
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("crm.service.preauth")
                    or "/"
                )
        return super().create(vals_list)

    @api.model
    def _refuse_amount(self, amount):
        try:
            positive = float(amount) > 0
        except (TypeError, ValueError):
            positive = False
        if not positive:
            raise ValidationError(
                self.env._(
                    "The estimated amount of a pre-authorization must be above 0."
                )
            )

    @api.constrains("estimated_amount")
    def _check_estimated_amount(self):
        for rec in self:
            self._refuse_amount(rec.estimated_amount)

    def _check_preauth_state(self, allowed, action):
        wrong = self.filtered(lambda rec: rec.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The pre-authorizations %(names)s cannot be %(action)s in their current"
                    " state.",
                    names=", ".join(wrong.mapped("name")),
                    action=action,
                )
            )

    def _workflow_write(self, vals):
        """Write the workflow fields once the action checked the transition."""
        self.check_access("write")
        return self.sudo().write(vals)

    def action_request(self):
        """The station asks for approval (draft → requested)."""
        if not self.env.su and not self.env.user.has_group(USER_GROUP):
            raise AccessError(
                self.env._("Only service staff may request a pre-authorization.")
            )
        self._check_preauth_state(("draft",), self.env._("requested"))
        self._workflow_write({"state": "requested"})
        return True

    def _decide(self, state, reason, action):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may decide on pre-authorizations.")
            )
        self._check_preauth_state(("requested",), action)
        if not isinstance(reason, str) or not reason.strip():
            reason = self.review_note if len(self) == 1 else ""
        reason = (reason or "").strip()
        if state == "refused" and not reason:
            raise UserError(
                self.env._(
                    "Give the reason for refusing the pre-authorizations %(names)s.",
                    names=", ".join(self.mapped("name")),
                )
            )
        self._workflow_write(
            {
                "state": state,
                "reviewer_id": self.env.uid,
                "decision_date": fields.Date.context_today(self),
                "decision_reason": reason or False,
            }
        )
        return True

    def action_approve(self, reason=None):
        """Approve the requested repairs (requested → approved)."""
        return self._decide("approved", reason, self.env._("approved"))

    def action_refuse(self, reason=None):
        """Refuse the requested repairs with a reason (requested → refused)."""
        return self._decide("refused", reason, self.env._("refused"))


class CrmServiceClaim(models.Model):
    _inherit = "crm.service.claim"

    preauth_id = fields.Many2one(
        "crm.service.preauth",
        string="Pre-authorization",
        index="btree_not_null",
        check_company=True,
        domain="[('lot_id', '=', lot_id), ('station_id', '=', station_id)]",
        help="Needed (approved) for a repair above the pre-authorization amount or of a failure"
        " code that requires one.",
    )

    @api.constrains("preauth_id", "lot_id", "station_id")
    def _check_preauth_matches(self):
        for claim in self.filtered("preauth_id"):
            preauth = claim.preauth_id.sudo()
            if preauth.lot_id != claim.lot_id or preauth.station_id != claim.station_id:
                raise ValidationError(
                    self.env._(
                        "The pre-authorization %(preauth)s is for another engine or station"
                        " than the claim %(claim)s.",
                        preauth=preauth.name,
                        claim=claim.name,
                    )
                )
