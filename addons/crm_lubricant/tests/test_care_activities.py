# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestCareActivities(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")
        cls.set_param("care_activity_type_id", cls.todo_type.id)
        cls.set_param("care_days", 2)
        # Only the customers of these tests are at risk.
        cls.env["res.partner"].search(
            [("lub_churn_risk", "=", True)]
        ).lub_churn_risk = False
        cls.at_risk = cls.env["res.partner"].create(
            [
                {
                    "name": f"流失风险客户 {index}",
                    "is_company": True,
                    "lub_owner_id": (cls.sales_a if index % 2 else cls.sales_b).id,
                    "lub_churn_risk": True,
                    "lub_usual_order_interval": 30.0,
                }
                for index in range(6)
            ]
        )
        cls.pool_customer = cls.env["res.partner"].create(
            {"name": "公海客户", "is_company": True, "lub_churn_risk": True}
        )
        cls.steady = cls.env["res.partner"].create(
            {"name": "稳定客户", "is_company": True, "lub_owner_id": cls.sales_a.id}
        )

    def care_activities(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.todo_type.id),
            ]
        )

    def test_plan_once_per_customer(self):
        # One customer already has an open care activity: it gets no second one.
        self.at_risk[0].activity_schedule(
            activity_type_id=self.todo_type.id, user_id=self.sales_b.id
        )
        action = self.at_risk.with_user(self.manager).action_lub_plan_care_activities()
        self.assertEqual(action["params"]["message"], "5 care activities planned.")
        activities = self.care_activities(self.at_risk)
        self.assertEqual(len(activities), 6)
        for partner in self.at_risk:
            activity = activities.filtered(
                lambda act, partner=partner: act.res_id == partner.id
            )
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, partner.lub_owner_id)
        self.assertFalse(self.care_activities(self.pool_customer + self.steady))
        # Running again plans nothing more.
        self.assertEqual(self.env["res.partner"]._lub_plan_care_activities(), 0)
        self.assertEqual(len(self.care_activities(self.at_risk)), 6)

    def test_restricted_user_refused(self):
        with self.assertRaises(AccessError) as caught:
            self.env["res.partner"].with_user(
                self.sales_a
            ).action_lub_plan_care_activities()
        self.assertIn(
            "Only Lubricant CRM managers may plan care activities.",
            str(caught.exception),
        )
        self.assertFalse(self.care_activities(self.at_risk))

    def test_query_count_does_not_grow(self):
        Partner = self.env["res.partner"]
        same_owner = Partner.create(
            [
                {
                    "name": f"同一负责人客户 {index}",
                    "is_company": True,
                    "lub_owner_id": self.sales_a.id,
                    "lub_usual_order_interval": 20.0,
                }
                for index in range(4)
            ]
        )

        def plan(partners):
            """Queries of one planning run where exactly ``partners`` are at risk and unplanned."""
            Partner.search([("lub_churn_risk", "=", True)]).lub_churn_risk = False
            partners.lub_churn_risk = True
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(Partner._lub_plan_care_activities(), len(partners))
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        plan(self.at_risk[0])  # warm the caches
        one = plan(self.at_risk[1])
        # Odoo subscribes the owners to the customers in one batch per owner: the count is
        # constant in the number of customers of one owner.
        many = plan(same_owner)
        self.assertEqual(self.at_risk[1].lub_owner_id, self.sales_a)
        self.assertLessEqual(many, one, f"{one} queries for 1 customer, {many} for 4")


@tagged("post_install", "-at_install")
class TestMassActionWizard(TestCareActivities):
    """The managers' mass actions go through a dialog that says what will happen."""

    def _wizard(self, operation, user=None):
        Wizard = self.env["crm.lubricant.mass.action.wizard"]
        return Wizard.with_user(user or self.manager).create({"operation": operation})

    def test_care_wizard_counts_then_plans(self):
        self.at_risk[0].activity_schedule(
            activity_type_id=self.todo_type.id, user_id=self.sales_b.id
        )
        wizard = self._wizard("care")
        # by hand: 6 at risk with an owner, 1 already has an open care activity, the pool
        # customer has no owner -> 5
        self.assertEqual(wizard.record_count, 5)
        self.assertFalse(wizard.background)
        self.assertIn("5 customers at churn risk", wizard.summary)
        action = wizard.action_run()
        self.assertEqual(action["params"]["message"], "5 care activities planned.")
        self.assertEqual(len(self.care_activities(self.at_risk)), 6)

    def test_large_runs_in_background(self):
        self.set_param("background_threshold", 4)
        cron = self.env.ref("crm_lubricant.ir_cron_plan_care")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        wizard = self._wizard("care")
        self.assertEqual(wizard.record_count, 6)
        self.assertTrue(wizard.background)
        self.assertIn("runs in the background", wizard.summary)
        action = wizard.action_run()
        self.assertEqual(action["params"]["message"], "Started in the background.")
        # nothing planned now: the scheduled action was triggered
        self.assertFalse(self.care_activities(self.at_risk))
        self.assertEqual(
            len(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])),
            len(triggers) + 1,
        )

    def test_tiers_wizard_summary(self):
        wizard = self._wizard("tiers")
        expected = self.env["res.partner"].search_count(
            [("parent_id", "=", False), ("customer_rank", ">", 0)]
        )
        self.assertEqual(wizard.record_count, expected)
        self.assertIn(f"{expected} customers will be recomputed", wizard.summary)

    def test_salesperson_refused(self):
        with self.assertRaises(AccessError):
            self._wizard("care", self.sales_a)
        wizard = self._wizard("care")
        with self.assertRaises(AccessError):
            wizard.with_user(self.sales_a).action_run()
        self.assertFalse(self.care_activities(self.at_risk))
