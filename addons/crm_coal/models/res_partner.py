# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COAL_GROUP = "crm_coal.group_crm_coal_user"

COAL_GRADES = [
    ("a", "A - Strategic partner"),
    ("b", "B - Key account"),
    ("c", "C - Market customer"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    coal_key_account = fields.Boolean(
        groups=COAL_GROUP,
        tracking=True,
        index=True,
        help="Big customer (大户) followed with a key-account archive.",
    )
    coal_grade = fields.Selection(
        COAL_GRADES,
        string="Key-Account Grade",
        groups=COAL_GROUP,
        tracking=True,
        index=True,
        help="A: strategic partner, B: key account, C: market customer.",
    )
    coal_annual_demand = fields.Float(
        string="Annual Coal Demand (t)",
        groups=COAL_GROUP,
        digits=(16, 0),
        tracking=True,
        help="Tonnes of coal the customer burns or uses per year.",
    )
    coal_our_share = fields.Float(
        string="Our Supply Share (%)",
        groups=COAL_GROUP,
        digits=(5, 1),
        tracking=True,
        help="Share of the customer's annual demand supplied by us.",
    )
    coal_our_annual_volume = fields.Float(
        string="Our Annual Volume (t)",
        groups=COAL_GROUP,
        digits=(16, 0),
        compute="_compute_coal_our_annual_volume",
        store=True,
        aggregator="sum",
    )
    coal_sales_radius_km = fields.Integer(
        string="Sales Radius (km)",
        groups=COAL_GROUP,
        help="Distance from our mines or ports within which we serve this account.",
    )

    _sql_constraints = [
        (
            "coal_annual_demand_positive",
            "CHECK (coal_annual_demand IS NULL OR coal_annual_demand >= 0)",
            "The annual coal demand cannot be negative.",
        ),
    ]

    @api.depends("coal_annual_demand", "coal_our_share")
    def _compute_coal_our_annual_volume(self):
        for partner in self:
            partner.coal_our_annual_volume = (
                partner.coal_annual_demand * partner.coal_our_share / 100.0
            )

    @api.constrains("coal_our_share")
    def _check_coal_our_share(self):
        for partner in self:
            if not 0.0 <= partner.coal_our_share <= 100.0:
                raise ValidationError(
                    _(
                        "Our supply share of %(partner)s must be between 0 and 100 %%.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("coal_key_account", "coal_grade")
    def _check_coal_grade(self):
        for partner in self:
            if partner.coal_key_account and not partner.coal_grade:
                raise ValidationError(
                    _(
                        "The key account %(partner)s needs a grade (A, B or C).",
                        partner=partner.display_name,
                    )
                )
