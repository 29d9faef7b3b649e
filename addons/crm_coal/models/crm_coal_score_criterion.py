# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmCoalScoreCriterion(models.Model):
    _name = "crm.coal.score.criterion"
    _description = "Key-Account Scoring Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        required=True,
        default=1.0,
        help="Relative weight of the criterion in the key-account score; weights are "
        "normalised, a weight of 0 disables the criterion.",
    )
    description = fields.Text(translate=True, help="What a score of 0 and of 100 mean.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "weight_not_negative",
            "CHECK (weight >= 0)",
            "The weight of a scoring criterion cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        criteria = super().create(vals_list)
        self.env["res.partner"]._coal_recompute_scores()
        return criteria

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "active"} & set(vals):
            self.env["res.partner"]._coal_recompute_scores()
        return res
