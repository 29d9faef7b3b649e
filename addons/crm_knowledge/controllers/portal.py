# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

PORTAL_PAGE_SIZE = 20


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

    def _knowledge_category_tree(self, category=None):
        """The categories the user may read, as a tree of
        ``{"category", "count", "children", "open"}``: ``count`` is the number of
        published articles of the category and its subcategories *that the user may
        read* (the search and the read-group apply the user's record rules, so a
        restricted category is neither listed nor counted).  Categories without a
        readable article are left out, except the current one; a readable category
        whose parent is not readable is a root."""
        Article = request.env["crm.knowledge.article"]
        own = {
            cat.id: count
            for cat, count in Article._read_group(
                [("state", "=", "published")], ["category_id"], ["__count"]
            )
        }
        categories = request.env["crm.knowledge.category"].search([])
        readable = set(categories.ids)
        children = {}
        roots = []
        for cat in categories:
            if cat.parent_id.id in readable:
                children.setdefault(cat.parent_id.id, []).append(cat)
            else:
                roots.append(cat)
        current_path = set()
        node = category
        while node and node.id in readable:
            current_path.add(node.id)
            node = node.parent_id

        def build(cats):
            nodes = []
            for cat in cats:
                subtree = build(children.get(cat.id, []))
                count = own.get(cat.id, 0) + sum(n["count"] for n in subtree)
                if count or cat.id in current_path:
                    nodes.append(
                        {
                            "category": cat,
                            "count": count,
                            "children": subtree,
                            "open": cat.id in current_path,
                        }
                    )
            return nodes

        return build(roots)

    def _knowledge_category_path(self, category):
        """The categories from the top down to ``category`` that the user may read
        (for the breadcrumbs; a category the user may not read is not named)."""
        if not category:
            return request.env["crm.knowledge.category"]
        path = request.env["crm.knowledge.category"].search(
            [("id", "parent_of", category.id)]
        )
        by_id = {cat.id: cat for cat in path}
        ordered = []
        node = category
        while node:
            if node.id in by_id:
                ordered.append(node.id)
            node = node.parent_id
        return request.env["crm.knowledge.category"].browse(reversed(ordered))

    def _knowledge_filter_id(self, value):
        """A filter id of the query string, or 0 when absent or not a positive integer."""
        try:
            number = int(value or 0)
        except (TypeError, ValueError):
            return 0
        return number if number > 0 else 0

    def _knowledge_filter_options(self, domain):
        """``(tags, products)``: the tags and products of the published articles the
        user may read under ``domain``, each ``[(record, count)]``, most used first."""
        Article = request.env["crm.knowledge.article"]
        tags = Article._read_group(domain, ["tag_ids"], ["__count"])
        products = Article._read_group(domain, ["product_ids"], ["__count"])

        def ordered(groups):
            return sorted(
                ((record, count) for record, count in groups if record),
                key=lambda entry: (-entry[1], entry[0].id),
            )

        # sudo: only the names of the products of articles the user may read
        return ordered(tags), [
            (product.sudo(), count) for product, count in ordered(products)
        ]

    # ------------------------------------------------------------------- routes

    @http.route(
        [
            "/knowledge",
            "/knowledge/page/<int:page>",
            "/knowledge/category/<int:category_id>",
            "/knowledge/category/<int:category_id>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def knowledge_home(
        self, category_id=None, page=1, q=None, tag=None, product=None, **kwargs
    ):
        Article = request.env["crm.knowledge.article"]
        if not Article.has_access("read"):
            raise NotFound()
        category = request.env["crm.knowledge.category"]
        if category_id:
            category = category.browse(category_id).exists()
            if not category or not category.has_access("read"):
                raise NotFound()
        scope = [("state", "=", "published")]
        if category:
            scope.append(("category_id", "child_of", category.id))
        tag_id = self._knowledge_filter_id(tag)
        product_id = self._knowledge_filter_id(product)
        domain = list(scope)
        if tag_id:
            domain.append(("tag_ids", "in", [tag_id]))
        if product_id:
            domain.append(("product_ids", "in", [product_id]))
        query = (q or "").strip()
        error = False
        snippets = {}
        total = 0
        page = max(1, page)
        offset = (page - 1) * PORTAL_PAGE_SIZE
        articles = Article.browse()
        if query:
            try:
                search_query = Article._build_search_query(query)
                if search_query:
                    total = Article.search_count(
                        domain + [("search_text", "ilike", query)]
                    )
                    ranked = Article._search_knowledge_ranked(
                        search_query, limit=offset + PORTAL_PAGE_SIZE, domain=domain
                    )
                    articles = Article.browse([row[0] for row in ranked[offset:]])
            except UserError as exc:
                articles, total, error = Article.browse(), 0, exc.args[0]
            for article in articles:
                snippets[article.id] = Markup(article._search_snippet(query))
        else:
            total = Article.search_count(domain)
            articles = Article.search(domain, offset=offset, limit=PORTAL_PAGE_SIZE)
        url_args = {
            key: value
            for key, value in (("q", query), ("tag", tag_id), ("product", product_id))
            if value
        }
        pager = portal_pager(
            url=f"/knowledge/category/{category.id}" if category else "/knowledge",
            url_args=url_args,
            total=total,
            page=page,
            step=PORTAL_PAGE_SIZE,
        )
        tags, products = self._knowledge_filter_options(scope)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "knowledge",
                "category_tree": self._knowledge_category_tree(category),
                "category": category,
                "category_path": self._knowledge_category_path(category),
                "articles": articles,
                "snippets": snippets,
                "query": query,
                "search_error": error,
                "pager": pager,
                "total": total,
                "tags": tags,
                "products": products,
                "tag_id": tag_id,
                "product_id": product_id,
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
                "knowledge_article": article_sudo,
                "by_token": by_token,
                "access_token": access_token if by_token else None,
                "attachments": article_sudo._portal_attachments(),
                "category_path": (
                    request.env["crm.knowledge.category"]
                    if by_token
                    else self._knowledge_category_path(
                        article_sudo.category_id.with_env(request.env)
                    )
                ),
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
