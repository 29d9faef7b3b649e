# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's own click-everywhere crawler (the web client's clickbot) over each app of the
suite that is installed, as admin and as a user with only that app's user group.

The crawl of every app lives here because crm_knowledge is the one addon the suite's
test runs always install; an app that is not installed is skipped with its name."""

from odoo.tests import HttpCase, new_test_user, tagged

CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('%s');"
)
# app: (root menu, the group of a plain user of the app)
APPS = {
    "crm_coal": ("crm_coal.menu_root", "crm_coal.group_crm_coal_user"),
    "crm_lubricant": (
        "crm_lubricant.menu_root",
        "crm_lubricant.group_crm_lubricant_user",
    ),
    "crm_service_station": (
        "crm_service_station.menu_root",
        "crm_service_station.group_crm_service_station_user",
    ),
    "crm_knowledge": (
        "crm_knowledge.menu_root",
        "crm_knowledge.group_crm_knowledge_reader",
    ),
}


@tagged("post_install", "-at_install", "crm_suite_crawler")
class TestClickEverywhere(HttpCase):
    allow_end_on_form = True

    def _crawl(self, app, restricted):
        module = self.env["ir.module.module"].search([("name", "=", app)])
        if module.state != "installed":
            self.skipTest(f"{app} is not installed")
        menu, group = APPS[app]
        login = "admin"
        if restricted:
            login = f"{app}_crawler"
            new_test_user(
                self.env,
                login=login,
                password=login,
                groups=f"base.group_user,{group}",
                tz="Asia/Shanghai",
            )
        else:
            self.env.ref("base.user_admin").tz = "Asia/Shanghai"
        self.browser_js(
            "/odoo",
            CLICKBOT % menu,
            "odoo.isReady === true",
            login=login,
            timeout=900,
            success_signal="clickbot test succeeded",
        )

    def test_coal_as_admin(self):
        self._crawl("crm_coal", restricted=False)

    def test_coal_as_user(self):
        self._crawl("crm_coal", restricted=True)

    def test_lubricant_as_admin(self):
        self._crawl("crm_lubricant", restricted=False)

    def test_lubricant_as_user(self):
        self._crawl("crm_lubricant", restricted=True)

    def test_service_station_as_admin(self):
        self._crawl("crm_service_station", restricted=False)

    def test_service_station_as_user(self):
        self._crawl("crm_service_station", restricted=True)

    def test_knowledge_as_admin(self):
        self._crawl("crm_knowledge", restricted=False)

    def test_knowledge_as_user(self):
        self._crawl("crm_knowledge", restricted=True)
