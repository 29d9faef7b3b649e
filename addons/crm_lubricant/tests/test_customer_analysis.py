# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestCustomerAnalysis(LubricantCase):
    """Seed 001's request record and analyses; every figure computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create(
            {
                "name": "Analysis Fleet A",
                "is_company": True,
                "lub_owner_id": cls.sales_a.id,
            }
        )
        cls.customer_b = Partner.create(
            {
                "name": "Analysis Mine B",
                "is_company": True,
                "lub_owner_id": cls.sales_b.id,
            }
        )
        cls.today = fields.Date.context_today(cls.env["res.partner"])

    def _order(self, partner, amount, user, days_ago=5):
        order = self.confirmed_order(partner, amount)
        order.write(
            {
                "user_id": user.id,
                "date_order": fields.Datetime.now() - timedelta(days=days_ago),
            }
        )
        return order

    def _request(self, partner, request_type="complaint", days_ago=3, **values):
        return self.env["crm.lubricant.complaint"].create(
            {
                "partner_id": partner.id,
                "description": "Analysis request",
                "request_type": request_type,
                "received_date": self.today - timedelta(days=days_ago),
                **values,
            }
        )

    def _rows(self, user=None):
        Report = self.env["crm.lubricant.salesperson.report"]
        if user:
            Report = Report.with_user(user)
        return {
            row.user_id: row
            for row in Report.search(
                [("user_id", "in", (self.sales_a | self.sales_b).ids)]
            )
        }

    def test_request_record(self):
        request = self._request(
            self.customer_a, "suggestion", prevalence="widespread"
        ).with_user(self.sales_a)
        self.assertEqual(request.request_type, "suggestion")
        self.assertEqual(request.prevalence, "widespread")
        self.assertEqual(request.receiver_id, self.env.user)
        self.assertEqual(request.salesperson_id, self.sales_a)
        default = self._request(self.customer_b)
        self.assertEqual(default.prevalence, "single")
        self.assertEqual(default.salesperson_id, self.sales_b)

    def test_sales_versus_complaints(self):
        for amount in (1000.0, 2000.0, 500.0):
            self._order(self.customer_a, amount, self.sales_a)
        self._order(
            self.customer_a, 9999.0, self.sales_a, days_ago=400
        )  # out of window
        self._request(self.customer_a)
        self._request(self.customer_a, "suggestion")  # a suggestion is no complaint
        self._request(self.customer_a, days_ago=400)  # out of window
        self._request(self.customer_b)
        self._request(self.customer_b)
        archived = self._request(self.customer_b)
        archived.active = False
        self.env.flush_all()
        rows = self._rows()
        # by hand: A 3 orders, 3,500 untaxed, 1 complaint -> 100 * 1 / 3 = 33.33 per 100
        self.assertEqual(rows[self.sales_a].order_count, 3)
        self.assertEqual(rows[self.sales_a].revenue, 3500.0)
        self.assertEqual(rows[self.sales_a].complaint_count, 1)
        self.assertEqual(rows[self.sales_a].complaint_rate, 33.33)
        # B: no order, 2 active complaints: a count, no rate
        self.assertEqual(rows[self.sales_b].order_count, 0)
        self.assertEqual(rows[self.sales_b].complaint_count, 2)
        self.assertFalse(rows[self.sales_b].complaint_rate)

    def test_report_follows_the_lubricant_scope(self):
        Category = self.env["product.category"]
        lubricants = Category.create({"name": "Analysis Lubricants"})
        self.product.categ_id = lubricants
        coal = self.env["product.product"].create(
            {
                "name": "Analysis coal",
                "categ_id": Category.create({"name": "Analysis Coal"}).id,
            }
        )
        self._order(self.customer_a, 1000.0, self.sales_a)
        coal_order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "user_id": self.sales_a.id,
                "order_line": [
                    (0, 0, {"product_id": coal.id, "price_unit": 7000.0, "tax_id": []})
                ],
            }
        )
        coal_order.action_confirm()
        self.env.company.lub_scope_categ_ids = lubricants
        self.env.flush_all()
        row = self._rows()[self.sales_a]
        self.assertEqual((row.order_count, row.revenue), (1, 1000.0))

    def test_report_access(self):
        self._order(self.customer_a, 1000.0, self.sales_a)
        self.env.flush_all()
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.salesperson.report"].with_user(self.sales_a).search(
                []
            )
        self.assertIn(self.sales_a, self._rows(self.manager))
        # another company's figures stay in that company
        other = self.env["res.company"].create({"name": "Analysis Other Co"})
        self.env["crm.lubricant.complaint"].create(
            {
                "partner_id": self.customer_b.id,
                "description": "Other company request",
                "company_id": other.id,
            }
        )
        self.env.flush_all()
        Report = self.env["crm.lubricant.salesperson.report"].with_user(self.manager)
        self.assertFalse(Report.search([("company_id", "=", other.id)]))
        # a manager of both companies sees it only with that company selected
        self.manager.write({"company_ids": [(4, other.id)]})
        main = Report.with_context(allowed_company_ids=[self.env.company.id])
        self.assertFalse(main.search([("company_id", "=", other.id)]))
        self.assertEqual(
            Report.with_context(allowed_company_ids=[other.id])
            .search([("user_id", "=", self.sales_b.id)])
            .complaint_count,
            1,
        )

    def test_outcome_and_source(self):
        Lead = self.env["crm.lead"]
        lead = Lead.create({"name": "Analysis open", "type": "opportunity"})
        self.assertEqual(lead.lub_outcome, "open")
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.stage_id = won_stage
        self.assertEqual(lead.lub_outcome, "won")
        lost = Lead.create({"name": "Analysis lost", "type": "opportunity"})
        lost.action_set_lost()
        self.assertEqual(lost.lub_outcome, "lost")
        source = self.env.ref("crm_lubricant.utm_source_referral")
        self.assertEqual(source.name, "朋友推荐")
        converted = Lead.create(
            {
                "name": "Analysis referral",
                "partner_name": "Analysis Referred Workshop",
                "source_id": source.id,
            }
        )
        converted._handle_partner_assignment(create_missing=True)
        self.assertEqual(converted.partner_id.lub_source_id, source)
