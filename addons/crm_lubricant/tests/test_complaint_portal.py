# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    """A customer follows its complaints in the portal (reply and messages); a share link
    opens one complaint without an account; nobody else sees them (issue 16, item 7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.seller = new_test_user(
            cls.env,
            login="lub_portal_seller",
            name="Complaint Seller",
            groups="crm_lubricant.group_crm_lubricant_user,base.group_partner_manager",
        )
        cls.seller_no_contacts = new_test_user(
            cls.env,
            login="lub_portal_seller2",
            groups="crm_lubricant.group_crm_lubricant_user",
        )
        # new users get "Contact Creation" by default: this one has it taken away
        cls.seller_no_contacts.groups_id = [
            (3, cls.env.ref("base.group_partner_manager").id)
        ]
        cls.customer_a = Partner.create(
            {
                "name": "Portal Fleet Alpha",
                "is_company": True,
                "lub_owner_id": cls.seller.id,
            }
        )
        cls.customer_b = Partner.create(
            {
                "name": "Portal Fleet Beta",
                "is_company": True,
                "lub_owner_id": cls.seller.id,
            }
        )
        cls.contact_a = Partner.create(
            {
                "name": "Alpha Fleet Manager",
                "parent_id": cls.customer_a.id,
                "email": "a@example.com",
            }
        )
        cls.contact_b = Partner.create(
            {
                "name": "Beta Fleet Manager",
                "parent_id": cls.customer_b.id,
                "email": "b@example.com",
            }
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="lub_portal_a",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="lub_portal_b",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
        )
        Complaint = cls.env["crm.lubricant.complaint"].with_user(cls.seller)
        cls.complaint_a = Complaint.create(
            {
                "partner_id": cls.customer_a.id,
                "contact_id": cls.contact_a.id,
                "description": "Alpha oil pressure low after the change",
                "received_date": date(2026, 11, 2),
            }
        )
        cls.complaint_a.reply = "Alpha sample sent to the laboratory"
        cls.complaint_a.action_reply()
        cls.complaint_b = Complaint.create(
            {
                "partner_id": cls.customer_b.id,
                "description": "Beta grease leaks at high temperature",
                "received_date": date(2026, 11, 3),
            }
        )

    def test_customer_sees_only_its_complaints(self):
        self.authenticate("lub_portal_a", "lub_portal_a")
        page = self.url_open("/my/lubricant/complaints")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.complaint_a.name, page.text)
        self.assertNotIn(self.complaint_b.name, page.text)
        detail = self.url_open(self.complaint_a.access_url)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Alpha sample sent to the laboratory", detail.text)
        self.assertIn("o_portal_chatter", detail.text)
        # another customer's complaint: not found, nothing of it shown
        other = self.url_open(self.complaint_b.access_url)
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("Beta grease leaks", other.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["lub_complaint_count"]}
        )
        self.assertEqual(counters["lub_complaint_count"], 1)

    def test_share_link_opens_one_complaint(self):
        action = self.complaint_b.with_user(self.seller).action_lub_share()
        self.assertEqual(action["res_model"], "portal.share")
        self.assertEqual(action["context"]["active_id"], self.complaint_b.id)
        self.assertEqual(action["context"]["default_partner_ids"], self.customer_b.ids)
        wizard = (
            self.env["portal.share"]
            .with_user(self.seller)
            .with_context(**action["context"])
            .create({"partner_ids": [(6, 0, self.customer_b.ids)]})
        )
        token = self.complaint_b.access_token
        self.assertTrue(token)
        self.assertIn(f"access_token={token}", wizard.share_link)
        # anonymous: the token opens it, no token or a wrong one does not
        self.assertEqual(self.url_open(self.complaint_b.access_url).status_code, 404)
        wrong = self.url_open(f"{self.complaint_b.access_url}?access_token=x{token}")
        self.assertEqual(wrong.status_code, 404)
        ok = self.url_open(f"{self.complaint_b.access_url}?access_token={token}")
        self.assertEqual(ok.status_code, 200)
        self.assertIn("Beta grease leaks at high temperature", ok.text)
        # the token of one complaint does not open another
        self.complaint_a._portal_ensure_token()
        crossed = self.url_open(f"{self.complaint_a.access_url}?access_token={token}")
        self.assertEqual(crossed.status_code, 404)

    def test_customer_message_reaches_the_chatter(self):
        self.authenticate("lub_portal_a", "lub_portal_a")
        self.url_open(self.complaint_a.access_url)
        before = len(self.complaint_a.message_ids)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "crm.lubricant.complaint",
                "thread_id": self.complaint_a.id,
                "post_data": {
                    "body": "Alpha: the pressure dropped again",
                    "message_type": "comment",
                },
                "token": self.complaint_a.access_token,
            },
        )
        self.complaint_a.invalidate_recordset(["message_ids"])
        self.assertEqual(len(self.complaint_a.message_ids), before + 1)
        message = self.complaint_a.message_ids[0]
        self.assertEqual(message.author_id, self.contact_a)
        self.assertIn("pressure dropped again", message.body)

    def test_portal_user_cannot_reach_complaints_directly(self):
        for user in (self.portal_a, self.portal_b):
            with self.assertRaises(AccessError):
                self.complaint_a.with_user(user).read(["reply"])
            with self.assertRaises(AccessError):
                self.complaint_a.with_user(user).action_lub_share()
        # a salesperson who may not create contacts cannot open Odoo's share wizard
        with self.assertRaisesRegex(AccessError, "allowed to create contacts"):
            self.complaint_a.with_user(self.seller_no_contacts).action_lub_share()
        self.assertFalse(self.complaint_b.access_token)
        with self.assertRaises(AccessError):
            self.env["crm.lubricant.complaint"].with_user(self.portal_a).create(
                {"partner_id": self.customer_a.id, "description": "forged"}
            )
        self.assertEqual(
            self.env["crm.lubricant.complaint"].search_count(
                [("description", "=", "forged")]
            ),
            0,
        )
