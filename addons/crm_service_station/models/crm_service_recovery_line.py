# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..lib import recovery as lib_recovery
from ..lib.common import DomainError
from .messages import raise_domain_error


class CrmServiceRecoveryLine(models.Model):
    _name = "crm.service.recovery.line"
    _description = "Supplier Recovery Line"
    _inherit = ["crm.knowledge.guard.mixin"]
    _order = "recovery_id, sequence, id"
    _workflow_fields = ("subtotal", "price_source")
    _lock_parent = "recovery_id"

    recovery_id = fields.Many2one(
        "crm.service.recovery", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="recovery_id.company_id", store=True)
    currency_id = fields.Many2one(related="recovery_id.currency_id")
    sequence = fields.Integer(default=10)
    claim_line_id = fields.Many2one(
        "crm.service.claim.line",
        index="btree_not_null",
        ondelete="restrict",
    )
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, check_company=True
    )
    name = fields.Char(string="Description")
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    unit_price = fields.Monetary(
        string="Supplier Price",
        compute="_compute_unit_price",
        store=True,
        readonly=False,
        precompute=True,
        help="The supplier's price for the part (its price list: vendor, quantity, date), in"
        " the company's currency; the part's cost when the supplier lists no price. Editable"
        " while the recovery is a draft.",
    )
    price_source = fields.Selection(
        [("supplier", "Supplier Price List"), ("cost", "Part Cost")],
        compute="_compute_unit_price",
        store=True,
        precompute=True,
    )
    station_amount = fields.Monetary(
        related="claim_line_id.subtotal", string="Paid to the Station"
    )
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)

    @api.depends("product_id", "quantity", "recovery_id.supplier_id")
    def _compute_unit_price(self):
        for line in self:
            if not line.product_id:
                line.price_source = False
                continue
            recovery = line.recovery_id
            price, source = line._supplier_price(
                line.product_id,
                recovery.supplier_id,
                line.quantity,
                recovery.company_id,
            )
            line.unit_price = price
            line.price_source = source

    @api.model
    def _supplier_price(self, product, supplier, quantity, company):
        """The supplier's unit price of ``product`` in the company currency and the
        product's unit, and where it comes from ('supplier' or 'cost')."""
        company = company or self.env.company
        # Vendor price lists are purchase data; the recovery is priced from them.
        product = product.sudo().with_company(company)
        seller = (
            product._select_seller(
                partner_id=supplier, quantity=quantity or 1.0, uom_id=product.uom_id
            )
            if supplier
            else product.seller_ids.browse()
        )
        if not seller:
            return product.standard_price, "cost"
        price = seller.price_discounted
        if seller.product_uom and seller.product_uom != product.uom_id:
            price = seller.product_uom._compute_price(price, product.uom_id)
        if seller.currency_id and seller.currency_id != company.currency_id:
            price = seller.currency_id._convert(
                price, company.currency_id, company, fields.Date.context_today(self)
            )
        return price, "supplier"

    @api.depends("quantity", "unit_price")
    def _compute_subtotal(self):
        for line in self:
            try:
                amount = lib_recovery.line_amount(line.quantity, line.unit_price)
            except DomainError as error:
                raise_domain_error(self.env, error)
            line.subtotal = float(amount)


class CrmServiceClaimLine(models.Model):
    _inherit = "crm.service.claim.line"

    recovery_line_ids = fields.One2many(
        "crm.service.recovery.line", "claim_line_id", string="Recovery Lines"
    )

    def _recovery_quantity(self):
        """The quantity the maker paid for: the reviewer's when reduced, else the claimed."""
        self.ensure_one()
        return self.approved_quantity if self.adjusted else self.quantity
