# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestRepair(ServiceCommon):
    def test_eligibility_covered(self):
        repair = self._repair()
        self.assertTrue(repair.warranty_eligible)
        self.assertEqual(repair.warranty_reason, "covered")
        self.assertEqual(repair.warranty_reason_text, "Covered by the warranty policy.")

    def test_eligibility_expired_by_km(self):
        repair = self._repair(service_mileage_km=250000)
        self.assertFalse(repair.warranty_eligible)
        self.assertEqual(repair.warranty_reason, "expired_by_km")
        self.assertIn(
            "above the warranty limit of 200000 km", repair.warranty_reason_text
        )

    def test_eligibility_paid_repair(self):
        repair = self._repair(service_type="paid")
        self.assertFalse(repair.warranty_eligible)
        self.assertEqual(repair.warranty_reason, "not_claimable")

    def test_odoo_warranty_flag_follows_eligibility(self):
        repair = self._repair()
        self.assertTrue(repair.under_warranty)
        repair.service_mileage_km = 250000  # beyond the 200,000 km of the policy
        self.assertEqual(repair.warranty_reason, "expired_by_km")
        self.assertFalse(repair.under_warranty)
        repair.service_mileage_km = 1000
        self.assertTrue(repair.under_warranty)
        # paid and goodwill repairs keep what the user ticks
        paid = self._repair(service_type="paid")
        self.assertFalse(paid.under_warranty)
        paid.under_warranty = True
        paid.service_mileage_km = 2000
        self.assertTrue(paid.under_warranty)

    def test_quotation_repriced_when_eligibility_changes(self):
        part = self.env["product.product"].create(
            {"name": "Injector", "type": "consu", "list_price": 300.0}
        )
        repair = self._repair()
        repair.move_ids = [
            Command.create(
                {"product_id": part.id, "product_uom_qty": 1, "repair_line_type": "add"}
            )
        ]
        repair.action_create_sale_order()
        line = repair.sale_order_id.order_line
        self.assertEqual(line.product_id, part)
        self.assertEqual(
            line.price_unit, 0.0
        )  # the maker pays: parts at 0 for the customer
        repair.service_mileage_km = 250000  # beyond the policy's 200,000 km
        self.assertFalse(repair.under_warranty)
        self.assertEqual(line.price_unit, 300.0)
        repair.service_mileage_km = 60000
        self.assertTrue(repair.under_warranty)
        self.assertEqual(line.price_unit, 0.0)

    def test_eligibility_expired_by_date(self):
        old = self.env["stock.lot"].create(
            {
                "name": "T615-OLD",
                "product_id": self.engine_product.id,
                "engine_warranty_start": self.today - timedelta(days=900),
            }
        )
        repair = self._repair(engine=old)
        self.assertFalse(repair.warranty_eligible)
        self.assertEqual(repair.warranty_reason, "expired_by_date")

    def test_done_records_reading_and_refuses_backwards_mileage(self):
        self.env["crm.service.engine.reading"].create(
            {
                "lot_id": self.engine.id,
                "date": self.today - timedelta(days=30),
                "mileage_km": 60000,
            }
        )
        repair = self._repair(service_mileage_km=55000)
        repair.action_validate()
        repair.action_repair_start()
        with self.assertRaises(ValidationError) as caught:
            repair.action_repair_end()
        self.assertIn("lower than the previous reading 60000", str(caught.exception))
        self.assertEqual(repair.state, "under_repair")
        repair.service_mileage_km = 61000
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.service_completed_date, self.today)
        self.assertEqual(self.engine.engine_mileage_km, 61000)
