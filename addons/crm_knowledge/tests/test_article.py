# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestArticle(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = cls.Article.with_user(cls.editor).create(
            {
                "name": "Injector leak",
                "category_id": cls.category.id,
                "body": "<p>Old text</p>",
            }
        )

    def test_review_and_publish(self):
        self.article.action_submit_review()
        self.assertEqual(self.article.state, "in_review")
        self.assertTrue(self.article.with_user(self.reviewer).can_review)
        self.assertFalse(self.article.with_user(self.editor).can_review)
        self.article.with_user(self.reviewer).action_publish()
        self.assertEqual(self.article.state, "published")
        self.assertTrue(self.article.published_date)
        self.assertEqual(
            self.article.last_review_date, fields.Date.context_today(self.article)
        )
        visible = self.Article.with_user(self.reader).search(
            [("id", "=", self.article.id)]
        )
        self.assertEqual(visible, self.article)

    def test_reader_does_not_see_drafts(self):
        articles = self.Article.with_user(self.reader)
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

    def test_state_write_goes_through_lifecycle(self):
        """Writing the state directly (RPC) is refused: only the buttons move it."""
        with self.assertRaises(AccessError) as caught:
            self.article.with_user(self.editor).write({"state": "published"})
        self.assertIn("change only through its actions", str(caught.exception))
        self.article.action_submit_review()
        with self.assertRaises(UserError) as caught:
            self.article.with_user(self.editor).action_archive_article()
        self.assertIn("set it back to draft first", str(caught.exception))
        self.assertEqual(self.article.state, "in_review")

    def test_same_state_button_refused(self):
        self.article.action_submit_review()
        with self.assertRaises(UserError) as caught:
            self.article.with_user(self.editor).action_submit_review()
        self.assertIn("Injector leak is already In Review", str(caught.exception))
        with self.assertRaises(AccessError):
            self.article.with_user(self.manager).write({"state": "in_review"})

    def test_unpublish_and_archive_need_reviewer(self):
        self.article.action_submit_review()
        self.article.with_user(self.reviewer).action_publish()
        for action in ("action_back_to_draft", "action_archive_article"):
            with self.assertRaises(AccessError) as caught:
                getattr(self.article.with_user(self.editor), action)()
            self.assertIn(
                "not a reviewer of the category Engine faults", str(caught.exception)
            )
        self.article.with_user(self.reviewer).action_archive_article()
        self.assertEqual(self.article.state, "archived")
        self.article.with_user(self.editor).action_back_to_draft()
        self.assertEqual(self.article.state, "draft")

    def test_new_article_must_be_draft(self):
        with self.assertRaises(UserError) as caught:
            self.Article.with_user(self.manager).create(
                {
                    "name": "Shortcut",
                    "category_id": self.category.id,
                    "state": "published",
                }
            )
        self.assertIn("starts as a draft", str(caught.exception))

    def test_empty_title_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.Article.create({"name": "   ", "category_id": self.category.id})
        self.assertIn("needs a title", str(caught.exception))

    def test_category_cycle_refused(self):
        child = self.Category.create(
            {"name": "Injectors", "parent_id": self.category.id}
        )
        self.assertEqual(child.complete_name, "Engine faults / Injectors")
        with self.assertRaises(ValidationError) as caught:
            self.category.parent_id = child
        self.assertIn("cannot be its own ancestor", str(caught.exception))
        self.assertFalse(self.category.parent_id)

    def test_reader_cannot_write(self):
        with self.assertRaises(AccessError):
            self.Article.with_user(self.reader).create(
                {"name": "Mine", "category_id": self.category.id}
            )

    def test_tags_industries_unique_tag(self):
        tag = (
            self.env["crm.knowledge.tag"]
            .with_user(self.editor)
            .create({"name": "冷启动测试"})
        )
        industry = self.env.ref("base.res_partner_industry_H")
        self.article.write(
            {"tag_ids": [(6, 0, tag.ids)], "industry_ids": [(6, 0, industry.ids)]}
        )
        self.assertEqual(self.article.tag_ids, tag)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["crm.knowledge.tag"].create({"name": "冷启动测试"})

    def test_attachment_count(self):
        self.env["ir.attachment"].create(
            {
                "name": "pump.pdf",
                "datas": base64.b64encode(b"%PDF-1.4"),
                "res_model": self.article._name,
                "res_id": self.article.id,
            }
        )
        self.assertEqual(self.article.attachment_count, 1)
        action = self.article.action_view_attachments()
        self.assertEqual(
            action["domain"],
            [("res_model", "=", self.article._name), ("res_id", "=", self.article.id)],
        )

    def test_category_path_in_the_reader_language(self):
        """The category path shows each name in the reader's language (the stored
        complete_name keeps the language it was computed in)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_knowledge")._update_translations(["zh_CN"])
        case = self.env.ref("crm_knowledge.category_case_library")
        child = self.Category.create({"name": "喷油器", "parent_id": case.id})
        self.assertEqual(
            child.with_context(lang="zh_CN").display_name, "案例库 / 喷油器"
        )
        self.assertEqual(
            child.with_context(lang="en_US").display_name, "Case Library / 喷油器"
        )
        # found by its own name in Chinese
        Category = self.Category.with_context(lang="zh_CN")
        self.assertIn(child, Category.search([("display_name", "ilike", "喷油器")]))


@tagged("post_install", "-at_install")
class TestRevision(KnowledgeCase):
    def test_revision_on_publish_and_on_each_change(self):
        article = self._published("Oil change interval", "<p>Every 30,000 km.</p>")
        self.assertEqual(len(article.revision_ids), 1)
        first = article.revision_ids
        self.assertEqual(first.number, 1)
        self.assertEqual(first.author_id, self.manager)
        self.assertEqual(first.body, article.body)
        self.assertEqual(first.diff_summary, "First published version")

        article.with_user(self.editor).write(
            {"body": "<p>Every 40,000 km.</p><p>Check the oil level weekly.</p>"}
        )
        # the editor's change waits for review (test_change_review), then goes live
        self.assertEqual(len(article.revision_ids), 2)
        article.revision_ids.filtered(lambda r: r.status == "pending").with_user(
            self.reviewer
        ).action_approve()
        second = article.revision_ids.sorted("number")[-1]
        self.assertEqual((second.number, second.previous_id), (2, first))
        self.assertEqual(second.author_id, self.editor)
        self.assertEqual(second.diff_summary, "2 line(s) added, 1 line(s) removed")
        self.assertIn("<del>30</del>", second.diff_html)
        self.assertIn("<ins>40</ins>", second.diff_html)
        self.assertIn("Check the oil level weekly.", second.diff_html)

        # a change that does not touch the content keeps no revision
        article.with_user(self.editor).write({"owner_id": self.reviewer.id})
        self.assertEqual(len(article.revision_ids), 2)
        # a change of the title alone is a revision
        article.with_user(self.editor).write({"name": "Oil change intervals"})
        third = article.revision_ids.sorted("id")[-1]
        self.assertEqual(third.status, "pending")
        third.with_user(self.reviewer).action_approve()
        self.assertEqual((third.number, article.name), (3, "Oil change intervals"))
        self.assertEqual(third.diff_summary, "Title changed")
        self.assertIn("<ins>Oil change intervals</ins>", third.diff_html)

    def test_draft_changes_keep_no_revision(self):
        article = self.Article.with_user(self.editor).create(
            {"name": "Draft", "category_id": self.category.id}
        )
        article.write({"body": "<p>work in progress</p>"})
        self.assertFalse(article.revision_ids)

    def test_revision_escapes_text(self):
        article = self._published("XSS", "<p>safe</p>")
        article.write({"body": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"})
        last = article.revision_ids.sorted("number")[-1]
        self.assertNotIn("<script>", last.diff_html)
        self.assertIn("&lt;script&gt;", last.diff_html)

    def test_readers_do_not_see_revisions(self):
        article = self._published("Policy", "<p>v1</p>")
        with self.assertRaises(AccessError):
            article.revision_ids.with_user(self.reader).read(["body"])
        self.assertTrue(article.revision_ids.with_user(self.editor).read(["diff_html"]))


@tagged("post_install", "-at_install")
class TestReviewDates(KnowledgeCase):
    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_knowledge.review_interval_days", "100"
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_knowledge.review_reminder_days", "10"
        )

    def _publisher_today(self):
        """The day of the reviewer who publishes in _published (the dates are theirs: the
        test's user may already be on the next day in their time zone)."""
        return fields.Date.context_today(self.Article.with_user(self.manager))

    def test_next_review_date_and_stale(self):
        today = self._publisher_today()
        article = self._published("Grease intervals")
        self.assertEqual(article.next_review_date, today + timedelta(days=100))
        self.assertFalse(article.is_stale)
        self.category.review_interval_days = 30
        self.assertEqual(article.next_review_date, today + timedelta(days=30))
        article.sudo().last_review_date = today - timedelta(days=31)
        self.assertTrue(article.is_stale)
        self.assertIn(article, self.Article.search([("is_stale", "=", True)]))
        article.with_user(self.reviewer).action_mark_reviewed()
        self.assertFalse(article.is_stale)
        self.assertEqual(article.last_review_date, today)

    def test_mark_reviewed_needs_reviewer(self):
        article = self._published("Grease intervals")
        with self.assertRaises(AccessError):
            article.with_user(self.editor).action_mark_reviewed()

    def test_interval_zero_means_no_review(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_knowledge.review_interval_days", "0"
        )
        article = self._published("Timeless")
        self.assertFalse(article.next_review_date)
        self.assertFalse(article.is_stale)

    def test_settings_change_recomputes(self):
        article = self._published("Grease intervals")
        settings = self.env["res.config.settings"].create(
            {"crm_knowledge_review_interval_days": 20}
        )
        settings.execute()
        self.assertEqual(
            article.next_review_date,
            self._publisher_today() + timedelta(days=20),
        )

    def test_cron_stale_flags_and_reminders(self):
        today = fields.Date.context_today(self.Article)
        due_soon = self._published("Due soon")
        due_soon.sudo().last_review_date = today - timedelta(days=95)  # due in 5 days
        overdue = self._published("Overdue")
        overdue.sudo().last_review_date = today - timedelta(days=100)
        later = self._published("Later")
        # the stale flag of 'overdue' is stored; simulate a day passing for 'due_soon'
        self.env.cr.execute(
            "UPDATE crm_knowledge_article SET is_stale = false WHERE id = %s",
            (overdue.id,),
        )
        self.Article.invalidate_model(["is_stale"])
        self.Article._cron_review_reminders()
        self.assertTrue(overdue.is_stale)
        self.assertFalse(due_soon.is_stale)
        activity_type = self.env.ref("crm_knowledge.mail_activity_type_review")
        for article in (due_soon, overdue):
            activity = article.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.editor)  # the owner
            self.assertEqual(activity.date_deadline, article.next_review_date)
        self.assertFalse(later.activity_ids)
        # running again creates no second reminder
        self.Article._cron_review_reminders()
        self.assertEqual(len(overdue.activity_ids), 1)
        # the review closes the reminder
        overdue.with_user(self.reviewer).action_mark_reviewed()
        self.assertFalse(overdue.activity_ids)

    def test_cron_batches(self):
        today = fields.Date.context_today(self.Article)
        for i in range(3):
            article = self._published(f"Batch {i}")
            article.sudo().last_review_date = today - timedelta(days=99)
        Activity = self.env["mail.activity"]
        review = [
            (
                "activity_type_id",
                "=",
                self.env.ref("crm_knowledge.mail_activity_type_review").id,
            )
        ]
        before = Activity.search_count(review)
        self.Article._cron_review_reminders(batch_size=2)
        self.assertEqual(Activity.search_count(review), before + 2)
        for _run in range(10):
            self.Article._cron_review_reminders(batch_size=2)
        due = self.Article.search(
            [
                ("next_review_date", "<=", today + timedelta(days=10)),
                ("state", "=", "published"),
            ]
        )
        self.assertEqual(
            set(Activity.search(review).mapped("res_id")),
            set(due.ids),
            "one reminder each",
        )
