# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user


@tagged("post_install", "-at_install")
class TestDealerPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dealer_a = Partner.create(
            {
                "name": "Dealer Alpha Trading",
                "is_company": True,
                "lub_is_dealer": True,
                "lub_dealer_level": "first",
                "lub_annual_target": 1000.0,
                "customer_rank": 1,
            }
        )
        cls.dealer_b = Partner.create(
            {
                "name": "Dealer Beta Parts",
                "is_company": True,
                "lub_is_dealer": True,
                "lub_dealer_level": "second",
                "customer_rank": 1,
            }
        )
        cls.customer_a = Partner.create(
            {
                "name": "Alpha Fleet Customer",
                "is_company": True,
                "lub_dealer_id": cls.dealer_a.id,
            }
        )
        cls.customer_b = Partner.create(
            {
                "name": "Beta Quarry Customer",
                "is_company": True,
                "lub_dealer_id": cls.dealer_b.id,
            }
        )
        contact_a = Partner.create(
            {"name": "Alpha Contact", "parent_id": cls.dealer_a.id}
        )
        contact_b = Partner.create(
            {"name": "Beta Contact", "parent_id": cls.dealer_b.id}
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="dealer_alpha",
            password="dealer_alpha_pw",
            groups="base.group_portal",
            partner_id=contact_a.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="dealer_beta",
            password="dealer_beta_pw",
            groups="base.group_portal",
            partner_id=contact_b.id,
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Portal HM 46", "lub_category": "hydraulic_oil", "sale_ok": True}
        )

    def test_dealer_sees_only_own_end_customers(self):
        self.authenticate("dealer_alpha", "dealer_alpha_pw")
        response = self.url_open("/my/lubricant/customers")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alpha Fleet Customer", response.text)
        self.assertNotIn("Beta Quarry Customer", response.text)
        response = self.url_open(f"/my/lubricant/customers/{self.customer_b.id}")
        self.assertEqual(response.status_code, 404)
        # the record rules say the same outside the controller
        Partner = self.env["res.partner"].with_user(self.portal_a)
        self.assertEqual(
            Partner.search([("lub_dealer_id", "!=", False)]), self.customer_a
        )
        with self.assertRaises(AccessError):
            self.customer_b.with_user(self.portal_a).read(["name"])

    def test_dealer_maintains_customers_and_reports_sellthrough(self):
        self.authenticate("dealer_alpha", "dealer_alpha_pw")
        response = self.url_open(
            "/my/lubricant/customers/new",
            data={
                "name": "Alpha New Workshop",
                "phone": "020-1234 5678",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        created = self.env["res.partner"].search([("name", "=", "Alpha New Workshop")])
        self.assertEqual(created.lub_dealer_id, self.dealer_a)
        response = self.url_open(
            f"/my/lubricant/customers/{self.customer_a.id}",
            data={
                "name": "Alpha Fleet Customer",
                "city": "Foshan",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(self.customer_a.city, "Foshan")
        response = self.url_open(
            f"/my/lubricant/customers/{self.customer_b.id}",
            data={"name": "Hijacked", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.customer_b.name, "Beta Quarry Customer")
        response = self.url_open(
            "/my/lubricant/sellthrough",
            data={
                "product_id": self.product.id,
                "quantity": "12.5",
                "period": "2026-03-17",
                "end_customer_id": self.customer_a.id,
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        line = self.env["crm.lubricant.sellthrough"].search(
            [("dealer_id", "=", self.dealer_a.id)]
        )
        self.assertEqual(line.quantity, 12.5)
        self.assertEqual(line.period, fields.Date.to_date("2026-03-01"))
        self.assertEqual(line.end_customer_id, self.customer_a)
        self.assertIn("Portal HM 46", self.url_open("/my/lubricant/sellthrough").text)
        # dealer B does not see A's report
        self.assertFalse(
            self.env["crm.lubricant.sellthrough"].with_user(self.portal_b).search([])
        )

    def test_non_dealer_portal_user_refused(self):
        contact = self.env["res.partner"].create({"name": "Plain Portal"})
        new_test_user(
            self.env,
            login="plain_portal",
            password="plain_portal_pw",
            groups="base.group_portal",
            partner_id=contact.id,
        )
        self.authenticate("plain_portal", "plain_portal_pw")
        self.assertEqual(self.url_open("/my/lubricant/customers").status_code, 404)

    def test_sellthrough_rules_and_target(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.lubricant.sellthrough"].create(
                {
                    "dealer_id": self.dealer_a.id,
                    "product_id": self.product.id,
                    "quantity": 0,
                    "period": "2026-03-01",
                }
            )
        self.assertIn("must be positive", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.lubricant.sellthrough"].create(
                {
                    "dealer_id": self.dealer_a.id,
                    "product_id": self.product.id,
                    "quantity": 1,
                    "period": "2026-03-01",
                    "end_customer_id": self.customer_b.id,
                }
            )
        self.assertIn("is not an end customer of", str(caught.exception))
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "price_unit": 250,
                            "tax_id": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(self.dealer_a.lub_annual_actual, 250)
        self.assertAlmostEqual(self.dealer_a.lub_target_rate, 0.25)
        self.assertEqual(self.dealer_a.lub_end_customer_count, 1)
        with self.assertRaises(ValidationError) as caught:
            self.dealer_a.lub_annual_target = -5
        self.assertIn("must not be negative", str(caught.exception))

    def test_portal_attacks(self):
        # the ORM refuses the portal user's own writes and creates
        with self.assertRaises(AccessError):
            self.customer_a.with_user(self.portal_a).write({"name": "Direct"})
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.sellthrough"].with_user(self.portal_a).create(
                {
                    "dealer_id": self.dealer_a.id,
                    "product_id": self.product.id,
                    "quantity": 1,
                    "period": "2026-03-01",
                }
            )
        self.customer_a.invalidate_recordset()
        self.assertEqual(self.customer_a.name, "Alpha Fleet Customer")
        # the post cannot choose the dealer, the owner or the company
        self.authenticate("dealer_alpha", "dealer_alpha_pw")
        company_2 = self.env["res.company"].create({"name": "Portal Other Company"})
        self.url_open(
            "/my/lubricant/customers/new",
            data={
                "name": "Alpha Smuggled",
                "lub_dealer_id": self.dealer_b.id,
                "lub_owner_id": self.env.user.id,
                "company_id": company_2.id,
                "csrf_token": Request.csrf_token(self),
            },
        )
        created = self.env["res.partner"].search([("name", "=", "Alpha Smuggled")])
        self.assertEqual(created.lub_dealer_id, self.dealer_a)
        self.assertFalse(created.lub_owner_id)
        self.assertNotEqual(created.company_id, company_2)
        self.url_open(
            f"/my/lubricant/customers/{self.customer_a.id}",
            data={
                "name": "Alpha Fleet Customer",
                "lub_dealer_id": self.dealer_b.id,
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.customer_a.invalidate_recordset()
        self.assertEqual(self.customer_a.lub_dealer_id, self.dealer_a)
        # sell-through for another dealer's customer or with a dealer in the post
        response = self.url_open(
            "/my/lubricant/sellthrough",
            data={
                "product_id": self.product.id,
                "quantity": "3",
                "period": "2026-03-01",
                "end_customer_id": self.customer_b.id,
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 404)
        for quantity in ("nan", "inf", "-4"):
            response = self.url_open(
                "/my/lubricant/sellthrough",
                data={
                    "product_id": self.product.id,
                    "quantity": quantity,
                    "period": "2026-03-01",
                    "dealer_id": self.dealer_b.id,
                    "csrf_token": Request.csrf_token(self),
                },
            )
            self.assertEqual(response.status_code, 200)
        self.url_open(
            "/my/lubricant/sellthrough",
            data={
                "product_id": self.product.id,
                "quantity": "2",
                "period": "2026-03-01",
                "dealer_id": self.dealer_b.id,
                "company_id": company_2.id,
                "csrf_token": Request.csrf_token(self),
            },
        )
        lines = self.env["crm.lubricant.sellthrough"].search(
            [("product_id", "=", self.product.id)]
        )
        self.assertEqual(lines.mapped("quantity"), [2.0])
        self.assertEqual(lines.dealer_id, self.dealer_a)
        self.assertNotEqual(lines.company_id, company_2)

    def test_dealer_cannot_register_an_existing_customer(self):
        """The portal's sudo create runs the anti-collision check: a customer protected by a
        salesperson (here spelled with full-width brackets and a 86 prefix) is refused."""
        salesperson = new_test_user(
            self.env,
            login="portal_dedup_sales",
            name="Protecting Salesperson",
            groups="crm_lubricant.group_crm_lubricant_user",
        )
        self.env["res.partner"].create(
            {
                "name": "华泰润滑科技(上海)有限公司",
                "phone": "021-5588 6677",
                "is_company": True,
                "customer_rank": 1,
                "lub_owner_id": salesperson.id,
            }
        )
        before = self.env["res.partner"].search_count([])
        self.authenticate("dealer_alpha", "dealer_alpha_pw")
        response = self.url_open(
            "/my/lubricant/customers/new",
            data={
                "name": "华泰润滑科技（上海）有限公司",
                "phone": "86 21 5588 6677",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("duplicates an existing customer", response.text)
        self.assertIn("Protecting Salesperson", response.text)
        self.assertEqual(self.env["res.partner"].search_count([]), before)
        # renaming an own end customer into the protected one is refused the same way
        response = self.url_open(
            f"/my/lubricant/customers/{self.customer_a.id}",
            data={
                "name": "上海市华泰润滑科技有限公司",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertIn("duplicates an existing customer", response.text)
        self.customer_a.invalidate_recordset()
        self.assertEqual(self.customer_a.name, "Alpha Fleet Customer")

    def test_sellthrough_only_authorized_product_lines(self):
        Category = self.env["product.category"]
        authorized = Category.create({"name": "Portal Hydraulics"})
        other = Category.create({"name": "Portal Greases"})
        self.product.categ_id = authorized
        grease = self.env["product.product"].create(
            {
                "name": "Portal EP2 Grease",
                "lub_category": "grease",
                "sale_ok": True,
                "categ_id": other.id,
            }
        )
        self.dealer_a.lub_authorized_categ_ids = authorized
        Line = self.env["crm.lubricant.sellthrough"]
        with self.assertRaises(ValidationError) as caught:
            Line.create(
                {
                    "dealer_id": self.dealer_a.id,
                    "product_id": grease.id,
                    "quantity": 5,
                    "period": "2026-03-01",
                }
            )
        self.assertEqual(
            caught.exception.args[0],
            "Portal EP2 Grease is outside the product lines authorized to Dealer Alpha Trading.",
        )
        self.authenticate("dealer_alpha", "dealer_alpha_pw")
        page = self.url_open("/my/lubricant/sellthrough").text
        self.assertIn("Portal HM 46", page)
        self.assertNotIn("Portal EP2 Grease", page)
        response = self.url_open(
            "/my/lubricant/sellthrough",
            data={
                "product_id": grease.id,
                "quantity": "3",
                "period": "2026-03-17",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertIn("Please choose a lubricant.", response.text)
        self.assertFalse(Line.search([("dealer_id", "=", self.dealer_a.id)]))
        # a dealer without authorized lines reports any lubricant; a subcategory counts
        sub = Category.create({"name": "Portal HM", "parent_id": authorized.id})
        grease.categ_id = sub
        line = Line.create(
            {
                "dealer_id": self.dealer_a.id,
                "product_id": grease.id,
                "quantity": 5,
                "period": "2026-03-01",
            }
        )
        self.assertEqual(line.quantity, 5)
        self.dealer_b.lub_authorized_categ_ids = False
        self.assertTrue(
            Line.create(
                {
                    "dealer_id": self.dealer_b.id,
                    "product_id": self.product.id,
                    "quantity": 1,
                    "period": "2026-03-01",
                }
            )
        )
