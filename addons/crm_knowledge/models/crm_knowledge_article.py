# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index
from odoo.tools.sql import column_exists, drop_index

from ..lib import diff, feedback, lifecycle, search
from ..lib.common import QueryError, TransitionError
from ..lib.text import html_to_text, starting_body
from .messages import domain_exception, raise_domain_error
from .res_config_settings import get_setting

SEARCH_INDEX_NAME = "crm_knowledge_article_search_gin"
SEARCH_VECTOR_COLUMN = "search_vector"
# The weighted token vector of lib/search.py ("Storage and SQL contract"): title, tags,
# products and industries weigh A, the body B.  It is kept in a generated column (a
# tsvector, which no Odoo field type stores) so that ranking reads it instead of
# parsing every matching article's tokens again; the GIN index is over that column.
SEARCH_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, COALESCE(search_title_tokens, '')), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, COALESCE(search_body_tokens, '')), 'B'))"
)
SEARCH_LIMIT_DEFAULT = 80
# Bounded ranking (issue 11, see _search_knowledge_sql): at most this many matches are
# ranked, taken in the order of this index (published first, newest first).
SEARCH_CANDIDATES = 100
SEARCH_CANDIDATE_INDEX_NAME = "crm_knowledge_article_search_candidate_idx"
# Saturation of a word's ts_rank_cd (normalized by length) in the score of the search:
# chosen on the judged collection of tests/test_relevance.py (0.1 to 2 within 0.005)
SEARCH_RANK_SATURATION = 0.5
# PostgreSQL's statistics of the search vector, per database (_search_term_statistics)
TERM_STATISTICS_TTL = 60.0
_TERM_STATISTICS = {}


