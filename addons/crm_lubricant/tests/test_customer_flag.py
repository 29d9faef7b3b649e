# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestCustomerFlag(LubricantCase):
    """Issue 16: the Lubricant CRM shows only the partners it concerns (its tab, the
    customer list and the public pool), marked by the Lubricant Customer flag."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # a customer of another business (coal, furniture): customer_rank only
        cls.other = Partner.create(
            {"name": "Coal Buyer", "is_company": True, "customer_rank": 1}
        )
        cls.protected = Partner.with_user(cls.sales_a).create(
            {"name": "Protected Fleet", "is_company": True, "customer_rank": 1}
        )
        cls.dealer = Partner.create(
            {"name": "Dealer Co", "is_company": True, "lub_is_dealer": True}
        )
        cls.end_customer = Partner.create(
            {"name": "End Customer", "is_company": True, "lub_dealer_id": cls.dealer.id}
        )

    def _action_ids(self, xml_id):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        domain = safe_eval(action["domain"], {"uid": self.env.uid})
        ours = (self.other | self.protected | self.dealer | self.end_customer).ids
        return self.env["res.partner"].search(domain + [("id", "in", ours)])

    def test_flag_follows_protection_dealer_and_end_customer(self):
        self.assertEqual(
            [
                p.lub_customer
                for p in (self.other, self.protected, self.dealer, self.end_customer)
            ],
            [False, True, True, True],
        )
        self.assertEqual(
            self._action_ids("crm_lubricant.res_partner_action_customers"),
            self.protected | self.dealer | self.end_customer,
        )

    def test_flag_kept_in_the_pool_and_set_by_hand(self):
        self.protected.with_user(self.sales_a).action_lub_release()
        self.assertFalse(self.protected.lub_owner_id)
        self.assertTrue(self.protected.lub_customer)
        pool = self._action_ids("crm_lubricant.res_partner_action_pool")
        self.assertEqual(pool, self.protected | self.dealer | self.end_customer)
        self.other.with_user(self.sales_b).write({"lub_customer": True})
        self.assertIn(
            self.other, self._action_ids("crm_lubricant.res_partner_action_pool")
        )

    def test_lubricant_buyer_flagged_by_the_tier_job(self):
        self.confirmed_order(self.other, 500)
        self.assertFalse(self.other.lub_customer)
        self.env["res.partner"]._lub_compute_tiers()
        self.env.invalidate_all()
        self.assertTrue(self.other.lub_customer)
        self.assertIn(
            self.other, self._action_ids("crm_lubricant.res_partner_action_pool")
        )
