# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_config_settings import bounded_setting
from .service_chain import open_linked, open_records

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
    # The after-sales chain this request started (see action_create_repair).
    repair_ids = fields.One2many(
        "repair.order", "service_request_id", string="Repair Orders"
    )
    claim_ids = fields.One2many(
        "crm.service.claim", "service_request_id", string="Warranty Claims"
    )
    visit_ids = fields.One2many(
        "crm.service.return.visit", "service_request_id", string="Return Visits"
    )
    repair_count = fields.Integer(string="Repairs", compute="_compute_chain_counts")
    claim_count = fields.Integer(string="Claims", compute="_compute_chain_counts")
    settlement_count = fields.Integer(
        string="Settlements", compute="_compute_chain_counts"
    )
    visit_count = fields.Integer(
        string="Return Visit Count", compute="_compute_chain_counts"
    )

    @api.model
    def _deadline_hours(self):
        return bounded_setting(self.env, "crm_service_request_deadline_hours")

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = bool(
                request.deadline
                and request.deadline < now
                and request.state in ("new", "dispatched")
            )

    @api.depends("repair_ids", "claim_ids.settlement_id", "visit_ids")
    def _compute_chain_counts(self):
        def counts(model, aggregate="__count", extra=()):
            return dict(
                self.env[model]._read_group(
                    [("service_request_id", "in", self.ids), *extra],
                    ["service_request_id"],
                    [aggregate],
                )
            )

        repairs = counts("repair.order")
        claims = counts("crm.service.claim")
        settlements = counts(
            "crm.service.claim",
            "settlement_id:count_distinct",
            [("settlement_id", "!=", False)],
        )
        visits = counts("crm.service.return.visit")
        for request in self:
            request.repair_count = repairs.get(request, 0)
            request.claim_count = claims.get(request, 0)
            request.settlement_count = settlements.get(request, 0)
            request.visit_count = visits.get(request, 0)

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

    # ---------------------------------------------------------------- the chain
    def action_create_repair(self):
        """Create the repair order of the request at its station (customer, engine, symptom
        filled in, linked back) and open it."""
        self.ensure_one()
        if self.state in ("closed", "cancel"):
            raise UserError(
                self.env._(
                    "The request %(request)s is closed or cancelled: no repair order can be"
                    " created from it.",
                    request=self.name,
                )
            )
        if not self.station_id:
            raise UserError(
                self.env._(
                    "Choose the service station of the request %(request)s before creating"
                    " its repair order.",
                    request=self.name,
                )
            )
        if not self.lot_id:
            raise UserError(
                self.env._(
                    "Give the engine serial of the request %(request)s before creating its"
                    " repair order.",
                    request=self.name,
                )
            )
        self.check_access("write")
        repair = self.env["repair.order"].create(self._repair_vals())
        return open_records(repair)

    def _repair_vals(self):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "service_request_id": self.id,
            "station_id": self.station_id.id,
            "partner_id": (self.partner_id or self.lot_id.engine_end_user_id).id,
            "product_id": self.lot_id.product_id.id,
            "lot_id": self.lot_id.id,
            "service_symptom": self.description,
            "repair_request": self.description,
            "service_type": "warranty",
        }

    def action_view_repairs(self):
        return open_linked(
            self,
            "repair_ids",
            {
                "default_service_request_id": self.id,
                "default_station_id": self.station_id.id,
                "default_lot_id": self.lot_id.id,
            },
        )

    def action_view_claims(self):
        return open_linked(self, "claim_ids")

    def action_view_settlements(self):
        return open_linked(self, "claim_ids.settlement_id")

    def action_view_visits(self):
        return open_linked(self, "visit_ids")
