# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestSuggestion(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.energy = cls.env.ref("base.res_partner_industry_D")
        cls.by_industry = cls._published(
            "Power plant coal contracts", industry_ids=[(6, 0, cls.energy.ids)]
        )
        cls.by_words = cls._published("高压油泵漏油的排查", "<p>更换 O 形圈。</p>")
        cls.unrelated = cls._published("Dealer training plan")
        cls.draft = cls.Article.with_user(cls.editor).create(
            {"name": "高压油泵草稿", "category_id": cls.category.id}
        )
        cls.salesman = new_test_user(
            cls.env,
            login="kb_salesman",
            groups="sales_team.group_sale_salesman_all_leads,crm_knowledge.group_crm_knowledge_reader",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "华能电厂", "industry_id": cls.energy.id, "is_company": True}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "高压油泵漏油 投诉",
                "partner_id": cls.partner.id,
                "description": "<p>客户反映冷车启动困难，怀疑高压油泵漏油。</p>",
            }
        )

    def test_partner_suggestions_by_industry(self):
        partner = self.partner.with_user(self.salesman)
        self.assertIn(self.by_industry, partner.knowledge_article_ids)
        self.assertNotIn(self.unrelated, partner.knowledge_article_ids)
        self.assertEqual(
            partner.knowledge_article_count, len(partner.knowledge_article_ids)
        )

    def test_lead_suggestions_by_words_and_industry(self):
        lead = self.lead.with_user(self.salesman)
        suggested = lead.knowledge_article_ids
        self.assertIn(self.by_words, suggested)
        self.assertIn(self.by_industry, suggested)
        self.assertNotIn(self.draft, suggested)
        self.assertNotIn(self.unrelated, suggested)
        action = lead.action_view_knowledge_articles()
        self.assertEqual(action["domain"], [("id", "in", suggested.ids)])

    def test_no_suggestion_without_knowledge_rights(self):
        plain = new_test_user(
            self.env,
            login="kb_plain",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        with self.assertRaises(AccessError):
            self.lead.with_user(plain).read(["knowledge_article_ids"])

    def test_long_description_is_not_an_error(self):
        words = " ".join(f"word{i}" for i in range(200))
        self.lead.description = f"<p>{words}</p>"
        self.assertIsNotNone(self.lead.with_user(self.salesman).knowledge_article_ids)

    def test_create_article_from_lead(self):
        # a knowledge editor who may not read the lead is refused (reading it comes first)
        with self.assertRaises(AccessError):
            self.lead.with_user(self.editor).action_create_knowledge_article()
        self.editor.groups_id = [
            (4, self.env.ref("sales_team.group_sale_salesman_all_leads").id)
        ]
        action = self.lead.with_user(self.editor).action_create_knowledge_article()
        article = self.Article.browse(action["res_id"])
        self.assertEqual(article.state, "draft")
        self.assertEqual(
            article.category_id, self.env.ref("crm_knowledge.category_case_library")
        )
        self.assertEqual(article.name, self.lead.name)
        self.assertIn("怀疑高压油泵漏油", article.body)
        self.assertEqual(article.industry_ids, self.energy)
        self.assertEqual(article.author_id, self.editor)

    def test_create_article_needs_editor(self):
        with self.assertRaises(AccessError) as caught:
            self.lead.with_user(self.salesman).action_create_knowledge_article()
        self.assertIn("Only knowledge editors", str(caught.exception))

    def test_at_most_five_explained_suggestions(self):
        for index in range(7):
            self._published(f"电厂案例 {index}", industry_ids=[(6, 0, self.energy.ids)])
        # eight articles share the partner's industry: five are suggested
        self.assertEqual(
            len(self.partner.with_user(self.salesman).knowledge_article_ids), 5
        )
        lead = self.lead.with_user(self.salesman)
        self.assertLessEqual(len(lead.knowledge_article_ids), 5)
        action = lead.action_view_knowledge_articles()
        shown = self.Article.with_user(self.salesman).with_context(**action["context"])
        reasons = dict(
            (a.id, a.suggestion_reason)
            for a in shown.browse((self.by_words | self.by_industry).ids)
        )
        self.assertEqual(reasons[self.by_words.id], "Similar words")
        self.assertEqual(
            reasons[self.by_industry.id], f"Same industry: {self.energy.display_name}"
        )
        # without the context (the main Articles list) there is no reason
        self.assertFalse(self.by_words.with_user(self.salesman).suggestion_reason)

    def test_not_relevant_on_one_record_only(self):
        other = self.env["crm.lead"].create(
            {"name": "高压油泵漏油 第二例", "partner_id": self.partner.id}
        )
        lead = self.lead.with_user(self.salesman)
        self.assertIn(self.by_words, lead.knowledge_article_ids)
        context = lead.action_view_knowledge_articles()["context"]
        self.by_words.with_user(self.salesman).with_context(
            **context
        ).action_knowledge_not_relevant()
        lead.invalidate_recordset()
        self.assertNotIn(self.by_words, lead.knowledge_article_ids)
        self.assertIn(
            self.by_words, other.with_user(self.salesman).knowledge_article_ids
        )
        Dismissal = self.env["crm.knowledge.suggestion.dismissal"]
        mark = Dismissal.search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", self.lead.id)]
        )
        self.assertEqual(
            (mark.article_id, mark.user_id), (self.by_words, self.salesman)
        )
        # marked twice: still one mark
        self.by_words.with_user(self.salesman).with_context(
            **context
        ).action_knowledge_not_relevant()
        self.assertEqual(Dismissal.search_count([("res_id", "=", self.lead.id)]), 1)

    def test_not_relevant_refused_without_access_or_source(self):
        Dismissal = self.env["crm.knowledge.suggestion.dismissal"]
        before = Dismissal.search_count([])
        article = self.by_words.with_user(self.reader)
        # a reader who may not read the lead (no sales rights)
        with self.assertRaises(AccessError):
            article.with_context(
                knowledge_source_model="crm.lead", knowledge_source_id=self.lead.id
            ).action_knowledge_not_relevant()
        # a record that has no suggestions, or no record at all
        for context in (
            {
                "knowledge_source_model": "res.users",
                "knowledge_source_id": self.reader.id,
            },
            {},
        ):
            with self.subTest(context=context), self.assertRaises(UserError) as caught:
                article.with_context(**context).action_knowledge_not_relevant()
            self.assertEqual(
                str(caught.exception),
                "Open the suggested articles from a record to mark them.",
            )
        # nor write a mark directly
        with self.assertRaises(AccessError):
            Dismissal.with_user(self.salesman).create(
                {
                    "article_id": article.id,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                }
            )
        self.assertEqual(Dismissal.search_count([]), before)