class CrmKnowledgeArticle(models.Model):
    _name = "crm.knowledge.article"
    _description = "Knowledge Article"
    _inherit = [
        "crm.knowledge.guard.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = (
        "state",
        "source_model",
        "source_res_id",
        "source_name",
        "published_date",
        "last_review_date",
        "view_count",
        "helpful_count",
        "not_helpful_count",
        "vote_count",
        "helpfulness",
        "most_useful_score",
        "least_useful_score",
    )
    _order = "published_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True, translate=False)
    body = fields.Html(sanitize=True)
    category_id = fields.Many2one(
        "crm.knowledge.category",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_review", "In Review"),
            ("published", "Published"),
            ("archived", "Archived"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    audience = fields.Selection(
        [
            ("internal", "Internal"),
            ("portal", "Dealers and Stations"),
            ("public", "Public Link"),
        ],
        default="internal",
        required=True,
        index=True,
        tracking=True,
        help="Internal: staff only. Dealers and Stations: also portal users allowed by the"
        " category's access groups. Public Link: also anyone who has the article's link.",
    )
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True, index=True
    )
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        help="Keeps the article up to date once its author has moved on; gets the review"
        " reminders.",
    )
    reviewer_ids = fields.Many2many(
        related="category_id.reviewer_ids", string="Reviewers", readonly=True
    )
    can_review = fields.Boolean(
        compute="_compute_can_review",
        help="Whether the current user reviews this article's category.",
    )
    tag_ids = fields.Many2many(
        "crm.knowledge.tag",
        "crm_knowledge_article_tag_rel",
        "article_id",
        "tag_id",
        string="Tags",
    )
    product_ids = fields.Many2many(
        "product.product",
        "crm_knowledge_article_product_rel",
        "article_id",
        "product_id",
        string="Products",
    )
    industry_ids = fields.Many2many(
        "res.partner.industry",
        "crm_knowledge_article_industry_rel",
        "article_id",
        "industry_id",
        string="Industries",
    )
    # a case written from a business record (claim, repair, request...)
    case_symptom = fields.Text(string="Symptom")
    case_cause = fields.Text(string="Cause")
    case_solution = fields.Text(string="Solution")
    case_model_id = fields.Many2one(
        "product.product",
        string="Model",
        help="The engine or product model of the case.",
    )
    case_part_ids = fields.Many2many(
        "product.product",
        "crm_knowledge_article_case_part_rel",
        "article_id",
        "product_id",
        string="Parts",
        help="The parts replaced in the case.",
    )
    source_model = fields.Char(string="Written From (Model)", readonly=True, index=True)
    source_res_id = fields.Many2oneReference(
        string="Written From (ID)",
        model_field="source_model",
        readonly=True,
        index=True,
    )
    source_name = fields.Char(string="Written From", readonly=True)
    suggestion_reason = fields.Char(
        string="Why Suggested",
        compute="_compute_suggestion_reason",
        help="What this article shares with the record it is suggested on.",
    )
    published_date = fields.Datetime(readonly=True, copy=False, index=True)
    # tree of articles (issue 14 item 5): moving an article is not a content change
    _parent_store = True
    parent_id = fields.Many2one(
        "crm.knowledge.article",
        string="Parent Article",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('id', '!=', id)]",
        help="The article this one is nested under in the tree of articles.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "crm.knowledge.article", "parent_id", string="Sub-articles"
    )
    child_count = fields.Integer(
        string="Sub-articles Count", compute="_compute_child_count"
    )
    parent_breadcrumb = fields.Char(
        string="Path",
        compute="_compute_parent_breadcrumb",
        help="The parent articles of this one, from the top of the tree (only those you"
        " may read).",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    attachment_count = fields.Integer(
        string="Attachments", compute="_compute_attachment_count"
    )

    # revisions
    revision_ids = fields.One2many(
        "crm.knowledge.article.revision",
        "article_id",
        string="Revisions",
        readonly=True,
    )
    revision_count = fields.Integer(compute="_compute_revision_count")
    pending_revision_count = fields.Integer(
        string="Changes to Review", compute="_compute_pending_revision_count"
    )

    # periodic review
    last_review_date = fields.Date(
        readonly=True, copy=False, help="Day of the last approval or periodic review."
    )
    next_review_date = fields.Date(
        compute="_compute_next_review_date",
        store=True,
        index=True,
        help="Day the next periodic review is due (empty: no periodic review).",
    )
    is_stale = fields.Boolean(
        string="Stale",
        compute="_compute_is_stale",
        store=True,
        index=True,
        help="Published and past its review date: its content may be outdated.",
    )

    # search (lib/search.py)
    search_title_tokens = fields.Text(
        compute="_compute_search_tokens", store=True, prefetch=False, copy=False
    )
    search_body_tokens = fields.Text(
        compute="_compute_search_tokens", store=True, prefetch=False, copy=False
    )
    search_text = fields.Char(
        string="Text",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Searches titles, bodies, tags and products; Chinese and mixed Chinese/English"
        " queries work.",
    )

    # feedback
    vote_ids = fields.One2many("crm.knowledge.vote", "article_id", string="Votes")
    helpful_count = fields.Integer(compute="_compute_vote_counts", store=True)
    not_helpful_count = fields.Integer(compute="_compute_vote_counts", store=True)
    vote_count = fields.Integer(compute="_compute_vote_counts", store=True)
    helpfulness = fields.Float(
        string="Helpful (%)",
        compute="_compute_vote_counts",
        store=True,
        aggregator="avg",
        help="Share of helpful votes.",
    )
    most_useful_score = fields.Float(
        compute="_compute_vote_counts",
        store=True,
        digits=(16, 4),
        help="Lower bound of the Wilson interval of the helpful share: sorts the most useful"
        " articles first without letting one vote win.",
    )
    least_useful_score = fields.Float(
        compute="_compute_vote_counts",
        store=True,
        digits=(16, 4),
        help="Lower bound of the Wilson interval of the not-helpful share.",
    )
    user_vote = fields.Selection(
        [("helpful", "Helpful"), ("not_helpful", "Not Helpful")],
        compute="_compute_user_vote",
        help="The current user's vote.",
    )
    view_count = fields.Integer(string="Views", readonly=True, copy=False, default=0)
    public_url = fields.Char(
        string="Public Link",
        compute="_compute_public_url",
        help="Anyone who has this link reads the article, without an account.",
    )

    # ------------------------------------------------------------------ computes

    @api.depends_context("uid")
    @api.depends("category_id.reviewer_ids")
    def _compute_can_review(self):
        user = self.env.user
        for article in self:
            article.can_review = bool(
                article.category_id
            ) and article.category_id._is_reviewer(user)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for article in self:
            article.access_url = f"/knowledge/article/{article.id}"
        return result

    @api.depends("audience", "state", "access_token")
    def _compute_public_url(self):
        for article in self:
            if (
                article.audience == "public"
                and article.state == "published"
                and article.id
            ):
                article.public_url = article.get_base_url() + article.get_portal_url()
            else:
                article.public_url = False

    def _compute_child_count(self):
        counts = dict(
            self._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for article in self:
            article.child_count = counts.get(article, 0)

    @api.depends_context("uid")
    @api.depends("parent_path", "parent_id.name")
    def _compute_parent_breadcrumb(self):
        paths = {
            article: [int(pid) for pid in (article.parent_path or "").split("/") if pid]
            for article in self
        }
        ancestor_ids = {
            pid for article, ids in paths.items() for pid in ids if pid != article.id
        }
        # one search for every ancestor the user may read (record rules apply)
        readable = {
            article.id: article.name
            for article in self.search([("id", "in", list(ancestor_ids))])
        }
        for article in self:
            names = [
                readable[pid]
                for pid in paths[article]
                if pid != article.id and pid in readable
            ]
            article.parent_breadcrumb = " / ".join(names) or False

    def _compute_attachment_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for article in self:
            article.attachment_count = counts.get(article.id, 0)

    def _compute_revision_count(self):
        counts = dict(
            self.env["crm.knowledge.article.revision"]._read_group(
                [("article_id", "in", self.ids)], ["article_id"], ["__count"]
            )
        )
        for article in self:
            article.revision_count = counts.get(article, 0)

    @api.depends(
        "state",
        "last_review_date",
        "published_date",
        "category_id.review_interval_days",
    )
    def _compute_next_review_date(self):
        for article in self:
            if article.state != "published":
                article.next_review_date = False
                continue
            last = article.last_review_date or (
                article.published_date and article.published_date.date()
            )
            due = lifecycle.next_review_date(
                last or None, article.category_id._review_interval()
            )
            article.next_review_date = (
                due if due and due != datetime.date.min else False
            )

    @api.depends("state", "next_review_date")
    def _compute_is_stale(self):
        today = fields.Date.context_today(self)
        for article in self:
            article.is_stale = bool(
                article.state == "published"
                and article.next_review_date
                and article.next_review_date <= today
            )

    @api.depends(
        "name",
        "body",
        "tag_ids.name",
        "product_ids.name",
        "product_ids.default_code",
        "industry_ids.name",
    )
    def _compute_search_tokens(self):
        for article in self:
            keywords = [
                *article.tag_ids.mapped("name"),
                *article.product_ids.mapped("name"),
                *(code for code in article.product_ids.mapped("default_code") if code),
                *article.industry_ids.mapped("name"),
            ]
            doc = search.index_document(
                article.name or "", article.body or "", keywords
            )
            article.search_title_tokens = doc.title_tokens
            article.search_body_tokens = doc.body_tokens

    @api.model
    def _reindex_search(self, chunk=1000):
        """Recompute the stored search tokens of every article (archived included), in chunks
        (the cache of one chunk is dropped before the next). The tokens are stored computed
        fields: an upgrade that changes lib.search/lib.segment (word segmentation, script
        folding) calls this from migrations/ so that existing articles match as new ones do.
        Returns the number of articles re-indexed."""
        articles = self.sudo().with_context(active_test=False)
        ids = articles.search([], order="id").ids  # pylint: disable=no-search-all
        fnames = ["search_title_tokens", "search_body_tokens"]
        for start in range(0, len(ids), chunk):
            batch = articles.browse(ids[start : start + chunk])
            for fname in fnames:
                self.env.add_to_compute(articles._fields[fname], batch)
            articles.flush_model(fnames)
            self.env.invalidate_all()
        return len(ids)

    def _compute_search_text(self):
        self.search_text = False

    def _search_search_text(self, operator, value):
        if operator not in ("ilike", "like", "=", "not ilike", "not like", "!="):
            raise UserError(
                self.env._(
                    "Unsupported operator %s for a knowledge text search.", operator
                )
            )
        # OR semantics, as the portal search: an article holding any word matches
        # (search_fetch ranks them when no other order is asked for)
        tsquery = self._build_tsquery(value or "", match_all=False)
        if tsquery is None:
            return expression.TRUE_DOMAIN
        query = self._search_text_query(tsquery)
        negative = operator in ("not ilike", "not like", "!=")
        return [("id", "not in" if negative else "in", query)]

    @api.model
    def _ranked_text_of(self, domain):
        """The text of the one positive ``search_text`` leaf of ``domain`` (the Text
        filter of the Articles list), else None: several texts, a negated one or a
        leaf under a ``!`` have no single rank order."""
        texts = []
        negated = False
        for leaf in domain or []:
            if leaf == "!":
                negated = True
                continue
            if (
                isinstance(leaf, (list, tuple))
                and len(leaf) == 3
                and leaf[0] == "search_text"
            ):
                if negated or leaf[1] not in ("ilike", "like", "="):
                    return None
                texts.append(leaf[2])
            negated = False
        if len(texts) != 1 or not isinstance(texts[0], str):
            return None
        return texts[0]

    @api.model
    @api.readonly
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        """A search with a Text leaf and no explicit order returns the articles in the
        order of the portal search (``_search_knowledge_sql``: published first, all
        words in the title, coverage, score), so the Articles list and the portal rank
        alike.  A domain cannot carry an order, hence this override: the Text leaf
        itself (``_search_search_text``) only selects the articles holding any word;
        here the first ``offset + limit`` of them are ranked (bounded candidates, the
        user's record rules and the whole domain applied) and the page is cut from
        that order.  A sort asked for (a column header clicked) keeps its order."""
        text = None if order else self._ranked_text_of(domain)
        search_query = self._build_search_query(text) if text else None
        if not search_query:
            return super().search_fetch(
                domain, field_names, offset=offset, limit=limit, order=order
            )
        ranked = self._search_knowledge_ranked(
            search_query, limit=(offset + limit) if limit else None, domain=domain
        )
        page = [row[0] for row in ranked[offset:]]
        found = super().search_fetch([("id", "in", page)], field_names)
        found_ids = set(found._ids)
        return self.browse(
            [article_id for article_id in page if article_id in found_ids]
        )

    @api.depends("vote_ids.helpful")
    def _compute_vote_counts(self):
        groups = self.env["crm.knowledge.vote"]._read_group(
            [("article_id", "in", self.ids)], ["article_id", "helpful"], ["__count"]
        )
        counts = {(article.id, helpful): count for article, helpful, count in groups}
        for article in self:
            helpful = counts.get((article.id, True), 0)
            not_helpful = counts.get((article.id, False), 0)
            ratio = feedback.helpfulness_ratio(helpful, not_helpful)
            article.helpful_count = helpful
            article.not_helpful_count = not_helpful
            article.vote_count = helpful + not_helpful
            article.helpfulness = 100.0 * ratio if ratio is not None else 0.0
            article.most_useful_score = feedback.most_useful_score(helpful, not_helpful)
            article.least_useful_score = feedback.least_useful_score(
                helpful, not_helpful
            )

    @api.depends_context("uid")
    @api.depends("vote_ids.helpful", "vote_ids.user_id")
    def _compute_user_vote(self):
        votes = (
            self.env["crm.knowledge.vote"]
            .sudo()
            .search([("article_id", "in", self.ids), ("user_id", "=", self.env.uid)])
        )
        by_article = {vote.article_id.id: vote for vote in votes}
        for article in self:
            vote = by_article.get(article.id)
            article.user_vote = (
                (vote.helpful and "helpful" or "not_helpful") if vote else False
            )

    # --------------------------------------------------------------- constraints

    @api.constrains("name")
    def _check_name(self):
        for article in self:
            if not (article.name or "").strip():
                raise ValidationError(self.env._("An article needs a title."))

    @api.constrains("parent_id")
    def _check_parent_cycle(self):
        if self._has_cycle():
            self._raise_cycle()

    @api.constrains("parent_id", "company_id")
    def _check_parent_company(self):
        """A sub-article belongs to its parent's company (a parent shared by every company
        may hold articles of any company); moving a parent keeps its sub-articles."""
        # sudo: the parent and the sub-articles may be outside the user's record rules
        for article in self.sudo():
            parent_company = article.parent_id.company_id
            if parent_company and article.company_id != parent_company:
                raise ValidationError(
                    self.env._(
                        "%(title)s cannot be nested under %(parent)s: a sub-article belongs"
                        " to the company of its parent article (%(company)s).",
                        title=article.name,
                        parent=article.parent_id.name,
                        company=parent_company.name,
                    )
                )
        for article in self.sudo().filtered("company_id"):
            foreign = article.child_ids.filtered(
                lambda child, company=article.company_id: child.company_id != company
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "%(title)s has sub-articles of another company (%(children)s):"
                        " it cannot move to %(company)s.",
                        title=article.name,
                        children=", ".join(foreign[:5].mapped("name")),
                        company=article.company_id.name,
                    )
                )

    def _check_new_parent(self, vals):
        """The parent an editor nests an article under must be one they may read, and
        neither one of the moved articles nor one of their sub-articles (checked before
        Odoo's parent store refuses it with a bare 'Recursion Detected')."""
        if not vals.get("parent_id"):
            return
        parent = self.browse(vals["parent_id"])
        if not self.env.su:
            parent.check_access("read")
        if self.ids:
            ancestors = {
                int(pid) for pid in (parent.sudo().parent_path or "").split("/") if pid
            }
            if ancestors & set(self.ids):
                self._raise_cycle()

    def _raise_cycle(self):
        raise ValidationError(
            self.env._(
                "An article cannot be nested under itself or under one of its own"
                " sub-articles."
            )
        )

    # ---------------------------------------------------------------------- CRUD

    def init(self):
        result = super().init()
        cr = self.env.cr
        if not column_exists(cr, self._table, SEARCH_VECTOR_COLUMN):
            cr.execute(
                SQL(
                    "ALTER TABLE %s ADD COLUMN %s tsvector GENERATED ALWAYS AS (%s) STORED",
                    SQL.identifier(self._table),
                    SQL.identifier(SEARCH_VECTOR_COLUMN),
                    SQL(SEARCH_VECTOR),
                )
            )
        cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [SEARCH_INDEX_NAME]
        )
        row = cr.fetchone()
        if row and SEARCH_VECTOR_COLUMN not in row[0]:
            drop_index(cr, SEARCH_INDEX_NAME, self._table)  # an older definition
        create_index(
            cr, SEARCH_INDEX_NAME, self._table, [SEARCH_VECTOR_COLUMN], method="gin"
        )
        # Articles are written rarely and searched often: no pending list, which every
        # search scans until VACUUM merges it (issue 11: after inserting 10,000 articles a
        # rare word took 1.2 ms of SQL with the pending list, 0.5 ms without).
        cr.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", [SEARCH_INDEX_NAME]
        )
        if "fastupdate=off" not in (cr.fetchone()[0] or []):
            cr.execute(
                SQL(
                    "ALTER INDEX %s SET (fastupdate = off)",
                    SQL.identifier(SEARCH_INDEX_NAME),
                )
            )
            cr.execute(
                "SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX_NAME]
            )
        create_index(
            cr,
            SEARCH_CANDIDATE_INDEX_NAME,
            self._table,
            ["(state = 'published')", "id"],
        )
        return result

    @api.onchange("category_id")
    def _onchange_category_template(self):
        """An empty article takes the template of the category chosen."""
        for article in self:
            templates = article.category_id._article_templates().get(
                article.category_id, []
            )
            body = starting_body(article.body, templates)
            if body is not None:
                article.body = body

    def _apply_category_templates(self, vals_list):
        """A new article without a body starts from its category's template."""
        categories = self.env["crm.knowledge.category"].browse(
            {vals["category_id"] for vals in vals_list if vals.get("category_id")}
        )
        templates = categories._article_templates()
        for vals in vals_list:
            if not vals.get("category_id"):
                continue
            category = categories.browse(vals["category_id"])
            body = starting_body(vals.get("body"), templates.get(category, []))
            if body is not None:
                vals["body"] = body

    @api.model_create_multi
    def create(self, vals_list):
        self._apply_category_templates(vals_list)
        for vals in vals_list:
            self._check_new_parent(vals)
            state = vals.get("state", "draft")
            if state != "draft" and not self.env.su:
                raise UserError(
                    self.env._(
                        "A new article starts as a draft; send it to review to publish it."
                    )
                )
            if state == "published":
                vals.setdefault("published_date", fields.Datetime.now())
                vals.setdefault("last_review_date", fields.Date.context_today(self))
        articles = super().create(vals_list)
        for article in articles.filtered(lambda a: a.audience == "public"):
            article._portal_ensure_token()
        articles.filtered(lambda a: a.state == "published")._create_revisions()
        return articles

    def write(self, vals):
        self._check_new_parent(vals)
        # a change of the title or body of a published article waits for review, unless
        # the category's edit policy lets this user's change go live (lib.lifecycle)
        if {"name", "body"} & vals.keys() and not self.env.su:
            held = self.filtered(lambda a: a._change_waits_for_review(vals))
            if held:
                held.check_access("write")
                held._propose_change(vals)
                rest = {k: v for k, v in vals.items() if k not in ("name", "body")}
                if rest:
                    held.write(rest)
                if self - held:
                    (self - held).write(vals)
                return True
        # the state is a workflow field: the guard mixin refuses it outside the actions
        was_published = self.filtered(lambda a: a.state == "published")
        result = super().write(vals)
        if vals.get("audience") == "public":
            for article in self:
                article._portal_ensure_token()
        content_changed = bool({"name", "body"} & vals.keys())
        if content_changed or vals.get("state") == "published":
            self.filtered(
                lambda a: (
                    a.state == "published"
                    and (content_changed or a not in was_published)
                )
            )._create_revisions()
        return result

    # ------------------------------------------------------------------ lifecycle

    def _is_reviewer(self):
        self.ensure_one()
        return self.env.su or self.category_id._is_reviewer(self.env.user)

    def _transition_error(self, error, new_state):
        """Translated Odoo exception for a lib.lifecycle TransitionError."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        return domain_exception(
            self.env,
            error,
            {
                "title": self.name,
                "old": states.get(self.state, self.state),
                "new": states.get(new_state, new_state),
                "category": self.category_id.display_name,
            },
        )

    def _check_state_change(self, new_state, strict=False):
        """Refuse a lifecycle move lib.lifecycle does not allow.  Writing the current
        state again is accepted (it changes nothing) unless ``strict`` (buttons)."""
        for article in self:
            if article.state == new_state and not strict:
                continue
            try:
                lifecycle.check_transition(
                    article.state, new_state, article._is_reviewer()
                )
            except TransitionError as error:
                raise article._transition_error(error, new_state) from None

    def _move_to(self, new_state, extra=None):
        """The one door of the lifecycle: transition and rights checked, then sudo."""
        self.check_access("write")
        self._check_state_change(new_state, strict=True)
        self.sudo().write(dict(extra or {}, state=new_state))
        return True

    def action_submit_review(self):
        return self._move_to("in_review")

    def action_publish(self):
        return self._move_to(
            "published",
            {
                "published_date": fields.Datetime.now(),
                "last_review_date": fields.Date.context_today(self),
            },
        )

    def action_back_to_draft(self):
        return self._move_to("draft")

    def action_archive_article(self):
        return self._move_to("archived")

    def action_mark_reviewed(self):
        """Periodic review done: the content is still right, the review date renews."""
        for article in self:
            if article.state != "published":
                raise UserError(
                    self.env._("Only published articles are reviewed periodically.")
                )
            if not article._is_reviewer():
                raise AccessError(
                    self.env._(
                        "You are not a reviewer of the category %(category)s: you cannot"
                        " confirm the review of %(title)s.",
                        category=article.category_id.display_name,
                        title=article.name,
                    )
                )
        self.check_access("write")
        self.sudo().write({"last_review_date": fields.Date.context_today(self)})
        self.activity_feedback(
            ["crm_knowledge.mail_activity_type_review"], feedback=self.env._("Reviewed")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """An article that was published or has revisions is archived, never deleted."""
        kept = self.filtered(
            lambda a: a.published_date or a.sudo().revision_ids or a.sudo().vote_ids
        )
        if kept:
            raise UserError(
                self.env._(
                    "%(titles)s has a history (published, revisions or votes): archive it"
                    " instead of deleting it.",
                    titles=", ".join(kept[:5].mapped("name")),
                )
            )

    # ------------------------------------------------------------------ revisions

    def _create_revisions(self):
        """Keep the current title and body of these articles as a new revision
        (unless they equal the last revision)."""
        if not self:
            return self.env["crm.knowledge.article.revision"]
        Revision = self.env["crm.knowledge.article.revision"].sudo()
        last = {
            article.id: Revision.browse(last_id)
            for article, last_id in Revision._read_group(
                [("article_id", "in", self.ids), ("status", "=", "published")],
                ["article_id"],
                ["id:max"],
            )
        }
        vals_list = []
        for article in self:
            previous = last.get(article.id)
            if (
                previous
                and previous.name == article.name
                and previous.body == article.body
            ):
                continue
            vals_list.append(
                {
                    "article_id": article.id,
                    "name": article.name,
                    "body": article.body,
                    "author_id": self.env.uid,
                    "previous_id": previous.id if previous else False,
                    "number": (previous.number if previous else 0) + 1,
                }
            )
        # sudo: revisions are written by the system, never edited by users
        return Revision.create(vals_list)

    def _live_revision(self):
        """The published revision readers see now (the last one published)."""
        self.ensure_one()
        return (
            self.env["crm.knowledge.article.revision"]
            .sudo()
            .search(
                [("article_id", "=", self.id), ("status", "=", "published")],
                order="id desc",
                limit=1,
            )
        )

    def _proposed_content(self, vals):
        """(title, sanitized body) this article would have after ``vals``."""
        self.ensure_one()
        name = vals["name"] if "name" in vals else self.name
        if not (name or "").strip():
            raise ValidationError(self.env._("An article needs a title."))
        body = self.body
        if "body" in vals:
            body = self._fields["body"].convert_to_cache(vals["body"], self)
        return name, body or ""

    def _change_waits_for_review(self, vals):
        """Whether ``vals`` changes the published text of this article and the category's
        edit policy makes the change a proposal for this user (lib.lifecycle)."""
        self.ensure_one()
        if self.state != "published":
            return False
        name, body = self._proposed_content(vals)
        size = diff.changed_size(self.name or "", name) + diff.changed_size(
            html_to_text(self.body or ""), html_to_text(body)
        )
        if not size and (body or "") == (self.body or ""):
            return False  # nothing changes
        category = self.category_id
        return not lifecycle.edit_goes_live(
            category.edit_policy or lifecycle.EDIT_REVIEW_ALL,
            self._is_reviewer(),
            size,
            max(0, category.minor_edit_chars),
        )

    def _propose_change(self, vals):
        """Keep the change of each article as a revision waiting for review."""
        vals_list = []
        for article in self:
            name, body = article._proposed_content(vals)
            live = article._live_revision()
            vals_list.append(
                {
                    "article_id": article.id,
                    "name": name,
                    "body": body,
                    "author_id": self.env.uid,
                    "status": "pending",
                    "number": 0,
                    "base_revision_id": live.id,
                    "previous_id": live.id,
                }
            )
        # sudo: revisions are written by the system (the write right is checked)
        revisions = self.env["crm.knowledge.article.revision"].sudo().create(vals_list)
        for article in self:
            article.message_post(
                body=self.env._(
                    "%(author)s proposed a change; readers keep seeing the published text"
                    " until a reviewer approves it.",
                    author=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return revisions

    @api.depends("revision_ids.status")
    def _compute_pending_revision_count(self):
        counts = dict(
            self.env["crm.knowledge.article.revision"]._read_group(
                [("article_id", "in", self.ids), ("status", "=", "pending")],
                ["article_id"],
                ["__count"],
            )
        )
        for article in self:
            article.pending_revision_count = counts.get(article, 0)

    def action_view_pending_changes(self):
        action = self.action_view_revisions()
        action["domain"] = [("article_id", "=", self.id), ("status", "=", "pending")]
        return action

    def _suggestion_source(self):
        """The business record whose suggestions are shown (``knowledge_source_model``
        / ``knowledge_source_id`` in the context), if it has suggestions, else None."""
        model = self.env.context.get("knowledge_source_model")
        res_id = self.env.context.get("knowledge_source_id")
        if not (
            isinstance(model, str) and model in self.env and isinstance(res_id, int)
        ):
            return None
        record = self.env[model].browse(res_id)
        if not hasattr(record, "_knowledge_suggestion_reasons") or not record.exists():
            return None
        return record

    @api.depends_context("knowledge_source_model", "knowledge_source_id", "uid")
    def _compute_suggestion_reason(self):
        source = self._suggestion_source()
        reasons = {}
        if source is not None and source.has_access("read"):
            reasons = source._knowledge_suggestion_reasons(self)
        for article in self:
            article.suggestion_reason = reasons.get(article.id, False)

    def action_knowledge_not_relevant(self):
        """Mark these articles "not relevant" on the record they are suggested on: they
        are not suggested there again."""
        source = self._suggestion_source()
        if source is None:
            raise UserError(
                self.env._("Open the suggested articles from a record to mark them.")
            )
        for article in self:
            source._knowledge_mark_not_relevant(article)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_source(self):
        """The business record this case was written from, if the user may read it."""
        self.ensure_one()
        if not self.source_model or self.source_model not in self.env:
            raise UserError(self.env._("This article was not written from a record."))
        record = self.env[self.source_model].browse(self.source_res_id).exists()
        if not record:
            raise UserError(
                self.env._(
                    "%(source)s, which this article was written from, no longer exists.",
                    source=self.source_name,
                )
            )
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_knowledge.crm_knowledge_article_revision_action"
        )
        action["domain"] = [("article_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_children(self):
        """The sub-articles of this article; a new one starts under it, in its category."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_knowledge.crm_knowledge_article_action"
        )
        action["name"] = self.env._("Sub-articles of %(title)s", title=self.name)
        action["domain"] = [("parent_id", "=", self.id)]
        action["view_mode"] = "list,hierarchy,form"
        action["views"] = [(False, "list"), (False, "hierarchy"), (False, "form")]
        action["context"] = {
            "default_parent_id": self.id,
            "default_category_id": self.category_id.id,
        }
        return action

    def action_view_attachments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_attachment")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action

    # --------------------------------------------------------------- review dates

    @api.model
    def _recompute_review_dates(self):
        """The default review interval changed: recompute every published article's dates."""
        articles = self.sudo().search([("state", "=", "published")])
        self.env.add_to_compute(self._fields["next_review_date"], articles)
        articles.flush_recordset(["next_review_date"])
        self.env.add_to_compute(self._fields["is_stale"], articles)
        articles.flush_recordset(["is_stale"])

    @api.model
    def _cron_review_reminders(self, batch_size=500):
        """Daily: refresh the stale flags, and give the owner of each article whose review
        is due within the reminder delay a review activity (one open activity per article)."""
        today = fields.Date.context_today(self)
        articles = self.sudo().with_context(active_test=False)
        # 1. stale flags: they depend on the day, not only on the record
        changed = articles.search(
            [
                "|",
                "&",
                ("is_stale", "=", False),
                "&",
                ("state", "=", "published"),
                ("next_review_date", "<=", today),
                "&",
                ("is_stale", "=", True),
                "|",
                ("state", "!=", "published"),
                ("next_review_date", ">", today),
            ]
        )
        if changed:
            self.env.add_to_compute(self._fields["is_stale"], changed)
            changed.flush_recordset(["is_stale"])
        # 2. reminders
        reminder_days = max(
            0, get_setting(self.env, "crm_knowledge_review_reminder_days")
        )
        activity_type = self.env.ref(
            "crm_knowledge.mail_activity_type_review", raise_if_not_found=False
        )
        if not activity_type:
            return
        due = articles.search(
            [
                ("state", "=", "published"),
                ("next_review_date", "!=", False),
                (
                    "next_review_date",
                    "<=",
                    today + datetime.timedelta(days=reminder_days),
                ),
            ],
            order="next_review_date, id",
        )
        reminded = {
            res_id
            for [res_id] in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", due.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        todo = due.filtered(lambda a: a.id not in reminded)
        batch, rest = todo[:batch_size], todo[batch_size:]
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": article.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (article.owner_id or article.author_id).id,
                    "date_deadline": article.next_review_date,
                    "summary": self.env._(
                        "Review the article %(title)s", title=article.name
                    ),
                    "automated": True,
                }
                for article in batch
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(rest))

    # --------------------------------------------------------------------- search

    @api.model
    def _build_tsquery(self, query, match_all=True):
        """lib.search.build_tsquery with its errors as translated UserErrors."""
        try:
            return search.build_tsquery(query, match_all=match_all)
        except QueryError as error:
            raise_domain_error(self.env, error)

    @api.model
    def _search_vector_sql(self):
        return SQL.identifier(self._table, SEARCH_VECTOR_COLUMN)

    @api.model
    def _search_text_query(self, tsquery):
        """Query of the ids of the articles matching ``tsquery`` (no access rules:
        for use inside a domain, whose search applies them)."""
        query = self.sudo().with_context(active_test=False)._where_calc([])
        query.add_where(
            SQL("%s @@ to_tsquery('simple', %s)", self._search_vector_sql(), tsquery)
        )
        return query

    def _register_hook(self):
        super()._register_hook()
        search.segment.add_user_words(self._search_user_words())

    @api.model
    def _search_user_words(self):
        """Words the Chinese segmenter learns when the registry loads (lib/segment.py),
        beside the suite's vocabulary file: the names and codes of the products linked
        to articles.  Modules extend it (failure-code names of the service network)."""
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT product_id FROM %s",
                SQL.identifier("crm_knowledge_article_product_rel"),
            )
        )
        products = (
            self.env["product.product"]
            .sudo()  # vocabulary only: no record is shown to anyone
            .with_context(active_test=False)
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        return [
            word
            for product in products
            for word in (product.name, product.default_code)
            if word
        ]

    @api.model
    def _build_search_query(self, query):
        """lib.search.build_search_query with its errors as translated UserErrors."""
        try:
            return search.build_search_query(query)
        except QueryError as error:
            raise_domain_error(self.env, error)

    @api.model
    def _search_knowledge(self, query, limit=SEARCH_LIMIT_DEFAULT, domain=None):
        """Articles matching any word of ``query`` that the current user may read, best
        first (see ``_search_knowledge_sql`` for the order).

        One SQL query: the ORM search of ``domain`` with the user's record rules, AND the
        full-text match on the GIN-indexed token vector (the tsqueries are parameters).
        Returns an ordered recordset (empty when the query has no word).
        """
        search_query = self._build_search_query(query)
        if search_query is None:
            return self.browse()
        ranked = self._search_knowledge_ranked(search_query, limit=limit, domain=domain)
        return self.browse([row[0] for row in ranked])

    @api.model
    def _search_knowledge_ranked(
        self, search_query, limit=SEARCH_LIMIT_DEFAULT, domain=None
    ):
        """``[(id, score, coverage, in_title)]`` for a lib.search.SearchQuery, best
        first: the BM25-like score, the number of query words the article holds and the
        number it holds in its title (see ``_search_knowledge_sql``)."""
        self.flush_model(["search_title_tokens", "search_body_tokens", "state"])
        # execute_query also flushes the fields the rules and the domain use
        return self.env.execute_query(
            self._search_knowledge_sql(search_query, limit, domain)
        )

    @api.model
    def _search_term_statistics(self):
        """``(rows, {lexeme: share}, floor)`` of the search vector, from PostgreSQL's
        own statistics (``pg_class.reltuples``, ``pg_stats.most_common_elems``, which
        ANALYZE and autovacuum keep), cached per database for a minute: they only choose
        the plan of a search (``_search_match_sql``), never its result."""
        key = self.env.cr.dbname
        now = time.monotonic()
        cached = _TERM_STATISTICS.get(key)
        if cached and now - cached[0] < TERM_STATISTICS_TTL:
            return cached[1]
        self.env.cr.execute(
            SQL(
                "SELECT c.reltuples, s.most_common_elems::text::text[],"
                " s.most_common_elem_freqs"
                " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname"
                " AND s.attname = %s AND s.schemaname = current_schema()"
                " WHERE c.oid = %s::regclass",
                SEARCH_VECTOR_COLUMN,
                self._table,
            )
        )
        rows, lexemes, shares = self.env.cr.fetchone()
        frequencies = dict(zip(lexemes or [], shares or [], strict=False))
        # the last entries of most_common_elem_freqs are the min, max and null share;
        # a lexeme missing from the list is rarer than the rarest listed one
        floor = min(shares[: len(lexemes)]) if lexemes else 0.0
        statistics = (max(rows or 0.0, 0.0), frequencies, floor)
        _TERM_STATISTICS[key] = (now, statistics)
        return statistics

    @api.model
    def _search_match_sql(self, tsquery, limit, share=None):
        """The match condition of ``tsquery`` for a search that stops at ``limit``.

        PostgreSQL estimates the share of matches of ``'a' & 'b'`` as the product of
        the shares of ``a`` and ``b``; the bigrams of one word (润滑 & 滑油) or the atoms
        of a grade (15 & w & 40) always occur together, so a frequent query looks rare
        and the planner reads every match through the GIN index (柴油机油 15W-40: 2,100
        of 10,000 generated articles, 13 ms of SQL, 50 ms with a GIN pending list)
        instead of walking the ordered index until ``limit`` are found (5 ms).  When
        the statistics show the query is frequent (lib.search.match_share, or the
        ``share`` given, prefer_ordered_scan), the match is written as the
        function ``ts_match_vq`` -- the very test of ``@@``, which the GIN index does
        not answer -- so that the ordered walk is the plan; otherwise it is ``@@`` and
        the planner chooses, with the GIN index for the rare words.
        """
        vector = self._search_vector_sql()
        tsq = SQL("to_tsquery('simple', %s)", tsquery)
        if limit:
            rows, frequencies, floor = self._search_term_statistics()
            if share is None:
                share = search.match_share(tsquery, frequencies, floor)
            if search.prefer_ordered_scan(share, rows, limit):
                return SQL("ts_match_vq(%s, %s)", vector, tsq)
        return SQL("%s @@ %s", vector, tsq)

    @api.model
    def _search_candidates_sql(self, tsquery, candidates, domain, share=None):
        """The first ``candidates`` articles matching ``tsquery`` the user may read, in
        the order of the candidate index (published first, newest first)."""
        query = self._search(domain or [])  # applies the user's record rules
        query.add_where(self._search_match_sql(tsquery, candidates, share))
        published = SQL("(%s = 'published')", SQL.identifier(self._table, "state"))
        article_id = SQL.identifier(self._table, "id")
        # the expressions of the candidate index (SEARCH_CANDIDATE_INDEX_NAME)
        query.order = SQL("%s DESC, %s DESC", published, article_id)
        query.limit = candidates
        return query.select(
            SQL("%s AS id", article_id), SQL("%s AS published", published)
        )

    @api.model
    def _search_knowledge_sql(
        self, search_query, limit=SEARCH_LIMIT_DEFAULT, domain=None
    ):
        """The one SELECT of the search: ids and ranks (see ``_search_knowledge``).

        OR semantics (issue 14): an article matches when it has at least one word of the
        query (lib.search.SearchQuery), so a page is never empty when some words match.
        Order: published first; then the articles whose title (weight A: title, tags,
        products) holds every word; then by coverage, the number of query words the
        article holds; then a BM25-like score, the sum over the words of their idf among
        the candidates times their saturated ``ts_rank_cd`` (frequency, title weight,
        normalized by length); newest first.  The ``rank`` returned is that score.

        Ranking is bounded (issue 11): the candidates are the first
        ``SEARCH_CANDIDATES`` articles having every word plus the first
        ``SEARCH_CANDIDATES`` having any word, each in the cheap pre-order of the
        candidate index (published first, newest id first), with the user's record
        rules; only those are ranked (the coverage counts are one ``@@`` per word and
        candidate).  For a frequent word PostgreSQL walks the candidate index and stops
        at the candidates instead of ranking every match: on 10,000 generated articles
        (润滑油 in half of them; bench/run.py --size small) the manager's median fell
        from 40.6 ms to 3.3 ms (0.57x -> 0.04x of unindexed ILIKE), the portal user's to
        5.3 ms (0.15x); on 50,000 (--size full) 2.4 ms and 5.8 ms (0.01x, 0.03x), p95
        under 10 ms (measured before the OR semantics, with one candidate walk); a
        rare word keeps the GIN index (bitmap scan, then the sort of its few matches).
        The order is exact whenever the user may read at most ``SEARCH_CANDIDATES``
        matching articles; beyond that the articles with every word come first among
        the newest, published ones always first.
        """
        table = self._table
        candidates = max(SEARCH_CANDIDATES, limit) if limit else None
        any_query = search_query.any
        words = search_query.words
        share = None
        if limit:
            _rows, frequencies, floor = self._search_term_statistics()
            shares = [search.match_share(word, frequencies, floor) for word in words]
            share = min(
                1.0,
                sum(shares)
                + sum(
                    search.match_share(part, frequencies, floor)
                    for part in search_query.partial
                ),
            )
        union = self._search_candidates_sql(any_query, candidates, domain, share)
        if len(words) > 1:
            union = SQL(
                "(%s) UNION (%s)",
                self._search_candidates_sql(
                    search_query.all, candidates, domain, share and min(shares)
                ),
                union,
            )
        vector = SQL.identifier("t", SEARCH_VECTOR_COLUMN)
        columns, idf_scores, partial_scores = [], [], []
        for i, (word, title_word) in enumerate(
            zip(words, search_query.title_words, strict=True)
        ):
            matched, in_title, rank, df = (SQL.identifier(f"{c}{i}") for c in "mtrd")
            columns += [
                SQL(
                    "(%s @@ to_tsquery('simple', %s))::int AS %s", vector, word, matched
                ),
                SQL(
                    "(%s @@ to_tsquery('simple', %s))::int AS %s",
                    vector,
                    title_word,
                    in_title,
                ),
                SQL(
                    "ts_rank_cd(%s, to_tsquery('simple', %s), 1) AS %s",
                    vector,
                    word,
                    rank,
                ),
            ]
            idf_scores.append((matched, in_title, rank, df))
        for i, part in enumerate(search_query.partial):
            matched, rank, df = (SQL.identifier(f"{c}{i}") for c in ("pm", "pr", "pd"))
            columns += [
                SQL(
                    "(%s @@ to_tsquery('simple', %s))::int AS %s", vector, part, matched
                ),
                SQL(
                    "ts_rank_cd(%s, to_tsquery('simple', %s), 1) AS %s",
                    vector,
                    part,
                    rank,
                ),
            ]
            partial_scores.append((matched, rank, df))
        window = SQL(", ").join(
            SQL("sum(%s) OVER () AS %s", matched, df)
            for matched, rank, df in [(m, r, d) for m, _t, r, d in idf_scores]
            + partial_scores
        )

        def bm25(rank, df, weight):
            return SQL(
                "%(weight)s * ln(1 + (s.cnt - %(df)s + 0.5) / (%(df)s + 0.5))"
                " * %(rank)s / (%(rank)s + %(k)s)",
                weight=weight,
                df=df,
                rank=rank,
                k=SEARCH_RANK_SATURATION,
            )

        # BM25-like score of each word among the candidates: idf from the candidates
        # that hold it, term frequency and title weight from ts_rank_cd, saturated; the
        # words inside long words weigh half
        score = SQL(" + ").join(
            [bm25(rank, df, 1.0) for _m, _t, rank, df in idf_scores]
            + [bm25(rank, df, 0.5) for _m, rank, df in partial_scores]
        )
        in_title = SQL(" + ").join(t for _m, t, _r, _d in idf_scores)
        coverage = SQL(" + ").join(m for m, _t, _r, _d in idf_scores)
        return SQL(
            "WITH m AS (SELECT t.id, c.published, %(columns)s"
            " FROM (%(union)s) AS c JOIN %(table)s AS t ON t.id = c.id),"
            " s AS (SELECT m.*, count(*) OVER () AS cnt, %(window)s FROM m)"
            " SELECT s.id, %(score)s AS score, %(coverage)s AS coverage,"
            " %(in_title)s AS in_title FROM s"
            " ORDER BY s.published DESC, (%(in_title)s) = %(words)s DESC,"
            " %(coverage)s DESC, score DESC, s.id DESC LIMIT %(limit)s",
            columns=SQL(", ").join(columns),
            union=union,
            table=SQL.identifier(table),
            window=window,
            score=score,
            in_title=in_title,
            words=len(words),
            coverage=coverage,
            limit=limit or None,
        )

    def _search_snippet(self, query, width=160):
        """HTML excerpt of the body around the first match of ``query`` (marks escaped)."""
        self.ensure_one()
        try:
            return search.snippet(html_to_text(self.body or ""), query, width=width)
        except QueryError:
            return ""

    # ------------------------------------------------------------------- feedback

    def _increment_view_count(self):
        """One UPDATE, no write(): no tracking message, no write_date change."""
        if not self.ids:
            return
        # The one raw UPDATE of the addon, kept on purpose: an atomic ``view_count + 1`` in one
        # query (tests/test_feedback.py counts it). An ORM write would read then write (two
        # queries), lose the views of concurrent readers and bump write_date.
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET view_count = COALESCE(view_count, 0) + 1 WHERE id IN %s",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["view_count"])

    def action_register_view(self):
        """Called by the article form each time it shows an article."""
        self.check_access("read")
        self._increment_view_count()
        return True

    def action_vote_helpful(self):
        return self._vote(True)

    def action_vote_not_helpful(self):
        return self._vote(False)

    def _vote(self, helpful):
        self.ensure_one()
        self.check_access("read")
        if self.state != "published":
            raise UserError(self.env._("Only published articles can be voted on."))
        Vote = self.env["crm.knowledge.vote"]
        if Vote.sudo().search_count(
            [("article_id", "=", self.id), ("user_id", "=", self.env.uid)], limit=1
        ):
            raise UserError(
                self.env._(
                    "You have already voted on %(title)s: one vote per person.",
                    title=self.name,
                )
            )
        # nobody creates votes through the ORM (no create right): the article was
        # checked readable and published above, the voter is the server's user
        return Vote.sudo().create(
            {"article_id": self.id, "helpful": helpful, "user_id": self.env.uid}
        )

    # ------------------------------------------------------------------- portal

    def _portal_attachments(self):
        """Attachments a reader of the article may download: those of the article,
        except the ones posted in internal notes."""
        self.ensure_one()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)], order="id"
            )
        )
        internal = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("attachment_ids", "!=", False),
                    "|",
                    ("is_internal", "=", True),
                    ("subtype_id.internal", "=", True),
                ]
            )
            .attachment_ids
        )
        return attachments - internal
