# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger

D = date(2024, 3, 10)


@tagged("post_install", "-at_install")
class TestSiteReport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"]
        for key, value in (
            ("supply_window_days", 7),
            ("supply_red_days", 7),
            ("supply_amber_days", 15),
            ("supply_normal_days", 20),
            ("report_grace_hours", 10),
        ):
            icp.set_param(f"crm_coal.{key}", value)
        group = "crm_coal.group_crm_coal_user"
        cls.owner = new_test_user(cls.env, login="coal_owner", groups=group)
        cls.rep = new_test_user(cls.env, login="coal_station", groups=group, tz="UTC")
        cls.other_rep = new_test_user(cls.env, login="coal_elsewhere", groups=group)
        cls.manager = new_test_user(
            cls.env, login="coal_manager", groups="crm_coal.group_crm_coal_manager"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {
                "name": "Test Thermal Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
                "user_id": cls.owner.id,
                "coal_representative_ids": [(6, 0, [cls.rep.id])],
            }
        )
        cls.other_account = Partner.create(
            {
                "name": "Other Steel Mill",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "b",
            }
        )
        cls.Report = cls.env["crm.coal.site.report"]
        cls.activity_type = cls.env.ref("crm_coal.mail_activity_type_low_stock")
        cls.amber_type = cls.env.ref("crm_coal.mail_activity_type_low_stock_amber")

    def _report(self, day, burn, stock, account=None, user=None, **extra):
        user = user or self.rep
        vals = {
            "partner_id": (account or self.account).id,
            "user_id": user.id,
            "date": day,
            "burn_t": burn,
            "stockpile_t": stock,
        }
        vals.update(extra)
        model = self.Report.with_user(user)
        if "filed_at" in extra:
            model = model.sudo()  # setup: the server sets filed_at, tests backdate it
        return model.create(vals)

    def _low_stock_activities(self, account=None, level="red"):
        activity_type = self.activity_type if level == "red" else self.amber_type
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (account or self.account).ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_amber_then_red_one_open_activity_per_level(self):
        """Thresholds 7 / 15 / 20 days, 7-day window: each figure by hand below."""
        self._report(D - timedelta(days=2), 100, 5000)
        self._report(D - timedelta(days=1), 200, 4000)  # 4000 / 150 = 26.67: normal
        self.assertFalse(self._low_stock_activities(level="amber"))

        self._report(D, 300, 2000)  # (100 + 200 + 300) / 3 = 200 t a day: 10 days
        self.assertEqual(self.account.coal_supply_level, "amber")
        amber = self._low_stock_activities(level="amber")
        self.assertEqual(len(amber), 1)
        self.assertEqual(amber.user_id, self.owner)
        self.assertEqual(amber.summary, "Coal stock getting low: 10.0 days of supply")
        self.assertIn("the amber threshold", amber.note)
        # the amber type's 3-day delay
        self.assertEqual(
            amber.date_deadline,
            # "today" of the user who raised it (OdooBot's demo Europe/Brussels is a
            # day ahead of the test users' UTC from 23:00 to 24:00 UTC)
            fields.Date.context_today(amber.with_user(amber.create_uid))
            + timedelta(days=3),
        )
        self.assertFalse(self._low_stock_activities())

        # a second drop, still amber, while the first alert is open: none added
        self._report(D + timedelta(days=1), 200, 1800)  # 800 / 4 = 200: 9 days
        self.assertEqual(self.account.coal_days_of_supply, 9.0)
        self.assertEqual(self._low_stock_activities(level="amber"), amber)

        # amber -> red: the amber alert is closed (done, with the reason), a red one raised
        self._report(D + timedelta(days=2), 200, 1000)  # 1000 / 5 = 200: 5 days
        self.assertEqual(self.account.coal_supply_level, "red")
        self.assertFalse(amber.exists())
        red = self._low_stock_activities()
        self.assertEqual(len(red), 1)
        self.assertEqual(red.summary, "Low coal stock: 5.0 days of supply")
        self.assertTrue(
            self.account.message_ids.filtered(
                lambda m: "a red alert replaces it" in (m.body or "")
            )
        )

        # red -> amber (the red alert stays open) -> red again: still one alert in all
        self._report(D + timedelta(days=3), 200, 2400)  # 1200 / 6 = 200: 12 days
        self.assertEqual(self.account.coal_supply_level, "amber")
        self._report(D + timedelta(days=4), 200, 1200)  # 1400 / 7 = 200: 6 days
        self.assertEqual(self.account.coal_supply_level, "red")
        self.assertEqual(self._low_stock_activities(), red)
        self.assertFalse(self._low_stock_activities(level="amber"))

        # back to normal: window D-1..D+5, 1500 / 7 = 214.29 t a day, 5000 t: 23.33 days
        self._report(D + timedelta(days=5), 200, 5000)
        self.assertAlmostEqual(self.account.coal_days_of_supply, 23.33, places=2)
        self.assertEqual(self.account.coal_supply_level, "normal")
        self.assertFalse(red.exists())
        self.assertTrue(
            self.account.message_ids.filtered(
                lambda m: "back above the amber threshold" in (m.body or "")
            )
        )

    def test_amber_activities_batched(self):
        """Raising amber alerts costs the same queries for 1 account as for 12 (one
        owner), and a refresh at the same level raises none."""
        Partner = self.env["res.partner"]
        accounts = Partner.create(
            [
                {
                    "name": f"Amber Plant {i}",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "b",
                    "user_id": self.owner.id,
                }
                for i in range(14)
            ]
        )
        self.Report.create(
            [
                {
                    "partner_id": account.id,
                    "user_id": self.manager.id,
                    "date": D,
                    "burn_t": 100,
                    "stockpile_t": 3000,  # 30 days: normal
                }
                for account in accounts
            ]
        )
        self.assertEqual(set(accounts.mapped("coal_supply_level")), {"normal"})
        # 30 days fall below a 40-day amber threshold at the next refresh
        icp = self.env["ir.config_parameter"]
        icp.set_param("crm_coal.supply_amber_days", 40)
        icp.set_param("crm_coal.supply_normal_days", 45)
        warm, single, batch = accounts[:1], accounts[1:2], accounts[2:]
        Partner._coal_refresh_supply(warm.ids)  # caches of the first alert
        self.env.flush_all()

        def count(ids):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Partner._coal_refresh_supply(ids)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(single.ids), count(batch.ids))
        self.assertEqual(set(accounts.mapped("coal_supply_level")), {"amber"})
        self.assertEqual(len(self._low_stock_activities(accounts, "amber")), 14)
        # refreshed again at the same level: no second alert
        Partner._coal_refresh_supply(accounts.ids)
        self.assertEqual(len(self._low_stock_activities(accounts, "amber")), 14)

    def test_red_activity_in_the_owners_language(self):
        # the owner reads zh_CN; the report is filed in English
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_coal")._update_translations(["zh_CN"])
        self.owner.lang = "zh_CN"
        self._report(D - timedelta(days=1), 200, 4000)
        self._report(D, 300, 1000)  # (200 + 300) / 2 = 250 t a day: 4.0 days
        activity = self._low_stock_activities()
        self.assertEqual(activity.summary, "存煤不足:仅够 4.0 天")
        self.assertNotIn("The stockpile of", activity.note)

    def test_days_of_supply_and_red_activity_on_transition(self):
        self._report(D - timedelta(days=2), 100, 5000)
        self._report(D - timedelta(days=1), 200, 4000)
        self.assertEqual(
            self.account.coal_supply_level, "normal"
        )  # 4000 / 150 = 26.7 days
        self.assertAlmostEqual(self.account.coal_days_of_supply, 26.67, places=2)
        self.assertFalse(self._low_stock_activities())

        self._report(D, 300, 1000)
        # average burn over the reported days of the last 7: (100 + 200 + 300) / 3 = 200
        self.assertEqual(self.account.coal_avg_burn, 200)
        self.assertEqual(self.account.coal_stockpile, 1000)
        self.assertEqual(self.account.coal_days_of_supply, 5.0)
        self.assertEqual(self.account.coal_supply_level, "red")
        self.assertEqual(self.account.coal_supply_date, D)
        activity = self._low_stock_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.owner)
        self.assertIn("Low coal stock", activity.summary)

        # still red on the next report: no second activity
        self._report(D + timedelta(days=1), 100, 900)
        self.assertEqual(self.account.coal_supply_level, "red")
        self.assertEqual(len(self._low_stock_activities()), 1)

        # back to normal: the alert is closed by the system; red again: a new one
        self._report(D + timedelta(days=2), 100, 9000)
        self.assertEqual(self.account.coal_supply_level, "normal")
        self.assertFalse(self._low_stock_activities())
        self._report(D + timedelta(days=3), 500, 100)
        self.assertEqual(self.account.coal_supply_level, "red")
        self.assertEqual(len(self._low_stock_activities()), 1)
        self.assertNotEqual(self._low_stock_activities(), activity)

    def test_window_and_thresholds_from_settings(self):
        self._report(D - timedelta(days=1), 1000, 12000)
        self._report(D, 100, 1000)
        self.assertEqual(self.account.coal_days_of_supply, round(1000 / 550, 2))
        self.env["res.config.settings"].create(
            {
                "coal_supply_window_days": 1,
                "coal_supply_red_days": 5,
                "coal_supply_amber_days": 12,
                "coal_supply_normal_days": 20,
            }
        ).execute()
        # only the latest day's burn counts now: 1000 / 100 = 10 days, amber
        self.assertEqual(self.account.coal_days_of_supply, 10.0)
        self.assertEqual(self.account.coal_supply_level, "amber")

    def test_correction_and_archive_refresh(self):
        report = self._report(D, 100, 3000)
        self.assertEqual(self.account.coal_supply_level, "normal")
        report.with_user(self.rep).stockpile_t = 1400
        self.assertEqual(self.account.coal_supply_level, "amber")
        report.with_user(self.rep).burn_t = 0
        self.assertEqual(
            self.account.coal_supply_level, "normal", "no burn: the stock lasts"
        )
        self.assertFalse(self.account.coal_days_of_supply)
        report.with_user(self.rep).action_archive()
        self.assertFalse(self.account.coal_supply_level)
        self.assertFalse(self.account.coal_supply_date)

    def test_bad_input_refused(self):
        cases = [
            ({"stockpile_t": -1}, "Stockpile (t) cannot be negative"),
            ({"burn_t": -5}, "Coal Burn (t) cannot be negative"),
            ({"received_others_t": -5}, "Received from Others (t) cannot be negative"),
            (
                {"date": fields.Date.today() + timedelta(days=1)},
                "cannot be dated in the future",
            ),
        ]
        for extra, message in cases:
            vals = {
                "partner_id": self.account.id,
                "user_id": self.rep.id,
                "date": D,
                "burn_t": 100,
                "stockpile_t": 1000,
                **extra,
            }
            with self.assertRaises(ValidationError) as caught:
                self.Report.with_user(self.rep).create(vals)
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.Report.search([("partner_id", "=", self.account.id)]))
        self.assertFalse(self.account.coal_supply_level)

    def test_one_report_per_account_and_day(self):
        self._report(D, 100, 1000)
        with self.assertRaises(ValidationError) as caught:
            self._report(D, 200, 900, user=self.manager)
        self.assertIn("one on-site report per day", str(caught.exception))
        self.assertEqual(
            self.Report.search_count([("partner_id", "=", self.account.id)]), 1
        )

    @mute_logger("odoo.sql_db")
    def test_one_report_per_account_and_day_in_database(self):
        report = self._report(D, 100, 1000)
        other = self._report(D - timedelta(days=1), 100, 1000)
        with self.assertRaises(IntegrityError) as caught:
            other.date = report.date
        self.assertIn("crm_coal_site_report_account_date_unique", str(caught.exception))

    def test_representatives_see_their_accounts_only(self):
        mine = self._report(D, 100, 1000)
        theirs = self._report(
            D, 100, 1000, account=self.other_account, user=self.manager
        )
        Report = self.Report.with_user(self.rep)
        self.assertEqual(Report.search([("id", "in", (mine | theirs).ids)]), mine)
        self.assertEqual(
            self.Report.with_user(self.owner).search(
                [("id", "in", (mine | theirs).ids)]
            ),
            mine,
        )
        self.assertFalse(
            self.Report.with_user(self.other_rep).search(
                [("id", "in", (mine | theirs).ids)]
            )
        )
        self.assertEqual(
            self.Report.with_user(self.manager).search(
                [("id", "in", (mine | theirs).ids)]
            ),
            mine | theirs,
        )
        with self.assertRaises(AccessError):
            self._report(D - timedelta(days=1), 100, 1000, user=self.other_rep)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            mine.with_user(
                self.rep
            ).unlink()  # business records are archived, not deleted

    def test_refresh_is_batched(self):
        """The refresh of many accounts costs the same queries as the refresh of one."""
        Partner = self.env["res.partner"]
        accounts = Partner.create(
            [
                {
                    "name": f"Plant {i}",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "b",
                }
                for i in range(12)
            ]
        )
        self.Report.create(
            [
                {
                    "partner_id": account.id,
                    "user_id": self.manager.id,
                    "date": D - timedelta(days=day),
                    "burn_t": 100 + day,
                    "stockpile_t": 5000,
                }
                for account in accounts
                for day in range(5)
            ]
        )
        self.env.flush_all()

        def count(ids):
            before = self.env.cr.sql_log_count
            Partner._coal_refresh_supply(ids)
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(accounts[:1].ids), count(accounts.ids))
        self.assertLessEqual(count(accounts.ids), 6)
        self.assertTrue(all(a.coal_supply_level == "normal" for a in accounts))

    def test_save_reads_only_the_window(self):
        """Saving a report costs the same queries whatever the account's history, and the
        figures come from the window ending on the latest active report (issue 11)."""
        short, long_ = self.account, self.other_account
        self.Report.create(
            [
                {
                    "partner_id": account.id,
                    "user_id": self.manager.id,
                    "date": D - timedelta(days=day),
                    # 100 t over the 7 days before D: amber (10 days) before and
                    # after the counted saves, so that no alert is raised or closed
                    "burn_t": 100.0 if day < 8 else 5000.0,
                    "stockpile_t": 1000.0,
                }
                for account, days in ((short, 3), (long_, 400))
                for day in range(1, days + 1)
            ]
        )
        self.env.flush_all()
        # as the benchmark (bench/run.py supply): the chatter's own queries left out
        Report = self.Report.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrace=True
        )

        def count(account, day):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report.create(
                {
                    "partner_id": account.id,
                    "user_id": self.manager.id,
                    "date": day,
                    "burn_t": 100.0,
                    "stockpile_t": 1400.0,
                }
            )
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(short, D), count(long_, D))
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            Report.create(
                {
                    "partner_id": long_.id,
                    "user_id": self.manager.id,
                    "date": D + timedelta(days=1),
                    "burn_t": 100.0,
                    "stockpile_t": 1400.0,
                }
            )
            self.env.flush_all()
        # the older burns (5000 t a day) are outside the 7-day window
        self.assertEqual(long_.coal_supply_date, D + timedelta(days=1))
        self.assertEqual(long_.coal_avg_burn, 100.0)
        self.assertEqual(long_.coal_days_of_supply, 14.0)
        # a report filed late for an old day does not move the window
        count(long_, D - timedelta(days=500))
        self.assertEqual(long_.coal_supply_date, D + timedelta(days=1))
        self.assertEqual(long_.coal_days_of_supply, 14.0)
        # the latest report archived: the window ends on the one before
        latest = self.Report.search(
            [("partner_id", "=", long_.id), ("date", "=", D + timedelta(days=1))]
        )
        latest.action_archive()
        self.assertEqual(long_.coal_supply_date, D)
        self.assertEqual(long_.coal_stockpile, 1400.0)
        self.assertEqual(long_.coal_days_of_supply, 14.0)
        self.assertEqual(short.coal_supply_date, D)
        self.assertEqual(short.coal_avg_burn, 100.0)

    def test_cron_refreshes_every_account(self):
        self._report(D, 100, 1000)
        self.env.cr.execute(
            "UPDATE res_partner SET coal_supply_level = NULL, coal_days_of_supply = NULL"
            " WHERE id = %s",
            [self.account.id],
        )
        self.account.invalidate_recordset()
        self.env.ref("crm_coal.ir_cron_refresh_supply").method_direct_trigger()
        self.assertEqual(self.account.coal_days_of_supply, 10.0)
        self.assertEqual(self.account.coal_supply_level, "amber")

    def test_timeliness_per_representative(self):
        day1 = D
        self._report(day1, 100, 5000, filed_at=datetime(2024, 3, 11, 5, 0))  # on time
        self._report(
            day1 + timedelta(days=1), 100, 5000, filed_at=datetime(2024, 3, 12, 20, 0)
        )  # late: grace ends 10:00
        # day 3 missing
        self.other_account.coal_representative_ids = self.other_rep
        wizard = (
            self.env["crm.coal.timeliness.wizard"]
            .with_user(self.rep)
            .create({"date_from": day1, "date_to": day1 + timedelta(days=2)})
        )
        action = wizard.action_compute()
        lines = (
            self.env[action["res_model"]].with_user(self.rep).search(action["domain"])
        )
        line = lines.filtered(lambda line_: line_.partner_id == self.account)
        self.assertEqual(line.user_id, self.rep)
        self.assertEqual(
            (line.expected, line.on_time, line.late, line.missing, line.pending),
            (3, 1, 1, 1, 0),
        )
        self.assertEqual(line.on_time_rate, 33.33)
        # a representative is measured on the accounts whose reports they can see
        self.assertEqual(lines.partner_id, self.account)
        manager_lines = (
            self.env["crm.coal.timeliness.wizard"]
            .with_user(self.manager)
            .create({"date_from": day1, "date_to": day1 + timedelta(days=2)})
            .action_compute()
        )
        managed = self.env["crm.coal.timeliness.line"].search(manager_lines["domain"])
        self.assertIn(self.other_account, managed.partner_id)
