# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's demo data lies in one Chinese company in CNY (issue 16, item 5): every
demo record of the installed suite addons that belongs to a company belongs to it, its
money is in yuan, and Odoo's own demo company keeps none of it."""

import unittest

from odoo.tests import TransactionCase, tagged

SUITE = ("crm_coal", "crm_lubricant", "crm_service_station", "crm_knowledge")


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref(
            "base.demo_company_crm_suite", raise_if_not_found=False
        )
        if not cls.company:
            raise unittest.SkipTest(
                "installed without demo data: no suite demo company"
            )
        cls.installed = (
            cls.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )

    def _demo_records(self):
        """{model: records} of the suite's demo xml ids (named *_demo)."""
        rows = self.env["ir.model.data"].search_read(
            [("module", "in", self.installed), ("name", "=like", "%\\_demo")],
            ["model", "res_id"],
        )
        by_model = {}
        for row in rows:
            by_model.setdefault(row["model"], []).append(row["res_id"])
        return {
            model: self.env[model].browse(ids).exists()
            for model, ids in by_model.items()
            if model in self.env
        }

    def test_one_chinese_company_in_yuan(self):
        cny = self.env.ref("base.CNY")
        self.assertEqual(self.company.currency_id, cny)
        self.assertEqual(self.company.country_id, self.env.ref("base.cn"))
        self.assertEqual(self.company.name, "华夏动力能源集团有限公司")
        self.assertIn(self.company, self.env.ref("base.user_admin").company_ids)
        if "account.chart.template" in self.env:
            self.assertEqual(self.company.chart_template, "generic_coa")
            self.assertTrue(
                self.env["account.journal"].search_count(
                    [("company_id", "=", self.company.id), ("type", "=", "purchase")]
                )
            )

    def test_every_demo_record_in_the_demo_company(self):
        """In the demo company, or shared (no company: contacts, products, categories);
        never in Odoo's own demo company."""
        checked = 0
        for model, records in self._demo_records().items():
            field = records._fields.get("company_id")
            if field is None or field.type != "many2one" or not field.store:
                continue
            for record in records:
                self.assertIn(
                    record.company_id,
                    (self.company, self.env["res.company"]),
                    f"{model} {record.display_name} is not in the suite's demo company",
                )
                checked += record.company_id == self.company
        # crm_knowledge alone holds 17 such records (articles, categories, users...)
        self.assertGreater(checked, 20 if len(self.installed) > 1 else 15)

    def test_demo_money_in_yuan(self):
        records = self._demo_records()
        if "sale.order" in self.env:  # not installed with crm_knowledge alone
            orders = records.get("sale.order", self.env["sale.order"])
            self.assertTrue(orders)
            self.assertEqual(orders.currency_id, self.env.ref("base.CNY"))
            self.assertEqual(orders.company_id, self.company)
        users = records.get("res.users", self.env["res.users"])
        own_users = users.filtered(lambda user: user.company_id == self.company)
        if users:  # crm_knowledge alone declares no demo user of its own
            self.assertTrue(own_users)
        # Odoo's demo users are given the company by every suite addon's demo
        odoo_users = self.env.ref("base.user_demo") | self.env.ref("base.demo_user0")
        for user in own_users | odoo_users:
            self.assertIn(self.company, user.company_ids)
