# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestLubricantScope(LubricantCase):
    """The lubricant business of a company (teams and product categories) bounds the tiers,
    churn, the big-deal board, the funnel and the pipeline; figures computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        Category = cls.env["product.category"]
        cls.lub_categ = Category.create({"name": "Scope Lubricants"})
        cls.lub_sub = Category.create(
            {"name": "Scope Greases", "parent_id": cls.lub_categ.id}
        )
        cls.coal_categ = Category.create({"name": "Scope Coal"})
        cls.product.categ_id = cls.lub_categ
        cls.grease = cls.env["product.product"].create(
            {"name": "Scope EP2", "categ_id": cls.lub_sub.id, "list_price": 10.0}
        )
        cls.coal = cls.env["product.product"].create(
            {"name": "Scope 5500 kcal coal", "categ_id": cls.coal_categ.id}
        )
        Team = cls.env["crm.team"]
        cls.team_lub = Team.create({"name": "Scope Lubricant Branch"})
        cls.team_coal = Team.create({"name": "Scope Coal Desk"})
        # customers of this company: ranked among its customers on its orders only (shared
        # customers are ranked on the orders of every company, the suite's demo company's
        # included)
        Partner = cls.env["res.partner"].with_context(default_company_id=cls.company.id)
        cls.mixed = Partner.create({"name": "Scope Mixed Buyer", "is_company": True})
        cls.coal_only = Partner.create(
            {"name": "Scope Power Plant", "is_company": True}
        )
        cls.lub_only = Partner.create({"name": "Scope Fleet", "is_company": True})

    def _order(self, partner, lines, team=None, days_ago=10):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "team_id": (team or self.team_lub).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                    for product, price in lines
                ],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def _scope(self, teams=(), categs=()):
        self.company.write(
            {
                "lub_scope_team_ids": [Command.set([t.id for t in teams])],
                "lub_scope_categ_ids": [Command.set([c.id for c in categs])],
            }
        )

    def _tiers(self):
        self.env["res.partner"]._lub_compute_tiers()
        self.env.invalidate_all()

    def test_tiers_count_only_lubricant_lines(self):
        self._order(self.mixed, [(self.product, 1000.0), (self.coal, 9000.0)])
        self._order(self.coal_only, [(self.coal, 20000.0)])
        self._order(self.lub_only, [(self.product, 2000.0), (self.grease, 1000.0)])
        self._scope(categs=[self.lub_categ])
        self._tiers()
        # by hand: lub_only 2,000 + 1,000 (subcategory) = 3,000; mixed 1,000 (coal line out);
        # the power plant has no lubricant line: not ranked at all
        self.assertEqual(self.lub_only.lub_tier_contribution, 3000.0)
        self.assertEqual(self.mixed.lub_tier_contribution, 1000.0)
        self.assertFalse(self.coal_only.lub_tier)
        self.assertEqual(self.coal_only.lub_tier_contribution, 0.0)
        self.assertLess(self.lub_only.lub_tier_rank, self.mixed.lub_tier_rank)
        # shares of the lubricant sales: 3,000 / 4,000 and 1,000 / 4,000 (no other
        # customer has a line of the scope's categories)
        self.assertAlmostEqual(self.lub_only.lub_tier_share, 0.75, places=6)
        self.assertAlmostEqual(self.mixed.lub_tier_share, 0.25, places=6)

    def test_without_scope_every_line_counts(self):
        self._order(self.mixed, [(self.product, 1000.0), (self.coal, 9000.0)])
        self._tiers()
        self.assertEqual(self.mixed.lub_tier_contribution, 10000.0)

    def test_team_scope(self):
        self._order(self.mixed, [(self.product, 500.0)], team=self.team_lub)
        self._order(self.mixed, [(self.product, 700.0)], team=self.team_coal)
        self._scope(teams=[self.team_lub])
        self._tiers()
        self.assertEqual(self.mixed.lub_tier_contribution, 500.0)
        # teams and categories together: the lubricant team's lubricant lines only
        self._order(
            self.mixed, [(self.product, 50.0), (self.coal, 5000.0)], team=self.team_lub
        )
        self._scope(teams=[self.team_lub], categs=[self.lub_categ])
        self._tiers()
        self.assertEqual(self.mixed.lub_tier_contribution, 550.0)

    def test_churn_reads_only_lubricant_orders(self):
        for days in (100, 70, 40):
            self._order(self.coal_only, [(self.coal, 100.0)], days_ago=days)
        self._order(self.coal_only, [(self.product, 100.0)], days_ago=400)
        self._scope(categs=[self.lub_categ])
        self.env["res.partner"]._lub_compute_churn()
        self.env.invalidate_all()
        # one lubricant order only: no rhythm, no interval (the coal orders every 30 days
        # would give 30)
        self.assertEqual(self.coal_only.lub_usual_order_interval, 0.0)
        self._scope()
        self.env["res.partner"]._lub_compute_churn()
        self.env.invalidate_all()
        self.assertGreater(self.coal_only.lub_usual_order_interval, 0.0)

    def test_big_deal_board(self):
        self.set_param("big_deal_amount", 5000)
        # one day old: well inside the board's window (the default 10 days would put the
        # orders on its edge, in or out by the second the domain is computed)
        coal_deal = self._order(
            self.coal_only, [(self.coal, 90000.0)], team=self.team_coal, days_ago=1
        )
        lub_deal = self._order(self.lub_only, [(self.product, 8000.0)], days_ago=1)
        small = self._order(self.lub_only, [(self.product, 100.0)], days_ago=1)
        self._scope(teams=[self.team_lub], categs=[self.lub_categ])
        action = self.env["sale.order"].with_user(self.manager).action_lub_big_deals()
        found = self.env["sale.order"].search(action["domain"])
        self.assertIn(lub_deal, found)
        self.assertNotIn(coal_deal, found)
        self.assertNotIn(small, found)
        self._scope()
        found = self.env["sale.order"].search(
            self.env["sale.order"]._lub_big_deal_domain()
        )
        self.assertIn(coal_deal, found)

    def test_pipeline_and_funnel(self):
        Lead = self.env["crm.lead"]
        lub_lead = Lead.create(
            {
                "name": "Scope lub lead",
                "type": "opportunity",
                "team_id": self.team_lub.id,
            }
        )
        coal_lead = Lead.create(
            {
                "name": "Scope coal lead",
                "type": "opportunity",
                "team_id": self.team_coal.id,
            }
        )
        orphan = Lead.create(
            {
                "name": "Scope lead without company",
                "type": "opportunity",
                "team_id": self.team_coal.id,
                "company_id": False,
            }
        )
        self._scope(teams=[self.team_lub])
        inside = Lead.search([("lub_in_scope", "=", True), ("name", "like", "Scope ")])
        self.assertEqual(inside, lub_lead)
        outside = Lead.search(
            [("lub_in_scope", "=", False), ("name", "like", "Scope ")]
        )
        self.assertEqual(outside, coal_lead | orphan)
        self.assertTrue(lub_lead.lub_in_scope)
        self.assertFalse(coal_lead.lub_in_scope)
        action = self.env.ref("crm_lubricant.crm_lead_action")
        self.assertIn("lub_in_scope", action.domain)
        counted = Lead.browse(
            self.env["crm.lubricant.funnel.line"]
            ._lub_lead_query([("name", "like", "Scope ")])
            .get_result_ids()
        )
        self.assertEqual(counted, lub_lead)

    def test_other_company_keeps_its_own_scope(self):
        other = self.env["res.company"].create({"name": "Scope Other Co"})
        self.env.user.company_ids |= other
        buyer = self.env["res.partner"].create(
            {"name": "Scope Other Buyer", "is_company": True, "company_id": other.id}
        )
        order = (
            self.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": buyer.id,
                    "company_id": other.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.coal.id,
                                "price_unit": 400.0,
                                "tax_id": [],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        self._scope(categs=[self.lub_categ])  # the current company only
        self._tiers()
        self.assertEqual(buyer.lub_tier_contribution, 400.0)
        self.assertTrue(order.lub_in_scope)

    def test_scope_is_configuration(self):
        """Only administrators set the scope; a salesperson's write is refused, unchanged."""
        with self.assertRaises(AccessError):
            self.company.with_user(self.sales_a).write(
                {"lub_scope_categ_ids": [Command.set([self.coal_categ.id])]}
            )
        with self.assertRaises(AccessError):
            self.company.with_user(self.manager).write(
                {"lub_scope_team_ids": [Command.set([self.team_coal.id])]}
            )
        self.env.invalidate_all()
        self.assertFalse(self.company.lub_scope_categ_ids)
        self.assertFalse(self.company.lub_scope_team_ids)
