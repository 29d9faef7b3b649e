# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

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
    number = fields.Integer(readonly=True, help="1 for the first published version.")
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

    @api.depends("article_id", "number")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = self.env._(
                "%(title)s, revision %(number)s",
                title=revision.article_id.name or revision.name,
                number=revision.number,
            )

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
