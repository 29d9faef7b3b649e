# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .display import compute_display_names


class CrmCoalAccountScore(models.Model):
    _name = "crm.coal.account.score"
    _description = "Key-Account Criterion Score"
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
    )
    criterion_id = fields.Many2one(
        "crm.coal.score.criterion",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight")
    score = fields.Float(digits=(5, 1), help="From 0 (worst) to 100 (best).")
    note = fields.Char(help="Evidence behind the score.")

    _sql_constraints = [
        (
            "criterion_unique",
            "UNIQUE (partner_id, criterion_id)",
            "Each criterion is scored once per key account.",
        ),
    ]

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0.0 <= line.score <= 100.0:
                raise ValidationError(
                    self.env._(
                        "The score of %(criterion)s must be between 0 and 100.",
                        criterion=line.criterion_id.display_name,
                    )
                )

    @api.depends("partner_id", "criterion_id")
    def _compute_display_name(self):
        compute_display_names(self, ("partner_id", "criterion_id"))
