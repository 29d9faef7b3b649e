# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_amount

from ..lib.common import DomainError
from .messages import message_text
from .res_config_settings import get_setting

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
        # The override is a decision: only action_coal_credit_override (sudo) sets it.
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
        warnings = []
        for order, check in held._coal_credit_checks():
            if not check.allowed:
                raise UserError(order._coal_credit_text(check, refused=True))
            if check.warning:
                warnings.append((order, check))
        res = super().action_confirm()
        for order, check in warnings:
            order.message_post(
                body=Markup("<p>%s</p>") % order._coal_credit_text(check, refused=False)
            )
        return res

    def action_coal_open_credit_override(self):
        """Button: ask the reason of the override (coal managers only)."""
        self._coal_ensure_credit_manager()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Credit Hold"),
            "res_model": "crm.coal.credit.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_coal_credit_override(self, reason):
        """Confirm over the credit limit: coal managers only, with a reason, logged in the
        chatter with the exposure figures."""
        self._coal_ensure_credit_manager()
        self.check_access("write")
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                self.env._("Give the reason for overriding the credit hold.")
            )
        not_draft = self.filtered(lambda o: o.state not in ("draft", "sent"))
        if not_draft:
            raise UserError(
                self.env._(
                    "Only quotations can be confirmed over the credit hold: %(orders)s.",
                    orders=", ".join(not_draft.mapped("name")),
                )
            )
        for order, check in self._coal_credit_checks():
            # sudo: the override flag is written only here, after the group check
            order.sudo().coal_credit_override = True
            order.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Credit hold overridden by %(user)s. Reason: %(reason)s",
                        user=self.env.user.name,
                        reason=reason,
                    ),
                    order._coal_credit_text(check, refused=None),
                )
            )
        return self.action_confirm()

    def _coal_ensure_credit_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a coal manager can override the credit hold of an order."
                )
            )

    def _coal_credit_checks(self):
        """[(order, CreditCheck)] of confirming these orders together: grouped by key
        account and company, each order counts the ones before it in the batch as
        confirmed orders not yet invoiced, so a batch cannot pass the limit order by
        order. One read of receivables and orders per account and company."""
        groups = {}
        for order in self:
            key = (order.partner_id.commercial_partner_id.id, order.company_id.id)
            groups.setdefault(key, self.browse())
            groups[key] |= order
        result = []
        for (partner_id, _company_id), orders in groups.items():
            company = orders[0].company_id
            amounts = [
                order.currency_id._convert(
                    max(order.amount_total, 0.0),
                    company.currency_id,
                    company,
                    fields.Date.to_date(order.date_order)
                    or fields.Date.context_today(order),
                )
                for order in orders
            ]
            # sudo: the grade and the receivables decide the hold, whoever confirms
            partner = self.env["res.partner"].sudo().browse(partner_id)
            try:
                checks = partner._coal_credit_checks(
                    amounts, company, exclude_orders=orders
                )
            except DomainError as err:
                raise UserError(
                    self.env._(
                        "The credit hold of %(order)s cannot be checked: %(detail)s",
                        order=", ".join(orders.mapped("name")),
                        detail=message_text(self.env, err.code, err.params),
                    )
                ) from err
            result.extend(zip(orders, checks, strict=True))
        return result

    def _coal_credit_text(self, check, refused):
        """The figures of a credit check, as told to the user: refused (True), warned
        (False) or overridden (None)."""
        self.ensure_one()
        currency = self.company_id.currency_id

        def money(value):
            return format_amount(self.env, value or 0.0, currency)

        params = {
            "order": self.name,
            "partner": self.partner_id.commercial_partner_id.display_name,
            "receivable": money(check.open_receivable),
            "uninvoiced": money(check.uninvoiced),
            "amount": money(check.new_amount),
            "exposure": money(check.exposure),
            "limit": money(check.limit) if check.limit is not None else "-",
            "excess": money(check.excess),
        }
        if refused:
            return self.env._(
                "Credit hold: confirming %(order)s takes %(partner)s to an exposure of "
                "%(exposure)s (open receivables %(receivable)s + confirmed orders not yet "
                "invoiced %(uninvoiced)s + this order %(amount)s), %(excess)s over the "
                "credit limit %(limit)s of its grade. A coal manager can override the hold.",
                **params,
            )
        if refused is False:
            return self.env._(
                "Credit warning: %(partner)s reaches an exposure of %(exposure)s (open "
                "receivables %(receivable)s + confirmed orders not yet invoiced "
                "%(uninvoiced)s + this order %(amount)s), %(pct)s %% of its credit limit "
                "%(limit)s (warning from %(warn)s %%).",
                pct=round(check.exposure * 100 / check.limit, 1)
                if check.limit
                else 100,
                warn=get_setting(self.env, "coal_credit_warn_pct"),
                **params,
            )
        return self.env._(
            "Exposure %(exposure)s (open receivables %(receivable)s + confirmed orders not "
            "yet invoiced %(uninvoiced)s + this order %(amount)s), credit limit %(limit)s, "
            "excess %(excess)s.",
            **params,
        )
