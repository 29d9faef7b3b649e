# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_config_settings import SETTING_BOUNDS, get_setting

SATISFACTION = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]


class CrmServiceRequest(models.Model):
    _name = "crm.service.request"
    _description = "Service Request"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Set by the actions only (see the guard mixin); a closed or cancelled request is kept.
    _workflow_fields = (
        "state",
        "dispatch_date",
        "reply_date",
        "replier_id",
        "closed_date",
        "return_visit_id",
    )
    _locked_states = ("closed", "cancel")

    name = fields.Char(
        required=True, copy=False, readonly=True, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    request_type = fields.Selection(
        [
            ("consultation", "Consultation"),
            ("complaint", "Complaint"),
            ("repair_request", "Repair Request"),
            ("rescue", "Rescue"),
            ("return_visit", "Return Visit"),
            ("suggestion", "Suggestion"),
        ],
        string="Type",
        required=True,
        default="consultation",
        tracking=True,
        index=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("portal", "Portal"),
            ("email", "Email"),
            ("wechat", "WeChat"),
            ("walk_in", "Walk-in"),
        ],
        default="phone",
        required=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", tracking=True, index=True, check_company=True
    )
    phone = fields.Char()
    lot_id = fields.Many2one(
        "stock.lot", string="Engine Serial", index="btree_not_null", check_company=True
    )
    description = fields.Text(required=True)
    receiver_id = fields.Many2one(
        "res.users",
        string="Received By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    station_id = fields.Many2one(
        "res.partner",
        string="Dispatched To",
        domain="[('is_service_station', '=', True)]",
        tracking=True,
        index="btree_not_null",
        check_company=True,
    )
    dispatch_date = fields.Datetime(readonly=True, copy=False)
    reply = fields.Text()
    reply_date = fields.Datetime(string="Replied On", readonly=True, copy=False)
    replier_id = fields.Many2one(
        "res.users", string="Replied By", readonly=True, copy=False
    )
    deadline = fields.Datetime(
        default=lambda self: (
            fields.Datetime.now() + timedelta(hours=self._deadline_hours())
        ),
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("dispatched", "Dispatched"),
            ("replied", "Replied"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    satisfaction = fields.Selection(SATISFACTION, tracking=True)
    closed_date = fields.Datetime(readonly=True, copy=False)
    return_visit_id = fields.Many2one(
        "crm.service.return.visit",
        string="From Return Visit",
        readonly=True,
        copy=False,
    )

    @api.model
    def _deadline_hours(self):
        name = "crm_service_request_deadline_hours"
        hours = get_setting(self.env, name)
        low, high = SETTING_BOUNDS[name]
        if not low <= hours <= high:
            # a parameter typed by hand outside the settings form's bounds: the field's default
            settings = self.env["res.config.settings"]
            hours = settings._fields[name].default(settings)
        return hours

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = bool(
                request.deadline
                and request.deadline < now
                and request.state in ("new", "dispatched")
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue requests."))
        domain = [
            ("deadline", "<", fields.Datetime.now()),
            ("state", "in", ("new", "dispatched")),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&"] + domain

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.service.request") or "/"
                )
        return super().create(vals_list)

    def _ensure_state(self, allowed, message):
        if self.filtered(lambda r: r.state not in allowed):
            raise UserError(message)

    def _workflow_write(self, vals):
        """Write the workflow fields once the action checked the transition."""
        self.check_access("write")
        return self.sudo().write(vals)

    def action_dispatch(self):
        missing = self.filtered(lambda r: not r.station_id)
        if missing:
            raise UserError(
                self.env._("Choose the service station to dispatch the request to.")
            )
        self._ensure_state(("new",), self.env._("Only new requests can be dispatched."))
        self._workflow_write(
            {"state": "dispatched", "dispatch_date": fields.Datetime.now()}
        )
        return True

    def action_reply(self):
        if self.filtered(lambda r: not r.reply):
            raise UserError(
                self.env._("Write the reply before marking the request as replied.")
            )
        self._ensure_state(
            ("new", "dispatched"), self.env._("Only open requests can be replied to.")
        )
        self._workflow_write(
            {
                "state": "replied",
                "reply_date": fields.Datetime.now(),
                "replier_id": self.env.uid,
            }
        )
        return True

    def action_close(self):
        if self.filtered(lambda r: not r.satisfaction):
            raise UserError(
                self.env._("Record the customer's satisfaction before closing.")
            )
        self._ensure_state(
            ("new", "dispatched", "replied"),
            self.env._("The request is already closed."),
        )
        unanswered = self.filtered(
            lambda r: r.request_type == "complaint" and not r.reply
        )
        if unanswered:
            raise UserError(
                self.env._(
                    "Reply to the complaints %(requests)s before closing them.",
                    requests=", ".join(unanswered.mapped("name")),
                )
            )
        self._workflow_write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self._ensure_state(
            ("new", "dispatched", "replied"),
            self.env._("The request is already closed."),
        )
        self._workflow_write({"state": "cancel"})
        return True
