# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The asker is told when someone else answers the question (mail template, posted in
the question's chatter, in the asker's language)."""

from odoo.tests import tagged

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestMailTemplates(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_knowledge")._update_translations(["zh_CN"])

    def _ask(self, lang):
        self.reader.lang = lang
        return (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create(
                {"name": "CK-4 in old trucks?", "expert_ids": [(6, 0, self.editor.ids)]}
            )
        )

    def _answer(self, question, user, body):
        return (
            self.env["crm.knowledge.answer"]
            .with_user(user)
            .create({"question_id": question.id, "body": body})
        )

    def _sent(self, question):
        return question.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )

    def test_answer_notifies_the_asker_in_english(self):
        question = self._ask("en_US")
        self._answer(question, self.editor, "<p>Yes, CK-4 is backward compatible.</p>")
        message = self._sent(question)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.reader.partner_id)
        self.assertEqual(message.author_id, self.editor.partner_id)
        self.assertEqual(
            message.subject, "Your question has a new answer: CK-4 in old trucks?"
        )
        self.assertIn(f"{self.editor.name} answered your question", message.body)
        self.assertIn("CK-4 is backward compatible", message.body)

    def test_answer_notifies_the_asker_in_chinese(self):
        question = self._ask("zh_CN")
        self._answer(question, self.editor, "<p>可以，CK-4 向下兼容 CI-4。</p>")
        message = self._sent(question)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.reader.partner_id)
        self.assertEqual(message.subject, "您的问题有了新回答:CK-4 in old trucks?")
        self.assertIn("回答了您的问题", message.body)
        self.assertIn("CK-4 向下兼容 CI-4", message.body)
        self.assertNotIn("answered your question", message.body)

    def test_own_answer_notifies_nobody(self):
        question = self._ask("en_US")
        self._answer(question, self.reader, "<p>Found it myself.</p>")
        self.assertEqual(question.answer_count, 1)
        self.assertFalse(self._sent(question))
