# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..lib import share
from ..lib.common import DomainError
from .display import compute_display_names
from .res_config_settings import get_setting
from .res_partner import COAL_GRADES


class CrmCoalSalesReport(models.Model):
    """Confirmed sales lines of coal products by customer, in tons, for the key-account
    share of volume and revenue (lib.share: key accounts' tons or revenue over all our
    coal tons or revenue of the same sales, seed 004).

    A coal product is a product with a calorific value; its quantity is converted to
    tons by Odoo's unit factors (an order in kg counts / 1000); a line in a unit outside
    the weight category, or of another product, is not counted.  Revenue is the line's
    untaxed amount in the company's currency (the order's rate).  The shares and the goal
    are ratios of the sums, filled in by read_group for each group.
    """

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
    key_volume_t = fields.Float(
        string="Key-Account Volume (t)",
        digits=(16, 1),
        readonly=True,
        aggregator="sum",
    )
    key_revenue = fields.Monetary(
        string="Key-Account Revenue",
        currency_field="currency_id",
        readonly=True,
        aggregator="sum",
    )
    # ratios of the sums of each group (read_group); on a single line 100 or 0
    key_volume_share = fields.Float(
        string="Key-Account Share of Volume (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
    )
    key_revenue_share = fields.Float(
        string="Key-Account Share of Revenue (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
    )
    volume_share = fields.Float(
        string="Share of Total Volume (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="The group's tons over all the tons of the current filter.",
    )
    revenue_share = fields.Float(
        string="Share of Total Revenue (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="The group's revenue over all the revenue of the current filter.",
    )
    goal_pct = fields.Float(
        string="Goal (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="Key-account share goal of the settings.",
    )
    goal_gap = fields.Float(
        string="Volume Share vs Goal (pts)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="Key-account share of volume minus the goal: below zero, under the goal.",
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
                           t.tons AS volume_t,
                           t.revenue AS revenue,
                           CASE WHEN p.coal_key_account THEN t.tons ELSE 0 END
                               AS key_volume_t,
                           CASE WHEN p.coal_key_account THEN t.revenue ELSE 0 END
                               AS key_revenue,
                           CASE WHEN p.coal_key_account THEN 100.0 ELSE 0.0 END
                               AS key_volume_share,
                           CASE WHEN p.coal_key_account THEN 100.0 ELSE 0.0 END
                               AS key_revenue_share,
                           NULL::float AS volume_share,
                           NULL::float AS revenue_share,
                           NULL::float AS goal_pct,
                           NULL::float AS goal_gap,
                           o.company_id AS company_id
                      FROM sale_order_line l
                      JOIN sale_order o ON o.id = l.order_id
                      JOIN res_partner c ON c.id = o.partner_id
                      JOIN res_partner p ON p.id = COALESCE(c.commercial_partner_id, c.id)
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom u ON u.id = l.product_uom
                      JOIN uom_uom ton ON ton.id = (
                               SELECT res_id FROM ir_model_data
                                WHERE module = 'uom' AND name = 'product_uom_ton'
                           )
                      CROSS JOIN LATERAL (
                           -- Odoo's conversion (uom.uom._compute_quantity, unrounded)
                           SELECT l.product_uom_qty / u.factor * ton.factor AS tons,
                                  l.price_subtotal
                                      / COALESCE(NULLIF(o.currency_rate, 0), 1.0)
                                      AS revenue
                      ) t
                     WHERE o.state = 'sale'
                       AND l.display_type IS NULL
                       AND COALESCE(pt.coal_cv_nar, 0) > 0
                       AND u.category_id = ton.category_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
        return True

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """The shares and the goal of each group as ratios of its sums (lib.share), not
        an average of the lines: the sums they need are read with the group, the totals
        of the whole filter in one more query when a share of the total is asked."""
        names = {spec.split(":")[0].strip() for spec in fields}
        ratios = names & {
            "key_volume_share",
            "key_revenue_share",
            "volume_share",
            "revenue_share",
            "goal_pct",
            "goal_gap",
        }
        if not ratios:
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )
        sums = ["volume_t", "revenue", "key_volume_t", "key_revenue"]
        specs = list(fields) + [f"{name}:sum" for name in sums if name not in names]
        groups = super().read_group(
            domain, specs, groupby, offset, limit, orderby, lazy
        )
        totals = {}
        if ratios & {"volume_share", "revenue_share"}:
            [(totals["volume_t"], totals["revenue"])] = self._read_group(
                domain, [], ["volume_t:sum", "revenue:sum"]
            )
        goal = get_setting(self.env, "coal_key_account_goal_pct")
        for group in groups:
            values = {
                "key_volume_share": _share(group["key_volume_t"], group["volume_t"]),
                "key_revenue_share": _share(group["key_revenue"], group["revenue"]),
                "goal_pct": goal,
            }
            values["goal_gap"] = (
                values["key_volume_share"] - goal
                if values["key_volume_share"] is not False
                else False
            )
            if totals:
                values["volume_share"] = _share(group["volume_t"], totals["volume_t"])
                values["revenue_share"] = _share(group["revenue"], totals["revenue"])
            group.update({name: values[name] for name in ratios})
        return groups

    @api.model
    def _key_account_share(self, groupby=None, domain=None):
        """Key accounts' share (%) of volume and revenue, in total or per ``groupby`` value.

        Returns {group value (or None): {"volume": %, "revenue": %, "goal_met": bool}}
        (a share of nothing sold is None; no entry for a group without sales); one
        aggregate query.
        """
        goal = get_setting(self.env, "coal_key_account_goal_pct")
        keys = [groupby] if groupby else []
        groups = self._read_group(
            domain or [],
            keys,
            ["volume_t:sum", "revenue:sum", "key_volume_t:sum", "key_revenue:sum"],
        )
        result = {}
        for row in groups:
            value = row[0] if groupby else None
            volume, revenue, key_volume, key_revenue = (
                amount or 0.0 for amount in row[-4:]
            )
            if not (volume or revenue):
                continue  # nothing sold (an empty ungrouped total included)
            # None: unknown (nothing sold, or credit lines larger than the sales)
            shares = {
                name: None if pct is False else pct
                for name, pct in (
                    ("volume", _share(key_volume, volume)),
                    ("revenue", _share(key_revenue, revenue)),
                )
            }
            shares["goal_met"] = all(
                share.meets_goal(pct, goal) for pct in shares.values()
            )
            result[value] = shares
        return result

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        compute_display_names(self, ("partner_id", "date"))


def _share(part, total):
    """lib.share.share_pct of a group's sums; False (empty in the views) when nothing
    is sold or the sums are not a share (credit lines larger than the sales)."""
    try:
        value = share.share_pct(part or 0.0, total or 0.0)
    except DomainError:
        return False
    return False if value is None else value
