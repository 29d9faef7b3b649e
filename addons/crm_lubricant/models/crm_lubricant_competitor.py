# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Seed 001's competition analysis (analysis 7): the competing brands met on opportunities,
the opportunity lost to one, and per brand how often we meet it, win and lose against it."""

from odoo import fields, models
from odoo.tools import SQL

from .lub_scope import lead_scope_domain

LEVELS = [
    ("international", "International Brand"),
    ("national", "National Brand"),
    ("regional", "Regional Brand"),
]
PRICE_POSITIONS = [
    ("premium", "Above Our Price"),
    ("par", "At Our Price"),
    ("economy", "Below Our Price"),
]


class CrmLubricantCompetitor(models.Model):
    """A competing lubricant brand, at a level (international, national, regional) so that
    like is compared with like, with its price position and what it does better or worse."""

    _name = "crm.lubricant.competitor"
    _description = "Lubricant Competitor"
    _order = "sequence, name, id"

    name = fields.Char(string="Brand", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to share the brand with every company.",
    )
    level = fields.Selection(LEVELS, required=True, default="national", index=True)
    price_position = fields.Selection(PRICE_POSITIONS)
    strengths = fields.Text()
    weaknesses = fields.Text()
    lead_ids = fields.Many2many(
        "crm.lead",
        "crm_lead_lub_competitor_rel",
        "competitor_id",
        "lead_id",
        string="Opportunities",
        readonly=True,
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "This competitor already exists in this company.",
        )
    ]


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    lub_competitor_ids = fields.Many2many(
        "crm.lubricant.competitor",
        "crm_lead_lub_competitor_rel",
        "lead_id",
        "competitor_id",
        string="Competitors",
        help="The competing brands met on this opportunity.",
    )
    lub_lost_to_id = fields.Many2one(
        "crm.lubricant.competitor",
        string="Lost To",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The brand the customer chose instead, when the opportunity is lost.",
    )


class CrmLubricantCompetitionReport(models.Model):
    """Per company and competitor: the lubricant opportunities where we met the brand (named
    among the competitors or as the one we lost to), won, lost and still open, lost to that
    brand, and the win rate against it = won / (won + lost), open ones left out.

    A ratio of sums does not add up across rows: the report is a list and a graph."""

    _name = "crm.lubricant.competition.report"
    _description = "Competition Analysis"
    _auto = False
    _order = "met_count desc, competitor_id"
    _rec_name = "competitor_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    competitor_id = fields.Many2one("crm.lubricant.competitor", readonly=True)
    level = fields.Selection(LEVELS, readonly=True)
    met_count = fields.Integer(string="Opportunities Met", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    lost_to_count = fields.Integer(string="Lost to Them", readonly=True)
    won_revenue = fields.Monetary(readonly=True)
    open_revenue = fields.Monetary(string="Open Expected Revenue", readonly=True)
    win_rate = fields.Float(
        string="Win Rate (%)", readonly=True, aggregator=None, digits=(16, 2)
    )

    @property
    def _table_query(self):
        # the opportunities of the lubricant business (lub_scope), lost (archived) ones
        # included; sudo: the report is the managers' (access rights) and its rows are
        # filtered by company (record rule), like the salesperson report's orders
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._search(lead_scope_domain(self.env) + [("type", "=", "opportunity")])
        )
        return SQL(
            """
WITH pairs AS (
    SELECT rel.lead_id, rel.competitor_id
      FROM crm_lead_lub_competitor_rel rel
    UNION
    SELECT lead.id, lead.lub_lost_to_id
      FROM crm_lead lead
     WHERE lead.lub_lost_to_id IS NOT NULL
), rows AS (
    SELECT COALESCE(lead.company_id, %(company)s) AS company_id,
           pairs.competitor_id,
           COUNT(*) AS met_count,
           COUNT(*) FILTER (WHERE lead.lub_outcome = 'won') AS won_count,
           COUNT(*) FILTER (WHERE lead.lub_outcome = 'lost') AS lost_count,
           COUNT(*) FILTER (WHERE lead.lub_outcome = 'open') AS open_count,
           COUNT(*) FILTER (WHERE lead.lub_outcome = 'lost'
                              AND lead.lub_lost_to_id = pairs.competitor_id) AS lost_to_count,
           COALESCE(SUM(lead.expected_revenue)
                    FILTER (WHERE lead.lub_outcome = 'won'), 0) AS won_revenue,
           COALESCE(SUM(lead.expected_revenue)
                    FILTER (WHERE lead.lub_outcome = 'open'), 0) AS open_revenue
      FROM pairs
      JOIN crm_lead lead ON lead.id = pairs.lead_id
     WHERE lead.id IN %(leads)s
  GROUP BY COALESCE(lead.company_id, %(company)s), pairs.competitor_id
)
SELECT ROW_NUMBER() OVER (ORDER BY rows.company_id, rows.competitor_id) AS id,
       rows.company_id, company.currency_id, rows.competitor_id, competitor.level,
       rows.met_count, rows.won_count, rows.lost_count, rows.open_count,
       rows.lost_to_count, rows.won_revenue, rows.open_revenue,
       CASE WHEN rows.won_count + rows.lost_count > 0
            THEN ROUND(100.0 * rows.won_count / (rows.won_count + rows.lost_count), 2)
            ELSE NULL END AS win_rate
  FROM rows
  JOIN res_company company ON company.id = rows.company_id
  JOIN crm_lubricant_competitor competitor ON competitor.id = rows.competitor_id
""",
            company=self.env.company.id,
            leads=leads.subselect(),
        )
