# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests.common import TransactionCase, new_test_user


class LubricantCase(TransactionCase):
    """Salespeople, a manager, a product and helpers shared by the Lubricant CRM tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one time zone for the test and every user it creates (see crm_service_station's
        # tests/common.py: OdooBot's demo Europe/Brussels is a day ahead after 23:00 UTC)
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, tz="UTC")
        )
        cls.sales_a = new_test_user(
            cls.env,
            login="lub_sales_a",
            name="Salesperson A",
            groups="crm_lubricant.group_crm_lubricant_user",
        )
        cls.sales_b = new_test_user(
            cls.env,
            login="lub_sales_b",
            name="Salesperson B",
            groups="crm_lubricant.group_crm_lubricant_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="lub_manager_t",
            name="Lubricant Manager",
            groups="crm_lubricant.group_crm_lubricant_manager,base.group_partner_manager",
        )
        cls.outsider = new_test_user(
            cls.env, login="lub_outsider", groups="base.group_user"
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Test CK-4 15W-40",
                "lub_category": "engine_oil",
                "list_price": 100.0,
                "standard_price": 60.0,
            }
        )
        # the demo company restricts its lubricant business to the demo branches and
        # products: the tests count their own records, test_scope tests the scope
        cls.env["res.company"].sudo().search([]).write(  # pylint: disable=no-search-all
            {"lub_scope_team_ids": [(5, 0, 0)], "lub_scope_categ_ids": [(5, 0, 0)]}
        )
        cls.set_param("protection_limit", 20)
        cls.set_param("duplicate_policy", "refuse")

    @classmethod
    def set_param(cls, key, value):
        cls.env["ir.config_parameter"].sudo().set_param(f"crm_lubricant.{key}", value)

    @classmethod
    def confirmed_order(cls, partner, amount, date_order=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        if date_order:
            order.date_order = date_order
        return order
