# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_amount

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
    sale_order_ids = fields.One2many(
        "sale.order", "coal_contract_id", string="Sales Orders"
    )
    lot_count = fields.Integer(compute="_compute_lot_count")
    # Progress: plan vs ordered vs delivered (accepted lots) vs invoiced vs collected
    planned_t = fields.Float(
        string="Planned (t)", digits=(16, 1), compute="_compute_progress"
    )
    ordered_t = fields.Float(
        string="Ordered (t)",
        digits=(16, 1),
        compute="_compute_progress",
        help="Tons of the confirmed sales orders calling off the contract.",
    )
    delivered_t = fields.Float(
        string="Delivered (t)",
        digits=(16, 1),
        compute="_compute_lot_count",
        help="Tons of the accepted lots; rejected lots and lots awaiting the lab do not "
        "count.",
    )
    invoiced_amount = fields.Monetary(
        string="Invoiced",
        compute="_compute_progress",
        help="Posted invoices of the contract's sales orders, net of their credit notes.",
    )
    collected_amount = fields.Monetary(string="Collected", compute="_compute_progress")
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
            ["contract_id", "status"],
            ["__count", "tonnage:sum"],
        )
        counts, accepted = {}, {}
        for contract, status, count, tonnage in groups:
            counts[contract.id] = counts.get(contract.id, 0) + count
            if status == "accepted":
                accepted[contract.id] = tonnage
        for contract in self:
            contract.lot_count = counts.get(contract.id, 0)
            contract.delivered_t = accepted.get(contract.id, 0.0)

    def _compute_progress(self):
        # sudo: coal users follow their contracts' orders and invoices without sales or
        # accounting rights; the orders are those of the contracts the user can read
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("coal_contract_id", "in", self.ids), ("state", "=", "sale")])
        )
        ton = self.env.ref("uom.product_uom_ton")
        ordered, invoiced = {}, {}
        for line in orders.order_line:
            if (
                not line.display_type
                and line.product_uom.category_id == ton.category_id
            ):
                key = line.order_id.coal_contract_id.id
                ordered[key] = ordered.get(
                    key, 0.0
                ) + line.product_uom._compute_quantity(
                    line.product_uom_qty, ton, round=False
                )
        today = fields.Date.context_today(self)
        for order in orders:
            contract = order.coal_contract_id
            invoiced[contract.id] = invoiced.get(
                contract.id, 0.0
            ) + order.currency_id._convert(
                order.amount_invoiced, contract.currency_id, contract.company_id, today
            )
        collected = {
            contract.id: amount
            for contract, amount in self.env["crm.coal.collection.plan"]._read_group(
                [("contract_id", "in", self.ids)],
                ["contract_id"],
                ["collected_amount:sum"],
            )
        }
        planned = {
            contract.id: tons
            for contract, tons in self.env["crm.coal.contract.plan"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["planned_t:sum"]
            )
        }
        for contract in self:
            contract.planned_t = planned.get(contract.id, 0.0)
            contract.ordered_t = ordered.get(contract.id, 0.0)
            contract.invoiced_amount = invoiced.get(contract.id, 0.0)
            contract.collected_amount = collected.get(contract.id, 0.0)

    # the contract's inputs of its lots' prices: a change reprices the provisional lots
    LOT_PRICE_INPUTS = ("price", "base_cv", "deduction_basis", "term_ids")

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in self.LOT_PRICE_INPUTS):
            self.lot_ids._coal_reprice()
        return res

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
        """Fill the collection plans from the customers' posted payments, each payment
        counted once, oldest due date first across all the contracts of the customer in
        its company (lib.receivables.allocate_account_collections).

        Source of the payments: the customer's posted inbound payments (account.payment),
        one receipt each, not the account.partial.reconcile rows alone.  A payment that no
        one reconciled yet (money received in advance, or against a contract whose orders
        are not invoiced yet) is still money collected, and reconciliation rows only would
        miss it; the payment is the one object that counts each receipt exactly once
        (one payment reconciled with two invoices gives two partials).  Where the link
        exists, the partials tell which contract the money is for: the part of a payment
        reconciled with the invoices of a contract's sale orders fills that contract's
        lines first; the rest goes oldest due first over all the customer's contracts.
        Payments count from the earliest start of the customer's contracts.  Bank
        statement lines reconciled without a payment are not read.

        A fixed number of queries whatever the number of contracts and payments."""
        self.check_access("read")
        if not self.env.user.has_group("crm_coal.group_crm_coal_user"):
            raise AccessError(
                self.env._("Only coal users match payments to collection plans.")
            )
        if not self.filtered("collection_ids"):
            return True
        # sudo: a payment is shared by every contract of its customer: the allocation
        # reads and rewrites the plans of all of them, and reads the customers' payments
        # and reconciliations (coal staff need not be accountants)
        contracts = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    (
                        "partner_id",
                        "child_of",
                        self.partner_id.commercial_partner_id.ids,
                    ),
                    ("company_id", "in", self.company_id.ids),
                    ("collection_ids", "!=", False),
                ]
            )
        )
        accounts = {
            contract: (
                contract.company_id.id,
                contract.partner_id.commercial_partner_id.id,
            )
            for contract in contracts
        }
        starts = {}
        for contract, account in accounts.items():
            starts[account] = min(
                starts.get(account, contract.date_start), contract.date_start
            )
        payments = (
            self.env["account.payment"]
            .sudo()
            .search_read(
                [
                    (
                        "partner_id",
                        "child_of",
                        contracts.partner_id.commercial_partner_id.ids,
                    ),
                    ("payment_type", "=", "inbound"),
                    ("partner_type", "=", "customer"),
                    ("state", "in", ("in_process", "paid")),
                    ("company_id", "in", contracts.company_id.ids),
                    ("date", ">=", min(starts.values())),
                ],
                [
                    "partner_id",
                    "date",
                    "amount_company_currency_signed",
                    "company_id",
                    "move_id",
                ],
            )
        )
        commercial = {
            partner.id: partner.commercial_partner_id.id
            for partner in self.env["res.partner"].browse(
                {p["partner_id"][0] for p in payments}
            )
        }
        preferred = self._coal_reconciled_parts(contracts, payments)
        received = []
        for payment in payments:
            account = (payment["company_id"][0], commercial[payment["partner_id"][0]])
            if account in starts and payment["date"] >= starts[account]:
                received.append(
                    (
                        account,
                        payment["date"],
                        payment["amount_company_currency_signed"],
                        preferred.get(payment["id"], {}),
                    )
                )
        lines = contracts.collection_ids
        allocation = receivables.allocate_account_collections(
            [
                (
                    line,
                    accounts[line.contract_id],
                    line.contract_id.id,
                    line.due_date,
                    line.planned_amount,
                )
                for line in lines
            ],
            received,
        )
        by_value = {}
        for line, amount in allocation.collected.items():
            key = (amount, allocation.collected_dates[line] or False)
            by_value[key] = by_value.get(key, lines.browse()) | line
        for (amount, day), group in by_value.items():
            # sudo: collected figures come only from this matching of posted payments
            group.write({"collected_amount": amount, "collected_date": day})
        for contract in self.filtered("collection_ids"):
            left = allocation.unallocated.get(accounts[contract.sudo()], 0.0)
            if left:
                contract.message_post(
                    body=self.env._(
                        "%(amount)s of the customer's payments exceed the collection plans"
                        " of its contracts.",
                        amount=format_amount(self.env, left, contract.currency_id),
                    )
                )
        return True

    @api.model
    def _coal_reconciled_parts(self, contracts, payments):
        """{payment id: {contract id: amount}}: the part of each payment reconciled with
        the customer invoices of the contracts' sale orders (company currency)."""
        moves = [p["move_id"][0] for p in payments if p["move_id"]]
        if not moves:
            return {}
        # sudo: called from action_match_payments, which checked the user's group
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("coal_contract_id", "in", contracts.ids), ("state", "=", "sale")])
        )
        contract_of = {}
        for order in orders:
            for invoice in order.invoice_ids:
                # an invoice of the orders of two contracts prefers neither
                contract_of[invoice.id] = (
                    order.coal_contract_id.id
                    if contract_of.get(invoice.id, order.coal_contract_id.id)
                    == order.coal_contract_id.id
                    else None
                )
        if not contract_of:
            return {}
        payment_of = {p["move_id"][0]: p["id"] for p in payments if p["move_id"]}
        partials = (
            self.env["account.partial.reconcile"]
            .sudo()
            .search_read(
                [
                    ("credit_move_id.move_id", "in", moves),
                    ("debit_move_id.move_id", "in", list(contract_of)),
                ],
                ["credit_move_id", "debit_move_id", "amount"],
            )
        )
        line_moves = {
            line["id"]: line["move_id"][0]
            for line in self.env["account.move.line"]
            .sudo()
            .search_read(
                [
                    (
                        "id",
                        "in",
                        [p["credit_move_id"][0] for p in partials]
                        + [p["debit_move_id"][0] for p in partials],
                    )
                ],
                ["move_id"],
            )
        }
        parts = {}
        for partial in partials:
            contract = contract_of.get(line_moves[partial["debit_move_id"][0]])
            if contract:
                payment = payment_of[line_moves[partial["credit_move_id"][0]]]
                by_contract = parts.setdefault(payment, {})
                by_contract[contract] = (
                    by_contract.get(contract, 0.0) + partial["amount"]
                )
        return parts

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
