# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .display import compute_display_names


class CrmKnowledgeVote(models.Model):
    _name = "crm.knowledge.vote"
    _description = "Knowledge Article Vote"
    _order = "create_date desc, id desc"

    article_id = fields.Many2one(
        "crm.knowledge.article", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    helpful = fields.Boolean(help="Checked: helpful; unchecked: not helpful.")
    category_id = fields.Many2one(related="article_id.category_id", store=True)
    company_id = fields.Many2one(
        related="article_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "article_user_uniq",
            "unique (article_id, user_id)",
            "You have already voted on this article: one vote per person.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_others(self):
        """Votes are the feedback of people: nobody deletes another person's vote."""
        if not self.env.su and self.filtered(
            lambda vote: vote.user_id != self.env.user
        ):
            raise AccessError(self.env._("You can only withdraw your own vote."))

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._("A vote cannot be changed: withdraw it and vote again.")
            )
        return super().write(vals)

    @api.depends("article_id", "user_id")
    def _compute_display_name(self):
        compute_display_names(self, ("article_id", "user_id"))
