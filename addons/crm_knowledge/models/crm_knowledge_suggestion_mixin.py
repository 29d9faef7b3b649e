# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import is_html_empty

from ..lib import search
from .res_config_settings import get_setting

# Text matches ranked for a record's suggestions, per suggestion shown.
SUGGESTION_OVERFETCH = 3


class CrmKnowledgeSuggestionMixin(models.AbstractModel):
    """Suggested knowledge articles on business records (see readme/USAGE.md).

    Inherit it, put ``knowledge_article_count`` in a smart button calling
    ``action_view_knowledge_articles`` and, optionally, a button calling
    ``action_create_knowledge_article``.  Override the ``_knowledge_suggestion_*``
    hooks to say which products, categories, industries and words describe the record.
    """

    _name = "crm.knowledge.suggestion.mixin"
    _description = "Knowledge Suggestions"
    _knowledge_suggestion_limit = 5

    knowledge_article_ids = fields.Many2many(
        "crm.knowledge.article",
        string="Suggested Articles",
        compute="_compute_knowledge_article_ids",
        groups="crm_knowledge.group_crm_knowledge_reader",
    )
    knowledge_article_count = fields.Integer(
        string="Knowledge",
        compute="_compute_knowledge_article_ids",
        groups="crm_knowledge.group_crm_knowledge_reader",
    )
    knowledge_case_article_count = fields.Integer(
        string="Case Articles",
        compute="_compute_knowledge_case_article_count",
        groups="crm_knowledge.group_crm_knowledge_reader",
        help="Articles written from this record.",
    )

    # ------------------------------------------------------------------- hooks

    def _knowledge_suggestion_query(self):
        """Text describing the record; its words find articles (any word may match,
        the best ranked come first).  Default: the record's name."""
        self.ensure_one()
        return self.display_name or ""

    def _knowledge_suggestion_products(self):
        """``product.product`` records of the record; articles about them are suggested."""
        self.ensure_one()
        return self.env["product.product"]

    def _knowledge_suggestion_categories(self):
        """``crm.knowledge.category`` records whose articles (subcategories included)
        are suggested."""
        self.ensure_one()
        return self.env["crm.knowledge.category"]

    def _knowledge_suggestion_industries(self):
        """``res.partner.industry`` records; articles about these industries are suggested."""
        self.ensure_one()
        return self.env["res.partner.industry"]

    def _knowledge_suggestion_domain(self):
        """Domain on articles suggested whatever their words: by products, categories
        and industries of the record (empty: none)."""
        self.ensure_one()
        domains = []
        products = self._knowledge_suggestion_products()
        if products:
            domains.append([("product_ids", "in", products.ids)])
        categories = self._knowledge_suggestion_categories()
        if categories:
            domains.append([("category_id", "child_of", categories.ids)])
        industries = self._knowledge_suggestion_industries()
        if industries:
            domains.append([("industry_ids", "in", industries.ids)])
        return expression.OR(domains) if domains else []

    def _knowledge_article_body(self):
        """HTML body of an article written from this record (description, notes...)."""
        self.ensure_one()
        for field_name in ("description", "note", "notes", "comment"):
            field = self._fields.get(field_name)
            if not field or field.type not in ("html", "text", "char"):
                continue
            value = self[field_name]
            if not value or (field.type == "html" and is_html_empty(value)):
                continue
            if field.type == "html":
                return value
            return Markup("").join(
                Markup("<p>%s</p>") % escape(line)
                for line in value.splitlines()
                if line.strip()
            )
        return Markup("")

    def _knowledge_case_values(self):
        """What a case article written from this record says: a dict with ``symptom``,
        ``cause``, ``solution`` (texts), ``model`` (a product) and ``parts`` (products),
        any of them empty.  Default: none (the article body comes from
        ``_knowledge_article_body``)."""
        self.ensure_one()
        return {}

    # ---------------------------------------------------------------- computes

    def _compute_knowledge_case_article_count(self):
        Article = self.env["crm.knowledge.article"]
        counts = {}
        if Article.has_access("read") and self.ids:
            counts = dict(
                Article._read_group(
                    [
                        ("source_model", "=", self._name),
                        ("source_res_id", "in", self.ids),
                    ],
                    ["source_res_id"],
                    ["__count"],
                )
            )
        for record in self:
            record.knowledge_case_article_count = counts.get(record.id, 0)

    @api.depends_context("uid")
    def _compute_knowledge_article_ids(self):
        Article = self.env["crm.knowledge.article"]
        may_read = Article.has_access("read")
        for record in self:
            articles = Article.browse()
            if may_read and record.id:
                articles = record._knowledge_suggested_articles()
            record.knowledge_article_ids = articles
            record.knowledge_article_count = len(articles)

    def _knowledge_suggested_articles(self):
        """Published articles the current user may read, those linked by product,
        category or industry first (newest first), then the best text matches."""
        self.ensure_one()
        Article = self.env["crm.knowledge.article"]
        limit = self._knowledge_suggestion_limit
        # sudo: the marks "not relevant" of this record, whoever made them
        dismissed = (
            self.env["crm.knowledge.suggestion.dismissal"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)])
            .article_id
        )
        published = [("state", "=", "published"), ("id", "not in", dismissed.ids)]
        linked = Article.browse()
        domain = self._knowledge_suggestion_domain()
        if domain:
            linked = Article.search(expression.AND([published, domain]), limit=limit)
        # stop words (的, 导致, the, for, numbers alone) do not make an article suggested
        text = search.keywords_query(
            self._knowledge_suggestion_query() or "", drop_stop_words=True
        )
        matched = Article.browse()
        if text and len(linked) < limit:
            search_query = search.build_search_query(text)
            if search_query:
                min_score = get_setting(self.env, "crm_knowledge_suggestion_min_score")
                # a few more than needed: those under the minimum score are left out
                ranked = Article._search_knowledge_ranked(
                    search_query,
                    limit=limit * SUGGESTION_OVERFETCH,
                    domain=published + [("id", "not in", linked.ids)],
                )
                matched = Article.browse(
                    [
                        article_id
                        for article_id, _score, coverage, in_title in ranked
                        if search.suggestion_text_score(coverage, in_title) >= min_score
                    ]
                )
        return (linked | matched)[:limit]

    def _knowledge_suggestion_reasons(self, articles):
        """{article id: why it is suggested on this record}: the product, category or
        industry it shares with the record, else its words."""
        self.ensure_one()
        products = self._knowledge_suggestion_products()
        categories = self._knowledge_suggestion_categories()
        industries = self._knowledge_suggestion_industries()
        category_tree = (
            self.env["crm.knowledge.category"].search(
                [("id", "child_of", categories.ids)]
            )
            if categories
            else categories
        )
        reasons = {}
        for article in articles:
            shared = article.product_ids & products
            if shared:
                reasons[article.id] = self.env._(
                    "Same product: %(products)s",
                    products=", ".join(shared[:3].mapped("display_name")),
                )
            elif article.category_id in category_tree:
                reasons[article.id] = self.env._(
                    "Same category: %(category)s",
                    category=article.category_id.display_name,
                )
            elif article.industry_ids & industries:
                reasons[article.id] = self.env._(
                    "Same industry: %(industries)s",
                    industries=", ".join(
                        (article.industry_ids & industries)[:3].mapped("display_name")
                    ),
                )
            else:
                reasons[article.id] = self.env._("Similar words")
        return reasons

    def _knowledge_mark_not_relevant(self, article):
        """Do not suggest ``article`` on this record again (the user must be able to
        read the record)."""
        self.ensure_one()
        self.check_access("read")
        Dismissal = self.env["crm.knowledge.suggestion.dismissal"].sudo()
        domain = [
            ("article_id", "=", article.id),
            ("res_model", "=", self._name),
            ("res_id", "=", self.id),
        ]
        if not Dismissal.search_count(domain):
            # sudo: the mark is written by the system once the record's access is checked
            Dismissal.create(
                {"article_id": article.id, "res_model": self._name, "res_id": self.id}
            )

    # ----------------------------------------------------------------- actions

    def action_view_knowledge_articles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_knowledge.crm_knowledge_article_action"
        )
        action.update(
            {
                "name": self.env._("Suggested Articles"),
                "domain": [("id", "in", self.knowledge_article_ids.ids)],
                "context": {
                    "create": False,
                    "knowledge_source_model": self._name,
                    "knowledge_source_id": self.id,
                },
                "view_mode": "list,form",
                "views": [
                    (
                        self.env.ref(
                            "crm_knowledge.crm_knowledge_article_view_list_suggestion"
                        ).id,
                        "list",
                    ),
                    (False, "form"),
                ],
            }
        )
        return action

    def _knowledge_case_body(self, case):
        """The body of a case article: its sections under headings (empty: none)."""
        sections = [
            (self.env._("Symptom"), case.get("symptom")),
            (self.env._("Cause"), case.get("cause")),
            (self.env._("Solution"), case.get("solution")),
            (
                self.env._("Model"),
                (case.get("model") or self.env["product.product"]).display_name,
            ),
            (
                self.env._("Parts"),
                ", ".join(
                    (case.get("parts") or self.env["product.product"]).mapped(
                        "display_name"
                    )
                ),
            ),
        ]
        body = Markup("")
        for title, text in sections:
            if not text:
                continue
            body += Markup("<h3>%s</h3>") % title
            body += Markup("").join(
                Markup("<p>%s</p>") % escape(line)
                for line in text.splitlines()
                if line.strip()
            )
        return body

    def action_view_knowledge_case_articles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_knowledge.crm_knowledge_article_action"
        )
        action.update(
            {
                "name": self.env._("Case Articles"),
                "domain": [
                    ("source_model", "=", self._name),
                    ("source_res_id", "=", self.id),
                ],
                "context": {"create": False},
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
            }
        )
        return action

    def action_create_knowledge_article(self):
        """Turn this (solved) record into a draft article of the Case Library."""
        self.ensure_one()
        self.check_access("read")
        Article = self.env["crm.knowledge.article"]
        if not Article.has_access("create"):
            raise AccessError(
                self.env._(
                    "Only knowledge editors can turn a record into a knowledge article."
                )
            )
        category = self.env.ref(
            "crm_knowledge.category_case_library", raise_if_not_found=False
        )
        if not category or not category.active:
            raise UserError(
                self.env._(
                    "The Case Library knowledge category is missing: restore it or create it."
                )
            )
        case = self._knowledge_case_values()
        parts = case.get("parts") or self.env["product.product"]
        model = case.get("model") or self.env["product.product"]
        vals = {
            "name": self.display_name or self.env._("New case"),
            "category_id": category.id,
            "body": self._knowledge_case_body(case) or self._knowledge_article_body(),
            "product_ids": [
                (6, 0, (self._knowledge_suggestion_products() | model | parts).ids)
            ],
            "industry_ids": [(6, 0, self._knowledge_suggestion_industries().ids)],
            "case_symptom": case.get("symptom") or False,
            "case_cause": case.get("cause") or False,
            "case_solution": case.get("solution") or False,
            "case_model_id": model[:1].id,
            "case_part_ids": [(6, 0, parts.ids)],
        }
        article = Article.create(vals)
        # sudo: the link to the source is a workflow field, set by this action only
        article.sudo().write(
            {
                "source_model": self._name,
                "source_res_id": self.id,
                "source_name": self.display_name,
            }
        )
        article.message_post(
            body=Markup("%s <a href='#' data-oe-model='%s' data-oe-id='%s'>%s</a>")
            % (self.env._("Written from"), self._name, self.id, self.display_name),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.knowledge.article",
            "res_id": article.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
