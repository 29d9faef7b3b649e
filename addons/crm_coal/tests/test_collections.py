# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools.misc import format_amount

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.crm_coal.models.res_config_settings import get_setting


@tagged("post_install", "-at_install")
class TestCollections(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company()
        icp = cls.env["ir.config_parameter"]
        icp.set_param("crm_coal.credit_hold", "1")
        icp.set_param("crm_coal.credit_limit_c", 10000)
        groups = "crm_coal.group_crm_coal_user,sales_team.group_sale_salesman_all_leads"
        cls.seller = new_test_user(
            cls.env, login="coal_seller", groups=groups, company_id=cls.env.company.id
        )
        cls.boss = new_test_user(
            cls.env,
            login="coal_credit_boss",
            groups="crm_coal.group_crm_coal_manager,sales_team.group_sale_salesman_all_leads",
            company_id=cls.env.company.id,
        )
        # setup as superuser: the invoicing test user has no coal group
        cls.account = (
            cls.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Cement Works",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "c",
                }
            )
        )
        today = fields.Date.today()
        # open receivables: 1,000 not yet due, 2,000 45 days overdue, 5,000 100 days overdue
        for days, amount in ((-10, 1000), (45, 2000), (100, 5000)):
            invoice = cls.init_invoice(
                "out_invoice",
                partner=cls.account,
                invoice_date=today - timedelta(days=100),
                amounts=[amount],
                taxes=[],
            )
            invoice.write(
                {
                    "invoice_payment_term_id": False,
                    "invoice_date_due": today - timedelta(days=days),
                }
            )
            invoice.action_post()

    def test_key_account_profile_aging(self):
        """The printed key-account profile shows the open receivables by age: 1,000 not
        due, 2,000 in 31-60 days, 5,000 over 90 days, 8,000 open."""
        # printed by a coal user: the profile reads the coal fields
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.seller)
            ._render_qweb_html(
                "crm_coal.res_partner_key_account_report", self.account.ids
            )
        )
        html = html.decode()
        start = html.index('name="aging"')
        aging = html[start : html.index("</table>", start)]
        amounts = [
            cell.split("<")[0] for cell in aging.split('class="oe_currency_value">')[1:]
        ]
        self.assertEqual(
            amounts, ["1,000.00", "0.00", "2,000.00", "0.00", "5,000.00", "8,000.00"]
        )

    def _order(self, amount, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.seller)
            .create(
                {
                    "partner_id": self.account.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.product_a.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [(6, 0, [])],
                            },
                        )
                    ],
                }
            )
        )

    def test_aging_buckets_on_the_account(self):
        account = self.account.with_user(self.seller)
        self.assertEqual(account.coal_receivable_total, 8000)
        self.assertEqual(account.coal_aging_not_due, 1000)
        self.assertEqual(account.coal_aging_31_60, 2000)
        self.assertEqual(account.coal_aging_over_90, 5000)
        self.assertEqual(account.coal_overdue_total, 7000)
        self.assertEqual(account.coal_credit_limit, 10000)

    def test_aging_is_one_query_for_many_accounts(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Buyer {i}", "is_company": True} for i in range(10)]
        )
        (self.account | partners)._coal_aging()  # warm the caches
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.account._coal_aging()
        one = self.env.cr.sql_log_count - before
        before = self.env.cr.sql_log_count
        (self.account | partners)._coal_aging()
        self.assertEqual(self.env.cr.sql_log_count - before, one)

    def test_order_within_limit_is_confirmed(self):
        order = self._order(2000)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.coal_credit_override)

    def test_order_over_limit_refused_then_overridden(self):
        order = self._order(3000)
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertIn("Credit hold", str(caught.exception))
        currency = self.env.company.currency_id

        def money(value):
            return format_amount(self.env, value, currency)

        self.assertIn(
            f"open receivables {money(8000)} + confirmed orders not yet invoiced "
            f"{money(0)} + this order {money(3000)}), {money(1000)} over the credit "
            f"limit {money(10000)}",
            str(caught.exception),
        )
        self.assertEqual(order.state, "draft")

        # a coal user can neither override nor set the flag
        with self.assertRaises(AccessError):
            order.action_coal_credit_override("urgent")
        with self.assertRaises(AccessError):
            order.write({"coal_credit_override": True})
        self.assertFalse(order.coal_credit_override)
        self.assertEqual(order.state, "draft")

        order.with_user(self.boss).action_coal_credit_override("urgent")
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.coal_credit_override)
        self.assertTrue(
            any(
                "Credit hold overridden by" in body
                for body in order.message_ids.mapped("body")
            )
        )

    def test_credit_hold_setting_reader_and_writer_agree(self):
        """The settings form writes the hold as "1"/"0" and every reader (the form, the
        credit check) takes "0" as off: Odoo's own boolean reader would take it as on."""
        icp = self.env["ir.config_parameter"]
        for ticked, stored in ((False, "0"), (True, "1")):
            with self.subTest(ticked=ticked):
                self.env["res.config.settings"].create(
                    {"coal_credit_hold": ticked}
                ).execute()
                self.assertEqual(icp.get_param("crm_coal.credit_hold"), stored)
                self.assertIs(get_setting(self.env, "coal_credit_hold"), ticked)
                self.assertIs(
                    self.env["res.config.settings"].create({}).coal_credit_hold, ticked
                )
                self.assertEqual(self.account._coal_credit_limit() is not None, ticked)
        for raw, expected in (
            ("True", True),
            ("False", False),
            ("0", False),
            ("1", True),
        ):
            with self.subTest(raw=raw):
                icp.set_param("crm_coal.credit_hold", raw)
                self.assertIs(get_setting(self.env, "coal_credit_hold"), expected)
        icp.set_param("crm_coal.credit_hold", False)  # unset: the field's default, on
        self.assertIs(get_setting(self.env, "coal_credit_hold"), True)

    def test_hold_can_be_disabled_and_spares_other_customers(self):
        self.env["ir.config_parameter"].set_param("crm_coal.credit_hold", "0")
        order = self._order(30000)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.env["ir.config_parameter"].set_param("crm_coal.credit_hold", "1")
        other = self.env["sale.order"].create(
            {
                "partner_id": self.partner_a.id,
                "order_line": [
                    (0, 0, {"product_id": self.product_a.id, "price_unit": 10**9})
                ],
            }
        )
        other.action_confirm()
        self.assertEqual(other.state, "sale")

    def test_contract_plans(self):
        contract = (
            self.env["crm.coal.contract"]
            .with_user(self.boss)
            .create(
                {
                    "name": "LT plan",
                    "partner_id": self.account.id,
                    "price": 700,
                    "base_cv": 5500,
                    "plan_ids": [
                        (0, 0, {"month": date(2024, 5, 1), "planned_t": 2000}),
                        (0, 0, {"month": date(2024, 6, 1), "planned_t": 1000}),
                    ],
                    "collection_ids": [
                        (
                            0,
                            0,
                            {"due_date": date(2024, 6, 30), "planned_amount": 700000},
                        )
                    ],
                }
            )
        )
        # setup: collected amounts come from action_match_payments (tested below)
        contract.collection_ids.sudo().write({"collected_amount": 500000})
        self.env["crm.coal.delivery.lot"].with_user(self.seller).create(
            [
                {
                    "name": "A",
                    "contract_id": contract.id,
                    "date": date(2024, 5, 3),
                    "tonnage": 800,
                    "lab_cv": 5500,
                },
                {
                    "name": "B",
                    "contract_id": contract.id,
                    "date": date(2024, 5, 20),
                    "tonnage": 700,
                    "lab_cv": 5500,
                },
            ]
        )
        may, june = contract.plan_ids.sorted("month")
        self.assertEqual((may.delivered_t, may.progress_pct), (1500, 75.0))
        self.assertEqual(june.delivered_t, 0)
        self.assertEqual(contract.collection_ids.balance, 200000)

    def _customer_payment(self, amount, day, partner=None):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": (partner or self.account).id,
                "amount": amount,
                "date": day,
            }
        )
        payment.action_post()
        return payment

    def test_match_payments_fills_collection_plan(self):
        contract = (
            self.env["crm.coal.contract"]
            .with_user(self.boss)
            .create(
                {
                    "name": "LT collections",
                    "partner_id": self.account.id,
                    "price": 700,
                    "base_cv": 5500,
                    "date_start": date(2024, 1, 1),
                    "collection_ids": [
                        (
                            0,
                            0,
                            {"due_date": date(2024, 2, 29), "planned_amount": 300000},
                        ),
                        (
                            0,
                            0,
                            {"due_date": date(2024, 1, 31), "planned_amount": 500000},
                        ),
                    ],
                }
            )
        )
        self._customer_payment(
            100000, date(2023, 12, 20)
        )  # before the contract: ignored
        self._customer_payment(600000, date(2024, 2, 5))
        self._customer_payment(250000, date(2024, 3, 1))
        other = self.env["res.partner"].create(
            {"name": "Other buyer", "is_company": True}
        )
        self._customer_payment(999999, date(2024, 2, 5), partner=other)
        contract.with_user(self.seller).action_match_payments()
        jan, feb = contract.collection_ids.sorted("due_date")
        self.assertEqual(
            (jan.collected_amount, jan.collected_date), (500000, date(2024, 2, 5))
        )
        self.assertEqual(
            (feb.collected_amount, feb.collected_date), (300000, date(2024, 3, 1))
        )
        self.assertEqual(jan.balance + feb.balance, 0)
        self.assertIn(
            "50,000.00 of the customer's payments exceed the collection plans of its"
            " contracts.",
            contract.message_ids[0].body,
        )

    def test_match_payments_refused_to_outsiders(self):
        contract = (
            self.env["crm.coal.contract"]
            .with_user(self.boss)
            .create(
                {
                    "name": "LT closed",
                    "partner_id": self.account.id,
                    "price": 700,
                    "base_cv": 5500,
                    "collection_ids": [
                        (0, 0, {"due_date": date(2024, 1, 31), "planned_amount": 10})
                    ],
                }
            )
        )
        outsider = new_test_user(
            self.env, login="coal_outsider", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            contract.with_user(outsider).action_match_payments()
        self.assertEqual(contract.collection_ids.collected_amount, 0)

    def _contract(self, name, partner, lines, **vals):
        return (
            self.env["crm.coal.contract"]
            .with_user(self.boss)
            .create(
                {
                    "name": name,
                    "partner_id": partner.id,
                    "price": 700,
                    "base_cv": 5500,
                    "date_start": date(2024, 1, 1),
                    "collection_ids": [
                        (0, 0, {"due_date": due, "planned_amount": amount})
                        for due, amount in lines
                    ],
                    **vals,
                }
            )
        )

    def test_two_contracts_share_payments_counted_once(self):
        """Issue 13: 6,000,000 received over two contracts is 6,000,000 collected, oldest
        due first across both; the part reconciled with contract B's invoice goes to B."""
        plant = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Power Plant",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "a",
                }
            )
        )
        contract_a = self._contract(
            "LT A", plant, [(date(2024, 1, 31), 2000000), (date(2024, 3, 31), 3000000)]
        )
        contract_b = self._contract(
            "LT B", plant, [(date(2024, 2, 29), 2500000), (date(2024, 4, 30), 1500000)]
        )
        (contract_a | contract_b).with_user(self.boss).action_activate()
        # 5,000,000 received in advance, reconciled with nothing
        self._customer_payment(5000000, date(2024, 2, 10), partner=plant)
        # an order of contract B, invoiced 1,000,000 and paid by a reconciled payment
        self.product_a.invoice_policy = "order"
        order = self.env["sale.order"].create(
            {
                "partner_id": plant.id,
                "coal_contract_id": contract_b.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product_a.id,
                            "product_uom_qty": 1,
                            "price_unit": 1000000,
                            "tax_id": [(6, 0, [])],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.invoice_date = date(2024, 3, 1)
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": date(2024, 3, 5)})._create_payments()
        self.assertEqual(invoice.payment_state in ("paid", "in_payment"), True)

        contract_a.with_user(self.seller).action_match_payments()
        a_jan, a_mar = contract_a.collection_ids.sorted("due_date")
        b_feb, b_apr = contract_b.collection_ids.sorted("due_date")
        # 10 Feb, 5,000,000 oldest due first: A-Jan 2,000,000, B-Feb 2,500,000, A-Mar
        # 500,000; 5 Mar, 1,000,000 reconciled with B's invoice: B-Feb is full, B-Apr
        # takes it (without the reconciliation, A-Mar would have taken it)
        self.assertEqual(
            [
                (line.collected_amount, line.collected_date)
                for line in (a_jan, b_feb, a_mar, b_apr)
            ],
            [
                (2000000, date(2024, 2, 10)),
                (2500000, date(2024, 2, 10)),
                (500000, date(2024, 2, 10)),
                (1000000, date(2024, 3, 5)),
            ],
        )
        collected = sum(
            (contract_a | contract_b).collection_ids.mapped("collected_amount")
        )
        self.assertEqual(collected, 6000000)
        # matching again (from the other contract) changes nothing: counted once
        contract_b.with_user(self.seller).action_match_payments()
        self.assertEqual(
            sum((contract_a | contract_b).collection_ids.mapped("collected_amount")),
            6000000,
        )
        self.assertEqual(a_mar.collected_amount, 500000)

    def test_match_payments_is_per_company(self):
        plant = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Steel Mill",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "a",
                }
            )
        )
        contract = self._contract("LT C", plant, [(date(2024, 1, 31), 1000)])
        other_company = self.company_data_2["company"]
        self.env["account.payment"].with_company(other_company).create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": plant.id,
                "amount": 700,
                "date": date(2024, 1, 20),
            }
        ).action_post()
        self._customer_payment(400, date(2024, 1, 25), partner=plant)
        contract.with_user(self.seller).action_match_payments()
        self.assertEqual(contract.collection_ids.collected_amount, 400)

    def test_contract_progress_by_hand(self):
        """Issue 13: planned vs ordered vs delivered (accepted lots only) vs invoiced (net
        of credit notes) vs collected, one rejected lot."""
        self.env["ir.config_parameter"].set_param("crm_coal.credit_hold", "0")
        contract = self._contract(
            "LT progress",
            self.account,
            [(date(2024, 6, 30), 900000)],
            plan_ids=[
                (0, 0, {"month": date(2024, 5, 1), "planned_t": 2000}),
                (0, 0, {"month": date(2024, 6, 1), "planned_t": 1000}),
            ],
            term_ids=[
                (0, 0, {"kind": "rejection", "parameter": "cv", "minimum": 4500})
            ],
        )
        contract.with_user(self.boss).action_activate()
        lots = (
            self.env["crm.coal.delivery.lot"]
            .with_user(self.seller)
            .create(
                [
                    {
                        "name": name,
                        "contract_id": contract.id,
                        "date": date(2024, 5, 3),
                        "tonnage": tons,
                        "lab_cv": cv,
                    }
                    for name, tons, cv in (("OK", 800, 5500), ("LOW", 700, 4000))
                ]
            )
        )
        self.assertEqual(lots.mapped("status"), ["accepted", "rejected"])
        ton = self.env.ref("uom.product_uom_ton")
        self.product_a.write(
            {"invoice_policy": "order", "uom_id": ton.id, "uom_po_id": ton.id}
        )

        def order(tons, uom=ton):
            return self.env["sale.order"].create(
                {
                    "partner_id": self.account.id,
                    "coal_contract_id": contract.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.product_a.id,
                                "product_uom_qty": tons,
                                "product_uom": uom.id,
                                "price_unit": 700,
                                "tax_id": [(6, 0, [])],
                            },
                        )
                    ],
                }
            )

        confirmed = order(1500)
        confirmed.action_confirm()
        # 200,000 kg = 200 t, through Odoo's unit conversion
        in_kg = order(200000 / 1000, uom=ton)
        in_kg.order_line.write(
            {
                "product_uom": self.env.ref("uom.product_uom_kgm").id,
                "product_uom_qty": 200000,
                "price_unit": 0.7,
            }
        )
        in_kg.action_confirm()
        order(500)  # a quotation: not ordered
        # invoiced 1,000 t x 700 = 700,000, credit note 100 t x 700 = 70,000
        invoice = confirmed._create_invoices()
        invoice.invoice_line_ids.quantity = 1000
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.quantity = 100
        refund.action_post()
        # setup: collected amounts come from action_match_payments (tested above)
        contract.collection_ids.sudo().write({"collected_amount": 400000})

        contract = contract.with_user(self.seller)
        contract.invalidate_recordset()
        self.assertEqual(
            (
                contract.planned_t,
                contract.ordered_t,
                contract.delivered_t,
                contract.invoiced_amount,
                contract.collected_amount,
            ),
            (3000, 1500 + 200, 800, 700000 - 70000, 400000),
        )
