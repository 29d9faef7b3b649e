# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Value tiers (Pareto A/B/C, gold, drag) computed by the scheduled job (lib.tiering)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..lib import tiering
from .computed_run import run_values, store_run
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
# key of the cursor cache holding the values of a tier run for the stored computes
TIER_RUN_KEY = "crm_lubricant.tier_run"


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # The tier and churn fields are stored computes refreshed only by the scheduled jobs
    # (_lub_compute_tiers, _lub_compute_churn): no dependency, a new partner starts empty.
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
        """Values of the run of ``_lub_compute_tiers`` that marked these partners to compute;
        outside a run (a new partner) the fields start empty."""
        run = run_values(self, TIER_RUN_KEY)
        for partner in self:
            partner.update(run.get(partner.id, EMPTY_TIER_VALUES))

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
        """Classify every customer in one aggregate query (a reporting SELECT); store the
        results through the ORM and the tier changes in one create. Returns the lib's tier
        changes."""
        self._lub_ensure_superuser()
        today = today or fields.Date.context_today(self)
        settings = tier_settings(self.env)
        basis = get_setting(self.env, "lub_tier_basis")
        start = tiering.trailing_window_start(today)
        end = fields.Date.add(today, days=1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
WITH sales AS (
    SELECT buyer.commercial_partner_id AS partner_id,
           SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
               FILTER (WHERE so.date_order >= %(start)s) AS revenue,
           SUM(COALESCE(so.margin, 0) / COALESCE(NULLIF(so.currency_rate, 0), 1))
               FILTER (WHERE so.date_order >= %(start)s) AS margin,
           MAX(so.date_order) AS last_order
      FROM sale_order so
      JOIN res_partner buyer ON buyer.id = so.partner_id
     WHERE so.state = 'sale' AND so.date_order < %(end)s
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
       AND (COALESCE(stage.is_won, FALSE) OR (NOT lead.active AND lead.probability = 0))
), tenders AS (
    SELECT partner_id,
           COUNT(*) FILTER (WHERE NOT won AND (last_won IS NULL OR closed > last_won)) AS streak
      FROM outcomes
  GROUP BY partner_id
)
SELECT partner.id, partner.lub_tier, partner.create_date,
       COALESCE(sales.revenue, 0), COALESCE(sales.margin, 0), sales.last_order,
       COALESCE(tenders.streak, 0),
       partner.company_id, partner.state_id, partner.industry_id, partner.lub_team_id
  FROM res_partner partner
  LEFT JOIN sales ON sales.partner_id = partner.id
  LEFT JOIN tenders ON tenders.partner_id = partner.id
 WHERE partner.id = partner.commercial_partner_id
   AND partner.active
   AND (partner.customer_rank > 0 OR sales.partner_id IS NOT NULL
        OR partner.lub_tier IS NOT NULL OR partner.lub_owner_id IS NOT NULL)
""",
                start=start,
                end=end,
            )
        )
        rows = self.env.cr.fetchall()
        previous = {}
        contributions = []
        snapshots = {}
        for pid, tier, created, revenue, margin, last_order, streak, *snapshot in rows:
            snapshots[pid] = snapshot
            previous[pid] = tier
            contributions.append(
                tiering.CustomerContribution(
                    customer_id=pid,
                    contribution=float(margin if basis == "margin" else revenue),
                    last_order_date=last_order.date() if last_order else None,
                    lost_tenders_in_row=int(streak),
                    customer_since=created.date() if created else None,
                )
            )
        results = tiering.compute_tiers(contributions, today, settings)
        last_orders = {row[0]: row[5] for row in rows}
        streaks = {row[0]: int(row[6]) for row in rows}
        self._lub_write_tiers(results, last_orders, streaks, today)
        changes = tiering.tier_changes(previous, results)
        if changes:
            self.env["crm.lubricant.tier.history"].sudo().create(
                [
                    {
                        "partner_id": pid,
                        "old_tier": old or False,
                        "new_tier": new,
                        "date": today,
                        "contribution": float(results[pid].contribution),
                        "share": results[pid].share,
                        "basis": basis,
                        "company_id": snapshots[pid][0],
                        "state_id": snapshots[pid][1],
                        "industry_id": snapshots[pid][2],
                        "team_id": snapshots[pid][3],
                    }
                    for pid, old, new in changes
                ]
            )
        return changes

    def _lub_write_tiers(self, results, last_orders, streaks, today):
        """Store all tier results through the ORM (``computed_run.store_run``)."""
        self._lub_ensure_superuser()
        no_order = tiering.DRAG_NO_ORDER
        lost = tiering.DRAG_LOST_TENDERS
        values = {
            pid: {
                "lub_tier": result.tier,
                "lub_tier_contribution": float(result.contribution),
                "lub_tier_share": result.share,
                "lub_tier_rank": result.rank,
                "lub_gold": result.gold,
                "lub_drag": result.drag,
                "lub_drag_no_order": any(
                    r.code == no_order for r in result.drag_reasons
                ),
                "lub_drag_lost_tenders": any(
                    r.code == lost for r in result.drag_reasons
                ),
                "lub_lost_tender_streak": streaks.get(pid, 0),
                "lub_last_order_date": last_orders.get(pid) or False,
                "lub_tier_date": today,
            }
            for pid, result in results.items()
        }
        # the Monetary contribution is rounded in each partner's currency (its company's):
        # read the companies of all partners at once, not one partner at a time
        self.browse(list(values)).fetch(["company_id"])
        store_run(self, TIER_RUN_KEY, TIER_FIELDS, values)
