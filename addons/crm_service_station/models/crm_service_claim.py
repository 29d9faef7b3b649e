# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html

from ..lib import claims as lib_claims, recovery as lib_recovery
from ..lib.common import DomainError
from ..lib.quality import months_in_service, production_month
from .messages import message_text, raise_domain_error
from .res_config_settings import get_setting
from .service_chain import open_linked, send_template

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"
CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("under_review", "Under Review"),
    ("info_requested", "Returned for Information"),
    ("approved", "Approved"),
    ("partially_approved", "Partially Approved"),
    ("rejected", "Rejected"),
    ("settled", "Settled"),
    ("paid", "Paid"),
]
DECIDED_STATES = ("approved", "partially_approved")
# Waiting for the station (draft) or for our decision: the station's open claims.
OPEN_STATES = ("draft", "submitted", "under_review", "info_requested")


class CrmServiceClaim(models.Model):
    _name = "crm.service.claim"
    _description = "Warranty Claim"
    _inherit = [
        "crm.knowledge.guard.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    # Set only by the action methods (which check the transition) or computed: see the
    # guard mixin. Rates and handling come from the station and the settings.
    _workflow_fields = (
        "state",
        "approved_amount",
        "decision_date",
        "submit_date",
        "settlement_id",
        "resubmitted",
        "reject_reason_id",
        "override_reason",
        "override_user_id",
        "labor_rate",
        "travel_rate",
        "handling_pct",
        "amount_labor",
        "amount_parts",
        "amount_travel",
        "amount_other",
        "amount_total",
        "check_ids",
        "rules_passed",
        "check_failed_count",
        "old_part_state",
        "info_request",
        "production_month",
        "months_in_service",
    )
    _locked_states = ("approved", "partially_approved", "rejected", "settled", "paid")

    name = fields.Char(
        string="Claim Number",
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
    decision_text = fields.Char(
        string="Decision", compute="_compute_decision_text", help="The state, in words."
    )
    station_id = fields.Many2one(
        "res.partner",
        string="Service Station",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_service_station', '=', True)]",
        check_company=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Engine Serial",
        index=True,
        tracking=True,
        check_company=True,
    )
    product_id = fields.Many2one(
        related="lot_id.product_id", string="Engine Model", store=True, index=True
    )
    product_categ_id = fields.Many2one(
        related="lot_id.product_id.categ_id", string="Product Line", store=True
    )
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    service_request_id = fields.Many2one(
        related="repair_id.service_request_id",
        string="Service Request",
        store=True,
        index="btree_not_null",
    )
    visit_count = fields.Integer(string="Return Visits", compute="_compute_visit_count")

    failure_code_id = fields.Many2one(
        "crm.service.failure.code", index=True, tracking=True
    )
    causal_product_id = fields.Many2one(
        "product.product", string="Causal Part", index=True, check_company=True
    )
    service_type = fields.Selection(
        [("warranty", "Warranty Repair"), ("free_maintenance", "Free Maintenance")],
        default="warranty",
        required=True,
        tracking=True,
    )
    description = fields.Text(string="Symptom and Repair")
    repair_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    completion_date = fields.Date(string="Repair Completed On", tracking=True)
    mileage_km = fields.Float(string="Mileage (km)", tracking=True)
    engine_hours = fields.Float()
    submit_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    decision_date = fields.Date(
        string="Decided On", readonly=True, copy=False, index=True
    )
    state = fields.Selection(
        CLAIM_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "crm.service.claim.line", "claim_id", string="Lines", copy=True
    )
    recovery_ids = fields.One2many(
        "crm.service.recovery", "claim_id", string="Supplier Recoveries"
    )
    recovery_count = fields.Integer(compute="_compute_recovery_count")
    labor_rate = fields.Monetary(
        compute="_compute_rates",
        store=True,
        precompute=True,
        help="The station's labor rate per hour when the claim was created.",
    )
    travel_rate = fields.Monetary(
        compute="_compute_rates",
        store=True,
        precompute=True,
        help="The station's travel rate per km when the claim was created.",
    )
    handling_pct = fields.Float(
        string="Parts Handling (%)",
        default=lambda self: get_setting(self.env, "crm_service_handling_pct"),
        readonly=True,
        help="Added to the price of parts (from the settings when the claim was created).",
    )
    amount_labor = fields.Monetary(
        string="Labor", compute="_compute_amounts", store=True
    )
    amount_parts = fields.Monetary(
        string="Parts", compute="_compute_amounts", store=True
    )
    amount_travel = fields.Monetary(
        string="Travel", compute="_compute_amounts", store=True
    )
    amount_other = fields.Monetary(
        string="Other", compute="_compute_amounts", store=True
    )
    amount_total = fields.Monetary(
        string="Claimed Amount",
        compute="_compute_amounts",
        store=True,
        aggregator="sum",
    )
    approved_amount = fields.Monetary(
        tracking=True,
        copy=False,
        aggregator="sum",
        readonly=True,
        help="Amount the maker pays; below the claimed amount for a partial approval.",
    )
    check_ids = fields.One2many(
        "crm.service.claim.check", "claim_id", string="Validation"
    )
    rules_passed = fields.Boolean(
        string="All Checks Passed", compute="_compute_rules_passed", store=True
    )
    check_failed_count = fields.Integer(
        string="Failed Checks", compute="_compute_rules_passed", store=True
    )
    reject_reason_id = fields.Many2one(
        "crm.service.reject.reason",
        string="Rejection Reason",
        tracking=True,
        readonly=True,
        copy=False,
    )
    override_reason = fields.Text(
        string="Override of Failed Checks",
        readonly=True,
        copy=False,
        tracking=True,
        help="Written by the manager who approved the claim although automatic checks failed.",
    )
    override_user_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False
    )
    review_note = fields.Text(string="Reviewer's Note")
    info_request = fields.Text(
        string="Information Requested",
        readonly=True,
        copy=False,
        tracking=True,
        help="The reviewer's question when the claim is returned to the station for"
        " information; the station answers it in the portal.",
    )
    old_part_state = fields.Selection(
        [
            ("not_required", "Not Required"),
            ("to_return", "To Be Returned"),
            ("received", "Received"),
            ("inspected", "Inspected"),
        ],
        string="Old Parts",
        compute="_compute_old_part_state",
        store=True,
    )
    settlement_id = fields.Many2one(
        "crm.service.settlement", readonly=True, copy=False, index=True
    )
    resubmitted = fields.Boolean(
        readonly=True,
        copy=False,
        help="The claim was sent back to draft and submitted again.",
    )
    production_month = fields.Char(
        compute="_compute_quality_keys",
        store=True,
        index=True,
        help="Production month of the engine (YYYY-MM).",
    )
    months_in_service = fields.Integer(
        compute="_compute_quality_keys",
        store=True,
        aggregator="avg",
        help="Whole months from the warranty start to the repair.",
    )

    _sql_constraints = [
        (
            "non_negative_figures",
            "CHECK(mileage_km >= 0 AND engine_hours >= 0 AND handling_pct >= 0)",
            "Mileage, engine hours and handling % cannot be negative.",
        ),
        (
            # A claim is settled or paid exactly when it belongs to a settlement: the one
            # settlement_id column is what keeps a claim out of two settlements.
            "settlement_matches_state",
            "CHECK((state IN ('settled', 'paid')) = (settlement_id IS NOT NULL))",
            "A claim is settled or paid exactly when it belongs to a settlement.",
        ),
        (
            "decided_amount",
            "CHECK(state NOT IN ('approved', 'partially_approved', 'settled', 'paid')"
            " OR approved_amount > 0)",
            "An approved claim pays a positive amount.",
        ),
    ]

    # ---------------------------------------------------------------- computes
    def _compute_access_url(self):
        result = super()._compute_access_url()
        for claim in self:
            claim.access_url = f"/my/service/claims/{claim.id}"
        return result

    @api.depends("station_id")
    def _compute_rates(self):
        for claim in self:
            # Rates are protected by the service user group on the partner; the claim keeps the
            # values in force when it was created (read with sudo for portal submitters).
            station = claim.station_id.sudo()
            claim.labor_rate = station.station_labor_rate
            claim.travel_rate = station.station_travel_rate

    @api.depends("line_ids.kind", "line_ids.subtotal")
    def _compute_amounts(self):
        # The claim's figures are the sums of its lines' rounded subtotals (the lines compute
        # them from the rates and the handling %).
        for claim in self:
            amounts = lib_claims.sum_line_amounts(
                (line.kind, line.subtotal) for line in claim.line_ids
            )
            claim.amount_labor = float(amounts.labor)
            claim.amount_parts = float(amounts.parts)
            claim.amount_travel = float(amounts.travel)
            claim.amount_other = float(amounts.other)
            claim.amount_total = float(amounts.total)

    @api.depends(
        "lot_id.engine_production_date", "lot_id.engine_warranty_start", "repair_date"
    )
    def _compute_quality_keys(self):
        for claim in self:
            lot = claim.lot_id
            claim.production_month = (
                production_month(lot.engine_production_date)
                if lot.engine_production_date
                else False
            )
            start = lot.engine_warranty_start
            claim.months_in_service = (
                months_in_service(start, claim.repair_date)
                if start and claim.repair_date and claim.repair_date >= start
                else 0
            )

    @api.depends("check_ids.passed")
    def _compute_rules_passed(self):
        for claim in self:
            failed = claim.check_ids.filtered(lambda c: not c.passed)
            claim.check_failed_count = len(failed)
            claim.rules_passed = bool(claim.check_ids) and not failed

    @api.depends("line_ids.kind", "line_ids.return_required", "line_ids.return_state")
    def _compute_old_part_state(self):
        order = ["to_return", "received", "inspected"]
        for claim in self:
            states = [
                line.return_state
                for line in claim.line_ids
                if line.kind == "part" and line.return_required
            ]
            if not states:
                claim.old_part_state = "not_required"
            else:
                claim.old_part_state = min(
                    states, key=lambda s: order.index(s) if s in order else 0
                )

    # ---------------------------------------------------------------- constraints
    @api.constrains("mileage_km", "engine_hours", "handling_pct")
    def _check_non_negative_figures(self):
        """The SQL check above, with a message: refused before it reaches the database."""
        for claim in self:
            for name in ("mileage_km", "engine_hours", "handling_pct"):
                if claim[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of the claim %(claim)s cannot be negative.",
                            field=self._fields[name]._description_string(self.env),
                            claim=claim.name,
                        )
                    )

    @api.constrains("approved_amount", "amount_total")
    def _check_approved_amount(self):
        for claim in self:
            if (
                claim.approved_amount < 0
                or claim.approved_amount > claim.amount_total + 0.001
            ):
                raise ValidationError(
                    self.env._(
                        "The approved amount of claim %(claim)s must be between 0 and the claimed"
                        " amount.",
                        claim=claim.name,
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # The sequence is technical configuration; portal submitters cannot read it.
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("crm.service.claim")
                    or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(claim.state != "draft" for claim in self):
            raise UserError(self.env._("Only draft warranty claims can be deleted."))

    # ---------------------------------------------------------------- settings
    @api.model
    def _claim_settings(self):
        return {
            "submission_days": get_setting(self.env, "crm_service_submission_days"),
            "duplicate_days": get_setting(self.env, "crm_service_duplicate_days"),
            "auto_approve": get_setting(self.env, "crm_service_auto_approve"),
            "preauth_threshold": get_setting(self.env, "crm_service_preauth_threshold"),
        }

    # ---------------------------------------------------------------- actions
    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may decide on warranty claims.")
            )

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda c: c.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The claims %(claims)s cannot be %(action)s in their current state.",
                    claims=", ".join(wrong.mapped("name")),
                    action=action,
                )
            )

    def _workflow_write(self, vals):
        """Write workflow fields once the caller checked the transition and the user's
        right to make it (the guard mixin refuses them in any other write)."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _check_station_eligible(self):
        """Refuse claims whose station is not active and qualified on the repair date."""
        for claim in self:
            verdict = lib_claims.rule_station_active(
                claim.station_id.sudo()._station_info(), claim.repair_date
            )
            if not verdict.passed:
                raise UserError(
                    self.env._(
                        "The claim %(claim)s cannot be submitted: %(reason)s",
                        claim=claim.name,
                        reason=message_text(self.env, verdict.message, verdict.params),
                    )
                )

    def action_submit(self):
        """Submit draft claims: run every validation rule for the whole batch, store the verdicts,
        and auto-approve the claims that pass everything when the setting says so."""
        self._check_state(("draft",), self.env._("submitted"))
        empty = self.filtered(lambda c: not c.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Add at least one line to the claims %(claims)s before submitting.",
                    claims=", ".join(empty.mapped("name")),
                )
            )
        self._check_station_eligible()
        settings = self._claim_settings()
        today = fields.Date.context_today(self)
        # The rules read other stations' claims and engine readings, and write the verdicts that
        # the station itself may not write: run them with sudo once the access to self is checked.
        self.check_access("write")
        claims = self.sudo()
        reports = claims._run_validation(today, settings)
        check_vals = []
        for claim in claims:
            for sequence, verdict in enumerate(reports[claim.id].verdicts, start=1):
                check_vals.append(
                    {
                        "claim_id": claim.id,
                        "sequence": sequence,
                        "rule": verdict.rule,
                        "passed": verdict.passed,
                        "message_code": verdict.message,
                        "message_params": _jsonable(verdict.params),
                    }
                )
        claims.check_ids.unlink()
        self.env["crm.service.claim.check"].sudo().create(check_vals)
        auto = claims.filtered(
            lambda c: (
                settings["auto_approve"]
                and reports[c.id].passed
                and c.currency_id.compare_amounts(c.amount_total, 0) > 0
            )
        )
        (claims - auto).write({"state": "submitted", "submit_date": today})
        for claim in auto:
            claim.write(
                {
                    "state": "approved",
                    "submit_date": today,
                    "decision_date": today,
                    "approved_amount": claim.amount_total,
                }
            )
        return True

    def _run_validation(self, submitted, settings):
        """Build the :class:`ClaimContext` of every claim with batched reads and run the rules.

        Queries do not grow with the number of claims: one read of the prior claims of all the
        engines and repair orders, one of their readings, one of the stations' product lines."""
        lots = self.lot_id
        repairs = self.repair_id
        domain = [("state", "not in", ("draft", "rejected"))]
        prior_domain = [("lot_id", "in", lots.ids)]
        if repairs:
            prior_domain = ["|", ("repair_id", "in", repairs.ids)] + prior_domain
        priors = self.search_read(
            domain + prior_domain + [("id", "not in", self.ids)],
            [
                "lot_id",
                "failure_code_id",
                "repair_date",
                "repair_id",
                "service_type",
                "state",
            ],
        )
        prior_claims = [
            lib_claims.PriorClaim(
                claim_id=row["id"],
                engine_id=row["lot_id"] and row["lot_id"][0],
                failure_code=row["failure_code_id"]
                and row["failure_code_id"][0]
                or None,
                repair_date=row["repair_date"],
                repair_order_id=row["repair_id"] and row["repair_id"][0] or None,
                service_type=row["service_type"],
                state=row["state"],
            )
            for row in priors
        ] + [
            lib_claims.PriorClaim(
                claim_id=claim.id,
                engine_id=claim.lot_id.id,
                failure_code=claim.failure_code_id.id or None,
                repair_date=claim.repair_date,
                repair_order_id=claim.repair_id.id or None,
                service_type=claim.service_type,
                state=claim.state,
            )
            for claim in self
        ]
        # Each rule compares a claim only with the claims of its engine or of its repair order:
        # index them once, so that the batch costs linear, not quadratic, time (issue 11).
        by_engine, by_repair = defaultdict(list), defaultdict(list)
        for position, prior in enumerate(prior_claims):
            if prior.engine_id:
                by_engine[prior.engine_id].append(position)
            if prior.repair_order_id:
                by_repair[prior.repair_order_id].append(position)
        readings = lots._engine_readings_by_lot()
        line_parents = self._product_line_parents()
        policies = {
            lot.id: lot.engine_policy_id._to_lib()
            for lot in lots
            if lot.engine_policy_id
        }
        reports = {}
        for claim in self:
            lot = claim.lot_id
            positions = set(by_engine.get(lot.id, ()) if lot else ())
            positions.update(
                by_repair.get(claim.repair_id.id, ()) if claim.repair_id else ()
            )
            related = [prior_claims[position] for position in sorted(positions)]
            engine = None
            if lot:
                categ = lot.product_id.categ_id
                engine = lib_claims.EngineInfo(
                    engine_id=lot.id,
                    product_line=categ.id,
                    warranty_start=lot.engine_warranty_start or None,
                    policy=policies.get(lot.id),
                    free_services_used=lib_claims.count_free_services(
                        lot.id, claim.repair_date, related
                    ),
                    product_line_parents=line_parents.get(categ.id, ()),
                )
            previous = [
                row["mileage_km"]
                for row in readings.get(lot.id, [])
                if row["date"] <= claim.repair_date
                and not (
                    claim.repair_id
                    and row["repair_id"]
                    and row["repair_id"][0] == claim.repair_id.id
                )
            ]
            context = lib_claims.ClaimContext(
                claim_id=claim.id,
                repair_date=claim.repair_date,
                repair_completed=claim.completion_date or None,
                submitted=submitted,
                mileage_km=claim.mileage_km,
                engine=engine,
                station=claim.station_id._station_info(),
                hours=claim.engine_hours or None,
                service_type=claim.service_type,
                previous_mileage_km=max(previous) if previous else None,
                failure_code=claim.failure_code_id.id or None,
                repair_order_id=claim.repair_id.id or None,
                prior_claims=related,
                labor_lines=[
                    line._lib_labor() for line in claim.line_ids if line.kind == "labor"
                ],
                part_lines=[
                    line._lib_part() for line in claim.line_ids if line.kind == "part"
                ],
                submission_days=settings["submission_days"],
                duplicate_days=settings["duplicate_days"],
                claimed_amount=claim.amount_total,
                preauth_threshold=settings["preauth_threshold"],
                failure_needs_preauth=claim.failure_code_id.preauth_required,
                preauth_state=claim.preauth_id.state or None,
            )
            try:
                reports[claim.id] = lib_claims.run_rules(context)
            except DomainError as error:
                raise_domain_error(self.env, error)
        return reports

    def _product_line_parents(self):
        """{product line id: ids of its parent lines} of the claimed engines, read in one search
        (the parents are then in the cache)."""
        lines = self.lot_id.product_id.categ_id
        self.env["product.category"].search([("id", "parent_of", lines.ids)]).fetch(
            ["parent_id"]
        )
        result = {}
        for line in lines:
            parents = []
            parent = line.parent_id
            while parent:
                parents.append(parent.id)
                parent = parent.parent_id
            result[line.id] = tuple(parents)
        return result

    def _refresh_old_parts_check(self):
        """Re-run the old-parts rule after a return was recorded on a submitted claim."""
        for claim in self:
            verdict = lib_claims.rule_old_parts_returned(
                [line._lib_part() for line in claim.line_ids if line.kind == "part"]
            )
            check = claim.check_ids.filtered(
                lambda c, rule=verdict.rule: c.rule == rule
            )
            # Verdicts are stored by the system, never by users.
            check.sudo().write(
                {
                    "passed": verdict.passed,
                    "message_code": verdict.message,
                    "message_params": _jsonable(verdict.params),
                }
            )

    def action_start_review(self):
        self._check_manager()
        self._check_state(("submitted",), self.env._("reviewed"))
        self._workflow_write({"state": "under_review"})
        return True

    def _check_decidable(self, override_reason):
        """Approval needs a positive amount, and a written override when checks failed."""
        zero = self.filtered(
            lambda c: c.currency_id.compare_amounts(c.amount_total, 0) <= 0
        )
        if zero:
            raise UserError(
                self.env._(
                    "The claims %(claims)s claim no amount: they cannot be approved.",
                    claims=", ".join(zero.mapped("name")),
                )
            )
        failed = self.filtered(lambda c: not c.rules_passed)
        labels = dict(
            self.env["crm.service.claim.check"]
            ._fields["rule"]
            ._description_selection(self.env)
        )
        if failed and not (override_reason or "").strip():
            raise UserError(
                self.env._(
                    "Automatic checks failed on the claims %(claims)s (%(checks)s): approving them"
                    " needs a written override reason.",
                    claims=", ".join(failed.mapped("name")),
                    checks=", ".join(
                        sorted(
                            {
                                labels[rule]
                                for rule in failed.check_ids.filtered(
                                    lambda c: not c.passed
                                ).mapped("rule")
                            }
                        )
                    )
                    or self.env._("no check was run"),
                )
            )
        return failed

    @api.depends("state")
    @api.depends_context("lang")
    def _compute_decision_text(self):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for claim in self:
            claim.decision_text = labels.get(claim.state, "")

    def _notify_decision(self):
        """E-mail the decision to the stations (mail template, in the station's language;
        rendered in batch and queued)."""
        send_template(
            self.filtered(lambda claim: claim.station_id.email),
            "crm_service_station.mail_template_claim_decision",
        )

    def _decision_vals(self, failed, override_reason):
        vals = {
            "decision_date": fields.Date.context_today(self),
            "reject_reason_id": False,
        }
        if failed:
            vals.update(
                {
                    "override_reason": override_reason.strip(),
                    "override_user_id": self.env.uid,
                }
            )
        return vals

    def action_approve(self, override_reason=None):
        """Approve the claimed amount. Claims with failed checks need ``override_reason``."""
        self._check_manager()
        self._check_state(("submitted", "under_review"), self.env._("approved"))
        failed = self._check_decidable(override_reason)
        for claim in self:
            vals = claim._decision_vals(failed & claim, override_reason)
            vals.update({"state": "approved", "approved_amount": claim.amount_total})
            claim._workflow_write(vals)
        self._notify_decision()
        return True

    def action_approve_partially(self, line_decisions, override_reason=None):
        """Approve the claims with the reviewer's decisions on some of their lines (see
        ``crm.service.claim.line._decision_values``); the other lines are approved in full and
        the approved amount is the sum of the line decisions (above 0, below the claimed)."""
        self._check_manager()
        self._check_state(("submitted", "under_review"), self.env._("approved"))
        failed = self._check_decidable(override_reason)
        decided = self.line_ids._decision_values(line_decisions)
        totals = {}
        for claim in self:
            total = sum(
                decided[line][1] if line in decided else line.subtotal
                for line in claim.line_ids
            )
            if not 0 < total < claim.amount_total:
                raise UserError(
                    self.env._(
                        "The line decisions must approve more than 0 and less than the claimed"
                        " amount of %(claim)s for a partial approval.",
                        claim=claim.name,
                    )
                )
            totals[claim] = total
        for line, (vals, _amount) in decided.items():
            line.sudo().write(vals)  # decision figures of locked lines, by a manager
        for claim, total in totals.items():
            vals = claim._decision_vals(failed & claim, override_reason)
            vals.update({"state": "partially_approved", "approved_amount": total})
            claim._workflow_write(vals)
        self._notify_decision()
        return True

    def action_reject(self, reject_reason_id=None):
        """Reject with a reason code (a ``crm.service.reject.reason`` id or record)."""
        self._check_manager()
        self._check_state(("submitted", "under_review"), self.env._("rejected"))
        reason = self.env["crm.service.reject.reason"]
        if reject_reason_id:
            reason = reason.browse(
                reject_reason_id.id
                if isinstance(reject_reason_id, models.BaseModel)
                else int(reject_reason_id)
            ).exists()
        if not reason:
            raise UserError(
                self.env._(
                    "Choose a rejection reason for the claims %(claims)s.",
                    claims=", ".join(self.mapped("name")),
                )
            )
        self._workflow_write(
            {
                "state": "rejected",
                "approved_amount": 0.0,
                "reject_reason_id": reason.id,
                "decision_date": fields.Date.context_today(self),
            }
        )
        self._notify_decision()
        return True

    def action_return_for_info(self, question):
        """The reviewer returns claims to their station for information: the question is
        kept on the claim and posted in its chatter to the station."""
        self._check_manager()
        self._check_state(
            ("submitted", "under_review"), self.env._("returned for information")
        )
        question = (question or "").strip() if isinstance(question, str) else ""
        if not question:
            raise UserError(
                self.env._(
                    "Write the information asked of the station for the claims"
                    " %(claims)s.",
                    claims=", ".join(self.mapped("name")),
                )
            )
        self._workflow_write({"state": "info_requested", "info_request": question})
        for claim in self:
            claim.message_post(
                body=plaintext2html(question),
                partner_ids=claim.station_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_answer_info(self, answer):
        """The station answers the reviewer's question: the answer goes to the chatter and
        the claim back to review (its lines and checks are unchanged)."""
        self._check_state(("info_requested",), self.env._("answered"))
        answer = (answer or "").strip() if isinstance(answer, str) else ""
        if not answer:
            raise UserError(self.env._("Write your answer to the reviewer's question."))
        self._workflow_write({"state": "submitted"})
        for claim in self:
            claim.message_post(
                body=plaintext2html(answer[:10000]),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reset_draft(self):
        self._check_state(("rejected", "submitted"), self.env._("reset to draft"))
        self.check_access("write")
        self.check_ids.sudo().unlink()
        self._workflow_write(
            {
                "state": "draft",
                "submit_date": False,
                "decision_date": False,
                "reject_reason_id": False,
                "resubmitted": True,
            }
        )
        return True

    def action_open_decision(self):
        """Open the decision wizard (approve, partially approve, reject) on the claims."""
        self._check_manager()
        self._check_state(("submitted", "under_review"), self.env._("decided"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_claim_decision_action"
        )
        action["context"] = {
            "default_claim_ids": self.ids,
            "default_decision": self.env.context.get("decision", "approve"),
        }
        return action

    # ---------------------------------------------------------------- the chain
    @api.depends("repair_id.service_visit_ids")
    def _compute_visit_count(self):
        counts = dict(
            self.env["crm.service.return.visit"]._read_group(
                [("repair_id", "in", self.repair_id.ids)], ["repair_id"], ["__count"]
            )
        )
        for claim in self:
            claim.visit_count = counts.get(claim.repair_id, 0)

    def action_view_repair(self):
        return open_linked(self, "repair_id")

    def action_view_service_request(self):
        return open_linked(self, "service_request_id")

    def action_view_settlement(self):
        return open_linked(self, "settlement_id")

    def action_view_visits(self):
        return open_linked(self, "repair_id.service_visit_ids")

    # ---------------------------------------------------------------- supplier recovery
    @api.depends("recovery_ids")
    def _compute_recovery_count(self):
        groups = self.env["crm.service.recovery"]._read_group(
            [("claim_id", "in", self.ids)], ["claim_id"], ["__count"]
        )
        counts = {claim.id: count for claim, count in groups}
        for claim in self:
            claim.recovery_count = counts.get(claim.id, 0)

    def _recoverable_lines(self):
        """Part lines the maker paid for and has not yet claimed from a supplier: the lines of
        the causal part when the claim names one, else every part line."""
        lines = self.line_ids.filtered(
            lambda line: (
                line.kind == "part"
                and line.product_id
                and line._recovery_quantity() > 0
                and not line.recovery_line_ids.filtered(
                    lambda rl: rl.recovery_id.state != lib_recovery.CANCELLED
                )
            )
        )
        return lines.filtered(
            lambda line: (
                not line.claim_id.causal_product_id
                or line.product_id == line.claim_id.causal_product_id
            )
        )

    def action_create_recovery(self):
        """Create one draft supplier recovery per claim and supplier of its recoverable
        parts (the part's vendor from its supplier price list; none when the part has no
        vendor: the manager chooses it). The lines are priced at the supplier's price."""
        self._check_manager()
        self._check_state(
            ("approved", "partially_approved", "settled", "paid"),
            self.env._("recovered"),
        )
        lines = self._recoverable_lines()
        if not lines:
            raise UserError(
                self.env._(
                    "These claims have no part left to recover from a supplier (the causal"
                    " part's lines when the claim names one)."
                )
            )
        groups = {}
        for line in lines:
            product = line.product_id.sudo().with_company(line.company_id)
            supplier = product._select_seller(
                quantity=line._recovery_quantity(),
                uom_id=product.uom_id,
                ordered_by="sequence",
            ).partner_id
            key = (line.claim_id, supplier)
            groups.setdefault(key, self.env["crm.service.claim.line"])
            groups[key] |= line
        recoveries = self.env["crm.service.recovery"].create(
            [
                {
                    "claim_id": claim.id,
                    "company_id": claim.company_id.id,
                    "supplier_id": supplier.id,
                    "line_ids": [
                        Command.create(
                            {
                                "claim_line_id": line.id,
                                "product_id": line.product_id.id,
                                "name": line.name or line.product_id.display_name,
                                "quantity": line._recovery_quantity(),
                            }
                        )
                        for line in claim_lines
                    ],
                }
                for (claim, supplier), claim_lines in groups.items()
            ]
        )
        return recoveries._open()

    def action_view_recoveries(self):
        return self.recovery_ids._open()


def _jsonable(params):
    result = {}
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            result[key] = [
                v if isinstance(v, (int, float, str)) else str(v) for v in value
            ]
        elif isinstance(value, (int, float, str, bool)) or value is None:
            result[key] = value
        else:
            result[key] = str(value)
    return result
