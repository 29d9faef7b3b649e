# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import diff


class CrmKnowledgeArticleRevision(models.Model):
    _name = "crm.knowledge.article.revision"
    _description = "Knowledge Article Revision"
    _order = "article_id, number desc"
    _rec_names_search = ["name", "article_id"]

    article_id = fields.Many2one(
        "crm.knowledge.article",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    number = fields.Integer(
        readonly=True,
        help="1 for the first published version; 0 for a change not published (yet).",
    )
    status = fields.Selection(
        [
            ("published", "Published"),
            ("pending", "Waiting for Review"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="published",
        readonly=True,
        index=True,
        help="Published: a version readers saw. Waiting for Review: a change of a published"
        " article that a reviewer approves (readers keep seeing the published text) or"
        " rejects.",
    )
    base_revision_id = fields.Many2one(
        "crm.knowledge.article.revision",
        string="Proposed On",
        readonly=True,
        help="The published version the change was made on.",
    )
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed by", readonly=True)
    review_date = fields.Datetime(string="Reviewed on", readonly=True)
    can_review = fields.Boolean(compute="_compute_can_review")
    name = fields.Char(string="Title", required=True, readonly=True)
    body = fields.Html(
        readonly=True, sanitize=False, help="Sanitized when the article was saved."
    )
    author_id = fields.Many2one(
        "res.users",
        string="Changed by",
        readonly=True,
        default=lambda self: self.env.user,
    )
    create_date = fields.Datetime(string="Changed on", readonly=True)
    previous_id = fields.Many2one(
        "crm.knowledge.article.revision", string="Previous Revision", readonly=True
    )
    company_id = fields.Many2one(
        related="article_id.company_id", store=True, index=True
    )
    diff_summary = fields.Char(string="Changes", compute="_compute_diff")
    diff_html = fields.Html(
        string="Differences", compute="_compute_diff", sanitize=False
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(
            self.env._(
                "Revisions are the history of an article: they cannot be deleted (archive the"
                " article instead)."
            )
        )

    @api.depends("article_id", "number", "status")
    def _compute_display_name(self):
        for revision in self:
            if revision.status != "published":
                revision.display_name = self.env._(
                    "%(title)s, proposed change", title=revision.name
                )
                continue
            revision.display_name = self.env._(
                "%(title)s, revision %(number)s",
                title=revision.article_id.name or revision.name,
                number=revision.number,
            )

    @api.depends("status", "article_id.category_id")
    @api.depends_context("uid")
    def _compute_can_review(self):
        for revision in self:
            revision.can_review = (
                revision.status == "pending" and revision.article_id._is_reviewer()
            )

    # ------------------------------------------------------------------ review

    def _check_reviewable(self):
        """Refuse the review of what is not a pending change, or by a non-reviewer."""
        for revision in self:
            if revision.status != "pending":
                raise UserError(
                    self.env._(
                        "%(revision)s is not waiting for review.",
                        revision=revision.display_name,
                    )
                )
            if not revision.article_id._is_reviewer():
                raise AccessError(
                    self.env._(
                        "You are not a reviewer of the category %(category)s: you cannot"
                        " review the changes of %(title)s.",
                        category=revision.article_id.category_id.display_name,
                        title=revision.article_id.name,
                    )
                )

    def action_approve(self):
        """The change goes live: the article takes its title and body, and the change
        becomes the article's next published revision."""
        self._check_reviewable()
        for revision in self:
            article = revision.article_id
            if article.state != "published":
                raise UserError(
                    self.env._(
                        "%(title)s is no longer published: its pending changes cannot go"
                        " live.",
                        title=article.name,
                    )
                )
            live = article._live_revision()
            if revision.base_revision_id != live:
                raise UserError(
                    self.env._(
                        "%(title)s changed after this change was proposed: reject it and"
                        " propose it again on the current text.",
                        title=article.name,
                    )
                )
            # sudo: revisions and the content of a published article are written by
            # the system, once the reviewer's right is checked above
            revision.sudo().write(
                {
                    "status": "published",
                    "number": live.number + 1,
                    "previous_id": live.id,
                    "reviewed_by_id": self.env.uid,
                    "review_date": fields.Datetime.now(),
                }
            )
            article.sudo().write({"name": revision.name, "body": revision.body})
            article.message_post(
                body=self.env._(
                    "Change by %(author)s approved: revision %(number)s is published.",
                    author=revision.author_id.name,
                    number=revision.number,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._notify_author()
        return True

    def action_reject(self):
        self._check_reviewable()
        # sudo: see action_approve
        self.sudo().write(
            {
                "status": "rejected",
                "reviewed_by_id": self.env.uid,
                "review_date": fields.Datetime.now(),
            }
        )
        for revision in self:
            revision.article_id.message_post(
                body=self.env._(
                    "Change by %(author)s rejected; the published text stays.",
                    author=revision.author_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._notify_author()
        return True

    def _notify_author(self):
        """Tell each author of a reviewed change the decision (mail template in the
        author's language, a notification on the article: inbox or e-mail as the author
        chose); nothing when the reviewer decided on their own change."""
        template = self.env.ref(
            "crm_knowledge.mail_template_revision_decision", raise_if_not_found=False
        )
        revisions = self.filtered(
            lambda revision: (
                revision.author_id and revision.author_id != revision.reviewed_by_id
            )
        )
        if not template or not revisions:
            return
        # sudo: rendering reads the revision and its reviewer, already checked by the action
        template = template.sudo()
        subjects = template._render_field("subject", revisions.ids, compute_lang=True)
        bodies = template._render_field("body_html", revisions.ids, compute_lang=True)
        for revision in revisions:
            revision.article_id.sudo().message_notify(
                partner_ids=revision.author_id.partner_id.ids,
                subject=subjects[revision.id],
                body=bodies[revision.id],
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def action_restore(self):
        """Bring back this version's title and body: a change of the article like any
        other (live at once or a proposal, by the category's edit policy)."""
        self.ensure_one()
        if self.status != "published":
            raise UserError(self.env._("Only a published revision can be restored."))
        if self.article_id.state != "published":
            raise UserError(
                self.env._(
                    "%(title)s is not published: edit the article itself.",
                    title=self.article_id.name,
                )
            )
        self.article_id.write({"name": self.name, "body": self.body})
        return True

    @api.depends("name", "body", "previous_id.name", "previous_id.body")
    def _compute_diff(self):
        for revision in self:
            previous = revision.previous_id
            result = diff.diff_html(previous.body or "", revision.body or "")
            parts = []
            if previous and previous.name != revision.name:
                parts.append(
                    Markup(
                        '<p class="o_knowledge_diff_title">%s <del>%s</del> <ins>%s</ins></p>'
                    )
                    % (self.env._("Title:"), previous.name, revision.name)
                )
            if not previous:
                summary = self.env._("First published version")
            elif result.code == diff.IDENTICAL:
                summary = (
                    self.env._("Title changed") if parts else self.env._("No changes")
                )
            elif result.code == diff.FORMATTING_ONLY:
                summary = self.env._("Formatting changes only")
            else:
                summary = self.env._(
                    "%(added)s line(s) added, %(removed)s line(s) removed",
                    added=result.added,
                    removed=result.removed,
                )
            if result.html:
                # lib.diff escapes every text it takes from the revisions
                parts.append(Markup(result.html))  # nosec: escaped by lib.diff
            elif not previous:
                parts.append(Markup("<p>%s</p>") % escape(summary))
            revision.diff_summary = summary
            revision.diff_html = Markup("").join(parts)
