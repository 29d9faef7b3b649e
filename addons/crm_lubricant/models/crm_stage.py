# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    lub_probability = fields.Float(
        string="Stage Probability (%)",
        help="Chance of winning an opportunity in this stage, used by the funnel report for "
        "opportunities without a probability of their own.",
    )

    @api.constrains("lub_probability")
    def _check_lub_probability(self):
        for stage in self:
            if not 0 <= stage.lub_probability <= 100:
                raise ValidationError(
                    self.env._(
                        "The probability of stage %(stage)s must be between 0 and 100.",
                        stage=stage.name,
                    )
                )
