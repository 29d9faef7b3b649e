# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Configuration > Product Lines lists the engine product lines only, not every product
category of the database (issue 16, item 2)."""

import ast

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestProductLines(ServiceCommon):
    def test_menu_lists_product_lines_only(self):
        self.categ_heavy.service_product_line = True
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.product_category_action_product_lines"
        )
        self.assertEqual(
            self.env.ref("crm_service_station.product_category_menu").action.id,
            action["id"],
        )
        lines = self.env["product.category"].search(ast.literal_eval(action["domain"]))
        self.assertIn(self.categ_heavy, lines)
        self.assertNotIn(self.categ_other, lines)
        self.assertNotIn(self.env.ref("product.product_category_all"), lines)
        new = (
            self.env["product.category"]
            .with_context(**ast.literal_eval(action["context"]))
            .create({"name": "Test Marine Engines"})
        )
        self.assertTrue(new.service_product_line)

    def test_used_categories_are_flagged_on_update(self):
        # the policy of ServiceCommon uses categ_heavy; categ_other is used by no one
        (self.categ_heavy | self.categ_other).service_product_line = False
        station = self.env["res.partner"].create(
            {
                "name": "Line Station",
                "station_product_category_ids": self.categ_engines.ids,
            }
        )
        flagged = self.env["product.category"]._service_flag_product_lines()
        self.assertIn(self.policy.category_id, flagged)
        self.assertTrue(self.policy.category_id.service_product_line)
        self.assertTrue(self.categ_engines.service_product_line)
        self.assertIn(self.categ_engines, station.station_product_category_ids)
        self.assertFalse(self.categ_other.service_product_line)

    def test_service_user_cannot_flag(self):
        with self.assertRaises(AccessError):
            self.categ_other.with_user(self.service_user).write(
                {"service_product_line": True}
            )
        self.assertFalse(self.categ_other.service_product_line)
