# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestKnowledgeSuggestion(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kb_editor = new_test_user(
            cls.env,
            login="css_kb_editor",
            groups="crm_service_station.group_crm_service_station_user,"
            "crm_knowledge.group_crm_knowledge_editor",
        )
        cls.category = cls.env["crm.knowledge.category"].create(
            {"name": "Test engine faults"}
        )
        Article = cls.env["crm.knowledge.article"]
        cls.by_product = Article.create(
            {
                "name": "T615 maintenance intervals",
                "category_id": cls.category.id,
                "product_ids": [(6, 0, cls.engine_product.ids)],
                "body": "<p>Change the oil every 30,000 km.</p>",
            }
        )
        cls.by_words = Article.create(
            {
                "name": "喷油器漏油的排查",
                "category_id": cls.category.id,
                "body": "<p>喷油器 O 形圈老化导致漏油。</p>",
            }
        )
        cls.unrelated = Article.create(
            {
                "name": "Coal calorific value conversion",
                "category_id": cls.category.id,
                "body": "<p>Q5500 to Q5000.</p>",
            }
        )
        cls.draft = Article.create(
            {
                "name": "T615 draft notes",
                "category_id": cls.category.id,
                "product_ids": [(6, 0, cls.engine_product.ids)],
            }
        )
        published = cls.by_product | cls.by_words | cls.unrelated
        published.action_submit_review()
        published.action_publish()
        cls.claim = cls.env["crm.service.claim"].create(
            cls._claim_vals(description="喷油器漏油,更换 O 形圈")
        )

    def test_claim_suggests_articles_by_engine_and_words(self):
        claim = self.claim.with_user(self.service_user)
        suggested = claim.knowledge_article_ids
        self.assertIn(self.by_product, suggested)
        self.assertIn(self.by_words, suggested)
        self.assertNotIn(self.unrelated, suggested)
        self.assertNotIn(self.draft, suggested, "drafts are never suggested")
        self.assertEqual(claim.knowledge_article_count, len(suggested))
        action = claim.action_view_knowledge_articles()
        self.assertEqual(action["res_model"], "crm.knowledge.article")
        self.assertEqual(action["domain"], [("id", "in", suggested.ids)])

    def test_repair_and_request_suggestions(self):
        repair = self._repair(service_symptom="喷油器漏油")
        self.assertIn(
            self.by_product, repair.with_user(self.service_user).knowledge_article_ids
        )
        self.assertIn(
            self.by_words, repair.with_user(self.service_user).knowledge_article_ids
        )
        request = self.env["crm.service.request"].create(
            {
                "request_type": "consultation",
                "description": "喷油器漏油怎么办?",
                "lot_id": self.engine.id,
            }
        )
        suggested = request.with_user(self.service_user).knowledge_article_ids
        self.assertIn(self.by_words, suggested)
        self.assertIn(self.by_product, suggested)

    def test_solved_claim_becomes_case_article(self):
        action = self.claim.with_user(self.kb_editor).action_create_knowledge_article()
        article = self.env["crm.knowledge.article"].browse(action["res_id"])
        self.assertEqual(article.state, "draft")
        self.assertEqual(
            article.category_id, self.env.ref("crm_knowledge.category_case_library")
        )
        self.assertIn(self.engine_product, article.product_ids)
        self.assertIn("喷油器漏油", article.body)

    def test_service_user_without_editor_rights_cannot_write_articles(self):
        before = self.env["crm.knowledge.article"].search_count([])
        with self.assertRaises(AccessError) as caught:
            self.claim.with_user(self.service_user).action_create_knowledge_article()
        self.assertIn("Only knowledge editors", str(caught.exception))
        self.assertEqual(self.env["crm.knowledge.article"].search_count([]), before)
