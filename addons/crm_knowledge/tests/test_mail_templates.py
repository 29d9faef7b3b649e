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

    def _notices(self, record, partner):
        """The notices ``partner`` got on ``record`` in their Odoo inbox (the tests set
        inbox notifications: a notice e-mailed is deleted once sent). Notifications are
        not in message_ids (that field hides them)."""
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", partner.ids),
            ],
            order="id desc",
        )

    def test_expert_asked_in_their_language(self):
        self.editor.lang = "zh_CN"
        self.editor.notification_type = "inbox"
        question = self._ask("en_US")
        activity = question.activity_ids
        self.assertEqual(activity.user_id, self.editor)
        self.assertEqual(activity.summary, "回答问题：CK-4 in old trucks?")
        self.assertIn("请您作为专家回答", activity.note)
        self.assertNotIn("asks you", activity.note)
        # one notice: Odoo's assignment of the to-do, with the summary in their language
        notice = self._notices(question, self.editor.partner_id)
        self.assertEqual(len(notice), 1)
        self.assertIn("回答问题：CK-4 in old trucks?", notice.body)
        # naming a second expert tells only the new one, in their language
        self.manager.lang = "en_US"
        self.manager.notification_type = "inbox"
        question.expert_ids = [(4, self.manager.id)]
        self.assertEqual(len(self._notices(question, self.editor.partner_id)), 1)
        self.assertEqual(len(self._notices(question, self.manager.partner_id)), 1)
        activity = question.activity_ids.filtered(
            lambda act: act.user_id == self.manager
        )
        self.assertEqual(activity.summary, "Answer the question: CK-4 in old trucks?")
        self.assertIn("asks you, as an expert", activity.note)

    def test_change_author_told_the_decision(self):
        article = self._published("喷油器故障排查", "<p>先检查油压。</p>")
        Revision = self.env["crm.knowledge.article.revision"]
        # approved, to an author reading Chinese
        self.editor.lang = "zh_CN"
        self.editor.notification_type = "inbox"
        article.with_user(self.editor).write({"body": "<p>先检查油压和回油量。</p>"})
        pending = Revision.search(
            [("article_id", "=", article.id), ("status", "=", "pending")]
        )
        pending.with_user(self.reviewer).action_approve()
        notice = self._notices(article, self.editor.partner_id)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.subject, "您的修改已发布:喷油器故障排查")
        self.assertIn("修订版 2", notice.body)
        self.assertNotIn("published as revision", notice.body)
        # rejected, to an author reading English
        self.editor.lang = "en_US"
        article.with_user(self.editor).write({"body": "<p>只检查回油量。</p>"})
        pending = Revision.search(
            [("article_id", "=", article.id), ("status", "=", "pending")]
        )
        pending.with_user(self.reviewer).action_reject()
        notices = self._notices(article, self.editor.partner_id)
        self.assertEqual(len(notices), 2)
        self.assertEqual(
            notices[0].subject, "Your change was not accepted: 喷油器故障排查"
        )
        self.assertIn("the published text stays", notices[0].body)

    def test_reviewer_deciding_own_change_is_not_told(self):
        article = self._published("油压检查", "<p>先检查油压。</p>")
        self.category.minor_edit_chars = 0
        article.with_user(self.reviewer).write({"body": "<p>先检查油压和油温。</p>"})
        pending = self.env["crm.knowledge.article.revision"].search(
            [("article_id", "=", article.id), ("status", "=", "pending")]
        )
        self.assertEqual(pending.author_id, self.reviewer)
        self.reviewer.notification_type = "inbox"
        pending.with_user(self.reviewer).action_approve()
        self.assertFalse(self._notices(article, self.reviewer.partner_id))
