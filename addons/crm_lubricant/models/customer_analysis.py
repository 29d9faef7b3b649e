# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Seed 001's customer analyses (issue 13, item 6): customer source on partners, the outcome
of opportunities, and sales versus complaint rate per salesperson."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .lub_scope import scoped_sales_sql

# the window of the sales versus complaints report, as the value tiers': twelve months
ANALYSIS_DAYS = 365

OUTCOMES = [("open", "Open"), ("won", "Won"), ("lost", "Lost")]


# the models are extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    lub_source_id = fields.Many2one(
        "utm.source",
        string="Customer Source",
        index=True,
        tracking=True,
        help="Where the customer came from (newspaper, television, referral, internet, "
        "street advertising…); taken from the opportunity that created the customer.",
    )


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    lub_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome",
        compute="_compute_lub_outcome",
        store=True,
        index=True,
        help="Open, won (won stage) or lost (archived at probability 0).",
    )

    @api.depends("stage_id.is_won", "active", "probability")
    def _compute_lub_outcome(self):
        for lead in self:
            if lead.stage_id.is_won:
                lead.lub_outcome = "won"
            elif not lead.active and not lead.probability:
                lead.lub_outcome = "lost"
            else:
                lead.lub_outcome = "open"

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if self.source_id and not parent_id:
            values["lub_source_id"] = self.source_id.id
        return values


class CrmLubricantSalespersonReport(models.Model):
    """Sales versus complaints per salesperson over the last twelve months (seed 001,
    analysis 4): the confirmed lubricant orders of each salesperson (the lubricant business
    of the company, lub_scope), and the complaints of the customers they protect.

    One row per company and salesperson: the rate is complaints per 100 orders of that row,
    so the report is a list and a graph, not a pivot (a ratio of sums does not add up)."""

    _name = "crm.lubricant.salesperson.report"
    _description = "Sales versus Complaints per Salesperson"
    _auto = False
    _order = "complaint_rate desc, revenue desc"
    _rec_name = "user_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(string="Untaxed Sales", readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    complaint_rate = fields.Float(
        string="Complaints per 100 Orders",
        readonly=True,
        aggregator=None,
        digits=(16, 2),
    )

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        start = today - timedelta(days=ANALYSIS_DAYS - 1)
        end = fields.Date.add(today, days=1)
        return SQL(
            """
WITH %(lub_sales)s, sales AS (
    SELECT so.company_id, source.user_id, COUNT(*) AS order_count,
           SUM(CASE WHEN so.currency_rate IS NULL OR so.currency_rate IN (0, 1)
                    THEN so.amount ELSE so.amount / so.currency_rate END) AS revenue
      FROM lub_sales so
      JOIN sale_order source ON source.id = so.id
     WHERE so.date_order >= %(start)s AND source.user_id IS NOT NULL
  GROUP BY so.company_id, source.user_id
), complaints AS (
    SELECT complaint.company_id, complaint.salesperson_id AS user_id,
           COUNT(*) AS complaint_count
      FROM crm_lubricant_complaint complaint
     WHERE complaint.active AND complaint.request_type = 'complaint'
       AND complaint.salesperson_id IS NOT NULL
       AND complaint.received_date >= %(start)s AND complaint.received_date < %(end)s
  GROUP BY complaint.company_id, complaint.salesperson_id
)
SELECT ROW_NUMBER() OVER (ORDER BY COALESCE(sales.company_id, complaints.company_id),
                                   COALESCE(sales.user_id, complaints.user_id)) AS id,
       COALESCE(sales.company_id, complaints.company_id) AS company_id,
       company.currency_id,
       COALESCE(sales.user_id, complaints.user_id) AS user_id,
       COALESCE(sales.order_count, 0) AS order_count,
       COALESCE(sales.revenue, 0) AS revenue,
       COALESCE(complaints.complaint_count, 0) AS complaint_count,
       CASE WHEN COALESCE(sales.order_count, 0) > 0
            THEN ROUND(100.0 * COALESCE(complaints.complaint_count, 0) / sales.order_count, 2)
            ELSE NULL END AS complaint_rate
  FROM sales
  FULL JOIN complaints
    ON complaints.company_id = sales.company_id AND complaints.user_id = sales.user_id
  JOIN res_company company
    ON company.id = COALESCE(sales.company_id, complaints.company_id)
""",
            lub_sales=scoped_sales_sql(
                self.env,
                amount_line=SQL("sol.price_subtotal"),
                amount_order=SQL("so.amount_untaxed"),
                end=end,
            ),
            start=start,
            end=end,
        )
