# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestDashboard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("crm_coal.key_account_goal_pct", 50)
        cls.user = new_test_user(
            cls.env, login="coal_viewer", groups="crm_coal.group_crm_coal_user"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        cls.region = cls.env["res.country.state"].create(
            {
                "name": "Test Province",
                "code": "TPV",
                "country_id": cls.env.ref("base.cn").id,
            }
        )
        Partner = cls.env["res.partner"]
        cls.key = Partner.create(
            {
                "name": "Key Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
                "state_id": cls.region.id,
            }
        )
        cls.small = Partner.create(
            {"name": "Small Buyer", "is_company": True, "state_id": cls.region.id}
        )
        product = cls.env["product.product"].create(
            {"name": "Coal Q5000", "list_price": 600}
        )
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                            },
                        )
                    ],
                }
                for partner, qty, price in ((cls.key, 300, 600), (cls.small, 100, 700))
            ]
        )
        orders.action_confirm()

    def test_key_account_share_by_region(self):
        Report = self.env["crm.coal.sales.report"].with_user(self.user)
        shares = Report._key_account_share(
            "state_id", [("state_id", "=", self.region.id)]
        )
        # volume 300 / 400 = 75 %; revenue 180,000 / 250,000 = 72 %
        self.assertEqual(
            shares[self.region], {"volume": 75.0, "revenue": 72.0, "goal_met": True}
        )
        self.env["ir.config_parameter"].set_param("crm_coal.key_account_goal_pct", 73)
        shares = Report._key_account_share(
            "state_id", [("state_id", "=", self.region.id)]
        )
        self.assertFalse(shares[self.region]["goal_met"])
        lines = Report.search([("state_id", "=", self.region.id)])
        self.assertEqual(sorted(lines.mapped("key_account")), [False, True])

    def test_monetary_revenue_sums_in_pivot(self):
        """Revenue is Monetary (company currency): the pivot's grouped sums still work."""
        Report = self.env["crm.coal.sales.report"].with_user(self.user)
        field = Report._fields["revenue"]
        self.assertEqual(
            (field.type, field.currency_field), ("monetary", "currency_id")
        )
        groups = Report.read_group(
            [("state_id", "=", self.region.id)], ["revenue:sum"], ["key_account"]
        )
        self.assertEqual(
            {group["key_account"]: group["revenue"] for group in groups},
            {True: 180000.0, False: 70000.0},
        )

    def test_user_without_group_refused(self):
        with self.assertRaises(AccessError):
            self.env["crm.coal.sales.report"].with_user(self.plain_user).search([])
