# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .lub_scope import order_scope_domain
from .res_config_settings import get_setting


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    lub_credit_user_id = fields.Many2one(
        "res.users",
        string="Credited To",
        compute="_compute_lub_credit_user_id",
        help="Salesperson holding the customer's protection at the order date (ownership log).",
    )

    @api.depends("partner_id", "date_order")
    def _compute_lub_credit_user_id(self):
        orders = list(self)
        holders = self.env["crm.lubricant.ownership.log"]._credit_holders(
            [
                (order.partner_id.commercial_partner_id.id, order.date_order)
                for order in orders
            ]
        )
        for order, holder in zip(orders, holders, strict=True):
            order.lub_credit_user_id = holder

    @api.model
    def _lub_big_deal_domain(self):
        """Confirmed orders from the big-deal amount (company currency) within the last days."""
        amount = get_setting(self.env, "lub_big_deal_amount")
        days = get_setting(self.env, "lub_big_deal_days")
        since = fields.Datetime.now() - timedelta(days=days)
        return [
            ("state", "=", "sale"),
            ("date_order", ">=", fields.Datetime.to_string(since)),
            ("amount_total", ">=", amount),
            *order_scope_domain(self.env),
        ]

    @api.model
    def action_lub_big_deals(self):
        """The big-deal board for managers, its domain computed from the settings."""
        if not self.env.user.has_group("crm_lubricant.group_crm_lubricant_manager"):
            raise AccessError(
                self.env._("Only lubricant sales managers may open the big-deal board.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_lubricant.sale_order_action_big_deals"
        )
        action["domain"] = self._lub_big_deal_domain()
        return action
