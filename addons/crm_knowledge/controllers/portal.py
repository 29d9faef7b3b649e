# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal

PORTAL_PAGE_SIZE = 50


class KnowledgePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "knowledge_count" in counters:
            Article = request.env["crm.knowledge.article"]
            values["knowledge_count"] = (
                Article.search_count([("state", "=", "published")])
                if Article.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ helpers

    def _knowledge_article_or_404(self, article_id, access_token=None):
        """The article, sudo-ed, if the visitor may read it: through the access rules,
        or with the article's token when it is a published public-link article.
        Anything else is a 404, so that ids of other articles reveal nothing."""
        article = request.env["crm.knowledge.article"].browse(article_id)
        article_sudo = article.sudo().exists()
        if not article_sudo:
            raise NotFound()
        if article.has_access("read"):
            return article_sudo, False
        if (
            access_token
            and article_sudo.audience == "public"
            and article_sudo.state == "published"
            and article_sudo.access_token
            and consteq(article_sudo.access_token, access_token)
        ):
            return article_sudo, True
        raise NotFound()

    def _knowledge_categories(self):
        """Categories the user may read, with their count of published articles."""
        Article = request.env["crm.knowledge.article"]
        counts = dict(
            Article._read_group(
                [("state", "=", "published")], ["category_id"], ["__count"]
            )
        )
        return [(category, count) for category, count in counts.items()]

    # ------------------------------------------------------------------- routes

    @http.route(
        ["/knowledge", "/knowledge/category/<int:category_id>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def knowledge_home(self, category_id=None, q=None, **kwargs):
        Article = request.env["crm.knowledge.article"]
        if not Article.has_access("read"):
            raise NotFound()
        category = request.env["crm.knowledge.category"]
        if category_id:
            category = category.browse(category_id).exists()
            if not category or not category.has_access("read"):
                raise NotFound()
        domain = [("state", "=", "published")]
        if category:
            domain.append(("category_id", "child_of", category.id))
        query = (q or "").strip()
        error = False
        snippets = {}
        if query:
            try:
                articles = Article._search_knowledge(
                    query, limit=PORTAL_PAGE_SIZE, domain=domain
                )
            except UserError as exc:
                articles, error = Article.browse(), exc.args[0]
            for article in articles:
                snippets[article.id] = Markup(article._search_snippet(query))
        else:
            articles = Article.search(domain, limit=PORTAL_PAGE_SIZE)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "knowledge",
                "categories": self._knowledge_categories(),
                "category": category,
                "articles": articles,
                "snippets": snippets,
                "query": query,
                "search_error": error,
            }
        )
        return request.render("crm_knowledge.portal_knowledge_home", values)

    @http.route(
        "/knowledge/article/<int:article_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def knowledge_article(self, article_id, access_token=None, message=None, **kwargs):
        article_sudo, by_token = self._knowledge_article_or_404(
            article_id, access_token
        )
        article_sudo._increment_view_count()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "knowledge",
                "article": article_sudo,
                "by_token": by_token,
                "access_token": access_token if by_token else None,
                "attachments": article_sudo._portal_attachments(),
                "user_vote": (
                    False
                    if by_token
                    else article_sudo.with_user(request.env.user).user_vote
                ),
                "message": message,
            }
        )
        return request.render("crm_knowledge.portal_knowledge_article", values)

    @http.route(
        "/knowledge/article/<int:article_id>/attachment/<int:attachment_id>",
        type="http",
        auth="public",
        sitemap=False,
    )
    def knowledge_attachment(
        self, article_id, attachment_id, access_token=None, **kwargs
    ):
        article_sudo, _by_token = self._knowledge_article_or_404(
            article_id, access_token
        )
        attachment = article_sudo._portal_attachments().filtered(
            lambda a: a.id == attachment_id
        )
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment)
            .get_response(as_attachment=True)
        )

    @http.route(
        "/knowledge/article/<int:article_id>/vote",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def knowledge_vote(self, article_id, helpful=None, **kwargs):
        article_sudo, _by_token = self._knowledge_article_or_404(article_id)
        article = article_sudo.with_user(request.env.user)
        message = "voted"
        try:
            article._vote(helpful == "1")
        except UserError:
            message = "already_voted"
        return request.redirect(f"/knowledge/article/{article.id}?message={message}")
