# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 9: each attack on the knowledge base, as every kind of user."""

import math
import random

from odoo.exceptions import AccessError, UserError, ValidationError
import odoo.http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from .common import KnowledgeCase

BAD_VALUES = (
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1,
    -(10**15),
    10**15,
    "",
    False,
    "x" * 5000,
    "2026-13-45",
    "not a date",
    0,
    True,
)


@tagged("post_install", "-at_install")
class TestIntegrity(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = cls._published("Pump seal", "<p>Replace the seal.</p>")
        cls.other_company = cls.env["res.company"].create({"name": "KB Other Co"})
        cls.stranger = new_test_user(
            cls.env,
            login="kb_stranger",
            groups="crm_knowledge.group_crm_knowledge_manager",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.article.sudo().company_id = cls.env.company

    def _stored(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(names)[0]

    def test_state_and_counters_not_writable(self):
        names = [
            "state",
            "view_count",
            "helpful_count",
            "published_date",
            "last_review_date",
        ]
        before = self._stored(self.article, names)
        for user in (self.editor, self.reviewer, self.manager):
            for vals in (
                {"state": "draft"},
                {"view_count": 10**6},
                {"helpful_count": 99},
                {"published_date": "2020-01-01 00:00:00"},
                {"last_review_date": "2020-01-01"},
            ):
                with self.assertRaises(AccessError) as caught:
                    self.article.with_user(user).write(vals)
                self.assertIn("change only through its actions", str(caught.exception))
        with self.assertRaises(AccessError):
            self.article.with_user(self.portal).write({"view_count": 5})
        with self.assertRaises(AccessError):
            self.article.with_user(self.stranger).write({"name": "Taken over"})
        self.assertEqual(self._stored(self.article, names), before)

    def test_history_not_deleted(self):
        revisions = self.article.sudo().revision_ids
        self.assertTrue(revisions)
        with self.assertRaises(UserError) as caught:
            self.article.with_user(self.manager).unlink()
        self.assertIn("archive it instead", str(caught.exception))
        with self.assertRaises(UserError):
            revisions.unlink()
        self.assertTrue(self.article.exists())
        self.assertEqual(self.article.sudo().revision_ids, revisions)
        self.article.with_user(self.reviewer).action_archive_article()
        self.assertEqual(self.article.state, "archived")
        draft = self.Article.with_user(self.editor).create(
            {"name": "Throwaway", "category_id": self.category.id}
        )
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_votes_belong_to_their_voter(self):
        vote = self.article.with_user(self.reader).action_vote_helpful()
        Vote = self.env["crm.knowledge.vote"]
        for user in (self.reader, self.portal, self.editor):
            with self.assertRaises(AccessError):
                Vote.with_user(user).create(
                    {
                        "article_id": self.article.id,
                        "user_id": self.manager.id,
                        "helpful": False,
                    }
                )
        with self.assertRaises(AccessError):
            vote.with_user(self.manager).write({"helpful": False})
        with self.assertRaises(AccessError):
            vote.with_user(self.manager).unlink()
        self.assertTrue(vote.exists() and vote.helpful)
        self.article.invalidate_recordset()
        self.assertEqual(self.article.helpful_count, 1)

    def test_questions_and_answers_edited_by_their_author(self):
        Question = self.env["crm.knowledge.question"]
        question = Question.with_user(self.reader).create({"name": "Which filter?"})
        answer = (
            self.env["crm.knowledge.answer"]
            .with_user(self.editor)
            .create({"question_id": question.id, "body": "<p>The OEM one.</p>"})
        )
        other_reader = new_test_user(
            self.env,
            login="kb_reader_other",
            groups="crm_knowledge.group_crm_knowledge_reader",
        )
        with self.assertRaises(AccessError):
            question.with_user(other_reader).write({"name": "Rewritten"})
        with self.assertRaises(AccessError):
            answer.with_user(other_reader).write({"body": "<p>Wrong.</p>"})
        with self.assertRaises(AccessError):
            question.with_user(self.reader).write({"state": "closed"})
        with self.assertRaises(AccessError):
            answer.with_user(self.editor).write({"is_accepted": True})
        with self.assertRaises(AccessError):
            question.with_user(self.portal).write({"name": "Portal"})
        with self.assertRaises(AccessError):
            question.with_user(self.stranger).write({"name": "Other company"})
        answer.with_user(self.reader).action_accept()
        with self.assertRaises(UserError) as caught:
            answer.with_user(self.editor).write(
                {"body": "<p>Changed after acceptance.</p>"}
            )
        self.assertIn("can no longer be changed", str(caught.exception))
        question.with_user(self.editor).action_promote_to_faq()
        with self.assertRaises(UserError):
            question.with_user(self.reader).write({"name": "After promotion"})
        question.invalidate_recordset()
        self.assertEqual(question.name, "Which filter?")
        self.assertEqual(answer.body, "<p>The OEM one.</p>")
        self.assertEqual(question.state, "closed")

    def test_portal_cannot_ask_answer_or_vote_through_the_orm(self):
        """Portal users (dealers, stations) read published articles; questions, answers and
        votes are staff records, and portal votes go through the vote route only."""
        question = (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create({"name": "Portal target"})
        )
        counts = {
            model: self.env[model].sudo().search_count([])
            for model in (
                "crm.knowledge.question",
                "crm.knowledge.answer",
                "crm.knowledge.vote",
            )
        }
        attempts = (
            ("crm.knowledge.question", "create", {"name": "From the portal"}),
            (
                "crm.knowledge.answer",
                "create",
                {"question_id": question.id, "body": "<p>x</p>"},
            ),
            (
                "crm.knowledge.vote",
                "create",
                {"article_id": self.article.id, "helpful": True},
            ),
        )
        for model, _method, vals in attempts:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal).create(vals)
        with self.assertRaises(AccessError):
            self.env["crm.knowledge.question"].with_user(self.portal).search_read(
                [], ["name"]
            )
        with self.assertRaises(AccessError):
            question.with_user(self.portal).unlink()
        self.assertEqual(
            {model: self.env[model].sudo().search_count([]) for model in counts}, counts
        )

    def test_other_company_records_refused(self):
        foreign_category = self.env["crm.knowledge.category"].create(
            {"name": "Foreign", "company_id": self.other_company.id}
        )
        with self.assertRaises(UserError) as caught:
            self.env["crm.knowledge.category"].create(
                {
                    "name": "Child",
                    "parent_id": foreign_category.id,
                    "company_id": self.env.company.id,
                }
            )
        self.assertIn("Incompatible companies", str(caught.exception))
        foreign_article = self.env["crm.knowledge.article"].create(
            {
                "name": "Foreign article",
                "category_id": foreign_category.id,
                "company_id": self.other_company.id,
            }
        )
        with self.assertRaises(UserError):
            self.env["crm.knowledge.question"].create(
                {
                    "name": "Points abroad",
                    "article_id": foreign_article.id,
                    "company_id": self.env.company.id,
                }
            )
        self.assertFalse(
            self.env["crm.knowledge.category"].search([("name", "=", "Child")])
        )

    def test_settings_bounds(self):
        Param = self.env["ir.config_parameter"].sudo()
        before = Param.get_param("crm_knowledge.review_interval_days")
        for value, message in (
            (2**40, "must be a number between"),
            (4000, "between 0 and 3650 days"),
            (-1, "between 0 and 3650 days"),
        ):
            with self.subTest(value=value):
                with (
                    self.assertRaises(ValidationError) as caught,
                    self.env.cr.savepoint(),
                ):
                    self.env["res.config.settings"].create(
                        {"crm_knowledge_review_interval_days": value}
                    ).execute()
                self.assertIn(message, str(caught.exception))
        self.assertEqual(Param.get_param("crm_knowledge.review_interval_days"), before)

    def test_review_interval_bounds(self):
        for days in (-1, 3651, 10**6):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self.category.with_user(self.manager).write(
                    {"review_interval_days": days}
                )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.category.with_user(self.manager).write(
                {"review_interval_days": math.nan}
            )
        self.category.invalidate_recordset()
        self.assertEqual(self.category.review_interval_days, 0)

    def test_ranked_search_keeps_rules(self):
        Article = self.Article
        self.assertIn(
            self.article, Article.with_user(self.reader)._search_knowledge("seal")
        )
        self.assertFalse(Article.with_user(self.portal)._search_knowledge("seal"))
        self.assertFalse(Article.with_user(self.stranger)._search_knowledge("seal"))

    @mute_logger("odoo.models.unlink")
    def test_random_bad_values(self):
        rng = random.Random(9)
        question = (
            self.env["crm.knowledge.question"]
            .with_user(self.reader)
            .create({"name": "Random?"})
        )
        answer = (
            self.env["crm.knowledge.answer"]
            .with_user(self.manager)
            .create({"question_id": question.id, "body": "<p>a</p>"})
        )
        draft = self.Article.with_user(self.manager).create(
            {"name": "Random", "category_id": self.category.id}
        )
        targets = [
            (draft, self.manager),
            (self.category, self.manager),
            (question, self.manager),
            (answer, self.manager),
        ]
        skipped = ("one2many", "many2many", "many2one", "binary", "properties")
        for record, user in targets:
            for name, field in record._fields.items():
                if (
                    field.readonly
                    or field.compute
                    and not field.inverse
                    or field.type in skipped
                ):
                    continue
                if name.startswith(("message_", "activity_", "website_message")):
                    continue
                for value in rng.sample(BAD_VALUES, 5):
                    try:
                        with (
                            self.cr.savepoint(),
                            mute_logger("odoo.sql_db", "odoo.tools.mail"),
                        ):
                            record.with_user(user).write({name: value})
                            record.invalidate_recordset()
                            stored = record.sudo()[name]
                    except (UserError, ValidationError, AccessError):
                        continue
                    except Exception as error:  # any exception: the point of the test
                        self.fail(f"{record._name}.{name} = {value!r}: {error!r}")
                    if isinstance(stored, float):
                        self.assertTrue(math.isfinite(stored), f"{record._name}.{name}")


@tagged("post_install", "-at_install")
class TestPortalIntegrity(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="kb_portal_att", groups="base.group_portal"
        )
        category = cls.env["crm.knowledge.category"].create({"name": "Portal attacks"})
        cls.internal = cls.env["crm.knowledge.article"].create(
            {
                "name": "Internal margins",
                "category_id": category.id,
                "audience": "internal",
            }
        )
        cls.internal.action_submit_review()
        cls.internal.action_publish()

    def test_portal_cannot_read_or_vote_internal(self):
        self.authenticate("kb_portal_att", "kb_portal_att")
        response = self.url_open(f"/knowledge/article/{self.internal.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"/knowledge/article/{self.internal.id}/vote",
            data={"helpful": "1", "csrf_token": odoo.http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal).write({"name": "Portal"})
        with self.assertRaises(AccessError):
            self.env["crm.knowledge.vote"].with_user(self.portal).create(
                {"article_id": self.internal.id, "helpful": True}
            )
        self.assertFalse(self.internal.vote_ids)
        self.assertEqual(self.internal.view_count, 0)
        self.assertEqual(self.internal.name, "Internal margins")
