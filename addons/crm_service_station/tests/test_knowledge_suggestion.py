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

    def test_case_article_sections_and_links_both_ways(self):
        claim = self.claim.with_user(self.kb_editor)
        self.assertEqual(claim.knowledge_case_article_count, 0)
        action = claim.action_create_knowledge_article()
        article = self.env["crm.knowledge.article"].browse(action["res_id"])
        # symptom, cause (failure code, no causal part here), solution (the labor and
        # part lines, not travel), the engine model and the part replaced
        self.assertEqual(article.case_symptom, "喷油器漏油,更换 O 形圈")
        self.assertEqual(article.case_cause, self.failure.display_name)
        labor, part = (
            self.claim.line_ids.filtered(lambda line: line.kind == "labor"),
            (self.claim.line_ids.filtered(lambda line: line.kind == "part")),
        )
        self.assertEqual(
            article.case_solution,
            f"{labor._line_label()}\n{part._line_label()} × 2",
        )
        self.assertEqual(article.case_model_id, self.engine_product)
        self.assertEqual(article.case_part_ids, self.part)
        self.assertEqual(article.product_ids, self.engine_product | self.part)
        for heading in ("Symptom", "Cause", "Solution", "Model", "Parts"):
            self.assertIn(f"<h3>{heading}</h3>", article.body)
        # linked both ways: the article opens the claim, the claim counts its article
        self.assertEqual(
            (article.source_model, article.source_res_id, article.source_name),
            ("crm.service.claim", self.claim.id, self.claim.display_name),
        )
        opened = article.with_user(self.kb_editor).action_open_source()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), (self.claim._name, self.claim.id)
        )
        claim.invalidate_recordset()
        self.assertEqual(claim.knowledge_case_article_count, 1)
        self.assertEqual(
            self.env["crm.knowledge.article"].search(
                claim.action_view_knowledge_case_articles()["domain"]
            ),
            article,
        )
        # once published, it is suggested on a similar case (same engine model)
        article.action_submit_review()
        article.action_publish()
        similar = self.env["crm.service.claim"].create(
            self._claim_vals(description="发动机无法启动")
        )
        self.assertIn(
            article, similar.with_user(self.service_user).knowledge_article_ids
        )

    def test_source_link_is_not_writable_and_needs_read_access(self):
        action = self.claim.with_user(self.kb_editor).action_create_knowledge_article()
        article = self.env["crm.knowledge.article"].browse(action["res_id"])
        with self.assertRaises(AccessError):
            article.with_user(self.kb_editor).write(
                {"source_model": "res.users", "source_res_id": self.env.uid}
            )
        self.assertEqual(article.source_model, "crm.service.claim")
        # a knowledge editor who may not read claims cannot open the source
        outsider = new_test_user(
            self.env,
            login="css_kb_outsider",
            groups="crm_knowledge.group_crm_knowledge_editor",
        )
        with self.assertRaises(AccessError):
            article.with_user(outsider).action_open_source()
