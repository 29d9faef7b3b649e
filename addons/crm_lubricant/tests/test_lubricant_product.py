# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestLubricantProduct(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lub_user = new_test_user(
            cls.env, login="lub_user", groups="crm_lubricant.group_crm_lubricant_user"
        )
        cls.lub_manager = new_test_user(
            cls.env,
            login="lub_manager",
            groups="crm_lubricant.group_crm_lubricant_manager,product.group_product_manager",
        )
        cls.drum = cls.env["crm.lubricant.pack.size"].create(
            {"name": "Drum 200 L", "volume": 200}
        )

    def test_lubricant_with_grade_and_packs(self):
        product = (
            self.env["product.template"]
            .with_user(self.lub_manager)
            .create(
                {
                    "name": "CK-4 15W-40",
                    "lub_category": "engine_oil",
                    "lub_viscosity_grade": "15W-40",
                    "lub_specification": "API CK-4",
                    "lub_pack_size_ids": [(6, 0, self.drum.ids)],
                }
            )
        )
        found = (
            self.env["product.template"]
            .with_user(self.lub_user)
            .search([("lub_category", "=", "engine_oil"), ("id", "=", product.id)])
        )
        self.assertEqual(found.lub_pack_size_ids, self.drum)
        for grade in ("0W-20", "85W90", "40", "ISO VG 46", "NLGI 2"):
            product.lub_viscosity_grade = grade
            self.assertEqual(product.lub_viscosity_grade, grade)

    def test_bad_viscosity_grade(self):
        product = self.env["product.template"].create(
            {"name": "Oil", "lub_category": "gear_oil"}
        )
        for grade in ("thick", "15W-", "ISO 46x"):
            with self.assertRaises(ValidationError) as caught:
                product.write({"lub_viscosity_grade": grade})
            self.assertIn("is not a viscosity grade", str(caught.exception))
        self.assertFalse(product.lub_viscosity_grade)

    def test_pack_volume_positive(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.lubricant.pack.size"].create({"name": "Empty", "volume": 0})
        self.assertIn("must be positive", str(caught.exception))

    def test_user_cannot_edit_pack_sizes(self):
        packs = self.env["crm.lubricant.pack.size"].with_user(self.lub_user)
        self.assertTrue(packs.search([("id", "=", self.drum.id)]))
        with self.assertRaises(AccessError):
            packs.create({"name": "1 L", "volume": 1})
        with self.assertRaises(AccessError):
            self.drum.with_user(self.lub_user).write({"volume": 210})
