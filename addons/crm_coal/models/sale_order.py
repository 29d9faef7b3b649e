# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.common import DomainError
from .messages import message_text

MANAGER_GROUP = "crm_coal.group_crm_coal_manager"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coal_contract_id = fields.Many2one(
        "crm.coal.contract",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'active')]",
        help="Long-term contract this order calls off: its quantities, invoices and "
        "payments count in the contract's progress and collections.",
    )

    coal_credit_override = fields.Boolean(
        string="Credit Hold Overridden",
        readonly=True,
        copy=False,
        tracking=True,
        help="A coal manager confirmed the order over the key account's credit limit.",
    )

    @api.constrains("coal_contract_id", "partner_id")
    def _check_coal_contract(self):
        for order in self.filtered("coal_contract_id"):
            if (
                order.coal_contract_id.partner_id.commercial_partner_id
                != order.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The order %(order)s is for %(partner)s: it cannot call off the "
                        "contract %(contract)s of another customer.",
                        order=order.name,
                        partner=order.partner_id.commercial_partner_id.display_name,
                        contract=order.coal_contract_id.display_name,
                    )
                )

    def write(self, vals):
        # The override is a decision: only action_coal_override_credit (sudo) sets it.
        if "coal_credit_override" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only a coal manager can override the credit hold of an order, with the"
                    " button Override Credit Hold and Confirm."
                )
            )
        return super().write(vals)

    def action_confirm(self):
        # orders of zero or negative total (returns, credit) never add exposure
        held = self.filtered(
            lambda o: (
                not o.coal_credit_override
                and o.currency_id.compare_amounts(o.amount_total, 0.0) > 0
            )
        )
        for order in held:
            check = order._coal_credit_check()
            if not check.allowed:
                raise UserError(
                    self.env._(
                        "Credit hold: confirming %(order)s takes %(partner)s to an exposure of "
                        "%(exposure)s, %(excess)s over the credit limit %(limit)s of its grade. "
                        "A coal manager can override the hold.",
                        order=order.name,
                        partner=order.partner_id.commercial_partner_id.display_name,
                        exposure=check.exposure,
                        excess=check.excess,
                        limit=check.limit,
                    )
                )
        return super().action_confirm()

    def action_coal_override_credit(self):
        """Confirm over the credit limit: coal managers only, logged in the chatter."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a coal manager can override the credit hold of an order."
                )
            )
        self.check_access("write")
        for order in self:
            check = order._coal_credit_check()
            # sudo: the override flag is written only here, after the group check
            order.sudo().coal_credit_override = True
            order.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Credit hold overridden by %(user)s: exposure %(exposure)s, credit limit "
                    "%(limit)s.",
                    user=self.env.user.name,
                    exposure=check.exposure,
                    limit=check.limit if check.limit is not None else "-",
                )
            )
        return self.action_confirm()

    def _coal_credit_check(self):
        self.ensure_one()
        # sudo: the grade and the receivables decide the hold, whoever confirms the order
        partner = self.partner_id.commercial_partner_id.sudo()
        try:
            return partner._coal_credit_check(max(self.amount_total, 0.0))
        except DomainError as err:
            raise UserError(
                self.env._(
                    "The credit hold of %(order)s cannot be checked: %(detail)s",
                    order=self.name,
                    detail=message_text(self.env, err.code, err.params),
                )
            ) from err
