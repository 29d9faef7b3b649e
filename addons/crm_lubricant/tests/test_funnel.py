# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestFunnel(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_1 = cls.env.ref("crm.stage_lead1")
        cls.stage_2 = cls.env.ref("crm.stage_lead2")
        cls.stage_3 = cls.env.ref("crm.stage_lead3")
        cls.customer = cls.env["res.partner"].create({"name": "Funnel Customer"})

    def make(self, count, stage, amount=1000.0):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Funnel opp {n}",
                    "type": "opportunity",
                    "stage_id": stage.id,
                    "expected_revenue": amount,
                    "probability": 50,
                    "partner_id": self.customer.id,
                }
                for n in range(count)
            ]
        )

    def rows(self):
        return {
            line.stage_id: line
            for line in self.env["crm.lubricant.funnel.line"]._lub_compute()
        }

    def test_stage_history_and_report(self):
        before = self.rows()
        leads = self.make(3, self.stage_1)
        leads[0].stage_id = self.stage_2
        leads[0].stage_id = self.stage_3
        history = leads[0].lub_stage_history_ids.sorted("id")
        self.assertEqual(history.stage_id, self.stage_1 | self.stage_2 | self.stage_3)
        self.assertEqual([bool(stay.date_out) for stay in history], [True, True, False])
        after = self.rows()
        self.assertEqual(after[self.stage_1].count - before[self.stage_1].count, 2)
        self.assertEqual(after[self.stage_3].count - before[self.stage_3].count, 1)
        self.assertAlmostEqual(
            after[self.stage_1].amount - before[self.stage_1].amount, 2000.0
        )
        self.assertAlmostEqual(
            after[self.stage_1].weighted_amount - before[self.stage_1].weighted_amount,
            1000.0,
        )
        # every new opportunity reached stage 1, one of them reached stage 3
        self.assertEqual(after[self.stage_1].reached - before[self.stage_1].reached, 3)
        self.assertEqual(after[self.stage_3].reached - before[self.stage_3].reached, 1)
        self.assertGreater(after[self.stage_1].conversion, 0)

    def test_report_query_count_constant(self):
        Line = self.env["crm.lubricant.funnel.line"]

        def count_queries(number):
            self.make(number, self.stage_2)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            Line._lub_compute()
            return self.env.cr.sql_log_count - before

        Line._lub_compute()  # warm the caches (groups, stages)
        self.assertEqual(count_queries(1), count_queries(30))

    def test_report_for_salesperson_covers_own_opportunities(self):
        self.make(2, self.stage_1).write({"user_id": self.sales_a.id})
        rows = {
            line.stage_id: line
            for line in self.env["crm.lubricant.funnel.line"]
            .with_user(self.sales_a)
            ._lub_compute()
        }
        self.assertEqual(rows[self.stage_1].count, 2)
        self.assertEqual(sum(line.count for line in rows.values()), 2)

    def test_stale_flag(self):
        self.set_param("stale_days", 30)
        lead = self.make(1, self.stage_1)
        old = fields.Datetime.now() - timedelta(days=45)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s, date_last_stage_update = %s WHERE id = %s",
            [old, old, lead.id],
        )
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'crm.lead' AND res_id = %s",
            [lead.id],
        )
        stale = self.env["crm.lead"]._cron_lub_flag_stale()
        self.assertIn(lead, stale)
        self.assertTrue(lead.lub_stale)
        self.assertIn(lead, self.env["crm.lead"].search([("lub_stale", "=", True)]))
        lead.with_context(tracking_disable=False).message_post(
            body="Called the buyer", message_type="comment"
        )
        self.env["crm.lead"]._cron_lub_flag_stale()
        self.assertFalse(lead.lub_stale)

    def test_stage_probability_bounds(self):
        with self.assertRaises(ValidationError) as caught:
            self.stage_1.lub_probability = 120
        self.assertIn("must be between 0 and 100", str(caught.exception))
