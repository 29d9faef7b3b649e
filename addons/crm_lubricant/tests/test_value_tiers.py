# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..lib import tiering
from ..models.res_config_settings import tier_settings
from .common import LubricantCase

# Dwarfs every other sale of the database (the demo data of all installed addons,
# coal deliveries included), so that the ranking of the test customers is known.
BIG_AMOUNT = 5_000_000_000


@tagged("post_install", "-at_install")
class TestValueTiers(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.big = Partner.create({"name": "Tier Big Steel", "customer_rank": 1})
        cls.small = Partner.create({"name": "Tier Small Garage", "customer_rank": 1})
        cls.sleeper = Partner.create({"name": "Tier Sleeper Mine", "customer_rank": 1})
        cls.loser = Partner.create({"name": "Tier Tender Loser", "customer_rank": 1})
        cls.confirmed_order(cls.big, BIG_AMOUNT)
        cls.confirmed_order(cls.small, 10)
        cls.confirmed_order(
            cls.sleeper, 500, fields.Datetime.now() - timedelta(days=400)
        )
        for number in range(3):
            lead = cls.env["crm.lead"].create(
                {
                    "name": f"Tender {number}",
                    "type": "opportunity",
                    "partner_id": cls.loser.id,
                }
            )
            lead.action_set_lost()

    def test_tiers_gold_and_drag(self):
        changes = self.env["res.partner"]._lub_compute_tiers()
        self.assertEqual(self.big.lub_tier, "A")
        self.assertTrue(self.big.lub_gold)
        self.assertGreater(self.big.lub_tier_share, 0.9)
        self.assertAlmostEqual(self.big.lub_tier_contribution, BIG_AMOUNT, places=2)
        self.assertEqual(self.small.lub_tier, "C")
        self.assertFalse(self.small.lub_gold)
        # the order of 400 days ago is out of the 12-month window and makes it a drag customer
        self.assertEqual(self.sleeper.lub_tier_contribution, 0)
        self.assertTrue(self.sleeper.lub_drag)
        self.assertTrue(self.sleeper.lub_drag_no_order)
        self.assertTrue(self.loser.lub_drag)
        self.assertTrue(self.loser.lub_drag_lost_tenders)
        self.assertEqual(self.loser.lub_lost_tender_streak, 3)
        self.assertFalse(self.big.lub_drag)
        history = self.env["crm.lubricant.tier.history"].search(
            [("partner_id", "=", self.big.id)]
        )
        self.assertEqual(history.mapped("new_tier"), ["A"])
        self.assertFalse(history.old_tier)
        self.assertIn((self.big.id, None, "A"), changes)
        # nothing changed: no new history line
        self.assertEqual(self.env["res.partner"]._lub_compute_tiers(), [])
        self.assertEqual(
            self.env["crm.lubricant.tier.history"].search_count(
                [("partner_id", "=", self.big.id)]
            ),
            1,
        )

    def test_statement_follows_the_library(self):
        """The SQL statement of the tiers gives what lib.tiering.compute_tiers gives for the
        same contributions (the shared customers, no company, ranked together)."""
        self.env["res.partner"]._lub_compute_tiers()
        today = fields.Date.context_today(self.env["res.partner"])
        partners = (
            self.env["res.partner"]
            .search([("lub_tier", "!=", False), ("company_id", "=", False)])
            .filtered(lambda partner: partner.commercial_partner_id == partner)
        )
        self.assertIn(self.big, partners)
        results = tiering.compute_tiers(
            [
                tiering.CustomerContribution(
                    customer_id=partner.id,
                    contribution=partner.lub_tier_contribution,
                    last_order_date=partner.lub_last_order_date
                    and partner.lub_last_order_date.date()
                    or None,
                    lost_tenders_in_row=partner.lub_lost_tender_streak,
                    customer_since=partner.create_date.date(),
                )
                for partner in partners
            ],
            today,
            tier_settings(self.env),
        )
        for partner in partners:
            result = results[partner.id]
            self.assertEqual(
                (
                    partner.lub_tier,
                    partner.lub_tier_rank,
                    partner.lub_gold,
                    partner.lub_drag,
                ),
                (result.tier, result.rank, result.gold, result.drag),
                partner.display_name,
            )
            self.assertAlmostEqual(partner.lub_tier_share, result.share, places=6)
            self.assertEqual(partner.lub_tier_date, today)

    def test_companies_do_not_mix(self):
        """A customer of another company is ranked among that company's customers only."""
        company_2 = self.env["res.company"].create({"name": "Tier Other Company"})
        other = self.env["res.partner"].create(
            {"name": "Tier Other Buyer", "customer_rank": 1, "company_id": company_2.id}
        )
        order = (
            self.env["sale.order"]
            .with_company(company_2)
            .create(
                {
                    "partner_id": other.id,
                    "company_id": company_2.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": BIG_AMOUNT * 10,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        self.env["res.partner"]._lub_compute_tiers()
        self.assertEqual(other.lub_tier, "A")
        self.assertEqual(other.lub_tier_rank, 1)
        self.assertAlmostEqual(other.lub_tier_share, 1.0, places=6)
        # the shared customers are ranked as if the other company did not exist
        self.assertEqual(self.big.lub_tier_rank, 1)
        self.assertGreater(self.big.lub_tier_share, 0.9)
        history = self.env["crm.lubricant.tier.history"].search(
            [("partner_id", "=", other.id)]
        )
        self.assertEqual(history.company_id, company_2)
        self.assertEqual(history.new_tier, "A")

    def test_tier_names_and_margin_from_settings(self):
        self.set_param("tier_code_a", "Key")
        self.set_param("tier_basis", "margin")
        self.env["res.partner"]._lub_compute_tiers()
        self.assertEqual(self.big.lub_tier, "Key")
        # margin = the price less 60 of cost for the single unit
        self.assertAlmostEqual(
            self.big.lub_tier_contribution, BIG_AMOUNT - 60, places=2
        )

    def test_lost_tender_streak_reset_by_a_win(self):
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead = self.env["crm.lead"].create(
            {"name": "Won tender", "type": "opportunity", "partner_id": self.loser.id}
        )
        lead.write({"stage_id": won_stage.id})
        lead.date_closed = fields.Datetime.now() + timedelta(minutes=5)
        self.env["res.partner"]._lub_compute_tiers()
        self.assertEqual(self.loser.lub_lost_tender_streak, 0)
        self.assertFalse(self.loser.lub_drag_lost_tenders)

    def test_bad_tier_settings_refused(self):
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(ValidationError) as caught:
            settings.write({"lub_tier_a_threshold": 0.9, "lub_tier_b_threshold": 0.5})
        self.assertIn("must not be lower than", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            settings.write({"lub_tier_code_b": "A"})
        # the translated sentence of the lib's code, not the lib's English message
        self.assertEqual(
            caught.exception.args[0], "The names of the three tiers must be different."
        )
        self.set_param("tier_a_threshold", "1.5")
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"]._lub_compute_tiers()
        self.assertEqual(
            caught.exception.args[0],
            "Tier A Share must be greater than 0 and at most 1.",
        )
        self.assertFalse(self.big.lub_tier)

    def test_query_count_does_not_grow_with_customers(self):
        self.env["res.partner"]._lub_compute_tiers()

        def run_with_new_customers(count):
            partners = self.env["res.partner"].create(
                [
                    {"name": f"Bulk {count}-{n}", "customer_rank": 1}
                    for n in range(count)
                ]
            )
            for partner in partners:
                self.confirmed_order(partner, 1000)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            changes = self.env["res.partner"]._lub_compute_tiers()
            self.assertGreaterEqual(len(changes), count)
            return self.env.cr.sql_log_count - before

        self.assertEqual(run_with_new_customers(2), run_with_new_customers(25))

    def test_recompute_button_for_managers_only(self):
        with self.assertRaises(AccessError) as caught:
            self.env["res.partner"].with_user(self.sales_a).action_lub_recompute_tiers()
        self.assertIn("Only lubricant sales managers", str(caught.exception))
        self.assertFalse(self.big.lub_tier)
        action = (
            self.env["res.partner"].with_user(self.manager).action_lub_recompute_tiers()
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.big.lub_tier, "A")

    def test_churn_risk_from_order_rhythm(self):
        now = fields.Datetime.now()
        steady = self.env["res.partner"].create(
            {"name": "Churn Steady", "customer_rank": 1}
        )
        gone = self.env["res.partner"].create(
            {"name": "Churn Gone", "customer_rank": 1}
        )
        for days in (90, 60, 30):
            self.confirmed_order(steady, 100, now - timedelta(days=days))
        for days in (200, 170, 140):
            self.confirmed_order(gone, 100, now - timedelta(days=days))
        at_risk = self.env["res.partner"]._lub_compute_churn()
        self.assertIn(gone.id, at_risk)
        self.assertNotIn(steady.id, at_risk)
        self.assertTrue(gone.lub_churn_risk)
        self.assertEqual(gone.lub_usual_order_interval, 30)
        self.assertFalse(steady.lub_churn_risk)
        # two order dates are not enough to know the rhythm
        self.assertFalse(self.small.lub_churn_risk)
        self.set_param("churn_factor", 5)
        self.env["res.partner"]._lub_compute_churn()
        self.assertFalse(gone.lub_churn_risk)
