# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
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


@tagged("post_install", "-at_install")
class TestSuggestionStopWords(KnowledgeCase):
    """Stop words and the minimum text score (issue 14, item 3): text score = words
    shared with the record + 1 for each in the article's title (lib.search
    .suggestion_text_score), default minimum 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # shares only 导致 and function words with the claim below: score 0
        cls.coal = cls._published(
            "港口库存下降导致煤价上涨", "<p>这是我们的问题，的确如此。</p>"
        )
        # 叶轮 in its title: 1 + 1 = 2
        cls.impeller = cls._published("叶轮更换步骤", "<p>拆下泵盖。</p>")
        # 水泵 in its body only: 1
        cls.cooling = cls._published("冷却系统保养", "<p>检查水泵轴承。</p>")
        # 叶轮 and 磨损 in its body: 2
        cls.wear = cls._published("泵体检修记录", "<p>叶轮磨损严重。</p>")
        cls.chairs = cls._published("Ergonomic chairs catalogue")
        cls.tables = cls._published("Price list for 50 tables")
        cls.salesman = new_test_user(
            cls.env,
            login="kb_salesman_stop",
            groups="sales_team.group_sale_salesman_all_leads,crm_knowledge.group_crm_knowledge_reader",
        )
        cls.claim = cls.env["crm.lead"].create(
            {
                "name": "叶轮磨损导致水泵异响",
                "description": "<p>这是我们的问题，的了是。</p>",
            }
        )
        cls.quotation = cls.env["crm.lead"].create({"name": "Quotation for 50 Chairs"})

    def _suggested(self, record):
        record.invalidate_recordset(["knowledge_article_ids"])
        return record.with_user(self.salesman).knowledge_article_ids

    def test_stop_words_do_not_suggest(self):
        # the coal article holds words of the claim's text, only stop words
        self.assertIn(
            self.coal,
            self.Article.with_user(self.reader)._search_knowledge(
                "叶轮磨损导致水泵异响 这是我们的问题"
            ),
        )
        suggested = self._suggested(self.claim)
        self.assertNotIn(self.coal, suggested)
        self.assertIn(self.impeller, suggested)  # 2
        self.assertIn(self.wear, suggested)  # 2
        self.assertNotIn(self.cooling, suggested)  # 1 < 2
        # "for" and "50" link nothing; chairs in the title does
        suggested = self._suggested(self.quotation)
        self.assertIn(self.chairs, suggested)
        self.assertNotIn(self.tables, suggested)

    def test_minimum_score_setting(self):
        Parameter = self.env["ir.config_parameter"].sudo()
        Parameter.set_param("crm_knowledge.suggestion_min_score", "1")
        self.assertIn(self.cooling, self._suggested(self.claim))
        Parameter.set_param("crm_knowledge.suggestion_min_score", "3")
        suggested = self._suggested(self.claim)
        self.assertNotIn(self.impeller, suggested)
        self.assertNotIn(self.wear, suggested)
        # 0: any article sharing a word that is not a stop word
        Parameter.set_param("crm_knowledge.suggestion_min_score", "0")
        suggested = self._suggested(self.claim)
        self.assertIn(self.cooling, suggested)
        self.assertNotIn(self.coal, suggested)

    def test_minimum_score_bounds(self):
        Parameter = self.env["ir.config_parameter"].sudo()
        for value in (-1, 65):
            with (
                self.subTest(value=value),
                self.assertRaises(ValidationError) as caught,
            ):
                self.env["res.config.settings"].create(
                    {"crm_knowledge_suggestion_min_score": value}
                )
            self.assertEqual(
                str(caught.exception),
                "The minimum score of similar words must be between 0 and 64.",
            )
        self.assertFalse(Parameter.get_param("crm_knowledge.suggestion_min_score"))
        settings = self.env["res.config.settings"].create(
            {"crm_knowledge_suggestion_min_score": 3}
        )
        settings.execute()
        self.assertEqual(Parameter.get_param("crm_knowledge.suggestion_min_score"), "3")

    def test_settings_refused_to_a_reader(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.reader).create(
                {"crm_knowledge_suggestion_min_score": 1}
            )
