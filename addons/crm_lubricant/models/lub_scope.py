# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What "lubricant business" is, per company (issue 13, item 4).

A company may set the sales teams and the product categories of its lubricant business
(Settings > Lubricant CRM > Lubricant Business). The rule, declared here once and applied by
the tiers, churn, the big-deal board, the funnel and the lubricant pipeline:

- an **order** is lubricant business when its team is one of the company's lubricant teams
  (if any is set) and, if categories are set, it has a line of a product in one of them (or
  their subcategories); the tiers then count only those lines;
- an **opportunity** is lubricant business when its team is one of the company's lubricant
  teams (if any is set; opportunities carry no products);
- a company that sets neither keeps every order and opportunity (the addon installed alone).

Opportunities without a company follow the scope of the user's current company.
"""

from collections import namedtuple

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

# team_ids / categ_ids: tuples of ids, or None when the company does not restrict by them
# (categ_ids already include the subcategories)
Scope = namedtuple("Scope", "company_id team_ids categ_ids")


def lub_scopes(env):
    """{company id: Scope} of the companies that restrict their lubricant business."""
    # sudo: the scope is configuration, read whatever the user's companies; no limit: the
    # companies are a handful of rows
    companies = (
        env["res.company"]
        .sudo()
        .with_context(active_test=False)
        .search(  # pylint: disable=no-search-all
            [
                "|",
                ("lub_scope_team_ids", "!=", False),
                ("lub_scope_categ_ids", "!=", False),
            ]
        )
    )
    scopes = {}
    for company in companies:
        categs = None
        if company.lub_scope_categ_ids:
            categs = tuple(
                sorted(
                    env["product.category"]
                    .sudo()
                    .search([("id", "child_of", company.lub_scope_categ_ids.ids)])
                    .ids
                )
            )
        teams = tuple(sorted(company.lub_scope_team_ids.ids)) or None
        scopes[company.id] = Scope(company.id, teams, categs)
    return scopes


def _scoped_domain(env, scopes, record_leaves):
    """OR of: the records of unrestricted companies, and per restricted company its own
    records that satisfy ``record_leaves(scope)``."""
    branches = [[("company_id", "not in", list(scopes))]]
    for scope in scopes.values():
        branches.append([("company_id", "=", scope.company_id), *record_leaves(scope)])
    return expression.OR(branches)


def lead_scope_domain(env, scopes=None):
    """Domain of the opportunities that are lubricant business."""
    scopes = lub_scopes(env) if scopes is None else scopes
    if not scopes:
        return []

    def leaves(scope):
        return [("team_id", "in", list(scope.team_ids))] if scope.team_ids else []

    domain = _scoped_domain(env, scopes, leaves)
    current = scopes.get(env.company.id)
    if current is not None and current.team_ids:
        # a lead without company follows the current company's scope
        domain = expression.AND(
            [domain, ["|", ("company_id", "!=", False), *leaves(current)]]
        )
    return domain


def order_scope_domain(env, scopes=None):
    """Domain of the sale orders that are lubricant business."""
    scopes = lub_scopes(env) if scopes is None else scopes
    if not scopes:
        return []

    def leaves(scope):
        result = []
        if scope.team_ids:
            result.append(("team_id", "in", list(scope.team_ids)))
        if scope.categ_ids:
            result.append(
                ("order_line.product_id.categ_id", "in", list(scope.categ_ids))
            )
        return result

    return _scoped_domain(env, scopes, leaves)


def scoped_sales_sql(env, amount_line, amount_order, end, scopes=None):
    """``WITH``-able SQL of the confirmed orders before ``end`` that are lubricant business,
    one row per order: ``(id, company_id, partner_id, date_order, currency_rate, amount)``.
    ``amount`` is ``amount_order`` (an expression over ``so``) for companies without
    categories, else the sum of ``amount_line`` (over ``sol``) of the in-scope lines only.
    The same rule as ``order_scope_domain``, for the aggregate queries of the jobs."""
    scopes = lub_scopes(env) if scopes is None else scopes
    params = {"end": end, "amount_order": amount_order, "amount_line": amount_line}
    if not scopes:
        # no company restricts its business: the plain orders, no join (the jobs' usual case)
        return SQL(
            """
lub_scope (company_id, team_ids, categ_ids) AS (
    SELECT NULL::int, NULL::int[], NULL::int[] WHERE FALSE
), lub_sales AS (
    SELECT so.id, so.company_id, so.partner_id, so.date_order, so.currency_rate,
           %(amount_order)s AS amount
      FROM sale_order so
     WHERE so.state = 'sale' AND so.date_order < %(end)s
)""",
            **params,
        )
    rows = SQL(", ").join(
        SQL(
            "(%s, %s::int[], %s::int[])",
            scope.company_id,
            list(scope.team_ids) if scope.team_ids else None,
            list(scope.categ_ids) if scope.categ_ids else None,
        )
        for scope in scopes.values()
    )
    orders = SQL(
        """
