# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import campaign as campaign_lib
from ..lib.common import DomainError

MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


class CrmLubricantCampaign(models.Model):
    """Marketing activity: request with budget → approval → execution with expenses → closing."""

    _name = "crm.lubricant.campaign"
    _description = "Marketing Campaign Request"
    _inherit = ["crm.lubricant.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _workflow_fields = (
        "state",
        "approved_by_id",
        "actual_cost",
        "lead_count",
        "opportunity_count",
        "won_revenue",
        "cost_per_lead",
        "roi",
        "budget_consumption",
        "over_budget",
    )
    _locked_states = ("approved", "closed", "cancel")
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    template_id = fields.Many2one("crm.lubricant.campaign.template", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Waiting Approval"),
            ("approved", "Approved"),
            ("running", "In Execution"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    team_id = fields.Many2one(
        "crm.team", string="Branch", tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget = fields.Monetary(
        compute="_compute_budget",
        store=True,
        readonly=False,
        tracking=True,
        help="Budget requested; taken from the template, editable until approval.",
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    utm_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Marketing Campaign",
        copy=False,
        help="Leads and opportunities with this campaign are counted in the evaluation.",
    )
    expense_ids = fields.One2many(
        "crm.lubricant.campaign.expense", "campaign_id", string="Expenses"
    )
    actual_cost = fields.Monetary(
        compute="_compute_actual_cost", store=True, tracking=True
    )
    lead_count = fields.Integer(string="Leads", compute="_compute_metrics")
    opportunity_count = fields.Integer(
        string="Opportunities", compute="_compute_metrics"
    )
    won_revenue = fields.Monetary(compute="_compute_metrics")
    cost_per_lead = fields.Monetary(compute="_compute_metrics")
    roi = fields.Float(
        string="ROI", compute="_compute_metrics", help="(won revenue - cost) / cost"
    )
    budget_consumption = fields.Float(compute="_compute_metrics")
    over_budget = fields.Boolean(compute="_compute_metrics")
    note = fields.Html()

    @api.depends("template_id")
    def _compute_budget(self):
        for request in self:
            if request.template_id and not request.budget:
                request.budget = request.template_id.default_budget

    @api.depends("expense_ids.amount")
    def _compute_actual_cost(self):
        for request in self:
            request.actual_cost = sum(request.expense_ids.mapped("amount"))

    def _compute_metrics(self):
        """Evaluation from the linked leads: one _read_group over crm.lead, then lib."""
        utms = self.utm_campaign_id
        stats = {}
        if utms:
            # sudo: the evaluation counts every linked lead, not only those the reader may open
            groups = (
                self.env["crm.lead"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [("campaign_id", "in", utms.ids)],
                    ["campaign_id", "type", "stage_id"],
                    ["__count", "expected_revenue:sum"],
                )
            )
            for utm, lead_type, stage, count, revenue in groups:
                row = stats.setdefault(
                    utm.id, {"leads": 0, "opportunities": 0, "revenue": 0.0}
                )
                row["leads"] += count
                if lead_type == "opportunity":
                    row["opportunities"] += count
                if stage.is_won:
                    row["revenue"] += revenue
        for request in self:
            row = stats.get(request.utm_campaign_id.id, {})
            metrics = campaign_lib.campaign_metrics(
                budget=max(request.budget, 0.0),
                cost=max(request.actual_cost, 0.0),
                leads=row.get("leads", 0),
                opportunities=row.get("opportunities", 0),
                revenue=max(row.get("revenue", 0.0), 0.0),
            )
            request.lead_count = metrics.leads
            request.opportunity_count = metrics.opportunities
            request.won_revenue = metrics.revenue
            request.cost_per_lead = metrics.cost_per_lead or 0.0
            request.roi = metrics.roi or 0.0
            request.budget_consumption = metrics.budget_consumption or 0.0
            request.over_budget = metrics.over_budget

    @api.constrains("budget")
    def _check_budget(self):
        for request in self:
            try:
                campaign_lib.validate_budget(request.budget)
            except DomainError as error:
                raise ValidationError(
                    self.env._(
                        "The budget of %(campaign)s must not be negative.",
                        campaign=request.name,
                    )
                ) from error

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for request in self:
            if (
                request.date_start
                and request.date_end
                and request.date_end < request.date_start
            ):
                raise ValidationError(
                    self.env._("The campaign cannot end before it starts.")
                )

    def write(self, vals):
        if "budget" in vals and any(
            request.state not in ("draft", "submitted") for request in self
        ):
            raise UserError(
                self.env._(
                    "The budget cannot be changed once the campaign is approved."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(request.state != "draft" for request in self):
            raise UserError(
                self.env._(
                    "Only draft campaign requests can be deleted; cancel it instead."
                )
            )

    def _write_workflow(self, vals):
        """Write workflow fields after an action checked the transition and the user's rights."""
        self.check_access("write")
        # sudo: workflow fields change only through the actions (transition checked)
        self.sudo().write(vals)

    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(campaign)s cannot be %(action)s in its current state.",
                        campaign=request.name,
                        action=action,
                    )
                )

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only lubricant sales managers may approve campaign budgets."
                )
            )

    def action_submit(self):
        self._check_state(("draft",), self.env._("submitted"))
        for request in self:
            if request.budget <= 0:
                raise UserError(
                    self.env._(
                        "Enter the budget of %(campaign)s before submitting it.",
                        campaign=request.name,
                    )
                )
        self._write_workflow({"state": "submitted"})

    def action_approve(self):
        self._check_manager()
        self._check_state(("submitted",), self.env._("approved"))
        self._write_workflow({"state": "approved", "approved_by_id": self.env.user.id})
        self._notify_requester("crm_lubricant.mail_template_campaign_approved")

    def action_refuse(self):
        self._check_manager()
        self._check_state(("submitted",), self.env._("refused"))
        self._write_workflow({"state": "draft"})
        self._notify_requester("crm_lubricant.mail_template_campaign_refused")

    def _notify_requester(self, template_xmlid):
        """Tell the requesters the manager's decision (mail template in the requester's
        language, posted in the chatter)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        requests = self.filtered("user_id")
        if template and requests:
            requests.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def action_start(self):
        self._check_state(("approved",), self.env._("started"))
        for request in self.filtered(lambda request: not request.utm_campaign_id):
            # sudo: salespeople may not create UTM campaigns; the request was approved
            utm = self.env["utm.campaign"].sudo().create({"name": request.name})
            request.check_access("write")
            request.sudo().utm_campaign_id = utm  # sudo: the approved request is locked
        self._write_workflow({"state": "running"})

    def action_close(self):
        self._check_state(("running",), self.env._("closed"))
        self._write_workflow({"state": "closed"})

    def action_cancel(self):
        self._check_state(("draft", "submitted", "approved"), self.env._("cancelled"))
        self._write_workflow({"state": "cancel"})
