# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CrmKnowledgeArticle(models.Model):
    _name = "crm.knowledge.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True, index=True
    )
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        help="Keeps the article up to date once its author has moved on.",
    )
    product_ids = fields.Many2many(
        "product.product",
        "crm_knowledge_article_product_rel",
        "article_id",
        "product_id",
        string="Products",
    )
    published_date = fields.Datetime(readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.constrains("name")
    def _check_name(self):
        for article in self:
            if not (article.name or "").strip():
                raise ValidationError(_("An article needs a title."))

    def action_submit_review(self):
        for article in self:
            if article.state != "draft":
                raise UserError(
                    _("Only draft articles can be sent to review: %(title)s is not a draft.",
                      title=article.name)
                )
        self.write({"state": "in_review"})

    def action_publish(self):
        for article in self:
            if article.state != "in_review":
                raise UserError(
                    _("%(title)s must be reviewed before it is published.", title=article.name)
                )
            if not article.category_id._is_reviewer(self.env.user):
                raise AccessError(
                    _(
                        "You are not a reviewer of the category %(category)s:"
                        " you cannot publish %(title)s.",
                        category=article.category_id.display_name,
                        title=article.name,
                    )
                )
        self.write({"state": "published", "published_date": fields.Datetime.now()})

    def action_back_to_draft(self):
        self.write({"state": "draft"})

    def action_archive_article(self):
        self.write({"state": "archived"})
