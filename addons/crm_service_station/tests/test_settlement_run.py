# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCommon

REFUSED = "Only service managers may settle warranty claims."


@tagged("post_install", "-at_install")
class TestSettlementPreview(ServiceCommon):
    """Settle a Period previews the claims waiting and their amount, and queues a large
    run for the background (issue 16, item 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_from = cls.today - timedelta(days=30)
        cls.period_to = cls.today
        Claim = cls.env["crm.service.claim"]
        cls.claims_a = Claim.create(
            [cls._claim_vals(failure_code_id=False) for _i in range(2)]
        )
        cls.claims_b = Claim.create([cls._claim_vals(station=cls.station_b)])
        cls.draft = Claim.create([cls._claim_vals(station=cls.station_b)])
        cls.approved = cls.claims_a | cls.claims_b
        cls.approved.action_submit()
        cls.approved.with_user(cls.service_manager).action_approve(cls.OVERRIDE)
        cls.stations = cls.station_a | cls.station_b
        cls.cron = cls.env.ref("crm_service_station.ir_cron_settlement_run")
        cls.Run = cls.env["crm.service.settlement.run"]

    def _wizard(self, stations=None, user=None):
        return (
            self.env["crm.service.settlement.wizard"]
            .with_user(user or self.service_manager)
            .create(
                {
                    "date_from": self.period_from,
                    "date_to": self.period_to,
                    "station_ids": [Command.set((stations or self.stations).ids)],
                }
            )
        )

    def _triggers(self):
        return self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )

    def _runs(self):
        return self.Run.search([("station_ids", "in", self.stations.ids)])

    def test_preview_counts_and_amount(self):
        # by hand: each claim approves labor + 2 parts + 40 km of travel = 520.00 (the
        # 1040.00 of two claims in TestSettlement); the draft claim does not count
        self.assertEqual(set(self.approved.mapped("approved_amount")), {520.0})
        wizard = self._wizard()
        self.assertEqual(wizard.claim_count, 3)
        self.assertEqual(wizard.amount_total, 1560.0)
        self.assertFalse(wizard.background)
        self.assertIn("3 approved claims decided up to", wizard.summary)
        self.assertIn(wizard.currency_id.format(1560.0), wizard.summary)
        self.assertNotIn("background", wizard.summary)
        only_b = self._wizard(self.station_b)
        self.assertEqual((only_b.claim_count, only_b.amount_total), (1, 520.0))
        # the preview follows the period: claims decided after its end are left out
        wizard.date_to = self.today - timedelta(days=1)
        self.assertEqual((wizard.claim_count, wizard.amount_total), (0, 0.0))
        # once settled, nothing waits
        self._wizard().action_settle()
        self.assertEqual(set(self.approved.mapped("state")), {"settled"})
        self.assertEqual(self._wizard().claim_count, 0)

    def test_large_run_is_queued_then_settled_by_the_cron(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 2
        )
        triggers = self._triggers()
        wizard = self._wizard()
        self.assertTrue(wizard.background)
        self.assertIn("More than 2 claims", wizard.summary)
        action = wizard.action_settle()
        self.assertEqual(
            action["params"]["message"],
            "Settlement run queued: it runs in the background.",
        )
        # nothing settled now: a run is queued with its own period and stations
        self.assertEqual(set(self.approved.mapped("state")), {"approved"})
        run = self._runs()
        self.assertEqual(len(run), 1)
        self.assertEqual(
            (run.state, run.date_from, run.date_to, run.station_ids, run.user_id),
            (
                "queued",
                self.period_from,
                self.period_to,
                self.stations,
                self.service_manager,
            ),
        )
        self.assertEqual((run.claim_count, run.amount_total), (3, 1560.0))
        self.assertEqual(run.company_id, self.env.company)
        self.assertEqual(self._triggers(), triggers + 1)
        # the scheduled action settles the queued run
        self.Run._cron_process_runs()
        self.assertEqual(run.state, "done")
        self.assertTrue(run.date_done)
        self.assertEqual(run.settlement_ids.station_id, self.stations)
        self.assertEqual(run.settlement_ids.claim_ids, self.approved)
        self.assertEqual(set(self.approved.mapped("state")), {"settled"})
        self.assertEqual(self.draft.state, "draft")
        # a second pass settles nothing twice
        self.Run._cron_process_runs()
        self.assertEqual(
            len(
                self.env["crm.service.settlement"].search(
                    [("station_id", "in", self.stations.ids)]
                )
            ),
            2,
        )

    def test_runs_keep_their_own_period(self):
        """Two runs queued with different stations are each settled with their own."""
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 0
        )
        self._wizard(self.station_a).action_settle()
        self._wizard(self.station_b).action_settle()
        runs = self._runs().sorted("id")
        self.assertEqual(runs.mapped("claim_count"), [2, 1])
        self.Run._cron_process_runs()
        self.assertEqual(runs.mapped("state"), ["done", "done"])
        self.assertEqual(runs[0].settlement_ids.claim_ids, self.claims_a)
        self.assertEqual(runs[1].settlement_ids.claim_ids, self.claims_b)

    def test_failed_run_is_marked_and_others_go_on(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 0
        )
        self._wizard(self.station_a).action_settle()
        self._wizard(self.station_b).action_settle()
        first, second = self._runs().sorted("id")
        # the first run's period became invalid (only the system writes runs)
        first.sudo().write({"date_from": self.period_to + timedelta(days=1)})
        self.Run._cron_process_runs()
        self.assertEqual(first.state, "failed")
        self.assertEqual(first.error, "The period start must be before its end.")
        self.assertEqual(set(self.claims_a.mapped("state")), {"approved"})
        self.assertEqual(second.state, "done")
        self.assertEqual(self.claims_b.state, "settled")

    def _notices(self, run):
        return run.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_requester_told_the_result_in_their_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_service_station")._update_translations(["zh_CN"])
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 0
        )
        self._wizard(self.station_a).action_settle()
        self._wizard(self.station_b).action_settle()
        first, second = self._runs().sorted("id")
        first.sudo().write({"date_from": self.period_to + timedelta(days=1)})
        self.service_manager.lang = "zh_CN"
        self.assertFalse(self._notices(first) | self._notices(second))
        self.Run._cron_process_runs()
        done, failed = self._notices(second), self._notices(first)
        self.assertEqual(len(done), 1)
        self.assertEqual(len(failed), 1)
        self.assertEqual(done.partner_ids, self.service_manager.partner_id)
        self.assertEqual(failed.partner_ids, self.service_manager.partner_id)
        # one settlement for station B, in Chinese; the failure says why
        self.assertIn("已完成", done.subject)
        self.assertIn("<strong>1</strong>", done.body)
        self.assertIn("失败", failed.subject)
        self.assertIn(first.error, failed.body)

    def test_user_refused(self):
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 0
        )
        triggers = self._triggers()
        with self.assertRaises(AccessError) as caught:
            self._wizard(user=self.service_user)
        self.assertEqual(str(caught.exception), REFUSED)
        wizard = self._wizard()
        self.assertTrue(wizard.background)
        with self.assertRaises(AccessError) as caught:
            wizard.with_user(self.service_user).action_settle()
        self.assertEqual(str(caught.exception), REFUSED)
        # below the threshold, the immediate settlement is refused as well
        self.env["ir.config_parameter"].set_param(
            "crm_service_station.settlement_background_threshold", 500
        )
        wizard.invalidate_recordset()
        self.assertFalse(wizard.background)
        with self.assertRaises(AccessError) as caught:
            wizard.with_user(self.service_user).action_settle()
        self.assertEqual(str(caught.exception), REFUSED)
        self.assertEqual(set(self.approved.mapped("state")), {"approved"})
        self.assertFalse(self._runs())
        self.assertEqual(self._triggers(), triggers)
        # the runs are the managers' (read only)
        with self.assertRaises(AccessError):
            self.Run.with_user(self.service_user).search([])
        with self.assertRaises(AccessError):
            self.Run.with_user(self.service_manager).create(
                {
                    "company_id": self.env.company.id,
                    "user_id": self.service_manager.id,
                    "date_from": self.period_from,
                    "date_to": self.period_to,
                }
            )
