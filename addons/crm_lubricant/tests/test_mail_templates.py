# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What crm_lubricant tells people: the complaint reply to the customer and the campaign
budget decision to the requester (mail templates, posted in the chatter, in the
recipient's language)."""

from datetime import date

from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestMailTemplates(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_lubricant")._update_translations(["zh_CN"])
        cls.env.company.email = "lubricants@example.com"
        cls.customer_en = cls.env["res.partner"].create(
            {
                "name": "Harbour Cranes Ltd",
                "is_company": True,
                "email": "cranes@example.com",
                "lang": "en_US",
                "lub_owner_id": cls.sales_a.id,
            }
        )
        cls.customer_zh = cls.env["res.partner"].create(
            {
                "name": "成都公交",
                "is_company": True,
                "email": "bus@example.com",
                "lang": "zh_CN",
                "lub_owner_id": cls.sales_a.id,
            }
        )
        cls.contact_zh = cls.env["res.partner"].create(
            {
                "name": "王工",
                "parent_id": cls.customer_en.id,
                "email": "wang@example.com",
                "lang": "zh_CN",
            }
        )
        cls.campaign_template = cls.env["crm.lubricant.campaign.template"].create(
            {"name": "Technical seminar", "default_budget": 10_000}
        )

    def _complaint(self, partner, contact=None):
        complaint = (
            self.env["crm.lubricant.complaint"]
            .with_user(self.sales_a)
            .create(
                {
                    "partner_id": partner.id,
                    "contact_id": contact.id if contact else False,
                    "product_id": self.product.id,
                    "description": "Oil pressure low after oil change",
                    "received_date": date(2026, 11, 2),
                }
            )
        )
        complaint.reply = (
            "Sample sent to the laboratory; a technician visits on Monday."
        )
        return complaint

    def _sent(self, record):
        return record.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )

    def test_complaint_reply_in_english(self):
        complaint = self._complaint(self.customer_en)
        self.assertFalse(self._sent(complaint))
        complaint.action_reply()
        message = self._sent(complaint)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.customer_en)
        # From the company's address (the customer answers the company), signed by the
        # salesperson who replied.
        self.assertEqual(message.email_from, self.env.company.email_formatted)
        self.assertEqual(message.subject, f"Our reply to your request {complaint.name}")
        self.assertIn("Dear Harbour Cranes Ltd", message.body)
        self.assertIn("a technician visits on Monday", message.body)
        self.assertIn("Salesperson A", message.body)
        self.assertEqual(message.notification_ids.res_partner_id, self.customer_en)

    def test_complaint_reply_in_chinese_to_the_contact(self):
        complaint = self._complaint(self.customer_en, contact=self.contact_zh)
        complaint.action_reply()
        message = self._sent(complaint)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.contact_zh)
        self.assertEqual(message.subject, f"关于您的请求 {complaint.name} 的答复")
        self.assertIn("尊敬的王工", message.body)
        self.assertIn("我们的答复", message.body)
        self.assertNotIn("Our reply", message.body)

    def test_complaint_reply_in_chinese(self):
        complaint = self._complaint(self.customer_zh)
        complaint.action_reply()
        message = self._sent(complaint)
        self.assertEqual(message.partner_ids, self.customer_zh)
        self.assertIn("尊敬的成都公交", message.body)

    def test_no_reply_mail_without_email(self):
        self.customer_zh.email = False
        complaint = self._complaint(self.customer_zh)
        complaint.action_reply()
        self.assertEqual(complaint.state, "replied")
        self.assertFalse(self._sent(complaint))

    def _campaign(self, user):
        campaign = (
            self.env["crm.lubricant.campaign"]
            .with_user(user)
            .create(
                {"name": "Seminar Guangzhou", "template_id": self.campaign_template.id}
            )
        )
        campaign.action_submit()
        return campaign

    def test_campaign_approval_to_requester_in_english(self):
        self.sales_a.lang = "en_US"
        campaign = self._campaign(self.sales_a)
        campaign.with_user(self.manager).action_approve()
        message = self._sent(campaign)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.sales_a.partner_id)
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertEqual(message.subject, "Campaign Seminar Guangzhou: budget approved")
        self.assertIn("10,000.00", message.body)
        self.assertIn("was approved by Lubricant Manager", message.body)

    def test_campaign_refusal_to_requester_in_chinese(self):
        self.sales_b.lang = "zh_CN"
        campaign = self._campaign(self.sales_b)
        campaign.with_user(self.manager).action_refuse()
        self.assertEqual(campaign.state, "draft")
        message = self._sent(campaign)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.sales_b.partner_id)
        self.assertEqual(message.subject, "市场活动 Seminar Guangzhou:预算被驳回")
        self.assertIn("被 Lubricant Manager 驳回", message.body)
        self.assertNotIn("refused", message.body)
