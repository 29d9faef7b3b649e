# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CrmKnowledgeQuestion(models.Model):
    _name = "crm.knowledge.question"
    _description = "Knowledge Question"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _workflow_fields = (
        "state",
        "accepted_answer_id",
        "article_id",
        "asker_id",
        "answer_count",
    )
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Question", required=True, tracking=True)
    description = fields.Html(string="Details")
    asker_id = fields.Many2one(
        "res.users",
        string="Asked by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    category_id = fields.Many2one(
        "crm.knowledge.category", check_company=True, help="Where the FAQ article goes."
    )
    product_ids = fields.Many2many(
        "product.product",
        "crm_knowledge_question_product_rel",
        "question_id",
        "product_id",
        string="Products",
    )
    expert_ids = fields.Many2many(
        "res.users",
        "crm_knowledge_question_expert_rel",
        "question_id",
        "user_id",
        string="Experts",
        help="Colleagues asked to answer; they get an activity.",
    )
    answer_ids = fields.One2many(
        "crm.knowledge.answer", "question_id", string="Answers"
    )
    answer_count = fields.Integer(compute="_compute_answer_count", store=True)
    accepted_answer_id = fields.Many2one(
        "crm.knowledge.answer", readonly=True, copy=False, tracking=True
    )
    article_id = fields.Many2one(
        "crm.knowledge.article",
        string="FAQ Article",
        readonly=True,
        copy=False,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    @api.depends("answer_ids")
    def _compute_answer_count(self):
        for question in self:
            question.answer_count = len(question.answer_ids)

    @api.constrains("name")
    def _check_name(self):
        for question in self:
            if not (question.name or "").strip():
                raise ValidationError(self.env._("A question cannot be empty."))

    @api.model_create_multi
    def create(self, vals_list):
        questions = super().create(vals_list)
        questions._notify_experts(questions.expert_ids)
        return questions

    def write(self, vals):
        before = {question: question.expert_ids for question in self}
        result = super().write(vals)
        if "expert_ids" in vals:
            for question in self:
                question._notify_experts(question.expert_ids - before[question])
        return result

    def _notify_experts(self, experts):
        """Give each newly named expert a to-do in the expert's language: its summary, and
        as its note the mail template "Expert Asked to Answer" rendered for the question
        (Odoo's assignment notice carries the note to the expert)."""
        template = self.env.ref(
            "crm_knowledge.mail_template_question_expert", raise_if_not_found=False
        )
        for question in self:
            for expert in experts & question.expert_ids:
                env = self.with_context(lang=expert.lang or self.env.lang).env
                note = False
                if template:
                    # sudo: the template is rendered for the question being saved
                    note = (
                        template.sudo()
                        .with_context(lang=env.lang)
                        ._render_field("body_html", question.ids)[question.id]
                    )
                question.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=expert.id,
                    summary=env._(
                        "Answer the question: %(question)s", question=question.name
                    ),
                    note=note,
                )

    def _check_can_manage(self):
        is_manager = self.env.user.has_group("crm_knowledge.group_crm_knowledge_editor")
        for question in self:
            if question.asker_id != self.env.user and not is_manager:
                raise AccessError(
                    self.env._(
                        "Only the person who asked %(question)s or a knowledge editor can do"
                        " this.",
                        question=question.name,
                    )
                )

    def _locked_records(self):
        """A question turned into an FAQ article is kept as it was promoted."""
        return super()._locked_records() | self.filtered("article_id")

    def action_close(self):
        self._check_can_manage()
        self.sudo().write({"state": "closed"})

    def action_reopen(self):
        self._check_can_manage()
        self._guard_locked()
        for question in self:
            question.sudo().write(
                {"state": "answered" if question.accepted_answer_id else "open"}
            )

    def action_promote_to_faq(self):
        """Write a draft FAQ article from the question and its accepted answer."""
        self.ensure_one()
        self._check_can_manage()
        if not self.accepted_answer_id:
            raise UserError(
                self.env._("Accept an answer before turning the question into an FAQ.")
            )
        if self.article_id:
            raise UserError(self.env._("This question is already an FAQ article."))
        category = self.category_id or self.env.ref(
            "crm_knowledge.category_faq", raise_if_not_found=False
        )
        if not category:
            raise UserError(
                self.env._(
                    "The FAQ knowledge category is missing: restore it or create it."
                )
            )
        body = Markup("<h3>%s</h3>%s<h3>%s</h3>%s") % (
            self.env._("Question"),
            self.description or Markup("<p>%s</p>") % self.name,
            self.env._("Answer"),
            self.accepted_answer_id.body or "",
        )
        article = self.env["crm.knowledge.article"].create(
            {
                "name": self.name,
                "category_id": category.id,
                "body": body,
                "product_ids": [(6, 0, self.product_ids.ids)],
            }
        )
        self.sudo().write({"article_id": article.id, "state": "closed"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.knowledge.article",
            "res_id": article.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
