# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools.misc import format_amount

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

M = 1_000_000


@tagged("post_install", "-at_install")
class TestCreditExposure(AccountTestInvoicingCommon):
    """Issue 13: exposure = open receivables + confirmed orders not yet invoiced + the
    order, in the order's company; warning from a percentage, refusal over the limit,
    manager override with a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company()
        cls.icp = cls.env["ir.config_parameter"]
        cls.icp.set_param("crm_coal.credit_hold", "0")  # off while the history is built
        cls.icp.set_param("crm_coal.credit_limit_b", 30 * M)
        cls.icp.set_param("crm_coal.credit_warn_pct", 80)
        sales = "sales_team.group_sale_salesman_all_leads"
        cls.seller = new_test_user(
            cls.env,
            login="coal_exposure_seller",
            name="Exposure Seller",
            groups=f"crm_coal.group_crm_coal_user,{sales}",
        )
        cls.boss = new_test_user(
            cls.env,
            login="coal_exposure_boss",
            name="Exposure Boss",
            groups=f"crm_coal.group_crm_coal_manager,{sales}",
        )
        cls.account = (
            cls.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Steel Mill",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "b",
                }
            )
        )
        cls.product_a.invoice_policy = "order"
        # 10 M open: a 12 M invoice of which 2 M is paid
        invoice = cls.init_invoice(
            "out_invoice", partner=cls.account, amounts=[12 * M], taxes=[], post=True
        )
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 2 * M})._create_payments()
        # 25 M confirmed, not yet invoiced: 20.5 M untouched, and 9 M of which 4.5 M
        # invoiced (and paid, so that the open receivables stay at 10 M)
        cls._order(20.5 * M).action_confirm()
        partly = cls._order(4.5 * M, qty=2)
        partly.action_confirm()
        part_invoice = partly._create_invoices()
        part_invoice.invoice_line_ids.quantity = 1
        part_invoice.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=part_invoice.ids
        ).create({})._create_payments()
        # ignored: a draft order, a cancelled order, another company's invoice and order
        cls._order(7 * M)
        cls._order(6 * M).action_cancel()
        cls.init_invoice(
            "out_invoice",
            partner=cls.account,
            amounts=[50 * M],
            taxes=[],
            post=True,
            company=cls.company_data_2["company"],
        )
        other = cls._order(40 * M, company=cls.company_data_2["company"])
        other.action_confirm()
        cls.icp.set_param("crm_coal.credit_hold", "1")

    @classmethod
    def _order(cls, price, qty=1, company=None, user=None):
        env = cls.env(user=user) if user else cls.env
        company = company or cls.env.company
        return (
            env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": cls.account.id,
                    "company_id": company.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": cls.product_a.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": [(6, 0, [])],
                            },
                        )
                    ],
                }
            )
        )

    @staticmethod
    def _text(body):
        """A chatter body with the no-break spaces of the amounts as in the figures."""
        return str(body).replace("&nbsp;", "\N{NO-BREAK SPACE}")

    def _money(self, value):
        return format_amount(self.env, value, self.env.company.currency_id)

    def _refusal(self, order, receivable, uninvoiced, amount, exposure, excess, limit):
        money = self._money
        return (
            f"Credit hold: confirming {order.name} takes Steel Mill to an exposure of "
            f"{money(exposure)} (open receivables {money(receivable)} + confirmed orders "
            f"not yet invoiced {money(uninvoiced)} + this order {money(amount)}), "
            f"{money(excess)} over the credit limit {money(limit)} of its grade. A coal "
            "manager can override the hold."
        )

    def test_exposure_parts_by_hand(self):
        # open: 12 - 2 = 10 M (the 4.5 M invoice is paid); uninvoiced: 20.5 + (9 - 4.5)
        check = self.account._coal_credit_check(8 * M, self.env.company)
        self.assertEqual(
            (check.open_receivable, check.uninvoiced, check.new_amount),
            (10 * M, 25 * M, 8 * M),
        )
        self.assertEqual(
            (check.exposure, check.limit, check.excess), (43 * M, 30 * M, 13 * M)
        )
        self.assertFalse(check.allowed)
        # the other company sees only its own 50 M open and 40 M ordered
        other = self.account._coal_credit_check(0, self.company_data_2["company"])
        self.assertEqual((other.open_receivable, other.uninvoiced), (50 * M, 40 * M))

    def _uninvoiced_queries(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        amount = self.account._coal_uninvoiced(self.env.company)
        return amount, self.env.cr.sql_log_count - before

    def test_uninvoiced_queries_do_not_grow_with_orders(self):
        self._uninvoiced_queries()  # warm the caches
        amount, two_orders = self._uninvoiced_queries()
        self.assertEqual(amount, 25 * M)
        self.icp.set_param("crm_coal.credit_hold", "0")
        for _i in range(5):
            self._order(M, qty=3).action_confirm()
        self._uninvoiced_queries()
        amount, seven_orders = self._uninvoiced_queries()
        self.assertEqual(amount, 25 * M + 5 * 3 * M)
        self.assertEqual(seven_orders, two_orders)

    def test_refused_over_limit_then_overridden_with_reason(self):
        order = self._order(8 * M, user=self.seller)
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertEqual(
            str(caught.exception),
            self._refusal(order, 10 * M, 25 * M, 8 * M, 43 * M, 13 * M, 30 * M),
        )
        self.assertEqual(order.state, "draft")

        # a plain coal user: refused, nothing changed
        messages = len(order.message_ids)
        for call in (
            lambda: order.action_coal_credit_override("urgent"),
            lambda: order.action_coal_open_credit_override(),
            lambda: order.write({"coal_credit_override": True}),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual((order.state, order.coal_credit_override), ("draft", False))
        self.assertEqual(len(order.message_ids), messages)

        boss_order = order.with_user(self.boss)
        for reason in ("", "   ", None, 42):
            with self.assertRaises(UserError) as caught:
                boss_order.action_coal_credit_override(reason)
            self.assertEqual(
                str(caught.exception),
                "Give the reason for overriding the credit hold.",
            )
        self.assertEqual((order.state, order.coal_credit_override), ("draft", False))

        # the wizard of the button, as a manager
        action = boss_order.action_coal_open_credit_override()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.boss)
            .with_context(**action["context"])
            .create({"reason": "Coal for the blast furnace restart"})
        )
        wizard.action_confirm()
        self.assertEqual((order.state, order.coal_credit_override), ("sale", True))
        money = self._money
        body = self._text(
            order.message_ids.filtered(
                lambda m: "Credit hold overridden" in (m.body or "")
            ).body
        )
        self.assertIn(
            "Credit hold overridden by Exposure Boss. Reason: Coal for the blast "
            "furnace restart",
            body,
        )
        self.assertIn(
            f"Exposure {money(43 * M)} (open receivables {money(10 * M)} + confirmed "
            f"orders not yet invoiced {money(25 * M)} + this order {money(8 * M)}), "
            f"credit limit {money(30 * M)}, excess {money(13 * M)}.",
            body,
        )
        with self.assertRaises(UserError):
            boss_order.action_coal_credit_override("again")

    def test_warning_at_pct_and_confirmed(self):
        # limit 50 M: 10 + 25 + 5 = 40 M is exactly 80 %: confirmed, warned
        self.icp.set_param("crm_coal.credit_limit_b", 50 * M)
        order = self._order(5 * M, user=self.seller)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        money = self._money
        self.assertIn(
            f"Credit warning: Steel Mill reaches an exposure of {money(40 * M)} (open "
            f"receivables {money(10 * M)} + confirmed orders not yet invoiced "
            f"{money(25 * M)} + this order {money(5 * M)}), 80.0 % of its credit "
            f"limit {money(50 * M)} (warning from 80.0 %).",
            self._text(order.message_ids[0].body),
        )
        # 10 + 25 + 5 (the order above) + 0.5 = 40.5 M is 81 %: under a 90 % warning
        self.icp.set_param("crm_coal.credit_warn_pct", 90)
        quiet = self._order(0.5 * M, user=self.seller)
        quiet.action_confirm()
        self.assertEqual(quiet.state, "sale")
        self.assertFalse(
            quiet.message_ids.filtered(lambda m: "Credit warning" in (m.body or ""))
        )

    def test_batch_checked_together(self):
        # limit 45 M, open 10 M, ordered 25 M: 4 M passes alone, and so does 5 M
        # (10 + 25 + 5 = 40 M); confirmed in one call, the second sees the first:
        # 10 + (25 + 4) + 7 = 46 M is 1 M over
        self.icp.set_param("crm_coal.credit_limit_b", 45 * M)
        first = self._order(4 * M, user=self.seller)
        second = self._order(7 * M, user=self.seller)
        for order in (first, second):
            check = dict(order._coal_credit_checks())[order]
            self.assertTrue(check.allowed)
        batch = first | second
        with self.assertRaises(UserError) as caught:
            batch.action_confirm()
        self.assertEqual(
            str(caught.exception),
            self._refusal(second, 10 * M, 29 * M, 7 * M, 46 * M, 1 * M, 45 * M),
        )
        self.assertEqual(batch.mapped("state"), ["draft", "draft"])
        # another company's order in the same batch is checked in its own company
        other = self._order(M, company=self.company_data_2["company"])
        checks = dict((first | other)._coal_credit_checks())
        self.assertEqual(
            (checks[first].uninvoiced, checks[other].uninvoiced), (25 * M, 40 * M)
        )
        # each order counts the earlier ones of its batch as ordered, not yet invoiced
        three = first | self._order(M) | self._order(M)
        self.assertEqual(
            [check.uninvoiced for _order, check in three._coal_credit_checks()],
            [25 * M, 29 * M, 30 * M],
        )

    def test_non_positive_orders_never_blocked(self):
        for price in (-5 * M, 0):
            order = self._order(price, user=self.seller)
            order.action_confirm()
            self.assertEqual(order.state, "sale")

    def test_warn_pct_setting_bounds(self):
        for pct in (-1, 100.5):
            with self.assertRaises(ValidationError) as caught:
                self.env["res.config.settings"].create({"coal_credit_warn_pct": pct})
            self.assertEqual(
                str(caught.exception),
                "The credit warning percentage lies between 0 and 100 %.",
            )
        self.env["res.config.settings"].create({"coal_credit_warn_pct": 100}).execute()
        self.assertEqual(float(self.icp.get_param("crm_coal.credit_warn_pct")), 100)
        self.assertEqual(
            self.env["res.config.settings"].create({}).coal_credit_warn_pct, 100
        )
