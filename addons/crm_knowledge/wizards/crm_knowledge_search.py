# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models


class CrmKnowledgeSearch(models.TransientModel):
    _name = "crm.knowledge.search"
    _description = "Knowledge Search"

    query = fields.Char(string="Search", help="Words in Chinese, English or both.")
    category_id = fields.Many2one("crm.knowledge.category")
    tag_ids = fields.Many2many("crm.knowledge.tag", string="Tags")
    product_ids = fields.Many2many("product.product", string="Products")
    published_only = fields.Boolean(default=True)
    result_ids = fields.One2many(
        "crm.knowledge.search.result", "search_id", string="Results", readonly=True
    )
    result_count = fields.Integer(compute="_compute_result_count")
    searched = fields.Boolean(readonly=True)

    @api.depends("query")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = wizard.query or self.env._("Search")

    @api.depends("result_ids")
    def _compute_result_count(self):
        for wizard in self:
            wizard.result_count = len(wizard.result_ids)

    def _search_domain(self):
        self.ensure_one()
        domain = []
        if self.category_id:
            domain.append(("category_id", "child_of", self.category_id.id))
        if self.tag_ids:
            domain.append(("tag_ids", "in", self.tag_ids.ids))
        if self.product_ids:
            domain.append(("product_ids", "in", self.product_ids.ids))
        if self.published_only:
            domain.append(("state", "=", "published"))
        return domain

    def action_search(self):
        self.ensure_one()
        Article = self.env["crm.knowledge.article"]
        articles = Article._search_knowledge(
            self.query or "", domain=self._search_domain()
        )
        self.result_ids.unlink()
        self.write(
            {
                "searched": True,
                "result_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": position,
                            "article_id": article.id,
                            "snippet": Markup(
                                article._search_snippet(self.query or "")
                            ),
                        },
                    )
                    for position, article in enumerate(articles, start=1)
                ],
            }
        )


class CrmKnowledgeSearchResult(models.TransientModel):
    _name = "crm.knowledge.search.result"
    _description = "Knowledge Search Result"
    _order = "sequence"

    search_id = fields.Many2one(
        "crm.knowledge.search", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="#")
    article_id = fields.Many2one(
        "crm.knowledge.article", required=True, ondelete="cascade"
    )
    category_id = fields.Many2one(related="article_id.category_id")
    state = fields.Selection(related="article_id.state")
    # lib.search.snippet escapes the body text: the only markup is <mark>
    snippet = fields.Html(sanitize=False, readonly=True)

    def action_open_article(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.knowledge.article",
            "res_id": self.article_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
