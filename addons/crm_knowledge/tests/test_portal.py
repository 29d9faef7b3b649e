# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import re

from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Article = cls.env["crm.knowledge.article"]
        cls.portal = new_test_user(
            cls.env, login="kb_portal_http", groups="base.group_portal"
        )
        category = cls.env["crm.knowledge.category"].create({"name": "Portal test"})

        def published(name, body, audience):
            article = cls.Article.create(
                {
                    "name": name,
                    "body": body,
                    "category_id": category.id,
                    "audience": audience,
                }
            )
            article.action_submit_review()
            article.action_publish()
            return article

        cls.for_portal = published(
            "经销商换油指南", "<p>换油周期 3 万公里。</p>", "portal"
        )
        cls.internal = published(
            "内部价格审批流程", "<p>换油 折扣 审批。</p>", "internal"
        )
        cls.public = published("公开规格书", "<p>ISO VG 46 规格。</p>", "public")
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "guide.txt",
                "raw": b"oil change guide",
                "res_model": cls.Article._name,
                "res_id": cls.for_portal.id,
            }
        )
        cls.internal_note_attachment = cls.env["ir.attachment"].create(
            {
                "name": "margins.txt",
                "datas": base64.b64encode(b"secret margins"),
                "res_model": cls.Article._name,
                "res_id": cls.for_portal.id,
            }
        )
        cls.for_portal.message_post(
            body="internal",
            attachment_ids=cls.internal_note_attachment.ids,
            subtype_xmlid="mail.mt_note",
        )

    def test_portal_reads_portal_article(self):
        self.authenticate("kb_portal_http", "kb_portal_http")
        response = self.url_open(f"/knowledge/article/{self.for_portal.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("换油周期 3 万公里", response.text)
        self.assertIn("guide.txt", response.text)
        self.assertNotIn("margins.txt", response.text)
        self.assertEqual(self.for_portal.view_count, 1)

    def test_portal_gets_404_on_internal_article(self):
        self.authenticate("kb_portal_http", "kb_portal_http")
        response = self.url_open(f"/knowledge/article/{self.internal.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("内部价格审批流程", response.text)
        missing = self.url_open("/knowledge/article/999999999")
        self.assertEqual(missing.status_code, 404)

    def test_search_does_not_leak_internal_titles(self):
        self.authenticate("kb_portal_http", "kb_portal_http")
        response = self.url_open("/knowledge?q=换油")
        self.assertEqual(response.status_code, 200)
        self.assertIn("经销商换油指南", response.text)
        self.assertNotIn("内部价格审批流程", response.text)
        self.assertIn("<mark>换油</mark>", response.text)
        home = self.url_open("/knowledge")
        self.assertNotIn("内部价格审批流程", home.text)

    def test_attachment_download(self):
        self.authenticate("kb_portal_http", "kb_portal_http")
        base = f"/knowledge/article/{self.for_portal.id}/attachment"
        response = self.url_open(f"{base}/{self.attachment.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"oil change guide")
        self.assertEqual(
            self.url_open(f"{base}/{self.internal_note_attachment.id}").status_code, 404
        )

    def test_vote(self):
        self.authenticate("kb_portal_http", "kb_portal_http")
        page = self.url_open(f"/knowledge/article/{self.for_portal.id}")
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        url = f"/knowledge/article/{self.for_portal.id}/vote"
        response = self.url_open(url, data={"helpful": "1", "csrf_token": csrf_token})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you for your vote", response.text)
        self.assertEqual(self.for_portal.helpful_count, 1)
        response = self.url_open(url, data={"helpful": "0", "csrf_token": csrf_token})
        self.assertIn("already voted", response.text)
        self.assertEqual(self.for_portal.vote_count, 1)

    def test_public_link(self):
        # anonymous: only with the token, only for public-link articles
        self.assertEqual(
            self.url_open(f"/knowledge/article/{self.public.id}").status_code, 404
        )
        response = self.url_open(self.public.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("ISO VG 46", response.text)
        self.internal._portal_ensure_token()
        response = self.url_open(self.internal.get_portal_url())
        self.assertEqual(response.status_code, 404)
        # the portal home lists the knowledge base
        self.authenticate("kb_portal_http", "kb_portal_http")
        self.assertIn("/knowledge", self.url_open("/my/home").text)