lub_scope (company_id, team_ids, categ_ids) AS (VALUES %(rows)s
), lub_orders AS (
    SELECT so.id, so.company_id, so.partner_id, so.date_order, so.currency_rate,
           so.amount_untaxed, so.margin, lub_scope.categ_ids
      FROM sale_order so
 LEFT JOIN lub_scope ON lub_scope.company_id = so.company_id
     WHERE so.state = 'sale' AND so.date_order < %(end)s
       AND (lub_scope.team_ids IS NULL OR so.team_id = ANY (lub_scope.team_ids))
)""",
        rows=rows,
        end=end,
    )
    whole = SQL(
        """
    SELECT so.id, so.company_id, so.partner_id, so.date_order, so.currency_rate,
           %(amount_order)s AS amount
      FROM lub_orders so
     WHERE so.categ_ids IS NULL""",
        **params,
    )
    if not any(scope.categ_ids for scope in scopes.values()):
        return SQL("%s, lub_sales AS (%s\n)", orders, whole)
    return SQL(
        """%(orders)s, lub_sales AS (%(whole)s
 UNION ALL
    -- companies with categories: the orders with lines of them, counting those lines only
    SELECT so.id, so.company_id, so.partner_id, so.date_order, so.currency_rate,
           SUM(%(amount_line)s) AS amount
      FROM lub_orders so
      JOIN sale_order_line sol ON sol.order_id = so.id
      JOIN product_product product ON product.id = sol.product_id
      JOIN product_template template ON template.id = product.product_tmpl_id
     WHERE so.categ_ids IS NOT NULL AND template.categ_id = ANY (so.categ_ids)
  GROUP BY so.id, so.company_id, so.partner_id, so.date_order, so.currency_rate
)""",
        orders=orders,
        whole=whole,
        amount_line=amount_line,
    )


# the models are extended in one file per concern (issue 10), on purpose
class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    lub_scope_team_ids = fields.Many2many(
        "crm.team",
        "crm_lubricant_scope_team_rel",
        "company_id",
        "team_id",
        string="Lubricant Sales Teams",
        help="Sales teams of the lubricant business: value tiers, churn, the big-deal board, "
        "the funnel and the lubricant pipeline count only their orders and opportunities. "
        "Empty: every team.",
    )
    lub_scope_categ_ids = fields.Many2many(
        "product.category",
        "crm_lubricant_scope_categ_rel",
        "company_id",
        "categ_id",
        string="Lubricant Product Categories",
        help="Product categories (with their subcategories) of the lubricant business: the "
        "value tiers count only the order lines of these products, the big-deal board and "
        "churn only the orders that have such lines. Empty: every product.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    lub_scope_team_ids = fields.Many2many(
        related="company_id.lub_scope_team_ids", readonly=False
    )
    lub_scope_categ_ids = fields.Many2many(
        related="company_id.lub_scope_categ_ids", readonly=False
    )


class CrmLubricantScopedMixin(models.AbstractModel):
    """``lub_in_scope``: whether a record belongs to the lubricant business, searchable."""

    _name = "crm.lubricant.scoped.mixin"
    _description = "Lubricant Business Scope"

    lub_in_scope = fields.Boolean(
        string="Lubricant Business",
        compute="_compute_lub_in_scope",
        search="_search_lub_in_scope",
        help="The record belongs to the lubricant business (Lubricant CRM settings).",
    )

    def _lub_scope_domain(self):
        raise NotImplementedError

    def _compute_lub_in_scope(self):
        inside = self.filtered_domain(self._lub_scope_domain())
        for record in self:
            record.lub_in_scope = record in inside

    @api.model
    def _search_lub_in_scope(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Unsupported search on Lubricant Business.")
            )
        domain = self._lub_scope_domain() or expression.TRUE_DOMAIN
        return (
            domain
            if (operator == "=") == value
            else ["!", *expression.normalize_domain(domain)]
        )


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.lubricant.scoped.mixin"]  # pylint: disable=consider-merging-classes-inherited

    def _lub_scope_domain(self):
        return lead_scope_domain(self.env)


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.lubricant.scoped.mixin"]  # pylint: disable=consider-merging-classes-inherited

    def _lub_scope_domain(self):
        return order_scope_domain(self.env)
