# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import pricing
from ..lib.common import DomainError
from ..lib.quality import LAB_FIELDS
from .crm_coal_quality import check_quality_bounds
from .crm_coal_tools import mark_to_recompute
from .messages import message_text


class CrmCoalDeliveryLot(models.Model):
    """A delivered lot with its lab result, priced by the contract's quality terms."""

    _name = "crm.coal.delivery.lot"
    _description = "Delivered Coal Lot"
    _inherit = ["crm.coal.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # one stored field per quality parameter, named by its declaration (lib.quality.LAB_FIELDS)
    # the price and the verdict are computed only (_compute_settlement: the lab result and
    # the terms), never written by a user
    SETTLEMENT_FIELDS = (
        "status",
        "contract_price",
        "base_price",
        "total_deduction",
        "final_price",
        "amount",
        "rejection_reason",
        "deduction_ids",
    )
    # the price state changes only through action_lock_price
    _workflow_fields = SETTLEMENT_FIELDS + ("price_state",)
    # inputs of the price: a locked lot keeps them (and its price) for good
    PRICE_INPUTS = ("contract_id", "tonnage", *LAB_FIELDS.values())
    _lock_parent = "contract_id"

    name = fields.Char(string="Lot", required=True, tracking=True)
    contract_id = fields.Many2one(
        "crm.coal.contract",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    tonnage = fields.Float(
        string="Tonnage (t)", digits=(16, 2), tracking=True, aggregator="sum"
    )
    lab_cv = fields.Integer(string="CV (kcal/kg NAR)", tracking=True, aggregator="avg")
    lab_moisture = fields.Float(
        string="Total Moisture (%)", digits=(5, 2), tracking=True
    )
    lab_ash = fields.Float(string="Ash (%)", digits=(5, 2), tracking=True)
    lab_sulfur = fields.Float(string="Sulfur (%)", digits=(5, 2), tracking=True)
    lab_volatile = fields.Float(
        string="Volatile Matter (%)", digits=(5, 2), tracking=True
    )
    # Stored computes of the lot's own inputs (its lab result, tonnage and contract); a change
    # of the contract's price or terms re-prices its provisional lots (_coal_reprice), never
    # a locked one.
    price_state = fields.Selection(
        [("provisional", "Provisional"), ("locked", "Final (locked)")],
        default="provisional",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Provisional: repriced when its lab result or its contract's price or "
        "quality terms change. Final: locked, never repriced.",
    )
    status = fields.Selection(
        [
            ("pending", "Awaiting lab"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
        ],
        compute="_compute_settlement",
        store=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    contract_price = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        readonly=True,
    )
    base_price = fields.Monetary(
        string="CV-adjusted Price",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        readonly=True,
    )
    total_deduction = fields.Monetary(
        string="Deductions",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        readonly=True,
    )
    final_price = fields.Monetary(
        string="Settlement Price (per t)",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        readonly=True,
        aggregator="avg",
    )
    amount = fields.Monetary(
        string="Settlement Amount",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        readonly=True,
        aggregator="sum",
    )
    rejection_reason = fields.Text(
        compute="_compute_settlement", store=True, readonly=True
    )
    deduction_ids = fields.One2many(
        "crm.coal.lot.deduction",
        "lot_id",
        string="Deduction Lines",
        compute="_compute_settlement",
        store=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")

    @api.constrains("tonnage", *LAB_FIELDS.values())
    def _check_lab(self):
        for lot in self:
            if lot.tonnage < 0:
                raise ValidationError(
                    self.env._("The tonnage of a lot cannot be negative.")
                )
            if lot.lab_cv:
                check_quality_bounds(
                    self.env,
                    lot.display_name,
                    {parameter: lot[fname] for parameter, fname in LAB_FIELDS.items()},
                )

    @api.depends("contract_id", "tonnage", *LAB_FIELDS.values())
    def _compute_settlement(self):
        """Price every lot with a lab result through lib.pricing.lot_settlement_price; the
        deduction lines are replaced by those of the new settlement."""
        for lot in self:
            contract = lot.contract_id
            values = {
                "status": "pending",
                "contract_price": contract.price,
                "base_price": 0.0,
                "total_deduction": 0.0,
                "final_price": 0.0,
                "amount": 0.0,
                "rejection_reason": False,
                "deduction_ids": [Command.clear()],
            }
            if lot.lab_cv and contract:
                lab = pricing.LabResult(
                    **{parameter: lot[fname] for parameter, fname in LAB_FIELDS.items()}
                )
                try:
                    result = pricing.lot_settlement_price(
                        contract.price, lab, contract._quality_terms()
                    )
                except DomainError as err:
                    raise ValidationError(
                        self.env._(
                            "The lot %(lot)s cannot be priced: the contract needs a price "
                            "above zero and a base calorific value. %(detail)s",
                            lot=lot.display_name,
                            detail=message_text(self.env, err.code, err.params),
                        )
                    ) from err
                if result.accepted:
                    values.update(
                        status="accepted",
                        base_price=result.base_price,
                        total_deduction=result.total_deduction,
                        final_price=result.final_price,
                        amount=pricing.lot_amount(result.final_price, lot.tonnage),
                    )
                    values["deduction_ids"] += [
                        Command.create(
                            {
                                "parameter": line.parameter,
                                "actual": line.actual,
                                "spec": line.spec,
                                "excess": line.excess,
                                "amount": line.amount,
                            }
                        )
                        for line in result.deductions
                    ]
                else:
                    values.update(
                        status="rejected",
                        rejection_reason="\n".join(
                            message_text(self.env, reason.code, reason.params)
                            for reason in result.rejections
                        ),
                    )
            lot.update(values)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_priced(self):
        priced = self.filtered(lambda lot: lot.status != "pending")
        if priced and not self.env.su:
            raise UserError(
                self.env._(
                    "%(lots)s are priced or rejected: they stay in the contract's history.",
                    lots=", ".join(priced[:5].mapped("display_name")),
                )
            )

    def write(self, vals):
        if not self.env.su and any(name in vals for name in self.PRICE_INPUTS):
            locked = self.filtered(lambda lot: lot.price_state == "locked")
            if locked:
                raise UserError(
                    self.env._(
                        "%(lots)s have a final, locked price: their tonnage, lab result "
                        "and contract cannot change.",
                        lots=", ".join(locked[:5].mapped("display_name")),
                    )
                )
        if "contract_id" in vals and not self.env.su:
            moved = self.filtered(
                lambda lot: (
                    lot.status != "pending"
                    and lot.contract_id.id != vals["contract_id"]
                )
            )
            if moved:
                raise UserError(
                    self.env._(
                        "%(lots)s are priced or rejected under their contract: they cannot "
                        "move to another contract.",
                        lots=", ".join(moved[:5].mapped("display_name")),
                    )
                )
        return super().write(vals)

    def _report_quality_rows(self):
        """Rows of the printed settlement: (label, lab value, digits, spec, minimum,
        maximum) per quality parameter, the spec and limits from the contract's terms
        (None where the contract sets none)."""
        self.ensure_one()
        labels = dict(
            self.env["crm.coal.quality.term"]
            ._fields["parameter"]
            ._description_selection(self.env)
        )
        terms = self.contract_id.term_ids
        rows = []
        for parameter, fname in LAB_FIELDS.items():
            deduction = terms.filtered(
                lambda t, p=parameter: t.kind == "deduction" and t.parameter == p
            )[:1]
            limits = terms.filtered(
                lambda t, p=parameter: t.kind == "rejection" and t.parameter == p
            )
            minimum = max((t.minimum for t in limits if t.minimum), default=None)
            maximum = min((t.maximum for t in limits if t.maximum), default=None)
            rows.append(
                (
                    labels[parameter],
                    self[fname],
                    0 if self._fields[fname].type == "integer" else 2,
                    deduction.spec if deduction else None,
                    minimum,
                    maximum,
                )
            )
        return rows

    def action_settle(self):
        """Re-price the provisional lots with the contract's current price and terms."""
        self.check_access("write")
        self._guard_locked()
        self._check_provisional()
        self._coal_reprice()
        return True

    def action_lock_price(self):
        """Provisional -> final price locked: a lot with a lab result (accepted or
        rejected) keeps its price and verdict for good."""
        self.check_access("write")
        self._guard_locked()
        self._check_provisional()
        pending = self.filtered(lambda lot: lot.status == "pending")
        if pending:
            raise UserError(
                self.env._(
                    "%(lots)s await their lab result: a price is locked once the lot is "
                    "priced.",
                    lots=", ".join(pending[:5].mapped("display_name")),
                )
            )
        # sudo: the price state is written only by this action
        self.sudo().write({"price_state": "locked"})
        return True

    def _check_provisional(self):
        locked = self.filtered(lambda lot: lot.price_state == "locked")
        if locked:
            raise UserError(
                self.env._(
                    "%(lots)s already have a final, locked price.",
                    lots=", ".join(locked[:5].mapped("display_name")),
                )
            )

    def _coal_reprice(self):
        """Recompute the settlement of the provisional lots among these, in one batch
        (private: called by action_settle and by the contract and its terms)."""
        lots = self.sudo().filtered(lambda lot: lot.price_state == "provisional")
        if lots:
            mark_to_recompute(lots, self.SETTLEMENT_FIELDS)
            # sudo: prices and deduction lines are written only by _compute_settlement
            lots._recompute_recordset(list(self.SETTLEMENT_FIELDS))
