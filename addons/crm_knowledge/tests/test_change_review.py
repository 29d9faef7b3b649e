# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Review on every published change (issue 14, item 4): a change of a published article
waits for a reviewer as a proposal (readers keep seeing the published text), by the
category's edit policy; approve, reject, restore an older version."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KnowledgeCase

BODY = "<p>更换喷油器前先检查油压。</p>"


@tagged("post_install", "-at_install")
class TestChangeReview(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Revision = cls.env["crm.knowledge.article.revision"]
        cls.article = cls._published("喷油器故障排查", BODY)

    def _revisions(self, status=None):
        domain = [("article_id", "=", self.article.id)]
        if status:
            domain.append(("status", "=", status))
        return self.Revision.search(domain, order="id")

    def _as(self, user):
        return self.article.with_user(user)

    def test_editor_change_waits_and_readers_keep_the_published_text(self):
        self._as(self.editor).write({"body": "<p>更换喷油器前先检查油压和回油量。</p>"})
        # readers, the editor and the portal see the published text
        self.assertEqual(self._as(self.reader).body, BODY)
        self.assertEqual(self.article.name, "喷油器故障排查")
        pending = self._revisions("pending")
        self.assertEqual(len(pending), 1)
        self.assertEqual(pending.author_id, self.editor)
        self.assertEqual(pending.number, 0)
        self.assertEqual(pending.base_revision_id, self._revisions("published"))
        self.assertIn("回油量", pending.body)
        self.assertEqual(pending.display_name, "喷油器故障排查, proposed change")
        self.assertEqual(self.article.pending_revision_count, 1)
        self.assertIn(
            "proposed a change; readers keep seeing the published text",
            self.article.message_ids[0].body,
        )
        # the reviewer approves: the change goes live as revision 2
        self.assertTrue(pending.with_user(self.reviewer).can_review)
        self.assertFalse(pending.with_user(self.editor).can_review)
        pending.with_user(self.reviewer).action_approve()
        self.assertEqual(self._as(self.reader).body, pending.body)
        self.assertEqual(pending.status, "published")
        self.assertEqual(pending.number, 2)
        self.assertEqual(pending.reviewed_by_id, self.reviewer)
        self.assertEqual(self.article.state, "published")
        # no extra revision: the approved change is the published revision
        self.assertEqual(self._revisions().mapped("number"), [1, 2])
        self.assertEqual(self.article.pending_revision_count, 0)

    def test_title_and_other_fields_in_one_write(self):
        tag = self.env["crm.knowledge.tag"].create({"name": "喷油器"})
        self._as(self.editor).write(
            {"name": "喷油器故障排查指南", "tag_ids": [(4, tag.id)]}
        )
        # the tag is not content: written at once; the title waits
        self.assertEqual(self.article.tag_ids, tag)
        self.assertEqual(self.article.name, "喷油器故障排查")
        self.assertEqual(self._revisions("pending").name, "喷油器故障排查指南")

    def test_reviewer_minor_edit_goes_live_a_large_one_waits(self):
        self.category.minor_edit_chars = 3
        # 2 characters (和回): live at once, as revision 2
        self._as(self.reviewer).write({"body": "<p>更换喷油器前先检查油压和回。</p>"})
        self.assertIn("油压和回", self.article.body)
        self.assertEqual(self._revisions("published").mapped("number"), [1, 2])
        self.assertFalse(self._revisions("pending"))
        # 8 characters more: a proposal, even by the reviewer
        self._as(self.reviewer).write(
            {"body": "<p>更换喷油器前先检查油压和回油量以及雾化情况。</p>"}
        )
        self.assertIn("油压和回。", self.article.body)
        self.assertEqual(len(self._revisions("pending")), 1)

    def test_policies_review_all_and_reviewers(self):
        self.category.edit_policy = "review_all"
        self._as(self.reviewer).write({"body": "<p>更换喷油器前先检查油压!</p>"})
        self.assertEqual(self.article.body, BODY)
        self.assertEqual(len(self._revisions("pending")), 1)
        self.category.edit_policy = "reviewers"
        self._as(self.reviewer).write({"body": "<p>全部重写的正文，很长很长。</p>"})
        self.assertIn("全部重写", self.article.body)
        self._as(self.editor).write({"body": "<p>编辑的修改</p>"})
        self.assertIn("全部重写", self.article.body)
        self.assertEqual(len(self._revisions("pending")), 2)

    def test_drafts_are_edited_in_place(self):
        draft = self.Article.with_user(self.editor).create(
            {"name": "草稿", "category_id": self.category.id}
        )
        draft.write({"body": "<p>新的正文</p>"})
        self.assertIn("新的正文", draft.body)
        self.assertFalse(draft.sudo().revision_ids)

    def test_reject_keeps_the_published_text(self):
        self._as(self.editor).write({"body": "<p>错误的步骤</p>"})
        pending = self._revisions("pending")
        pending.with_user(self.reviewer).action_reject()
        self.assertEqual(pending.status, "rejected")
        self.assertEqual(self.article.body, BODY)
        with self.assertRaises(UserError) as caught:
            pending.with_user(self.reviewer).action_approve()
        self.assertEqual(
            str(caught.exception),
            "喷油器故障排查, proposed change is not waiting for review.",
        )
        self.assertEqual(self.article.body, BODY)

    def test_only_reviewers_approve_or_reject(self):
        self._as(self.editor).write({"body": "<p>编辑的修改</p>"})
        pending = self._revisions("pending")
        message = (
            "You are not a reviewer of the category Engine faults: you cannot review the"
            " changes of 喷油器故障排查."
        )
        for user in (self.editor, self.reviewer.copy({"login": "kb_other_editor"})):
            for method in ("action_approve", "action_reject"):
                with self.subTest(user=user.login, method=method):
                    with self.assertRaises(AccessError) as caught:
                        getattr(pending.with_user(user), method)()
                    self.assertEqual(str(caught.exception), message)
        self.assertEqual(pending.status, "pending")
        self.assertEqual(self.article.body, BODY)
        # a reader or a portal user may not even read the proposal
        for user in (self.reader, self.portal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    pending.with_user(user).read(["body"])
                with self.assertRaises(AccessError):
                    pending.with_user(user).action_approve()
        self.assertEqual(pending.status, "pending")
        # nor write a revision directly, the editor neither
        with self.assertRaises(AccessError):
            pending.with_user(self.editor).write({"status": "published"})
        self.assertEqual(pending.status, "pending")

    def test_stale_proposal_cannot_go_live(self):
        self._as(self.editor).write({"body": "<p>第一个修改</p>"})
        first = self._revisions("pending")
        self._as(self.editor).write({"body": "<p>第二个修改</p>"})
        second = self._revisions("pending") - first
        first.with_user(self.reviewer).action_approve()
        with self.assertRaises(UserError) as caught:
            second.with_user(self.reviewer).action_approve()
        self.assertEqual(
            str(caught.exception),
            "喷油器故障排查 changed after this change was proposed: reject it and propose"
            " it again on the current text.",
        )
        self.assertIn("第一个修改", self.article.body)
        self.assertEqual(second.status, "pending")

    def test_unpublished_article_pending_change_cannot_go_live(self):
        self._as(self.editor).write({"body": "<p>修改</p>"})
        pending = self._revisions("pending")
        self.article.with_user(self.reviewer).action_back_to_draft()
        with self.assertRaises(UserError):
            pending.with_user(self.reviewer).action_approve()
        self.assertEqual(self.article.body, BODY)

    def test_restore_an_older_version(self):
        self.category.edit_policy = "reviewers"
        self._as(self.reviewer).write({"body": "<p>第二版正文</p>"})
        first = self._revisions("published")[0]
        # an editor's restore is a proposal
        first.with_user(self.editor).action_restore()
        self.assertIn("第二版", self.article.body)
        proposal = self._revisions("pending")
        self.assertEqual(proposal.body, first.body)
        proposal.with_user(self.reviewer).action_approve()
        self.assertEqual(self.article.body, first.body)
        self.assertEqual(self._revisions("published").mapped("number"), [1, 2, 3])
        # a change that never went live cannot be restored
        self._as(self.editor).write({"body": "<p>被拒绝的修改</p>"})
        rejected = self._revisions("pending")
        rejected.with_user(self.reviewer).action_reject()
        with self.assertRaises(UserError) as caught:
            rejected.with_user(self.reviewer).action_restore()
        self.assertEqual(
            str(caught.exception), "Only a published revision can be restored."
        )
        self.assertEqual(self.article.body, first.body)

    def test_empty_title_refused_and_minor_size_bounds(self):
        with self.assertRaises(ValidationError) as caught:
            self._as(self.editor).write({"name": "  "})
        self.assertEqual(str(caught.exception), "An article needs a title.")
        self.assertFalse(self._revisions("pending"))
        with self.assertRaises(ValidationError) as caught:
            self.category.minor_edit_chars = -1
        self.assertEqual(
            str(caught.exception),
            "The minor edit size of Engine faults must be between 0 and 10000 characters.",
        )

    def test_body_of_a_proposal_is_sanitized(self):
        self._as(self.editor).write(
            {"body": '<p>修改</p><script>alert("x")</script><img src=x onerror="y">'}
        )
        body = self._revisions("pending").body
        self.assertNotIn("<script", body)
        self.assertNotIn("onerror", body)
