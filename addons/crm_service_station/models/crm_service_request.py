# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

from .res_config_settings import bounded_setting
from .service_chain import open_linked, open_records, send_template

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"
ESCALATION_ACTIVITY = "crm_service_station.mail_activity_type_sla_escalation"

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
    _inherit = [
        "crm.knowledge.guard.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    # Set by the actions only (see the guard mixin); a closed or cancelled request is kept.
    _workflow_fields = (
        "state",
        "dispatch_date",
        "station_accept_date",
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
    request_type_text = fields.Char(
        string="Type (text)", compute="_compute_request_type_text"
    )
    phone = fields.Char()
    lot_id = fields.Many2one(
        "stock.lot", string="Engine Serial", index="btree_not_null", check_company=True
    )
    product_id = fields.Many2one(
        related="lot_id.product_id", string="Engine Model", store=True, index=True
    )
    failure_code_id = fields.Many2one(
        "crm.service.failure.code",
        index="btree_not_null",
        tracking=True,
        help="The failure the customer reports or complains about: complaints are counted by"
        " engine model and failure code in the quality analysis.",
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
    station_accept_date = fields.Datetime(
        string="Accepted by the Station On",
        readonly=True,
        copy=False,
        help="When the station accepted the request in its portal.",
    )
    reply = fields.Text()
    reply_date = fields.Datetime(string="Replied On", readonly=True, copy=False)
    replier_id = fields.Many2one(
        "res.users", string="Replied By", readonly=True, copy=False
    )
    request_date = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        index=True,
    )
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Reply expected before this time; for a rescue, the station on site (each its"
        " own number of hours in the settings).",
    )
    # Rescue (求援): where the vehicle stands and when the station gets there.
    rescue_location = fields.Char(
        string="Location", help="Where the vehicle stands (road, km marker, city)."
    )
    vehicle_vin = fields.Char(
        string="Vehicle VIN",
        compute="_compute_vehicle_vin",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    vehicle_plate = fields.Char(string="Plate Number")
    rescue_eta = fields.Datetime(
        string="Estimated Arrival", tracking=True, help="Announced by the station."
    )
    rescue_arrival_date = fields.Datetime(
        string="On Site At", tracking=True, copy=False
    )
    rescue_late = fields.Boolean(
        string="Arrived Late",
        compute="_compute_rescue_late",
        store=True,
        help="The station reached the vehicle after the rescue deadline.",
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

    @api.depends("request_type")
    @api.depends_context("lang")
    def _compute_request_type_text(self):
        labels = dict(self._fields["request_type"]._description_selection(self.env))
        for request in self:
            request.request_type_text = labels.get(request.request_type, "")

    @api.depends("request_type", "request_date")
    def _compute_deadline(self):
        hours = {
            "rescue": bounded_setting(self.env, "crm_service_rescue_deadline_hours"),
            "other": self._deadline_hours(),
        }
        for request in self:
            start = request.request_date or fields.Datetime.now()
            kind = "rescue" if request.request_type == "rescue" else "other"
            try:
                request.deadline = start + timedelta(hours=hours[kind])
            except OverflowError:
                request.deadline = start  # refused by _check_request_times

    @api.depends("lot_id.engine_vin")
    def _compute_vehicle_vin(self):
        for request in self:
            if request.lot_id.engine_vin:
                request.vehicle_vin = request.lot_id.engine_vin

    @api.depends("request_type", "rescue_arrival_date", "deadline")
    def _compute_rescue_late(self):
        for request in self:
            request.rescue_late = bool(
                request.request_type == "rescue"
                and request.rescue_arrival_date
                and request.deadline
                and request.rescue_arrival_date > request.deadline
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/service-requests/{request.id}"
        return result

    @api.depends("deadline", "state", "request_type", "rescue_arrival_date")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            # a rescue's deadline is met once the station is on site
            request.is_overdue = bool(
                request.deadline
                and request.deadline < now
                and request.state in ("new", "dispatched")
                and not (
                    request.request_type == "rescue" and request.rescue_arrival_date
                )
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
            "&",
            "&",
            ("deadline", "<", fields.Datetime.now()),
            ("state", "in", ("new", "dispatched")),
            "|",
            ("request_type", "!=", "rescue"),
            ("rescue_arrival_date", "=", False),
        ]
        if (operator == "=") == value:
            return domain
        return ["!"] + domain

    @api.constrains("request_date", "rescue_eta", "rescue_arrival_date")
    def _check_request_times(self):
        latest = fields.Datetime.now() + timedelta(days=1)
        for request in self:
            if request.request_date > latest:
                raise ValidationError(
                    self.env._(
                        "The request %(request)s cannot be received in the future.",
                        request=request.name,
                    )
                )
            for name in ("rescue_eta", "rescue_arrival_date"):
                if request[name] and request[name] < request.request_date:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(request)s cannot be before the call (%(call)s).",
                            field=self._fields[name]._description_string(self.env),
                            request=request.name,
                            call=fields.Datetime.to_string(request.request_date),
                        )
                    )

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
        self._notify_dispatch()
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
        send_template(
            self.filtered(lambda r: r.partner_id.email),
            "crm_service_station.mail_template_request_replied",
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

    # ---------------------------------------------------------------- the station
    def _ensure_dispatched(self, message):
        """Station actions: only requests dispatched to a station and still open there."""
        if self.filtered(lambda r: r.state != "dispatched" or not r.station_id):
            raise UserError(message)

    def action_station_accept(self):
        """The station takes the requests dispatched to it (once)."""
        self._ensure_dispatched(
            self.env._("Only requests dispatched to a station can be accepted.")
        )
        accepted = self.filtered("station_accept_date")
        if accepted:
            raise UserError(
                self.env._(
                    "The request %(requests)s is already accepted.",
                    requests=", ".join(accepted.mapped("name")),
                )
            )
        self._workflow_write({"station_accept_date": fields.Datetime.now()})
        for request in self:
            request.message_post(
                body=self.env._(
                    "Accepted by the station %(station)s.",
                    station=request.station_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_station_reply(self, reply):
        """The station answers the customer: the reply is kept on the request and posted in
        its chatter to the customer (who is e-mailed by the chatter), the request is replied."""
        reply = (reply or "").strip() if isinstance(reply, str) else ""
        if not reply:
            raise UserError(
                self.env._("Write the reply before marking the request as replied.")
            )
        self._ensure_dispatched(
            self.env._(
                "Only requests dispatched to a station and not replied yet can be"
                " replied to by the station."
            )
        )
        self.check_access("write")
        self.sudo().write({"reply": reply[:10000]})
        self._workflow_write(
            {
                "state": "replied",
                "reply_date": fields.Datetime.now(),
                "replier_id": self.env.uid,
            }
        )
        for request in self:
            request.message_post(
                body=plaintext2html(request.reply),
                partner_ids=request.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
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

    # ---------------------------------------------------------------- notifications
    def _notify_dispatch(self):
        """The station follows its requests and is e-mailed each one dispatched to it."""
        for station, requests in self.grouped("station_id").items():
            requests.message_subscribe(partner_ids=station.ids)
        send_template(
            self.filtered(lambda r: r.station_id.email),
            "crm_service_station.mail_template_request_dispatched",
        )

    @api.model
    def _cron_escalate_late(self):
        """Scheduled action: one escalation activity for a service manager on each open
        request past its deadline and each claim waiting for its decision too long (a record
        already escalated is not escalated again)."""
        requests = self.search([("is_overdue", "=", True)])
        self._escalate_records(
            requests,
            lambda r: self.env._(
                "Request %(request)s is past its deadline", request=r.name
            ),
        )
        days = bounded_setting(self.env, "crm_service_claim_review_days")
        cutoff = fields.Date.context_today(self) - timedelta(days=days)
        claims = self.env["crm.service.claim"].search(
            [
                ("state", "in", ("submitted", "under_review")),
                ("submit_date", "<", cutoff),
            ]
        )
        self._escalate_records(
            claims,
            lambda c: self.env._(
                "Claim %(claim)s waits for its decision since %(date)s",
                claim=c.name,
                date=c.submit_date,
            ),
        )
        return True

    @api.model
    def _escalate_records(self, records, summary):
        """Create the escalation activities of ``records`` not escalated yet (one search, one
        create), for the first active service manager of their company."""
        activity_type = self.env.ref(ESCALATION_ACTIVITY, raise_if_not_found=False)
        if not records or not activity_type:
            return self.env["mail.activity"]
        Activity = self.env["mail.activity"].sudo().with_context(active_test=False)
        escalated = {
            res_id
            for [res_id] in Activity._read_group(
                [
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        todo = records.filtered(lambda r: r.id not in escalated)
        managers = (
            self.env.ref(MANAGER_GROUP)
            .sudo()
            .users.filtered(
                lambda u: u.active and not u.share and not u._is_superuser()
            )
            .sorted("id")
        )
        model = self.env["ir.model"]._get_id(records._name)
        vals_list = []
        for record in todo:
            manager = managers.filtered(
                lambda u, r=record: r.company_id in u.company_ids
            )
            if not manager:
                continue
            vals_list.append(
                {
                    "res_model_id": model,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "summary": summary(record),
                    "date_deadline": fields.Date.context_today(self),
                    "user_id": manager[0].id,
                }
            )
        return Activity.create(vals_list)
