# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .display import compute_display_names


class CrmLubricantTierHistory(models.Model):
    """One line per customer whose value tier changed at a computation (written in batch)."""

    _name = "crm.lubricant.tier.history"
    _description = "Customer Value Tier History"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    old_tier = fields.Char(string="Previous Tier")
    new_tier = fields.Char(required=True, index=True)
    contribution = fields.Monetary(string="12-Month Contribution")
    share = fields.Float(string="Contribution Share", digits=(16, 6), aggregator="sum")
    basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Margin")], string="Contribution"
    )
    # snapshot of the customer's classification at the computation (written with the line)
    company_id = fields.Many2one("res.company", index=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    state_id = fields.Many2one("res.country.state", string="Region")
    industry_id = fields.Many2one("res.partner.industry")
    team_id = fields.Many2one("crm.team", string="Branch")

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (line.company_id or self.env.company).currency_id

    def write(self, vals):
        if self:
            raise UserError(self.env._("The tier history cannot be changed."))
        return super().write(vals)

    @api.depends("partner_id", "new_tier", "date")
    def _compute_display_name(self):
        compute_display_names(self, ("partner_id", "new_tier", "date"))
