# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tree of articles (issue 14 item 5): parent and sub-articles (Odoo's parent store), no
cycle, a sub-article in its parent's company, moving is not a content change (no review
proposal) and only editors move; the path shows the parents the user may read."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestArticleTree(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Revision = cls.env["crm.knowledge.article.revision"]
        cls.root = cls._published("发动机维修手册", "<p>总目录</p>")
        cls.fuel = cls._published(
            "燃油系统", "<p>燃油系统各章</p>", parent_id=cls.root.id
        )
        cls.injector = cls._published(
            "喷油器故障排查", "<p>先检查油压。</p>", parent_id=cls.fuel.id
        )
        cls.pump = cls._published("水泵漏水", "<p>检查水封。</p>")

    def test_tree_paths_children_and_breadcrumb(self):
        self.assertEqual(self.fuel.parent_id, self.root)
        self.assertEqual(
            self.injector.parent_path,
            f"{self.root.id}/{self.fuel.id}/{self.injector.id}/",
        )
        self.assertEqual(self.root.child_ids, self.fuel)
        self.assertEqual(self.root.child_count, 1)
        self.assertEqual(self.fuel.child_count, 1)
        self.assertEqual(self.injector.child_count, 0)
        self.assertEqual(self.injector.parent_breadcrumb, "发动机维修手册 / 燃油系统")
        self.assertEqual(self.fuel.parent_breadcrumb, "发动机维修手册")
        self.assertFalse(self.root.parent_breadcrumb)
        # child_of follows the tree
        self.assertEqual(
            self.Article.search([("id", "child_of", self.root.id)]),
            self.root | self.fuel | self.injector,
        )
        action = self.root.action_view_children()
        self.assertEqual(action["domain"], [("parent_id", "=", self.root.id)])
        self.assertEqual(action["context"]["default_parent_id"], self.root.id)

    def test_editor_moves_a_published_article_without_a_proposal(self):
        revisions = self.Revision.search([("article_id", "=", self.injector.id)])
        self.assertEqual(len(revisions), 1)
        body = self.injector.body
        self.injector.with_user(self.editor).write({"parent_id": self.pump.id})
        self.assertEqual(self.injector.parent_id, self.pump)
        self.assertEqual(
            self.injector.parent_path, f"{self.pump.id}/{self.injector.id}/"
        )
        self.assertEqual(self.injector.parent_breadcrumb, "水泵漏水")
        self.assertEqual(self.fuel.child_count, 0)
        # not a content change: still published, same text, no new or pending revision
        self.assertEqual(self.injector.state, "published")
        self.assertEqual(self.injector.body, body)
        self.assertEqual(
            self.Revision.search([("article_id", "=", self.injector.id)]), revisions
        )
        self.assertEqual(self.injector.pending_revision_count, 0)
        # back to the top of the tree
        self.injector.with_user(self.editor).write({"parent_id": False})
        self.assertEqual(self.injector.parent_path, f"{self.injector.id}/")
        self.assertFalse(self.injector.parent_breadcrumb)

    def test_moving_a_branch_moves_its_sub_articles(self):
        self.fuel.with_user(self.editor).write({"parent_id": self.pump.id})
        self.assertEqual(
            self.injector.parent_path,
            f"{self.pump.id}/{self.fuel.id}/{self.injector.id}/",
        )
        self.assertEqual(self.injector.parent_breadcrumb, "水泵漏水 / 燃油系统")

    def test_cycle_refused(self):
        for parent in (self.injector, self.root):
            with self.subTest(parent=parent.name):
                with self.assertRaises(ValidationError) as caught:
                    self.root.with_user(self.editor).write({"parent_id": parent.id})
                self.assertEqual(
                    caught.exception.args[0],
                    "An article cannot be nested under itself or under one of its own"
                    " sub-articles.",
                )
                self.assertFalse(self.root.parent_id)
                self.assertEqual(self.injector.parent_id, self.fuel)

    def test_reader_cannot_move(self):
        with self.assertRaises(AccessError):
            self.injector.with_user(self.reader).write({"parent_id": self.pump.id})
        self.assertEqual(self.injector.parent_id, self.fuel)

    def test_editor_cannot_nest_under_an_article_they_cannot_read(self):
        closed = self.Category.create(
            {"name": "Board only", "group_ids": [(6, 0, self.dealer_group.ids)]}
        )
        hidden = self._published(
            "董事会纪要", "<p>内部</p>", category=closed, author=self.manager
        )
        with self.assertRaises(AccessError):
            self.injector.with_user(self.editor).write({"parent_id": hidden.id})
        self.assertEqual(self.injector.parent_id, self.fuel)

    def test_sub_article_in_its_parent_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.manager.company_ids = [(4, other.id)]
        foreign = self.Article.with_user(self.manager).create(
            {
                "name": "外厂手册",
                "category_id": self.category.id,
                "company_id": other.id,
            }
        )
        # an editor of one company does not even reach the other company's article
        with self.assertRaises(AccessError):
            self.injector.with_user(self.editor).write({"parent_id": foreign.id})
        # a user of both companies is told why
        with self.assertRaises(ValidationError) as caught:
            self.injector.with_user(self.manager).write({"parent_id": foreign.id})
        self.assertEqual(
            caught.exception.args[0],
            "喷油器故障排查 cannot be nested under 外厂手册: a sub-article belongs to the"
            " company of its parent article (Other Co).",
        )
        self.assertEqual(self.injector.parent_id, self.fuel)
        # a parent does not leave its sub-articles in another company
        with self.assertRaises(ValidationError) as caught:
            self.fuel.with_user(self.manager).write({"company_id": other.id})
        company = self.root.company_id.name
        self.assertEqual(
            caught.exception.args[0],
            "燃油系统 cannot be nested under 发动机维修手册: a sub-article belongs to the"
            f" company of its parent article ({company}).",
        )
        with self.assertRaises(ValidationError) as caught:
            self.root.with_user(self.manager).write({"company_id": other.id})
        self.assertEqual(
            caught.exception.args[0],
            "发动机维修手册 has sub-articles of another company (燃油系统): it cannot move"
            " to Other Co.",
        )
        self.assertEqual(self.root.company_id, self.env.company)
        # a parent shared by every company holds articles of any company
        self.pump.sudo().company_id = False
        foreign.with_user(self.manager).write({"parent_id": self.pump.id})
        self.assertEqual(foreign.parent_id, self.pump)

    def test_breadcrumb_shows_only_the_parents_the_user_may_read(self):
        draft = self.Article.with_user(self.editor).create(
            {"name": "草稿章节", "category_id": self.category.id}
        )
        self.fuel.with_user(self.editor).write({"parent_id": draft.id})
        self.assertEqual(
            self.injector.with_user(self.editor).parent_breadcrumb,
            "草稿章节 / 燃油系统",
        )
        # readers see published articles only: the draft is left out of the path
        self.assertEqual(
            self.injector.with_user(self.reader).parent_breadcrumb, "燃油系统"
        )
        self.assertEqual(
            self.injector.with_user(self.reader).parent_id.name, "燃油系统"
        )

    @users("kb_editor")
    def test_breadcrumb_in_batch(self):
        articles = self.Article.browse((self.root | self.fuel | self.injector).ids)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            articles.mapped("parent_breadcrumb")
        more = articles | self.Article.browse(self.pump.ids)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            more.mapped("parent_breadcrumb")

    def test_hierarchy_view_draggable(self):
        views = self.Article.with_user(self.editor).get_views([(False, "hierarchy")])
        arch = views["views"]["hierarchy"]["arch"]
        self.assertIn('draggable="1"', arch)
        self.assertIn('child_field="child_ids"', arch)
        action = self.env.ref("crm_knowledge.crm_knowledge_article_action")
        self.assertIn("hierarchy", action.view_mode.split(","))
