# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Dealer channel: dealer level, territory, authorized product lines, annual target and
end customers."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    lub_is_dealer = fields.Boolean(string="Is a Dealer", index=True, tracking=True)
    lub_dealer_level = fields.Selection(
        [("first", "First-level Dealer"), ("second", "Second-level Dealer")],
        string="Dealer Level",
        tracking=True,
    )
    lub_territory_ids = fields.Many2many(
        "res.country.state",
        "crm_lubricant_dealer_territory_rel",
        "partner_id",
        "state_id",
        string="Territory",
    )
    lub_authorized_categ_ids = fields.Many2many(
        "product.category",
        "crm_lubricant_dealer_categ_rel",
        "partner_id",
        "categ_id",
        string="Authorized Product Lines",
    )
    lub_annual_target = fields.Monetary(string="Annual Target", tracking=True)
    lub_annual_actual = fields.Monetary(
        string="Actual This Year", compute="_compute_lub_annual_actual"
    )
    lub_target_rate = fields.Float(
        string="Target Reached", compute="_compute_lub_annual_actual"
    )
    lub_dealer_id = fields.Many2one(
        "res.partner",
        string="Dealer",
        index=True,
        tracking=True,
        domain=[("lub_is_dealer", "=", True)],
        help="Dealer through which this end customer buys.",
    )
    lub_end_customer_ids = fields.One2many(
        "res.partner", "lub_dealer_id", string="End Customers"
    )
    lub_end_customer_count = fields.Integer(
        string="End Customer Count", compute="_compute_lub_end_customer_count"
    )
    lub_sellthrough_ids = fields.One2many(
        "crm.lubricant.sellthrough", "dealer_id", string="Sell-through"
    )

    def _compute_lub_annual_actual(self):
        dealers = self.filtered("lub_is_dealer")
        totals = {}
        if dealers.ids:
            year_start = fields.Date.today().replace(month=1, day=1)
            groups = self.env["sale.order"]._read_group(
                [
                    ("partner_id", "child_of", dealers.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", year_start),
                ],
                ["partner_id"],
                ["amount_untaxed:sum"],
            )
            for partner, amount in groups:
                commercial = partner.commercial_partner_id.id
                totals[commercial] = totals.get(commercial, 0.0) + amount
        for partner in self:
            actual = totals.get(partner.id, 0.0)
            partner.lub_annual_actual = actual
            partner.lub_target_rate = (
                actual / partner.lub_annual_target if partner.lub_annual_target else 0.0
            )

    def _compute_lub_end_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("lub_dealer_id", "in", self.ids)], ["lub_dealer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lub_end_customer_count = counts.get(partner, 0)

    @api.constrains("lub_dealer_id")
    def _check_lub_dealer_id(self):
        for partner in self:
            if (
                partner.lub_dealer_id
                and partner.lub_dealer_id == partner.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be its own dealer.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("lub_annual_target")
    def _check_lub_annual_target(self):
        for partner in self:
            if partner.lub_annual_target < 0:
                raise ValidationError(
                    self.env._(
                        "The annual target of %(dealer)s must not be negative.",
                        dealer=partner.display_name,
                    )
                )

    def _lub_authorized_product_domain(self):
        """Products a dealer may report sold: lubricants on sale, within its authorized product
        lines (with their subcategories) when it has any."""
        self.ensure_one()
        domain = [("lub_category", "!=", False), ("sale_ok", "=", True)]
        if self.lub_authorized_categ_ids:
            domain.append(("categ_id", "child_of", self.lub_authorized_categ_ids.ids))
        return domain
