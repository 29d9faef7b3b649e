# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestFeedback(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = cls._published("Coal moisture FAQ", audience="portal")
        cls.voters = [
            new_test_user(
                cls.env,
                login=f"kb_voter{i}",
                groups="crm_knowledge.group_crm_knowledge_reader",
            )
            for i in range(6)
        ]

    def test_vote_counts(self):
        for voter in self.voters[:4]:
            self.article.with_user(voter).action_vote_helpful()
        self.article.with_user(self.voters[4]).action_vote_not_helpful()
        self.article.with_user(self.portal).action_vote_helpful()
        self.assertEqual(
            (
                self.article.helpful_count,
                self.article.not_helpful_count,
                self.article.vote_count,
            ),
            (5, 1, 6),
        )
        self.assertAlmostEqual(self.article.helpfulness, 500 / 6)
        self.assertGreater(self.article.most_useful_score, 0.4)
        self.assertEqual(self.article.with_user(self.voters[0]).user_vote, "helpful")
        self.assertEqual(
            self.article.with_user(self.voters[4]).user_vote, "not_helpful"
        )
        self.assertFalse(self.article.with_user(self.voters[5]).user_vote)

    def test_voting_twice_refused(self):
        self.article.with_user(self.reader).action_vote_helpful()
        with self.assertRaises(UserError) as caught:
            self.article.with_user(self.reader).action_vote_not_helpful()
        self.assertIn("already voted", str(caught.exception))
        self.assertEqual(self.article.helpful_count, 1)
        # the database refuses it too
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["crm.knowledge.vote"].create(
                    {
                        "article_id": self.article.id,
                        "user_id": self.reader.id,
                        "helpful": False,
                    }
                )

    def test_vote_on_draft_refused(self):
        draft = self.Article.with_user(self.editor).create(
            {"name": "Draft", "category_id": self.category.id}
        )
        with self.assertRaises(UserError) as caught:
            draft.with_user(self.editor).action_vote_helpful()
        self.assertIn("Only published articles", str(caught.exception))

    def test_view_count_single_update_no_tracking(self):
        messages = len(self.article.message_ids)
        write_date = self.article.write_date
        with self.assertQueryCount(1):
            self.article._increment_view_count()
        self.article._increment_view_count()
        self.assertEqual(self.article.view_count, 2)
        self.assertEqual(len(self.article.message_ids), messages)
        self.assertEqual(self.article.write_date, write_date)

    def test_form_registers_views(self):
        """The article form calls action_register_view each time it shows an article."""
        self.article.with_user(self.portal).action_register_view()
        self.assertEqual(self.article.view_count, 1)
        draft = self.Article.with_user(self.editor).create(
            {"name": "Draft", "category_id": self.category.id}
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.reader).action_register_view()
        view = self.env.ref("crm_knowledge.crm_knowledge_article_view_form")
        self.assertIn('js_class="crm_knowledge_article_form"', view.arch)

    def test_most_and_least_useful_order(self):
        loved = self.article
        hated = self._published("Confusing article")
        one_vote = self._published("One vote")
        for voter in self.voters[:5]:
            loved.with_user(voter).action_vote_helpful()
            hated.with_user(voter).action_vote_not_helpful()
        one_vote.with_user(self.voters[5]).action_vote_helpful()
        articles = loved | hated | one_vote
        most = self.Article.search(
            [("id", "in", articles.ids)], order="most_useful_score desc, id desc"
        )
        self.assertEqual(list(most), [loved, one_vote, hated])
        least = self.Article.search(
            [("id", "in", articles.ids)], order="least_useful_score desc, id desc"
        )
        self.assertEqual(least[0], hated)
        # the report actions order that way
        view = self.env.ref(
            "crm_knowledge.crm_knowledge_article_view_list_least_useful"
        )
        arch = self.Article.get_view(view.id, "list")["arch"]
        self.assertIn('default_order="least_useful_score desc', arch)
