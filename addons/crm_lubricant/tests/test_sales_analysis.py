# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestSalesAnalysis(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["crm.team"].create({"name": "测试分公司"})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "分析测试客户",
                "is_company": True,
                "lub_team_id": cls.branch.id,
                "state_id": cls.env.ref("base.state_cn_SD").id,
            }
        )
        cls.confirmed_order(cls.customer, 5000.0)
        cls.confirmed_order(cls.customer, 2000.0)

    def test_sales_by_product_line_customer_region(self):
        action = self.env.ref("crm_lubricant.sale_report_action_by_product_line")
        self.assertEqual(action.domain, "[('state', '=', 'sale')]")
        groups = self.env["sale.report"]._read_group(
            [("state", "=", "sale"), ("commercial_partner_id", "=", self.customer.id)],
            ["lub_category", "state_id", "lub_branch_id"],
            ["price_subtotal:sum"],
        )
        self.assertEqual(
            groups,
            [("engine_oil", self.env.ref("base.state_cn_SD"), self.branch, 7000.0)],
        )

    def test_salesperson_sees_only_own_sales(self):
        # The orders are the administrator's: Sales' own rule hides them from a salesperson.
        groups = (
            self.env["sale.report"]
            .with_user(self.sales_a)
            ._read_group(
                [("commercial_partner_id", "=", self.customer.id)],
                ["lub_category"],
                ["__count"],
            )
        )
        self.assertEqual(groups, [])
