# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Value tiers (Pareto A/B/C, gold, drag) computed by the scheduled job (lib.tiering)."""

from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..lib import tiering
from .lub_scope import lead_scope_domain, lub_scopes, scoped_sales_sql
from .res_config_settings import get_setting, tier_settings
from .res_partner import MANAGER_GROUP, TIER_FIELDS

EMPTY_TIER_VALUES = {
    "lub_tier": False,
    "lub_tier_contribution": 0.0,
    "lub_tier_share": 0.0,
    "lub_tier_rank": 0,
    "lub_gold": False,
    "lub_drag": False,
    "lub_drag_no_order": False,
    "lub_drag_lost_tenders": False,
    "lub_lost_tender_streak": 0,
    "lub_last_order_date": False,
    "lub_tier_date": False,
}


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # The tier fields are stored computes without dependency, written only by the scheduled
    # job (_lub_compute_tiers, one SQL statement): a new partner starts empty.
    lub_tier = fields.Char(
        string="Value Tier",
        index=True,
        readonly=True,
        copy=False,
        compute="_compute_lub_tier_fields",
        store=True,
    )
    # Monetary in the partner's company currency (``currency_id`` of account's res.partner)
    lub_tier_contribution = fields.Monetary(
        compute="_compute_lub_tier_fields",
        store=True,
        string="12-Month Contribution",
        readonly=True,
        copy=False,
        aggregator="sum",
        help="Confirmed sales (untaxed revenue or margin, as set) of the trailing 12 months, "
        "in company currency.",
    )
    lub_tier_share = fields.Float(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Contribution Share",
        readonly=True,
        copy=False,
        aggregator="sum",
        digits=(16, 6),
    )
    lub_tier_rank = fields.Integer(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Rank",
        readonly=True,
        copy=False,
        aggregator=None,
    )
    lub_gold = fields.Boolean(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Gold Customer",
        readonly=True,
        copy=False,
        index=True,
    )
    lub_drag = fields.Boolean(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Drag Customer",
        readonly=True,
        copy=False,
        index=True,
    )
    lub_drag_no_order = fields.Boolean(
        compute="_compute_lub_tier_fields",
        store=True,
        string="No Order for a Long Time",
        readonly=True,
        copy=False,
    )
    lub_drag_lost_tenders = fields.Boolean(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Keeps Losing Tenders",
        readonly=True,
        copy=False,
    )
    lub_lost_tender_streak = fields.Integer(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Tenders Lost in a Row",
        readonly=True,
        copy=False,
        aggregator=None,
    )
    lub_last_order_date = fields.Datetime(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Last Order",
        readonly=True,
        copy=False,
    )
    lub_tier_date = fields.Date(
        compute="_compute_lub_tier_fields",
        store=True,
        string="Tier Computed On",
        readonly=True,
        copy=False,
    )
    lub_tier_history_ids = fields.One2many(
        "crm.lubricant.tier.history", "partner_id", string="Tier History"
    )

    def _compute_lub_tier_fields(self):
        """A new partner starts with empty tier fields; ``_lub_compute_tiers`` writes them."""
        for partner in self:
            partner.update(EMPTY_TIER_VALUES)

    def action_lub_recompute_tiers(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only lubricant sales managers may recompute the value tiers."
                )
            )
        # sudo: the tiers are computed over all customers and orders, whatever the rules
        changes = self.env["res.partner"].sudo()._lub_compute_tiers()
        self.env["res.partner"].sudo()._lub_compute_churn()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Value tiers recomputed: %(count)s customers changed tier.",
                    count=len(changes),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _lub_ensure_superuser(self):
        """The aggregate queries of the tiers and churn read every customer, whatever the
        record rules: they run only in the scheduled jobs or in a manager action in sudo."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Only lubricant sales managers may recompute the value tiers."
                )
            )

    @api.model
    def _cron_lub_compute_tiers(self):
        changes = self._lub_compute_tiers()
        self._lub_compute_churn()
        return changes

    @api.model
    def _lub_compute_tiers(self, today=None):
        """Classify every customer, per company, in one SQL statement: aggregate, ranking
        window, ``UPDATE`` of the customers whose figures changed and ``INSERT`` of the
        history lines of those whose tier changed. Returns the tier changes
        ``[(partner_id, old_tier or None, new_tier)]`` sorted by customer, as
        ``lib.tiering.tier_changes`` gives them.

        The rules are those of ``lib.tiering.compute_tiers`` (the reference, tested in tier 1
        and compared with this statement by the Odoo tests), translated to SQL because the
        benchmark shows it is needed (issue 11, ``bench/run.py --size small``, 10,000
        customers): through the library and the ORM the first run cost 2.6x one SQL statement
        (105 queries, most of the time in the ORM creating the history lines) and the run
        with nothing to change 17.7x (1.06 s against 60 ms: every customer read back and
        compared in Python); this statement: 1.07x (933 ms against 870 ms) and 1.55x (77 ms
        against 50 ms), 4 queries. Runs as superuser only (scheduled job, or the managers' button
        in sudo): the ranking counts every customer and order whatever the record rules.

        Companies do not mix: the customers of a company are ranked among themselves on the
        orders of that company; the shared customers (no company) among themselves on all
        their orders. Amounts are converted to the order's company currency
        (``currency_rate``) and stored rounded in the customer's currency."""
        self._lub_ensure_superuser()
        today = today or fields.Date.context_today(self)
        settings = tier_settings(self.env)
        basis = get_setting(self.env, "lub_tier_basis")
        start = tiering.trailing_window_start(today)
        end = fields.Date.add(today, days=1)

        def exact(value):
            # the library compares exactly, with Decimal(str(x)) of the settings
            return Decimal(str(value))

        scopes = lub_scopes(self.env)
        # the opportunities of the lubricant business, as a subquery (the scope's domain)
        lead_domain = lead_scope_domain(self.env, scopes)
        scoped_leads = (
            SQL(
                "lead.id IN %s",
                self.env["crm.lead"]
                .with_context(active_test=False)
                ._search(lead_domain)
                .subselect(),
            )
            if lead_domain
            else SQL("TRUE")
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
WITH %(lub_sales)s, sales AS (
    SELECT buyer.commercial_partner_id AS partner_id,
           -- in the company currency; no division at a rate of 1 (or none): a fifth of the
           -- aggregate's time at 25,000 orders
           SUM(CASE WHEN so.currency_rate IS NULL OR so.currency_rate IN (0, 1)
                    THEN so.amount ELSE so.amount / so.currency_rate END)
               FILTER (WHERE so.date_order >= %(start)s) AS amount,
           MAX(so.date_order) AS last_order
      FROM lub_sales so
      JOIN res_partner buyer ON buyer.id = so.partner_id
     -- a contact has the company of its commercial partner (res.partner syncs it)
     WHERE buyer.company_id IS NULL OR buyer.company_id = so.company_id
  GROUP BY buyer.commercial_partner_id
), outcomes AS (
    SELECT bidder.commercial_partner_id AS partner_id,
           COALESCE(stage.is_won, FALSE) AS won,
           lead.date_closed AS closed,
           MAX(lead.date_closed) FILTER (WHERE COALESCE(stage.is_won, FALSE))
               OVER (PARTITION BY bidder.commercial_partner_id) AS last_won
      FROM crm_lead lead
      JOIN res_partner bidder ON bidder.id = lead.partner_id
 LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
     WHERE lead.type = 'opportunity'
       AND lead.date_closed IS NOT NULL
       AND %(scoped_leads)s
       AND (COALESCE(stage.is_won, FALSE) OR (NOT lead.active AND lead.probability = 0))
), tenders AS (
    SELECT partner_id,
           COUNT(*) FILTER (WHERE NOT won AND (last_won IS NULL OR closed > last_won)) AS streak
      FROM outcomes
  GROUP BY partner_id
), customers AS (
    SELECT partner.id, partner.company_id, NULLIF(partner.lub_tier, '') AS old_tier,
           partner.create_date,
           partner.lub_tier AS stored_tier,
           partner.lub_tier_contribution AS stored_contribution,
           partner.lub_tier_share AS stored_share, partner.lub_tier_rank AS stored_rank,
           partner.lub_gold AS stored_gold, partner.lub_drag AS stored_drag,
           partner.lub_drag_no_order AS stored_drag_no_order,
           partner.lub_drag_lost_tenders AS stored_drag_lost_tenders,
           partner.lub_lost_tender_streak AS stored_streak,
           partner.lub_last_order_date AS stored_last_order,
           partner.lub_tier_date AS stored_date,
           COALESCE(sales.amount, 0) AS amount,
           sales.last_order, COALESCE(tenders.streak, 0) AS streak
      FROM res_partner partner
      LEFT JOIN sales ON sales.partner_id = partner.id
      LEFT JOIN tenders ON tenders.partner_id = partner.id
     WHERE partner.id = partner.commercial_partner_id
       AND partner.active
       -- a customer without lubricant sales is ranked only where no scope is set
       AND ((partner.customer_rank > 0
             AND NOT EXISTS (SELECT 1 FROM lub_scope
                              WHERE lub_scope.company_id = partner.company_id
                                 OR partner.company_id IS NULL))
            OR sales.partner_id IS NOT NULL
            OR partner.lub_tier IS NOT NULL OR partner.lub_owner_id IS NOT NULL)
), ranked AS (
    -- ranking by contribution, highest first, then by id; "before" = the contributions
    -- ranked strictly ahead (all positive for a positive contribution)
    SELECT customer.*,
           ROW_NUMBER() OVER ranking AS rank,
           SUM(customer.amount) OVER ranking - customer.amount AS before,
           SUM(customer.amount) FILTER (WHERE customer.amount > 0) OVER company AS total,
           COUNT(*) FILTER (WHERE customer.amount > 0) OVER company AS positives
      FROM customers customer
    WINDOW company AS (PARTITION BY customer.company_id),
           ranking AS (PARTITION BY customer.company_id
                       ORDER BY customer.amount DESC, customer.id
                       ROWS UNBOUNDED PRECEDING)
), tiered AS MATERIALIZED (
    -- materialized: the comparison with the stored figures filters the rows before the
    -- UPDATE joins res_partner (10,000 index lookups saved in a run with nothing to change)
    SELECT ranked.*,
           ROUND(ranked.amount / currency.rounding) * currency.rounding AS contribution,
           CASE WHEN ranked.amount > 0 AND ranked.before < %(a)s * ranked.total
                THEN %(code_a)s
                WHEN ranked.amount > 0 AND ranked.before < %(b)s * ranked.total
                THEN %(code_b)s
                ELSE %(code_c)s END AS tier,
           CASE WHEN ranked.amount > 0 THEN ROUND(ranked.amount / ranked.total, 6)
                ELSE 0 END AS share,
           (ranked.amount > 0 AND ranked.before < %(a)s * ranked.total
            AND ranked.rank <= CEIL(%(gold)s * ranked.positives)) AS gold,
           COALESCE(%(today)s::date
                    - COALESCE(ranked.last_order::date, ranked.create_date::date)
                    >= %(drag_days)s, FALSE) AS drag_no_order,
           ranked.streak >= %(drag_lost)s AS drag_lost_tenders
      FROM ranked
 LEFT JOIN res_company company ON company.id = ranked.company_id
      JOIN res_currency currency
        ON currency.id = COALESCE(company.currency_id, %(currency)s)
), changed AS (
    -- only the customers of which a figure changed are written
    UPDATE res_partner partner
       SET lub_tier = tiered.tier,
           lub_tier_contribution = tiered.contribution,
           lub_tier_share = tiered.share,
           lub_tier_rank = tiered.rank,
           lub_gold = tiered.gold,
           lub_drag = tiered.drag_no_order OR tiered.drag_lost_tenders,
           lub_drag_no_order = tiered.drag_no_order,
           lub_drag_lost_tenders = tiered.drag_lost_tenders,
           lub_lost_tender_streak = tiered.streak,
           lub_last_order_date = tiered.last_order,
           lub_tier_date = %(today)s,
           -- a buyer of lubricants is a lubricant customer from then on
           lub_customer = partner.lub_customer OR tiered.amount > 0,
           write_uid = %(uid)s,
           write_date = (now() AT TIME ZONE 'UTC')
      FROM tiered
     WHERE partner.id = tiered.id
       -- compared with the values read by the aggregate: a run with nothing to change
       -- does not touch the table again
       AND ROW(tiered.stored_tier, tiered.stored_contribution, tiered.stored_share,
               tiered.stored_rank, tiered.stored_gold, tiered.stored_drag,
               tiered.stored_drag_no_order, tiered.stored_drag_lost_tenders,
               tiered.stored_streak, tiered.stored_last_order, tiered.stored_date)
           IS DISTINCT FROM
           ROW(tiered.tier, tiered.contribution, tiered.share, tiered.rank, tiered.gold,
               tiered.drag_no_order OR tiered.drag_lost_tenders, tiered.drag_no_order,
               tiered.drag_lost_tenders, tiered.streak, tiered.last_order,
               %(today)s::date)
 RETURNING partner.id, tiered.old_tier, tiered.tier, tiered.contribution, tiered.share,
           partner.company_id, partner.state_id, partner.industry_id, partner.lub_team_id
)
INSERT INTO crm_lubricant_tier_history
       (partner_id, date, old_tier, new_tier, contribution, share, basis, company_id,
        state_id, industry_id, team_id, create_uid, create_date, write_uid, write_date)
SELECT id, %(today)s, old_tier, tier, contribution, share, %(basis)s, company_id,
       state_id, industry_id, lub_team_id, %(uid)s, (now() AT TIME ZONE 'UTC'),
       %(uid)s, (now() AT TIME ZONE 'UTC')
  FROM changed
 WHERE old_tier IS DISTINCT FROM tier
RETURNING partner_id, old_tier, new_tier
""",
                start=start,
                today=today,
                lub_sales=scoped_sales_sql(
                    self.env,
                    amount_line=SQL("COALESCE(sol.margin, 0)")
                    if basis == "margin"
                    else SQL("sol.price_subtotal"),
                    amount_order=SQL("COALESCE(so.margin, 0)")
                    if basis == "margin"
                    else SQL("so.amount_untaxed"),
                    end=end,
                    scopes=scopes,
                ),
                scoped_leads=scoped_leads,
                a=exact(settings.a_threshold),
                b=exact(settings.b_threshold),
                gold=exact(settings.gold_share),
                code_a=settings.code_a,
                code_b=settings.code_b,
                code_c=settings.code_c,
                drag_days=settings.drag_days,
                drag_lost=settings.drag_lost_tenders,
                currency=self.env.company.currency_id.id,
                basis=basis,
                uid=self.env.uid,
            )
        )
        changes = sorted(
            (pid, old or None, new) for pid, old, new in self.env.cr.fetchall()
        )
        # the statement wrote behind the ORM: drop what it may have cached
        self.env["res.partner"].invalidate_model(
            [*TIER_FIELDS, "write_uid", "write_date"]
        )
        self.env["crm.lubricant.tier.history"].invalidate_model()
        self.env["res.partner"].invalidate_model(["lub_tier_history_ids"])
        return changes
