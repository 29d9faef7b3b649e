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

    def test_board_kanban_groups_by_team_with_totals(self):
        action = self.env["sale.order"].with_user(self.manager).action_lub_big_deals()
        kanban_id = next(v for v, mode in action["views"] if mode == "kanban")
        self.assertEqual(
            kanban_id, self.env.ref("crm_lubricant.sale_order_view_kanban_big_deals").id
        )
        views = (
            self.env["sale.order"]
            .with_user(self.manager)
            .get_views([(kanban_id, "kanban")])["views"]["kanban"]["arch"]
        )
        self.assertIn('default_group_by="team_id"', views)
        self.assertIn('sum_field="amount_total"', views)
        # the column total is the sum of the team's big deals: two of 150,000 and
        # 180,000 in one team (the small and the old order are not on the board)
        team = self.env["crm.team"].create({"name": "Board Team"})
        other = self.confirmed_order(self.big.partner_id, 180_000)
        (self.big | other).team_id = team
        groups = self.env["sale.order"].read_group(
            action["domain"] + [("team_id", "=", team.id)],
            ["amount_total:sum"],
            ["team_id"],
        )
        self.assertEqual(
            [(g["team_id"][0], g["amount_total"]) for g in groups], [(team.id, 330_000)]
        )
