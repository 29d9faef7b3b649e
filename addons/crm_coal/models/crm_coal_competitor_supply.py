# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCoalCompetitorSupply(models.Model):
    """Competitor intelligence: who else supplies a key account, how much and at what price."""

    _name = "crm.coal.competitor.supply"
    _description = "Competitor Supply to a Key Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "supplier_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
    )
    supplier_id = fields.Many2one(
        "res.partner",
        string="Competitor",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    share_pct = fields.Float(
        string="Volume Share (%)", digits=(5, 1), tracking=True, aggregator="avg"
    )
    price = fields.Monetary(
        string="Price (per t)",
        currency_field="currency_id",
        tracking=True,
        aggregator="avg",
    )
    grade_cv = fields.Integer(string="CV (kcal/kg NAR)", tracking=True)
    note = fields.Text(string="Intelligence", tracking=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    active = fields.Boolean(default=True)

    @api.constrains("share_pct", "price", "grade_cv", "partner_id", "supplier_id")
    def _check_values(self):
        for supply in self:
            if not 0.0 <= supply.share_pct <= 100.0:
                raise ValidationError(
                    self.env._(
                        "A competitor's volume share must be between 0 and 100 %."
                    )
                )
            if supply.price < 0 or supply.grade_cv < 0:
                raise ValidationError(
                    self.env._(
                        "A competitor's price and calorific value cannot be negative."
                    )
                )
            if supply.partner_id == supply.supplier_id:
                raise ValidationError(
                    self.env._("A key account cannot be its own competitor supplier.")
                )
