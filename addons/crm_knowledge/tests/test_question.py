# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestQuestion(KnowledgeCase):
    def test_ask_answer_accept_promote(self):
        question = (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create(
                {
                    "name": "国三老车能否使用 CK-4 机油？",
                    "description": "<p>客户有一批国三重卡。</p>",
                    "expert_ids": [(6, 0, self.editor.ids)],
                }
            )
        )
        todo = question.activity_ids
        self.assertEqual(todo.user_id, self.editor)
        answer = (
            self.env["crm.knowledge.answer"]
            .with_user(self.editor)
            .create(
                {
                    "question_id": question.id,
                    "body": "<p>可以，CK-4 向下兼容 CI-4。</p>",
                }
            )
        )
        self.assertFalse(question.activity_ids, "answering closes the expert's to-do")
        with self.assertRaises(UserError):
            question.with_user(self.editor).action_promote_to_faq()
        with self.assertRaises(AccessError):
            answer.with_user(self.portal).action_accept()
        answer.with_user(self.reader).action_accept()
        self.assertEqual(question.state, "answered")
        self.assertEqual(question.accepted_answer_id, answer)
        action = question.with_user(self.editor).action_promote_to_faq()
        article = self.Article.browse(action["res_id"])
        self.assertEqual(
            article.category_id, self.env.ref("crm_knowledge.category_faq")
        )
        self.assertEqual(article.state, "draft")
        self.assertIn("CK-4 向下兼容 CI-4", article.body)
        self.assertIn("国三重卡", article.body)
        self.assertEqual(question.state, "closed")
        with self.assertRaises(UserError) as caught:
            question.with_user(self.editor).action_promote_to_faq()
        self.assertIn("already an FAQ", str(caught.exception))

    def test_only_asker_or_editor_accepts(self):
        question = (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create({"name": "Which grease for crushers?"})
        )
        answer = (
            self.env["crm.knowledge.answer"]
            .with_user(self.manager)
            .create(
                {"question_id": question.id, "body": "<p>NLGI 2 lithium complex.</p>"}
            )
        )
        other_reader = new_test_user(
            self.env,
            login="kb_reader2",
            groups="crm_knowledge.group_crm_knowledge_reader",
        )
        with self.assertRaises(AccessError):
            answer.with_user(other_reader).action_accept()
        answer.with_user(self.editor).action_accept()
        self.assertTrue(answer.is_accepted)

    def test_empty_question_and_closed_question(self):
        with self.assertRaises(ValidationError):
            self.env["crm.knowledge.question"].create({"name": "  "})
        question = (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create({"name": "Closed soon"})
        )
        question.with_user(self.reader).action_close()
        with self.assertRaises(UserError) as caught:
            self.env["crm.knowledge.answer"].create(
                {"question_id": question.id, "body": "<p>late</p>"}
            )
        self.assertIn("is closed", str(caught.exception))
