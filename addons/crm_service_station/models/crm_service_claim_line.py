# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import claims as lib_claims
from ..lib.common import DomainError
from .messages import message_text

# The figure a reviewer decides each kind of line in (key of the decision, claimed field).
DECISION_FIGURES = {
    "labor": ("approved_hours", "hours"),
    "part": ("approved_quantity", "quantity"),
    "travel": ("approved_amount", "subtotal"),
    "other": ("approved_amount", "subtotal"),
}
DECISION_FIELDS = {
    "approved_hours": "approved_hours",
    "approved_quantity": "approved_quantity",
    "approved_amount": "approved_line_amount",
}

# Old-part return steps: each state and the state it follows.
RETURN_FLOW = {"received": ("to_return",), "inspected": ("received",)}


class CrmServiceClaimLine(models.Model):
    _name = "crm.service.claim.line"
    _description = "Warranty Claim Line"
    _inherit = ["crm.knowledge.guard.mixin"]
    _order = "claim_id, sequence, id"
    # Prices come from the maker's part costs, old-part returns are recorded by the maker's
    # staff through the actions, amounts are computed.
    _workflow_fields = (
        "unit_price",
        "return_state",
        "subtotal",
        "supplier_id",
        "adjusted",
        "approved_hours",
        "approved_quantity",
        "approved_line_amount",
        "decision_reason_id",
        "approved_subtotal",
    )
    _lock_parent = "claim_id"

    claim_id = fields.Many2one(
        "crm.service.claim", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("labor", "Labor"),
            ("part", "Part"),
            ("travel", "Travel"),
            ("other", "Other"),
        ],
        required=True,
        default="labor",
    )
    name = fields.Char(string="Description")
    operation_id = fields.Many2one(
        "crm.service.labor.operation", string="Labor Operation"
    )
    standard_hours = fields.Float(related="operation_id.standard_hours")
    hours = fields.Float(
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
        digits=(16, 2),
    )
    product_id = fields.Many2one("product.product", string="Part")
    quantity = fields.Float(default=1.0)
    unit_price = fields.Monetary(
        compute="_compute_unit_price", store=True, precompute=True
    )
    return_required = fields.Boolean(
        string="Old Part Return Required",
        help="The maker wants the replaced part back before paying the claim.",
    )
    return_state = fields.Selection(
        [
            ("to_return", "To Be Returned"),
            ("received", "Received"),
            ("inspected", "Inspected"),
        ],
        string="Old Part",
        default="to_return",
        readonly=True,
        copy=False,
    )
    supplier_id = fields.Many2one(
        "res.partner",
        string="Part Supplier",
        compute="_compute_supplier_id",
        store=True,
        help="Supplier of the part, for the recovery claim (first vendor of the product).",
    )
    travel_km = fields.Float(string="Distance (km)")
    other_amount = fields.Monetary(string="Other Cost")
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)

    # The reviewer's decision, kept beside the station's figures above (written only by the
    # claim's decision actions).
    adjusted = fields.Boolean(string="Reduced by Reviewer", readonly=True, copy=False)
    approved_hours = fields.Float(digits=(16, 2), readonly=True, copy=False)
    approved_quantity = fields.Float(readonly=True, copy=False)
    approved_line_amount = fields.Monetary(
        string="Approved Cost",
        readonly=True,
        copy=False,
        help="Travel and other lines: the amount the reviewer approved.",
    )
    decision_reason_id = fields.Many2one(
        "crm.service.reject.reason",
        string="Reduction Reason",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    approved_subtotal = fields.Monetary(
        string="Approved Amount",
        compute="_compute_approved_subtotal",
        store=True,
        help="The line's share of the claim's approved amount: its claimed amount when approved"
        " in full, the reviewer's figure when reduced, 0 when the claim is rejected or undecided.",
    )

    @api.depends("operation_id")
    def _compute_hours(self):
        for line in self:
            if line.operation_id:
                line.hours = line.operation_id.standard_hours

    @api.depends("product_id")
    def _compute_supplier_id(self):
        for line in self:
            # Vendor prices are purchase data a portal submitter cannot read.
            sellers = line.product_id.sudo().seller_ids
            line.supplier_id = sellers[:1].partner_id if line.kind == "part" else False

    @api.depends("product_id")
    def _compute_unit_price(self):
        for line in self:
            if line.product_id:
                # The part's cost is company data a portal submitter cannot read.
                line.unit_price = line.product_id.sudo().standard_price

    @api.depends(
        "kind",
        "hours",
        "quantity",
        "unit_price",
        "travel_km",
        "other_amount",
        "claim_id.labor_rate",
        "claim_id.travel_rate",
        "claim_id.handling_pct",
    )
    def _compute_subtotal(self):
        for line in self:
            claim = line.claim_id
            try:
                if line.kind == "labor":
                    amount = lib_claims.labor_amount(line.hours, claim.labor_rate)
                elif line.kind == "part":
                    amount = lib_claims.part_amount(
                        line.quantity, line.unit_price, claim.handling_pct
                    )
                elif line.kind == "travel":
                    amount = lib_claims.travel_amount(line.travel_km, claim.travel_rate)
                else:
                    amount = lib_claims.other_amount(line.other_amount)
            except DomainError:
                amount = 0  # refused by _check_non_negative with a translated message
            line.subtotal = float(amount)

    @api.depends(
        "subtotal",
        "adjusted",
        "approved_hours",
        "approved_quantity",
        "approved_line_amount",
        "claim_id.state",
    )
    def _compute_approved_subtotal(self):
        for line in self:
            claim = line.claim_id
            if claim.state not in ("approved", "partially_approved", "settled", "paid"):
                line.approved_subtotal = 0.0
            elif not line.adjusted:
                line.approved_subtotal = line.subtotal
            else:
                line.approved_subtotal = float(line._decided_amount())

    def _decided_amount(self, hours=None, qty=None, amount=None):
        """The approved amount of the line for these figures (default: the stored ones).

        :raises DomainError: see :func:`lib.claims.decided_line_amount`
        """
        self.ensure_one()
        claim = self.claim_id
        return lib_claims.decided_line_amount(
            self.kind,
            self.subtotal,
            hours=self.approved_hours if hours is None else hours,
            qty=self.approved_quantity if qty is None else qty,
            amount=self.approved_line_amount if amount is None else amount,
            labor_rate=claim.labor_rate,
            unit_price=self.unit_price,
            handling_pct=claim.handling_pct,
        )

    @api.constrains("hours", "quantity", "unit_price", "travel_km", "other_amount")
    def _check_non_negative(self):
        """The library decides what a valid figure is (``to_decimal``); this only words it."""
        for line in self:
            try:
                for name in (
                    "hours",
                    "quantity",
                    "unit_price",
                    "travel_km",
                    "other_amount",
                ):
                    lib_claims.to_decimal(line[name], name)
            except DomainError as error:
                raise ValidationError(
                    self.env._(
                        "Hours, quantities, prices, distances and costs of a claim line cannot be"
                        " negative (claim %(claim)s).",
                        claim=line.claim_id.name,
                    )
                ) from error

    @api.constrains("kind", "operation_id", "product_id")
    def _check_kind_fields(self):
        for line in self:
            if line.kind == "labor" and not line.operation_id:
                raise ValidationError(
                    self.env._("A labor line needs a labor operation.")
                )
            if line.kind == "part" and not line.product_id:
                raise ValidationError(self.env._("A part line needs a part."))

    def _locked_records(self):
        """Lines are the claim's content: they change only while the claim is a draft."""
        return self.filtered(lambda line: line.claim_id.state != "draft")

    def _mark_return(self, new_state):
        if not self.env.su and not self.env.user.has_group(
            "crm_service_station.group_crm_service_station_user"
        ):
            raise AccessError(
                self.env._("Only the maker's service staff record old-part returns.")
            )
        wrong = self.filtered(
            lambda line: (
                line.kind != "part"
                or not line.return_required
                or line.return_state not in RETURN_FLOW[new_state]
                or line.claim_id.state in ("rejected", "settled", "paid")
            )
        )
        if wrong:
            states = dict(self._fields["return_state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The old parts of %(lines)s cannot be marked %(state)s: only parts whose"
                    " return is required, in the previous step, on claims not yet rejected or"
                    " settled.",
                    lines=", ".join(
                        f"{line.claim_id.name} {line.product_id.display_name}"
                        for line in wrong
                    ),
                    state=states[new_state],
                )
            )
        self.check_access("read")
        # Lines of submitted claims are locked; the return record is the maker's own entry.
        self.sudo().write({"return_state": new_state})
        self.claim_id.filtered(
            lambda c: c.state in ("submitted", "under_review")
        )._refresh_old_parts_check()
        return True

    def action_mark_received(self):
        return self._mark_return("received")

    def action_mark_inspected(self):
        return self._mark_return("inspected")

    def _lib_labor(self):
        self.ensure_one()
        return lib_claims.ClaimLaborLine(
            operation_code=self.operation_id.code or "",
            hours=self.hours,
            standard_hours=self.operation_id.standard_hours
            if self.operation_id
            else None,
        )

    def _lib_part(self):
        self.ensure_one()
        return lib_claims.ClaimPartLine(
            part_code=self.product_id.default_code or self.product_id.name or "",
            qty=self.quantity,
            unit_price=self.unit_price,
            return_required=self.return_required,
            return_recorded=self.return_state in ("received", "inspected"),
        )

    def _line_label(self):
        """What the line is: its description, else its operation, part or kind."""
        self.ensure_one()
        return (
            self.name
            or self.operation_id.display_name
            or self.product_id.display_name
            or dict(self._fields["kind"]._description_selection(self.env)).get(
                self.kind
            )
            or ""
        )

    @api.depends("claim_id", "name", "operation_id", "product_id", "kind")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line._decision_label()

    def _decision_label(self):
        self.ensure_one()
        return f"{self.claim_id.name or ''} {self._line_label()}".strip()

    def _report_figures(self):
        """What the warranty claim PDF prints for the line: its description, the claimed
        quantity (hours, parts, km; None for other costs) and rate or unit price, and the
        approved quantity (the reviewer's when reduced, else the claimed one; None for
        amounts decided as such)."""
        self.ensure_one()
        claim = self.claim_id
        description = (
            self.name or self.operation_id.display_name or self.product_id.display_name
        )
        if self.kind == "labor":
            quantity, rate = self.hours, claim.labor_rate
            approved = self.approved_hours if self.adjusted else quantity
        elif self.kind == "part":
            quantity, rate = self.quantity, self.unit_price
            approved = self.approved_quantity if self.adjusted else quantity
        elif self.kind == "travel":
            quantity, rate, approved = self.travel_km, claim.travel_rate, None
            if not self.adjusted:
                approved = quantity
        else:
            quantity = rate = approved = None
        return {
            "description": description or "",
            "quantity": quantity,
            "rate": rate,
            "approved_quantity": approved,
        }

    def _decision_values(self, line_decisions):
        """Check the reviewer's decisions on lines of ``self`` and return ``{line: (vals,
        approved amount)}``.

        :param line_decisions: ``{line id: {"approved_hours" (labor) | "approved_quantity"
            (part) | "approved_amount" (travel, other): figure, "reason_id": reject reason
            id}}``; a missing figure keeps the claimed one, a reduced line needs a reason.
        """
        if not isinstance(line_decisions, dict) or not line_decisions:
            raise UserError(
                self.env._(
                    "Give the reviewer's decision on at least one line of the claims"
                    " %(claims)s for a partial approval.",
                    claims=", ".join(self.claim_id.mapped("name")),
                )
            )
        by_id = {line.id: line for line in self}
        reasons = self.env["crm.service.reject.reason"]
        result = {}
        for key, decision in line_decisions.items():
            try:
                line = by_id.get(int(key))
            except (TypeError, ValueError):
                line = None
            if line is None or not isinstance(decision, dict):
                raise UserError(
                    self.env._(
                        "%(line)s is not a line of the claims %(claims)s.",
                        line=key,
                        claims=", ".join(self.claim_id.mapped("name")),
                    )
                )
            key_name, claimed_field = DECISION_FIGURES[line.kind]
            figure = decision.get(key_name, line[claimed_field])
            try:
                reason = reasons.browse(int(decision.get("reason_id") or 0)).exists()
            except (TypeError, ValueError):
                reason = reasons
            try:
                amount = line._decided_amount(hours=figure, qty=figure, amount=figure)
            except DomainError as error:
                raise UserError(
                    self.env._(
                        "%(line)s: %(error)s",
                        line=line._decision_label(),
                        error=message_text(self.env, error.code, error.params),
                    )
                ) from error
            if (
                line.currency_id.compare_amounts(float(amount), line.subtotal) < 0
                and not reason
            ):
                raise UserError(
                    self.env._(
                        "Choose the reason for reducing %(line)s.",
                        line=line._decision_label(),
                    )
                )
            result[line] = (
                {
                    "adjusted": True,
                    DECISION_FIELDS[key_name]: float(figure),
                    "decision_reason_id": reason.id,
                },
                float(amount),
            )
        return result
