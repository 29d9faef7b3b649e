# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
import unittest

from odoo import fields
from odoo.tests import HttpCase, common as odoo_test_common, new_test_user, tagged


def browser_missing():
    """Why the browser tour cannot run here, or None: said loudly, never skipped."""
    if odoo_test_common.websocket is None:
        return "the websocket-client package is missing from Odoo's environment"
    try:
        odoo_test_common._find_executable()
    except unittest.SkipTest:  # how Odoo says that Chrome is not found
        return "no Chrome or Chromium executable was found"
    return None


@tagged("post_install", "-at_install")
class TestCoalTour(HttpCase):
    """The key-account path of a coal salesperson in the web client (static/tests/tours):
    the Coal CRM app, the key accounts, one account's grade, days of supply and credit
    limit, its on-site reports, one report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"]
        for key, value in (
            ("supply_window_days", 7),
            ("supply_red_days", 7),
            ("supply_amber_days", 15),
            ("supply_normal_days", 20),
            ("credit_hold", "1"),
            ("credit_limit_a", 12_345_678),
        ):
            icp.set_param(f"crm_coal.{key}", value)
        cls.seller = new_test_user(
            cls.env,
            login="coal_tour_seller",
            name="Coal Tour Seller",
            groups="base.group_user,crm_coal.group_crm_coal_user",
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Tour Coal Plant 16",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
                "user_id": cls.seller.id,
            }
        )
        today = fields.Date.today()
        # two reports: burns of 400 t and 600 t (500 t a day), 8,000 t on the latest day
        cls.env["crm.coal.site.report"].create(
            [
                {
                    "partner_id": cls.account.id,
                    "user_id": cls.seller.id,
                    "date": today - timedelta(days=2),
                    "burn_t": 400,
                    "stockpile_t": 8600,
                },
                {
                    "partner_id": cls.account.id,
                    "user_id": cls.seller.id,
                    "date": today - timedelta(days=1),
                    "burn_t": 600,
                    "stockpile_t": 8000,
                    "quality_complaint": "Tour complaint: moisture above the contract",
                },
            ]
        )

    def test_coal_tour(self):
        missing = browser_missing()
        if missing:
            self.fail(f"The coal browser tour cannot run: {missing}.")
        # the figures the tour reads on the screens: 8,000 t / 500 t a day, watch level
        self.assertEqual(self.account.coal_days_of_supply, 16.0)
        self.assertEqual(self.account.coal_supply_level, "watch")
        self.assertEqual(self.account.coal_credit_limit, 12_345_678)
        self.start_tour("/odoo", "crm_coal_tour", login=self.seller.login)

    def test_unbounded_quality_limit_shows_empty(self):
        """A rejection limit with one bound shows the other empty, not "0.00" (issue 16)."""
        missing = browser_missing()
        if missing:
            self.fail(f"The coal browser tour cannot run: {missing}.")
        contract = self.env["crm.coal.contract"].create(
            {
                "name": "TOUR-LIMITS",
                "partner_id": self.account.id,
                "date_start": fields.Date.today(),
                "price": 700,
                "base_cv": 5500,
                "term_ids": [
                    (0, 0, {"kind": "rejection", "parameter": "cv", "minimum": 4500}),
                    (0, 0, {"kind": "rejection", "parameter": "ash", "maximum": 25}),
                ],
            }
        )
        # 0 stands for "no bound": the pricing rule gets None, the screen shows nothing
        limits = {term.parameter: term._to_limit() for term in contract.term_ids}
        self.assertIsNone(limits["cv"].maximum)
        self.assertIsNone(limits["ash"].minimum)
        self.start_tour(
            f"/odoo/action-crm_coal.crm_coal_contract_action/{contract.id}",
            "crm_coal_quality_term_tour",
            login="admin",
        )
