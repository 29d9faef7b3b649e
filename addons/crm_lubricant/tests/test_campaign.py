# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestCampaign(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["crm.lubricant.campaign.template"].create(
            {"name": "Technical seminar", "default_budget": 10_000}
        )

    def request(self, user=None):
        return (
            self.env["crm.lubricant.campaign"]
            .with_user(user or self.sales_a)
            .create({"name": "Seminar Guangzhou", "template_id": self.template.id})
        )

    def test_request_approve_execute_close(self):
        campaign = self.request()
        self.assertEqual(campaign.budget, 10_000)
        campaign.action_submit()
        with self.assertRaises(AccessError) as caught:
            campaign.action_approve()
        self.assertIn("Only lubricant sales managers", str(caught.exception))
        self.assertEqual(campaign.state, "submitted")
        campaign.with_user(self.manager).action_approve()
        self.assertEqual(campaign.approved_by_id, self.manager)
        with self.assertRaises(UserError) as caught:
            campaign.budget = 20_000
        self.assertIn(
            "cannot be changed once the campaign is approved", str(caught.exception)
        )
        self.assertEqual(campaign.budget, 10_000)
        campaign.action_start()
        self.assertTrue(campaign.utm_campaign_id)
        campaign.write(
            {
                "expense_ids": [
                    (0, 0, {"name": "Venue", "amount": 8_000}),
                    (0, 0, {"name": "Samples", "amount": 4_000}),
                ]
            }
        )
        self.assertEqual(campaign.actual_cost, 12_000)
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        Lead = self.env["crm.lead"]
        Lead.create(
            [
                {
                    "name": f"Seminar lead {n}",
                    "type": "lead",
                    "campaign_id": campaign.utm_campaign_id.id,
                }
                for n in range(3)
            ]
        )
        Lead.create(
            {
                "name": "Seminar deal",
                "type": "opportunity",
                "expected_revenue": 36_000,
                "stage_id": won_stage.id,
                "campaign_id": campaign.utm_campaign_id.id,
            }
        )
        campaign.invalidate_recordset()
        self.assertEqual(campaign.lead_count, 4)
        self.assertEqual(campaign.opportunity_count, 1)
        self.assertEqual(campaign.won_revenue, 36_000)
        self.assertEqual(campaign.cost_per_lead, 3_000)
        self.assertAlmostEqual(campaign.roi, 2.0)
        self.assertTrue(campaign.over_budget)
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")

    def test_bad_input(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.lubricant.campaign"].create(
                {"name": "Negative", "budget": -1}
            )
        self.assertIn("must not be negative", str(caught.exception))
        campaign = self.request()
        with self.assertRaises(ValidationError) as caught:
            campaign.write(
                {"expense_ids": [(0, 0, {"name": "Too early", "amount": 10})]}
            )
        self.assertIn("is in execution", str(caught.exception))
        self.assertFalse(campaign.expense_ids)
        with self.assertRaises(UserError) as caught:
            campaign.action_close()
        self.assertIn("cannot be closed in its current state", str(caught.exception))
        campaign.budget = 0
        with self.assertRaises(UserError) as caught:
            campaign.action_submit()
        self.assertIn("Enter the budget", str(caught.exception))
        self.assertEqual(campaign.state, "draft")
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.campaign"].with_user(self.outsider).search([])

    def test_metrics_query_count_constant(self):
        campaigns = self.env["crm.lubricant.campaign"]
        for number in range(6):
            campaign = self.env["crm.lubricant.campaign"].create(
                {"name": f"Batch {number}", "budget": 100}
            )
            campaign.action_submit()
            campaign.action_approve()
            campaign.action_start()
            self.env["crm.lead"].create(
                {"name": f"L{number}", "campaign_id": campaign.utm_campaign_id.id}
            )
            campaigns |= campaign
        self.env.flush_all()

        def queries(records):
            records.invalidate_recordset()
            before = self.env.cr.sql_log_count
            records.mapped("lead_count")
            return self.env.cr.sql_log_count - before

        queries(campaigns[:1])
        self.assertEqual(queries(campaigns[:1]), queries(campaigns))
