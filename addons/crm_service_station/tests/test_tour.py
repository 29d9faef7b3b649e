# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
import unittest

from odoo.tests import HttpCase, common as odoo_test_common, tagged

from .common import ServiceCommon


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
class TestStationTour(HttpCase, ServiceCommon):
    """The station main path of a service manager in the web client (static/tests/tours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tour_station = cls.env["res.partner"].create(
            {
                "name": "Tour Station 16",
                "is_company": True,
                "is_service_station": True,
                "station_code": "TS-16",
                "station_level": "b",
                "city": "Tour City",
                "station_labor_rate": 80.0,
                "station_qualification_until": cls.today + timedelta(days=365),
            }
        )
        engines = cls.env["stock.lot"].create(
            [
                {
                    "name": name,
                    "product_id": cls.engine_product.id,
                    "engine_warranty_start": cls.today - timedelta(days=100),
                }
                for name in ("TOUR-ENG-16A", "TOUR-ENG-16B")
            ]
        )
        cls.env["crm.service.claim"].create(
            [cls._claim_vals(station=cls.tour_station, engine=e) for e in engines]
        )

    def test_station_tour(self):
        missing = browser_missing()
        if missing:
            self.fail(f"The station browser tour cannot run: {missing}.")
        self.start_tour("/odoo", "crm_service_station_tour", login="admin")
