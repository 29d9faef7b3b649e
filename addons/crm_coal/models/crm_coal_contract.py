# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import pricing, receivables


class CrmCoalContract(models.Model):
    """Long-term coal supply contract with its quality terms."""

    _name = "crm.coal.contract"
    _description = "Coal Supply Contract"
    _inherit = ["crm.coal.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # Coal users read contracts and record collections: they may log notes on them too.
    _mail_post_access = "read"
    _workflow_fields = ("state",)
    _locked_states = ("closed",)

    name = fields.Char(string="Reference", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('coal_key_account', '=', True)]",
    )
    product_id = fields.Many2one(
        "product.product", string="Coal Product", tracking=True, check_company=True
    )
    date_start = fields.Date(
        required=True, tracking=True, default=fields.Date.context_today
    )
    date_end = fields.Date(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    price = fields.Monetary(
        string="Contract Price (per t)",
        currency_field="currency_id",
        tracking=True,
        help="Price of coal of the base calorific value, before quality adjustments.",
    )
    base_cv = fields.Integer(
        string="Base CV (kcal/kg NAR)",
        compute="_compute_base_cv",
        store=True,
        readonly=False,
        tracking=True,
        help="Calorific value the contract price refers to; lots are priced pro rata.",
    )
    deduction_basis = fields.Selection(
        [("adjusted", "CV-adjusted price"), ("contract", "Contract price")],
        string="Deductions Apply To",
        default="adjusted",
        required=True,
    )
    term_ids = fields.One2many(
        "crm.coal.quality.term", "contract_id", string="Quality Terms"
    )
    lot_ids = fields.One2many(
        "crm.coal.delivery.lot", "contract_id", string="Delivered Lots"
    )
    plan_ids = fields.One2many(
        "crm.coal.contract.plan", "contract_id", string="Monthly Plan"
    )
    collection_ids = fields.One2many(
        "crm.coal.collection.plan", "contract_id", string="Collection Plan"
    )
    lot_count = fields.Integer(compute="_compute_lot_count")
    delivered_t = fields.Float(
        string="Delivered (t)", digits=(16, 1), compute="_compute_lot_count"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    @api.depends("product_id")
    def _compute_base_cv(self):
        for contract in self:
            if contract.product_id.coal_cv_nar:
                contract.base_cv = contract.product_id.coal_cv_nar
            else:
                contract.base_cv = contract.base_cv

    def _compute_lot_count(self):
        groups = self.env["crm.coal.delivery.lot"]._read_group(
            [("contract_id", "in", self.ids)],
            ["contract_id"],
            ["__count", "tonnage:sum"],
        )
        by_contract = {
            contract.id: (count, tonnage) for contract, count, tonnage in groups
        }
        for contract in self:
            contract.lot_count, contract.delivered_t = by_contract.get(
                contract.id, (0, 0.0)
            )

    @api.constrains("price", "base_cv", "date_start", "date_end")
    def _check_contract(self):
        for contract in self:
            if contract.price < 0 or contract.base_cv < 0:
                raise ValidationError(
                    self.env._(
                        "The contract price and base calorific value cannot be negative."
                    )
                )
            if (
                contract.date_end
                and contract.date_start
                and contract.date_end < contract.date_start
            ):
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        used = self.filtered(lambda c: c.lot_ids or c.collection_ids)
        if used:
            raise UserError(
                self.env._(
                    "%(contracts)s have delivered lots or a collection plan: archive them "
                    "instead of deleting them.",
                    contracts=", ".join(used[:5].mapped("display_name")),
                )
            )

    def _ensure_state(self, states, action):
        wrong = self.filtered(lambda c: c.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(contracts)s cannot be %(action)s from their current state.",
                    contracts=", ".join(wrong[:5].mapped("display_name")),
                    action=action,
                )
            )

    def action_activate(self):
        self.check_access("write")
        self._ensure_state(("draft",), self.env._("started"))
        # sudo: the state changes only through this action, after the checks above
        self.sudo().write({"state": "active"})

    def action_close(self):
        self.check_access("write")
        self._ensure_state(("active",), self.env._("closed"))
        # sudo: the state changes only through this action, after the checks above
        self.sudo().write({"state": "closed"})

    def action_match_payments(self):
        """Fill the collection plans from the customers' posted payments, oldest due date
        first (lib.receivables.allocate_collections).  Payments count from the contract's
        start to its end; one query reads the payments of every contract's customer."""
        self.check_access("read")
        if not self.env.user.has_group("crm_coal.group_crm_coal_user"):
            raise AccessError(
                self.env._("Only coal users match payments to collection plans.")
            )
        contracts = self.filtered("collection_ids")
        if not contracts:
            return True
        partners = contracts.partner_id.commercial_partner_id
        # Collections are read by coal staff who need not be accountants: sudo to read the
        # customers' payments only (their date and amount), limited to these customers.
        payments = (
            self.env["account.payment"]
            .sudo()
            .search_read(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("payment_type", "=", "inbound"),
                    ("partner_type", "=", "customer"),
                    ("state", "in", ("in_process", "paid")),
                    ("company_id", "in", contracts.company_id.ids),
                    ("date", ">=", min(contracts.mapped("date_start"))),
                ],
                ["partner_id", "date", "amount_company_currency_signed", "company_id"],
            )
        )
        commercial = {
            partner.id: partner.commercial_partner_id.id
            for partner in self.env["res.partner"].browse(
                {p["partner_id"][0] for p in payments}
            )
        }
        by_value = {}
        for contract in contracts:
            customer = contract.partner_id.commercial_partner_id.id
            received = [
                (p["date"], p["amount_company_currency_signed"])
                for p in payments
                if commercial[p["partner_id"][0]] == customer
                and p["company_id"][0] == contract.company_id.id
                and p["date"] >= contract.date_start
                and (not contract.date_end or p["date"] <= contract.date_end)
            ]
            allocation = receivables.allocate_collections(
                [
                    (line, line.due_date, line.planned_amount)
                    for line in contract.collection_ids
                ],
                received,
            )
            for line, amount in allocation.collected.items():
                key = (amount, allocation.collected_dates[line])
                by_value[key] = (
                    by_value.get(key, self.env["crm.coal.collection.plan"]) | line
                )
            if allocation.unallocated:
                contract.message_post(
                    body=self.env._(
                        "%(amount)s of the customer's payments exceed the collection plan.",
                        amount=allocation.unallocated,
                    )
                )
        for (amount, day), lines in by_value.items():
            # sudo: collected figures come only from this matching of posted payments
            lines.sudo().write({"collected_amount": amount, "collected_date": day})
        return True

    def _quality_terms(self):
        """The contract's terms as lib.pricing.QualityTerms."""
        self.ensure_one()
        return pricing.QualityTerms(
            base_cv=self.base_cv,
            deductions=[t._to_rule() for t in self.term_ids if t.kind == "deduction"],
            rejection_limits=[
                t._to_limit() for t in self.term_ids if t.kind == "rejection"
            ],
            deduction_basis=self.deduction_basis,
        )
