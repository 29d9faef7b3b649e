# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .display import compute_display_names


class CrmLubricantStageHistory(models.Model):
    """Stays of opportunities in funnel stages (for stage ageing and conversion)."""

    _name = "crm.lubricant.stage.history"
    _description = "Opportunity Stage History"
    _order = "date_in desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade"
    )
    stage_id = fields.Many2one(
        "crm.stage", required=True, index=True, ondelete="cascade"
    )
    date_in = fields.Datetime(
        string="Entered", required=True, default=fields.Datetime.now
    )
    date_out = fields.Datetime(string="Left", index=True)
    days = fields.Float(string="Days in Stage", compute="_compute_days", digits=(16, 1))
    user_id = fields.Many2one(related="lead_id.user_id", string="Salesperson")
    company_id = fields.Many2one(
        "res.company", related="lead_id.company_id", store=True, index=True
    )

    def _compute_days(self):
        now = fields.Datetime.now()
        for stay in self:
            stay.days = ((stay.date_out or now) - stay.date_in).total_seconds() / 86400

    @api.depends("lead_id", "stage_id")
    def _compute_display_name(self):
        compute_display_names(self, ("lead_id", "stage_id"))
