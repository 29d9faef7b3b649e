# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .display import compute_display_names


class CrmLubricantSellthrough(models.Model):
    """What a dealer sold on to its end customers in a period (reported by the dealer)."""

    _name = "crm.lubricant.sellthrough"
    _description = "Dealer Sell-through"
    _inherit = ["crm.lubricant.guard.mixin", "mail.thread"]
    _order = "period desc, id desc"
    _check_company_auto = True

    dealer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("lub_is_dealer", "=", True)],
        check_company=True,
    )
    end_customer_id = fields.Many2one(
        "res.partner",
        index=True,
        domain="[('lub_dealer_id', '=', dealer_id)]",
        check_company=True,
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    quantity = fields.Float(
        required=True, digits="Product Unit of Measure", tracking=True
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    period = fields.Date(
        required=True,
        index=True,
        tracking=True,
        help="First day of the month the quantity was sold in.",
    )
    state_id = fields.Many2one(
        related="dealer_id.state_id", store=True, string="Region", index=True
    )
    lub_category = fields.Selection(related="product_id.lub_category", store=True)
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(self.env._("The sold quantity must be positive."))

    @api.constrains("end_customer_id", "dealer_id")
    def _check_end_customer(self):
        for line in self:
            if (
                line.end_customer_id
                and line.end_customer_id.lub_dealer_id != line.dealer_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(customer)s is not an end customer of %(dealer)s.",
                        customer=line.end_customer_id.name,
                        dealer=line.dealer_id.name,
                    )
                )

    @api.constrains("product_id", "dealer_id")
    def _check_product_authorized(self):
        for line in self:
            # sudo: the dealer's product lines are configuration, whoever records the line
            dealer = line.dealer_id.sudo()
            if (
                dealer
                and line.product_id
                and not line.product_id.sudo().filtered_domain(
                    dealer._lub_authorized_product_domain()
                )
            ):
                raise ValidationError(
                    self.env._(
                        "%(product)s is outside the product lines authorized to %(dealer)s.",
                        product=line.product_id.display_name,
                        dealer=dealer.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period"):
                vals["period"] = fields.Date.to_date(vals["period"]).replace(day=1)
        return super().create(vals_list)

    @api.depends("dealer_id", "product_id", "period")
    def _compute_display_name(self):
        compute_display_names(
            self, ("dealer_id", "product_id", "period"), months=("period",)
        )
