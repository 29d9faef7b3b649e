# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestKeyAccountKanban(TransactionCase):
    """The key accounts open on their own kanban card (issue 16, item 1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coal_user = new_test_user(
            cls.env, login="coal_kanban_rep", groups="crm_coal.group_crm_coal_user"
        )
        cls.kanban = cls.env.ref("crm_coal.res_partner_view_kanban")

    def test_action_opens_the_kanban_first(self):
        action = self.env.ref("crm_coal.res_partner_action")
        views = action.view_ids.sorted("sequence")
        self.assertEqual(views[0].view_mode, "kanban")
        self.assertEqual(views[0].view_id, self.kanban)
        self.assertEqual(action.view_mode.split(",")[0], "kanban")

    def test_kanban_renders_for_a_coal_user(self):
        Partner = self.env["res.partner"].with_user(self.coal_user)
        result = Partner.get_views([(self.kanban.id, "kanban")])
        arch = etree.fromstring(result["views"]["kanban"]["arch"])
        self.assertEqual(arch.get("class"), "o_crm_coal_key_account_kanban")
        names = {node.get("name") for node in arch.iter("field")}
        for name in (
            "name",
            "coal_grade",
            "coal_days_of_supply",
            "coal_supply_level",
            "coal_overdue_total",
            "user_id",
        ):
            self.assertIn(name, names)
        self.assertTrue(arch.xpath("//div[@name='coal_days_of_supply'][@t-att-class]"))
        # the card's figures are readable by the coal user (the credit status is computed
        # from the receivables without accounting rights)
        account = Partner.create(
            {
                "name": "Kanban Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
            }
        )
        spec = {name: {} for name in names if name in Partner._fields}
        spec["user_id"] = {"fields": {"display_name": {}}}
        records = Partner.web_search_read([("id", "=", account.id)], spec)["records"]
        self.assertEqual(records[0]["coal_grade"], "a")
        self.assertEqual(records[0]["coal_overdue_total"], 0.0)


@tagged("post_install", "-at_install")
class TestSupplyRefreshWizard(TransactionCase):
    """Refresh Days of Supply: a managers' dialog that says how many key accounts and
    runs in the background above the threshold (issue 16, item 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"]
        for key, value in (
            ("supply_window_days", 7),
            ("supply_red_days", 7),
            ("supply_amber_days", 15),
            ("supply_normal_days", 20),
            ("background_threshold", 500),
        ):
            icp.set_param(f"crm_coal.{key}", value)
        # the tests own the on-site reports: the installed ones are removed (their
        # accounts lose their figures), so the counts below are those of this setup
        cls.env["crm.coal.site.report"].with_context(active_test=False).search(
            []
        ).sudo().unlink()
        group = "crm_coal.group_crm_coal_user"
        cls.rep = new_test_user(cls.env, login="coal_refresh_rep", groups=group)
        cls.manager = new_test_user(
            cls.env, login="coal_refresh_boss", groups="crm_coal.group_crm_coal_manager"
        )
        Partner = cls.env["res.partner"]
        cls.accounts = Partner.create(
            [
                {
                    "name": f"Refresh Plant {index}",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "b",
                    "user_id": cls.manager.id,
                    "coal_representative_ids": [(6, 0, [cls.rep.id])],
                }
                for index in range(4)
            ]
        )
        day = fields.Date.today() - timedelta(days=1)
        # three accounts report: 100 t/day burnt, 1000 t in stock = 10 days (amber);
        # the fourth files nothing and is not refreshed
        cls.env["crm.coal.site.report"].with_user(cls.rep).create(
            [
                {
                    "partner_id": account.id,
                    "user_id": cls.rep.id,
                    "date": day,
                    "burn_t": 100,
                    "stockpile_t": 1000,
                }
                for account in cls.accounts[:3]
            ]
        )
        cls.reporting = cls.accounts[:3]
        cls.cron = cls.env.ref("crm_coal.ir_cron_refresh_supply")

    def _wizard(self, user=None):
        Wizard = self.env["crm.coal.supply.refresh.wizard"]
        return Wizard.with_user(user or self.manager).create({})

    def _triggers(self):
        return self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )

    def _raise_red_threshold(self):
        # a 12-day red threshold (set as a parameter: the settings screen would refresh
        # at once) makes the 10 days of the three accounts red at the next refresh
        self.env["ir.config_parameter"].set_param("crm_coal.supply_red_days", 12)

    def test_counts_then_refreshes_at_once(self):
        self.assertEqual(set(self.reporting.mapped("coal_supply_level")), {"amber"})
        self._raise_red_threshold()
        triggers = self._triggers()
        wizard = self._wizard()
        # by hand: three accounts with a report, the fourth has none
        self.assertEqual(wizard.record_count, 3)
        self.assertFalse(wizard.background)
        self.assertIn("supply level of 3 key accounts", wizard.summary)
        self.assertNotIn("background", wizard.summary)
        action = wizard.action_run()
        self.assertEqual(
            action["params"]["message"],
            "Days of supply of 3 key accounts refreshed; 3 turned red.",
        )
        self.assertEqual(set(self.reporting.mapped("coal_supply_level")), {"red"})
        self.assertFalse(self.accounts[3].coal_supply_level)
        self.assertEqual(self._triggers(), triggers)

    def test_large_refresh_runs_in_background(self):
        self.env["ir.config_parameter"].set_param("crm_coal.background_threshold", 2)
        self._raise_red_threshold()
        triggers = self._triggers()
        wizard = self._wizard()
        self.assertEqual(wizard.record_count, 3)
        self.assertTrue(wizard.background)
        self.assertIn("More than 2 key accounts", wizard.summary)
        action = wizard.action_run()
        self.assertEqual(action["params"]["message"], "Started in the background.")
        # nothing refreshed now: the daily scheduled action was triggered
        self.assertEqual(set(self.reporting.mapped("coal_supply_level")), {"amber"})
        self.assertEqual(self._triggers(), triggers + 1)

    def test_threshold_itself_runs_at_once(self):
        self.env["ir.config_parameter"].set_param("crm_coal.background_threshold", 3)
        self.assertFalse(self._wizard().background)

    def test_user_refused(self):
        self._raise_red_threshold()
        triggers = self._triggers()
        message = "Only Coal CRM managers may refresh the days of supply."
        with self.assertRaises(AccessError) as caught:
            self._wizard(self.rep)
        self.assertEqual(str(caught.exception), message)
        wizard = self._wizard()
        with self.assertRaises(AccessError) as caught:
            wizard.with_user(self.rep).action_run()
        self.assertEqual(str(caught.exception), message)
        self.assertEqual(set(self.reporting.mapped("coal_supply_level")), {"amber"})
        self.assertEqual(self._triggers(), triggers)

    def test_negative_threshold_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.config.settings"].create({"coal_background_threshold": -1})
        self.assertEqual(
            str(caught.exception), "The background threshold cannot be negative."
        )
