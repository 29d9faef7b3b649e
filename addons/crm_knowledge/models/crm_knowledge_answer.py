# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .display import compute_display_names


class CrmKnowledgeAnswer(models.Model):
    _name = "crm.knowledge.answer"
    _description = "Knowledge Answer"
    _inherit = ["crm.knowledge.guard.mixin"]
    _workflow_fields = ("is_accepted", "author_id")
    _lock_parent = "question_id"
    _order = "is_accepted desc, create_date, id"

    question_id = fields.Many2one(
        "crm.knowledge.question", required=True, index=True, ondelete="cascade"
    )
    body = fields.Html(string="Answer", required=True)
    author_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    is_accepted = fields.Boolean(string="Accepted", readonly=True, copy=False)
    company_id = fields.Many2one(
        related="question_id.company_id", store=True, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        for question in answers.question_id:
            if question.state == "closed":
                raise UserError(
                    self.env._(
                        "The question %(question)s is closed.", question=question.name
                    )
                )
            # answering is not editing the question: the note is posted with sudo (same uid)
            question.sudo().message_post(
                body=self.env._("New answer by %(author)s", author=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        answers._notify_asker()
        # the answered experts' to-do is done
        answers.question_id.sudo().activity_feedback(
            ["mail.mail_activity_data_todo"], user_id=self.env.uid
        )
        return answers

    def _notify_asker(self):
        """Tell the askers their questions got an answer from someone else (mail template
        in the asker's language, posted in the question's chatter)."""
        template = self.env.ref(
            "crm_knowledge.mail_template_question_answered", raise_if_not_found=False
        )
        questions = self.filtered(
            lambda answer: answer.author_id != answer.question_id.asker_id
        ).question_id
        if template and questions:
            # sudo: answering is not editing the question (same uid, as the note above)
            questions.sudo().message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def action_accept(self):
        self.ensure_one()
        question = self.question_id
        question._check_can_manage()
        if question.state == "closed":
            raise UserError(
                self.env._(
                    "The question %(question)s is closed.", question=question.name
                )
            )
        question._guard_locked()
        question.answer_ids.filtered("is_accepted").sudo().write({"is_accepted": False})
        self.sudo().write({"is_accepted": True})
        question.sudo().write({"accepted_answer_id": self.id, "state": "answered"})

    def _locked_records(self):
        """An accepted answer is kept as it was accepted."""
        return super()._locked_records() | self.filtered("is_accepted")

    @api.depends("question_id", "author_id")
    def _compute_display_name(self):
        compute_display_names(self, ("question_id", "author_id"))
