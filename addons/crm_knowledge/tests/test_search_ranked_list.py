# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Articles list's Text filter ranks like the portal search (issue 14, item 7):
``search_fetch`` orders a search with one Text leaf and no explicit order as
``_search_knowledge_sql`` does."""

from odoo.tests import tagged

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestSearchRankedList(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # created oldest first: the date order would be none, body_one, body_both, title
        cls.title = cls._published("液压系统油温过高", "<p>处理步骤。</p>")
        cls.body_both = cls._published("夏季保养", "<p>液压油 油温 要检查。</p>")
        cls.body_one = cls._published("冬季保养", "<p>检查液压管路。</p>")
        cls.none = cls._published("轮胎气压", "<p>每周检查。</p>")
        cls.portal_one = cls._published(
            "经销商液压手册", "<p>液压 说明。</p>", audience="portal"
        )
        cls.ours = [("category_id", "=", cls.category.id)]
        cls.text = [("search_text", "ilike", "液压 油温")]

    def test_ranked_like_the_portal(self):
        Article = self.Article.with_user(self.reader)
        found = Article.search(self.ours + self.text)
        # every word in the title first; then two words; then one word (in the
        # title, so a higher score, before in the body)
        self.assertEqual(
            list(found),
            [self.title, self.body_both, self.portal_one, self.body_one],
        )
        self.assertEqual(
            list(found),
            list(Article._search_knowledge("液压 油温", domain=self.ours)),
        )
        # OR semantics: an article holding any word counts (the AND filter found 2)
        self.assertEqual(Article.search_count(self.ours + self.text), 4)

    def test_page_is_cut_from_the_ranked_order(self):
        Article = self.Article.with_user(self.reader)
        self.assertEqual(
            list(Article.search(self.ours + self.text, offset=1, limit=2)),
            [self.body_both, self.portal_one],
        )
        records = Article.search_fetch(
            self.ours + self.text, ["name"], offset=0, limit=1
        )
        self.assertEqual(records, self.title)

    def test_explicit_order_wins(self):
        Article = self.Article.with_user(self.reader)
        self.assertEqual(
            list(Article.search(self.ours + self.text, order="id asc")),
            [self.title, self.body_both, self.body_one, self.portal_one],
        )
        # no text leaf, a negated one or two: the model's order
        self.assertEqual(
            list(Article.search(self.ours + [("search_text", "not ilike", "液压")])),
            [self.none],
        )
        self.assertEqual(Article.search(self.ours + ["!"] + self.text), self.none)

    def test_restricted_user_gets_only_what_it_reads(self):
        self.assertEqual(
            self.Article.with_user(self.portal).search(self.ours + self.text),
            self.portal_one,
        )

    def test_one_query_for_the_ranked_page(self):
        Article = self.Article.with_user(self.reader)
        Article.search(self.ours + self.text, limit=2)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            # the ranked SELECT and the fetch of the page (statistics cached)
            Article.search_fetch(self.ours + self.text, ["name"], limit=2)
