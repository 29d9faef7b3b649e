# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestCompetition(LubricantCase):
    """Seed 001's competition analysis; every figure computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Competitor = cls.env["crm.lubricant.competitor"]
        cls.brand_x = Competitor.create({"name": "Brand X", "level": "international"})
        cls.brand_y = Competitor.create({"name": "Brand Y", "level": "regional"})
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    def _lead(self, name, revenue, competitors, outcome="open", lost_to=None):
        lead = self.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "expected_revenue": revenue,
                "lub_competitor_ids": [(6, 0, competitors.ids)],
            }
        )
        if outcome == "won":
            lead.stage_id = self.won_stage
        elif outcome == "lost":
            wizard = self.env["crm.lead.lost"].create(
                {
                    "lead_ids": [(6, 0, lead.ids)],
                    "lub_lost_to_id": lost_to.id if lost_to else False,
                }
            )
            wizard.action_lost_reason_apply()
        return lead

    def _rows(self, user=None):
        Report = self.env["crm.lubricant.competition.report"]
        if user:
            Report = Report.with_user(user)
        self.env.flush_all()
        return {
            row.competitor_id: row
            for row in Report.search(
                [("competitor_id", "in", (self.brand_x | self.brand_y).ids)]
            )
        }

    def test_win_rate_per_competitor(self):
        x, y = self.brand_x, self.brand_y
        self._lead("Comp won 1", 1000.0, x, "won")
        self._lead("Comp won 2", 2000.0, x | y, "won")
        lost = self._lead("Comp lost to X", 5000.0, x | y, "lost", lost_to=x)
        self._lead("Comp lost", 700.0, x, "lost")
        self._lead("Comp open", 300.0, x, "open")
        # lost to Y without naming Y among the competitors: Y is met all the same
        self._lead("Comp lost to Y", 400.0, self.brand_x.browse(), "lost", lost_to=y)
        self.env["crm.lead"].create(
            {
                "name": "Comp lead, not opportunity",
                "type": "lead",
                "lub_competitor_ids": [(6, 0, x.ids)],
            }
        )
        self.assertEqual(lost.lub_lost_to_id, x)
        self.assertFalse(lost.active)
        rows = self._rows()
        # X: met on 5 opportunities (the lead is no opportunity): 2 won, 2 lost, 1 open,
        # 1 lost to X; win rate 2 / (2 + 2) = 50 %; won 1,000 + 2,000, open 300
        row = rows[x]
        self.assertEqual(
            (row.met_count, row.won_count, row.lost_count, row.open_count),
            (5, 2, 2, 1),
        )
        self.assertEqual(row.lost_to_count, 1)
        self.assertEqual(row.win_rate, 50.0)
        self.assertEqual((row.won_revenue, row.open_revenue), (3000.0, 300.0))
        self.assertEqual(row.level, "international")
        # Y: met on 3: 1 won, 2 lost, 1 of them lost to Y -> 1 / 3 = 33.33 %
        row = rows[y]
        self.assertEqual(
            (row.met_count, row.won_count, row.lost_count, row.lost_to_count),
            (3, 1, 2, 1),
        )
        self.assertEqual(row.win_rate, 33.33)

    def test_no_closed_opportunity_no_rate(self):
        self._lead("Comp only open", 100.0, self.brand_y)
        row = self._rows()[self.brand_y]
        self.assertEqual((row.met_count, row.open_count), (1, 1))
        self.assertFalse(row.win_rate)

    def test_follows_the_lubricant_scope(self):
        team_lub = self.env["crm.team"].create({"name": "Comp lubricant team"})
        team_other = self.env["crm.team"].create({"name": "Comp coal team"})
        inside = self._lead("Comp in scope", 100.0, self.brand_x)
        outside = self._lead("Comp out of scope", 900.0, self.brand_x)
        inside.team_id = team_lub
        outside.team_id = team_other
        self.env.company.lub_scope_team_ids = team_lub
        row = self._rows()[self.brand_x]
        self.assertEqual((row.met_count, row.open_revenue), (1, 100.0))

    def test_access(self):
        self._lead("Comp access", 100.0, self.brand_x, "won")
        self.env.flush_all()
        # the report is the managers'
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.competition.report"].with_user(self.sales_a).search(
                []
            )
        self.assertIn(self.brand_x, self._rows(self.manager))
        # salespeople read competitors, only managers maintain them, nobody deletes them
        self.assertEqual(
            self.env["crm.lubricant.competitor"]
            .with_user(self.sales_a)
            .browse(self.brand_x.id)
            .name,
            "Brand X",
        )
        with self.assertRaises(AccessError):
            self.brand_x.with_user(self.sales_a).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.brand_x.with_user(self.manager).unlink()
        self.assertEqual(self.brand_x.name, "Brand X")
        self.brand_x.with_user(self.manager).write({"level": "national"})
        self.assertEqual(self.brand_x.level, "national")
        # another company's brand is invisible, a shared one (no company) visible
        other = self.env["res.company"].create({"name": "Comp Other Co"})
        theirs = self.env["crm.lubricant.competitor"].create(
            {"name": "Their brand", "company_id": other.id}
        )
        shared = self.env["crm.lubricant.competitor"].create(
            {"name": "Shared brand", "company_id": False}
        )
        visible = (
            self.env["crm.lubricant.competitor"]
            .with_user(self.sales_a)
            .search([("id", "in", (theirs | shared).ids)])
        )
        self.assertEqual(visible, shared)
        # the other company's opportunities stay out of this company's report
        lead = self._lead("Comp other co", 100.0, shared)
        lead.company_id = other
        self.manager.write({"company_ids": [(4, other.id)]})
        Report = self.env["crm.lubricant.competition.report"].with_user(self.manager)
        main = Report.with_context(allowed_company_ids=[self.env.company.id])
        self.env.flush_all()
        self.assertFalse(main.search([("competitor_id", "=", shared.id)]))
        self.assertEqual(
            Report.with_context(allowed_company_ids=[other.id])
            .search([("competitor_id", "=", shared.id)])
            .met_count,
            1,
        )

    def test_brand_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["crm.lubricant.competitor"].create({"name": "Brand X"})
        self.assertEqual(
            self.env["crm.lubricant.competitor"].search_count(
                [("name", "=", "Brand X")]
            ),
            1,
        )

    def test_demo_story(self):
        demo = self.env.ref("crm_lubricant.lead_lost_competition_demo", False)
        if not demo:
            self.skipTest("no demo data")
        self.assertEqual(demo.lub_outcome, "lost")
        self.assertEqual(demo.lub_lost_to_id.name, "昆仑润滑")
