# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestBigDeals(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create(
            {"name": "Board Customer", "customer_rank": 1}
        )
        cls.big = cls.confirmed_order(customer, 150_000)
        cls.small = cls.confirmed_order(customer, 99_000)
        cls.old = cls.confirmed_order(
            customer, 500_000, fields.Datetime.now() - timedelta(days=11)
        )

    def board(self, user):
        action = self.env["sale.order"].with_user(user).action_lub_big_deals()
        return self.env["sale.order"].search(action["domain"])

    def test_board_follows_settings(self):
        orders = self.board(self.manager)
        self.assertIn(self.big, orders)
        self.assertNotIn(self.small, orders)
        self.assertNotIn(self.old, orders)
        self.set_param("big_deal_amount", 50_000)
        self.set_param("big_deal_days", 30)
        orders = self.board(self.manager)
        self.assertIn(self.small, orders)
        self.assertIn(self.old, orders)

    def test_board_for_managers_only(self):
        with self.assertRaises(AccessError) as caught:
            self.env["sale.order"].with_user(self.sales_a).action_lub_big_deals()
        self.assertIn("Only lubricant sales managers", str(caught.exception))
