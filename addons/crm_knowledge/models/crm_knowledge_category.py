# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import html_translate

from .res_config_settings import get_setting

# Ten years: a longer review interval is a typing error, not a policy.
MAX_REVIEW_DAYS = 3650
MAX_MINOR_EDIT_CHARS = 10000


class CrmKnowledgeCategory(models.Model):
    _name = "crm.knowledge.category"
    _inherit = ["crm.knowledge.guard.mixin"]
    _description = "Knowledge Category"
    _check_company_auto = True
    _parent_name = "parent_id"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True, index=True
    )
    parent_id = fields.Many2one(
        "crm.knowledge.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    child_ids = fields.One2many(
        "crm.knowledge.category", "parent_id", string="Subcategories"
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    reviewer_ids = fields.Many2many(
        "res.users",
        "crm_knowledge_category_reviewer_rel",
        "category_id",
        "user_id",
        string="Reviewers",
        help="Users who approve the publication of this category's articles. Without reviewers,"
        " knowledge managers approve.",
    )
    group_ids = fields.Many2many(
        "res.groups",
        "crm_knowledge_category_group_rel",
        "category_id",
        "group_id",
        string="Access Groups",
        help="Only members of these groups (staff or portal users such as dealers and stations)"
        " see the articles of this category. Empty: the groups of the parent category apply;"
        " empty up to the top: everyone who may read knowledge articles.",
    )
    effective_group_ids = fields.Many2many(
        "res.groups",
        "crm_knowledge_category_effective_group_rel",
        "category_id",
        "group_id",
        string="Effective Access Groups",
        compute="_compute_effective_group_ids",
        store=True,
        recursive=True,
        help="The access groups that apply: this category's own, else its parent's.",
    )
    review_interval_days = fields.Integer(
        string="Review Interval (days)",
        help="Published articles of this category are due for review this many days after"
        " their last review. 0: the default interval of the settings.",
    )
    edit_policy = fields.Selection(
        [
            ("review_all", "Every change is reviewed"),
            ("minor_by_reviewers", "Reviewers fix small things in place"),
            ("reviewers", "Reviewers edit in place"),
        ],
        string="Changes to Published Articles",
        required=True,
        default="minor_by_reviewers",
        help="Readers keep seeing the published text while a change waits for review."
        " Every change is reviewed: each change is a proposal a reviewer approves, reviewers'"
        " own included. Reviewers fix small things in place: a reviewer's change up to the"
        " minor-edit size goes live at once (typo fixes), every other change is a proposal."
        " Reviewers edit in place: only the changes of non-reviewers are proposals.",
    )
    minor_edit_chars = fields.Integer(
        string="Minor Edit Size (characters)",
        default=20,
        help="The most characters of title and text a reviewer's minor edit changes.",
    )
    article_ids = fields.One2many(
        "crm.knowledge.article", "category_id", string="Articles"
    )
    article_template = fields.Html(
        translate=html_translate,
        sanitize=True,
        help="The body a new article of this category starts from (its sections to fill"
        " in). Without one, the parent category's applies.",
    )
    article_count = fields.Integer(compute="_compute_article_count")
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "review_interval_days_positive",
            "CHECK (review_interval_days IS NULL OR review_interval_days >= 0)",
            "The review interval cannot be negative.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        """The path of the names in the reader's language (``complete_name`` is stored
        once, for ordering and search, in the language it was computed in)."""
        for category in self:
            names, node, seen = [], category, set()
            while node and node.id not in seen:
                seen.add(node.id)
                names.append(node.name or "")
                node = node.parent_id
            category.display_name = " / ".join(reversed(names))

    @api.depends("group_ids", "parent_id.effective_group_ids")
    def _compute_effective_group_ids(self):
        for category in self:
            category.effective_group_ids = (
                category.group_ids or category.parent_id.effective_group_ids
            )

    def _compute_article_count(self):
        counts = dict(
            self.env["crm.knowledge.article"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.article_count = counts.get(category, 0)

    @api.constrains("review_interval_days")
    def _check_review_interval_days(self):
        for category in self:
            if not 0 <= category.review_interval_days <= MAX_REVIEW_DAYS:
                raise ValidationError(
                    self.env._(
                        "The review interval of %(category)s must be between 0 and %(max)s days.",
                        category=category.display_name,
                        max=MAX_REVIEW_DAYS,
                    )
                )

    @api.constrains("minor_edit_chars")
    def _check_minor_edit_chars(self):
        for category in self:
            if not 0 <= category.minor_edit_chars <= MAX_MINOR_EDIT_CHARS:
                raise ValidationError(
                    self.env._(
                        "The minor edit size of %(category)s must be between 0 and %(max)s"
                        " characters.",
                        category=category.display_name,
                        max=MAX_MINOR_EDIT_CHARS,
                    )
                )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A knowledge category cannot be its own ancestor.")
            )

    def _is_reviewer(self, user):
        """Whether ``user`` may approve articles of this category."""
        self.ensure_one()
        if user.has_group("crm_knowledge.group_crm_knowledge_manager"):
            return True
        return user in self.reviewer_ids

    def _article_templates(self):
        """{category: [its template, its parent's, ...]} nearest first, in the user's
        language (sudo: a parent category may be closed to the user; a template is no
        secret, only the sections to fill in)."""
        result = {}
        for category in self:
            templates = []
            node = category.sudo()
            seen = set()
            while node and node.id not in seen:
                seen.add(node.id)
                templates.append(node.article_template)
                node = node.parent_id
            result[category] = templates
        return result

    def _review_interval(self):
        """Review interval in days of this category's articles (0: no periodic review)."""
        self.ensure_one()
        if self.review_interval_days:
            return self.review_interval_days
        return max(0, get_setting(self.env, "crm_knowledge_review_interval_days"))
