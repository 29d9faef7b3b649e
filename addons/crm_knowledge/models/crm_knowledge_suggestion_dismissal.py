# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .display import compute_display_names


class CrmKnowledgeSuggestionDismissal(models.Model):
    """An article someone marked "not relevant" on a business record: it is not
    suggested on that record again (for anyone)."""

    _name = "crm.knowledge.suggestion.dismissal"
    _description = "Knowledge Suggestion Marked Not Relevant"
    _order = "id desc"

    article_id = fields.Many2one(
        "crm.knowledge.article",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    res_model = fields.Char(
        string="Record Model", required=True, index=True, readonly=True
    )
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="res_model",
        required=True,
        index=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Marked by",
        readonly=True,
        default=lambda self: self.env.user,
    )

    _sql_constraints = [
        (
            "unique_article_record",
            "unique(article_id, res_model, res_id)",
            "An article is marked not relevant once per record.",
        )
    ]

    @api.depends("article_id", "user_id")
    def _compute_display_name(self):
        compute_display_names(self, ("article_id", "user_id"))
