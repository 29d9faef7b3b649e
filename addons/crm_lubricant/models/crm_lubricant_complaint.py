# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_config_settings import get_setting


class CrmLubricantComplaint(models.Model):
    """Customer complaint: received → replied → closed after a satisfaction return visit."""

    _name = "crm.lubricant.complaint"
    _description = "Customer Complaint"
    _inherit = [
        "crm.lubricant.guard.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_date desc, id desc"
    _workflow_fields = ("state", "reply_date", "replier_id", "closed_date")
    _locked_states = ("closed",)
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        check_company=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    # seed 001's customer request record: its type, who received it and how widespread it is
    request_type = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("suggestion", "Suggestion"),
            ("need", "Need"),
        ],
        required=True,
        default="complaint",
        index=True,
        tracking=True,
    )
    prevalence = fields.Selection(
        [
            ("single", "Single Customer"),
            ("several", "Several Customers"),
            ("widespread", "Widespread"),
        ],
        string="How Widespread",
        default="single",
        index=True,
        tracking=True,
        help="Whether other customers report the same: drives the quality and product "
        "follow-up.",
    )
    receiver_id = fields.Many2one(
        "res.users",
        string="Received By",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    salesperson_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        related="partner_id.commercial_partner_id.lub_owner_id",
        store=True,
        index=True,
        help="The salesperson protecting the customer (sales versus complaint rate per "
        "salesperson).",
    )
    product_id = fields.Many2one("product.product", check_company=True)
    lot_text = fields.Char(string="Lot / Batch")
    description = fields.Text(required=True)
    severity = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        required=True,
        default="medium",
        tracking=True,
    )
    received_date = fields.Date(
        string="Received On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    deadline = fields.Date(
        string="Reply Deadline",
        compute="_compute_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="Received date plus the reply period set in the settings; may be changed.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        [("new", "New"), ("replied", "Replied"), ("closed", "Closed")],
        required=True,
        default="new",
        copy=False,
        tracking=True,
        group_expand=True,
    )
    reply = fields.Text(copy=False)
    reply_date = fields.Datetime(string="Replied On", readonly=True, copy=False)
    replier_id = fields.Many2one(
        "res.users", string="Replied By", readonly=True, copy=False
    )
    satisfaction_score = fields.Integer(
        string="Satisfaction (1-5)",
        copy=False,
        tracking=True,
        aggregator="avg",
        help="Score given by the customer on the return visit, from 1 (poor) to 5 (excellent).",
    )
    satisfaction_comment = fields.Text(string="Return Visit Comment", copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)

    @api.depends("received_date")
    def _compute_deadline(self):
        days = get_setting(self.env, "lub_complaint_reply_days")
        for complaint in self:
            complaint.deadline = (
                complaint.received_date + timedelta(days=days)
                if complaint.received_date
                else False
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/lubricant/complaints/{complaint.id}"
        return result

    @api.constrains("satisfaction_score")
    def _check_satisfaction_score(self):
        for complaint in self:
            if (
                complaint.satisfaction_score
                and not 1 <= complaint.satisfaction_score <= 5
            ):
                raise ValidationError(
                    self.env._(
                        "The satisfaction score of %(complaint)s must be between 1 and 5.",
                        complaint=complaint.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "crm.lubricant.complaint"
                ) or self.env._("New")
        return super().create(vals_list)

    def action_reply(self):
        for complaint in self:
            if complaint.state != "new":
                raise UserError(
                    self.env._(
                        "%(complaint)s has already been replied to.",
                        complaint=complaint.name,
                    )
                )
            if not (complaint.reply or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reply to %(complaint)s before marking it replied.",
                        complaint=complaint.name,
                    )
                )
        self.check_access("write")
        # sudo: the state changes only through this action (transition checked above)
        self.sudo().write(
            {
                "state": "replied",
                "reply_date": fields.Datetime.now(),
                "replier_id": self.env.uid,
            }
        )
        self._notify_reply()
        return True

    def action_lub_share(self):
        """Odoo's share wizard on this complaint: a link with its access token, sent to the
        partners chosen, opens the complaint's portal page (reply and chatter) without an
        account."""
        self.ensure_one()
        if not self.env.user.has_group("base.group_partner_manager"):
            # Odoo's share wizard is for users who may create contacts
            raise AccessError(
                self.env._(
                    "Only users allowed to create contacts can share complaints."
                )
            )
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "portal.portal_share_action"
        )
        action["context"] = {
            "active_model": self._name,
            "active_id": self.id,
            "active_ids": self.ids,
            "default_partner_ids": (self.contact_id or self.partner_id).ids,
            "dialog_size": "medium",
        }
        return action

    def _lub_portal_owner(self):
        """The customer company whose portal users see this complaint."""
        self.ensure_one()
        return self.partner_id.commercial_partner_id

    def _notify_reply(self):
        """Send the reply to the customer, or its contact when one is named (mail template
        in the recipient's language, posted in the chatter); nothing without an e-mail."""
        template = self.env.ref(
            "crm_lubricant.mail_template_complaint_reply", raise_if_not_found=False
        )
        complaints = self.filtered(
            lambda complaint: (complaint.contact_id or complaint.partner_id).email
        )
        if template and complaints:
            complaints.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def action_close(self):
        for complaint in self:
            if complaint.state != "replied":
                raise UserError(
                    self.env._(
                        "Only a replied complaint can be closed: %(complaint)s is not.",
                        complaint=complaint.name,
                    )
                )
            if not (complaint.reply or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reply to %(complaint)s before marking it replied.",
                        complaint=complaint.name,
                    )
                )
            if (
                not complaint.satisfaction_score
                or not (complaint.satisfaction_comment or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Record the satisfaction return visit of %(complaint)s (score from 1 to 5 "
                        "and comment) before closing it.",
                        complaint=complaint.name,
                    )
                )
        self.check_access("write")
        # sudo: the state changes only through this action (transition checked above)
        self.sudo().write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True
