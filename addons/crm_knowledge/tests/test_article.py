# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestArticle(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = new_test_user(
            cls.env, login="kb_reader", groups="crm_knowledge.group_crm_knowledge_reader"
        )
        cls.editor = new_test_user(
            cls.env, login="kb_editor", groups="crm_knowledge.group_crm_knowledge_editor"
        )
        cls.reviewer = new_test_user(
            cls.env, login="kb_reviewer", groups="crm_knowledge.group_crm_knowledge_editor"
        )
        cls.category = cls.env["crm.knowledge.category"].create(
            {"name": "Engine faults", "reviewer_ids": [(6, 0, cls.reviewer.ids)]}
        )
        cls.article = (
            cls.env["crm.knowledge.article"]
            .with_user(cls.editor)
            .create({"name": "Injector leak", "category_id": cls.category.id})
        )

    def test_review_and_publish(self):
        self.article.action_submit_review()
        self.assertEqual(self.article.state, "in_review")
        self.article.with_user(self.reviewer).action_publish()
        self.assertEqual(self.article.state, "published")
        self.assertTrue(self.article.published_date)
        visible = self.env["crm.knowledge.article"].with_user(self.reader).search(
            [("id", "=", self.article.id)]
        )
        self.assertEqual(visible, self.article)

    def test_reader_does_not_see_drafts(self):
        articles = self.env["crm.knowledge.article"].with_user(self.reader)
        self.assertFalse(articles.search([("id", "=", self.article.id)]))
        with self.assertRaises(AccessError):
            self.article.with_user(self.reader).read(["name"])

    def test_publish_without_review_rights(self):
        self.article.action_submit_review()
        with self.assertRaises(AccessError) as caught:
            self.article.with_user(self.editor).action_publish()
        self.assertIn("not a reviewer of the category", str(caught.exception))
        self.assertEqual(self.article.state, "in_review")

    def test_publish_draft_refused(self):
        with self.assertRaises(UserError) as caught:
            self.article.with_user(self.reviewer).action_publish()
        self.assertIn("must be reviewed before it is published", str(caught.exception))
        self.assertEqual(self.article.state, "draft")

    def test_empty_title_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.knowledge.article"].create(
                {"name": "   ", "category_id": self.category.id}
            )
        self.assertIn("needs a title", str(caught.exception))

    def test_category_cycle_refused(self):
        child = self.env["crm.knowledge.category"].create(
            {"name": "Injectors", "parent_id": self.category.id}
        )
        self.assertEqual(child.complete_name, "Engine faults / Injectors")
        with self.assertRaises(ValidationError) as caught:
            self.category.parent_id = child
        self.assertIn("cannot be its own ancestor", str(caught.exception))
        self.assertFalse(self.category.parent_id)

    def test_reader_cannot_write(self):
        with self.assertRaises(AccessError):
            self.env["crm.knowledge.article"].with_user(self.reader).create(
                {"name": "Mine", "category_id": self.category.id}
            )
