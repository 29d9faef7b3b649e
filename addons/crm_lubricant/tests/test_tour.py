# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import unittest

from odoo.tests import HttpCase, common as odoo_test_common, new_test_user, tagged

# Dwarfs every other sale of the database (the demo data of all installed addons), so
# that the tour's customer is tier A whatever else was sold.
BIG_AMOUNT = 5_000_000_000


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
class TestLubricantTour(HttpCase):
    """The customer path of a lubricant salesperson in the web client (static/tests/tours):
    the Lubricant CRM app, the customers, one customer and its value tier, the pipeline
    card of its opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo company restricts its lubricant business to the demo branches and
        # products: the tour's opportunity must be in scope without them
        cls.env["res.company"].search([]).write(  # pylint: disable=no-search-all
            {"lub_scope_team_ids": [(5, 0, 0)], "lub_scope_categ_ids": [(5, 0, 0)]}
        )
        cls.env["ir.config_parameter"].set_param("crm_lubricant.tier_basis", "revenue")
        cls.seller = new_test_user(
            cls.env,
            login="lub_tour_seller",
            name="Lubricant Tour Seller",
            groups="base.group_user,crm_lubricant.group_crm_lubricant_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Lubricant Fleet 16",
                "is_company": True,
                "customer_rank": 1,
                "lub_customer": True,
                "lub_owner_id": cls.seller.id,
            }
        )
        product = cls.env["product.product"].create(
            {
                "name": "Tour CK-4 15W-40",
                "lub_category": "engine_oil",
                "list_price": 100.0,
            }
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": BIG_AMOUNT,
                            "tax_id": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        cls.env["res.partner"]._lub_compute_tiers()
        cls.env["crm.lead"].create(
            {
                "name": "Tour Fleet Oil Tender 16",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.seller.id,
                "expected_revenue": 876_543,
            }
        )

    def test_lubricant_tour(self):
        missing = browser_missing()
        if missing:
            self.fail(f"The lubricant browser tour cannot run: {missing}.")
        # the figures the tour reads on the screens
        self.assertEqual(self.customer.lub_tier, "A")
        self.assertEqual(self.customer.lub_tier_contribution, BIG_AMOUNT)
        self.start_tour("/odoo", "crm_lubricant_tour", login=self.seller.login)
