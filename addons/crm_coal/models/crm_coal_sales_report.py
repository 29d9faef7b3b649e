# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .display import compute_display_names
from .res_config_settings import get_setting
from .res_partner import COAL_GRADES


class CrmCoalSalesReport(models.Model):
    """Confirmed sales lines by customer, for the key-account share of volume and revenue."""

    _name = "crm.coal.sales.report"
    _description = "Coal Sales Analysis"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    key_account = fields.Boolean(readonly=True)
    grade = fields.Selection(COAL_GRADES, readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Region", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    volume_t = fields.Float(
        string="Volume (t)", digits=(16, 1), readonly=True, aggregator="sum"
    )
    revenue = fields.Monetary(
        currency_field="currency_id", readonly=True, aggregator="sum"
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT l.id AS id,
                           o.date_order::date AS date,
                           p.id AS partner_id,
                           COALESCE(p.coal_key_account, FALSE) AS key_account,
                           p.coal_grade AS grade,
                           p.industry_id AS industry_id,
                           p.state_id AS state_id,
                           o.user_id AS user_id,
                           l.product_id AS product_id,
                           l.product_uom_qty AS volume_t,
                           l.price_subtotal AS revenue,
                           o.company_id AS company_id
                      FROM sale_order_line l
                      JOIN sale_order o ON o.id = l.order_id
                      JOIN res_partner c ON c.id = o.partner_id
                      JOIN res_partner p ON p.id = COALESCE(c.commercial_partner_id, c.id)
                     WHERE o.state = 'sale' AND l.display_type IS NULL
                )
                """,
                SQL.identifier(self._table),
            )
        )
        return True

    @api.model
    def _key_account_share(self, groupby=None, domain=None):
        """Key accounts' share (%) of volume and revenue, in total or per ``groupby`` value.

        Returns {group value (or None): {"volume": %, "revenue": %, "goal_met": bool}};
        one aggregate query.
        """
        goal = get_setting(self.env, "coal_key_account_goal_pct")
        keys = [groupby] if groupby else []
        groups = self._read_group(
            domain or [], keys + ["key_account"], ["volume_t:sum", "revenue:sum"]
        )
        totals = {}
        for row in groups:
            value = row[0] if groupby else None
            is_key, volume, revenue = row[-3], row[-2], row[-1]
            total = totals.setdefault(value, [0.0, 0.0, 0.0, 0.0])
            total[0] += volume
            total[1] += revenue
            if is_key:
                total[2] += volume
                total[3] += revenue
        result = {}
        for value, (volume, revenue, key_volume, key_revenue) in totals.items():
            shares = {
                "volume": round(key_volume * 100.0 / volume, 2) if volume else 0.0,
                "revenue": round(key_revenue * 100.0 / revenue, 2) if revenue else 0.0,
            }
            shares["goal_met"] = min(shares.values()) >= goal
            result[value] = shares
        return result

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        compute_display_names(self, ("partner_id", "date"))
