# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestKeyAccount(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coal_user = new_test_user(
            cls.env, login="coal_rep", groups="crm_coal.group_crm_coal_user"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        cls.plant = cls.env["res.partner"].create(
            {"name": "Test Power Plant", "is_company": True}
        )

    def test_register_key_account(self):
        plant = self.plant.with_user(self.coal_user)
        plant.write(
            {
                "coal_key_account": True,
                "coal_grade": "a",
                "coal_annual_demand": 2_000_000,
                "coal_our_share": 35,
            }
        )
        self.assertEqual(plant.coal_our_annual_volume, 700_000)
        accounts = (
            self.env["res.partner"]
            .with_user(self.coal_user)
            .search([("coal_key_account", "=", True), ("id", "=", plant.id)])
        )
        self.assertEqual(accounts, plant)

    def test_key_account_needs_grade(self):
        with self.assertRaises(ValidationError) as caught:
            self.plant.with_user(self.coal_user).write({"coal_key_account": True})
        self.assertIn("needs a grade", str(caught.exception))
        self.assertFalse(self.plant.coal_key_account)

    def test_share_out_of_range(self):
        for share in (-1, 100.5):
            with self.assertRaises(ValidationError) as caught:
                self.plant.with_user(self.coal_user).write({"coal_our_share": share})
            self.assertIn("between 0 and 100", str(caught.exception))
        self.assertEqual(self.plant.coal_our_share, 0)

    @mute_logger("odoo.sql_db")
    def test_negative_demand(self):
        with self.assertRaisesRegex(IntegrityError, "coal_annual_demand_positive"):
            with self.env.cr.savepoint():
                self.plant.write({"coal_annual_demand": -5})

    def test_user_without_group_refused(self):
        with self.assertRaises(AccessError):
            self.plant.with_user(self.plain_user).write({"coal_grade": "a"})
        with self.assertRaises(AccessError):
            self.plant.with_user(self.plain_user).read(["coal_grade"])
