# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import pricing


class CrmCoalPriceConvertWizard(models.TransientModel):
    """Convert a quote to another calorific value pro rata (price × target CV / quoted CV)."""

    _name = "crm.coal.price.convert.wizard"
    _description = "Coal Price Conversion"

    quote_id = fields.Many2one("crm.coal.price.quote", ondelete="cascade")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    price = fields.Monetary(
        string="Quoted Price (CNY/t)",
        currency_field="currency_id",
        compute="_compute_from_quote",
        store=True,
        readonly=False,
    )
    from_cv = fields.Integer(
        string="Quoted Grade (kcal/kg)",
        compute="_compute_from_quote",
        store=True,
        readonly=False,
    )
    to_cv = fields.Integer(string="Target Grade (kcal/kg)", required=True, default=5000)
    converted_price = fields.Monetary(
        string="Converted Price (CNY/t)",
        currency_field="currency_id",
        compute="_compute_converted_price",
    )

    def _compute_currency_id(self):
        # market quotes are published in CNY
        self.currency_id = self.env.ref("base.CNY")

    @api.depends("quote_id")
    def _compute_from_quote(self):
        for wizard in self:
            if wizard.quote_id:
                wizard.price = wizard.quote_id.price
                wizard.from_cv = wizard.quote_id.grade_cv
            else:
                wizard.price = wizard.price
                wizard.from_cv = wizard.from_cv

    @api.depends("price", "from_cv", "to_cv")
    def _compute_converted_price(self):
        for wizard in self:
            if wizard.price >= 0 and wizard.from_cv > 0 and wizard.to_cv > 0:
                wizard.converted_price = pricing.convert_price(
                    wizard.price, wizard.from_cv, wizard.to_cv
                )
            else:
                wizard.converted_price = 0.0

    @api.constrains("price", "from_cv", "to_cv")
    def _check_values(self):
        for wizard in self:
            if wizard.price < 0 or wizard.from_cv <= 0 or wizard.to_cv <= 0:
                raise ValidationError(
                    self.env._(
                        "The price cannot be negative and both grades must be above zero."
                    )
                )
