# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import funnel

MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


class CrmLubricantFunnelLine(models.TransientModel):
    """One stage of the funnel report, computed on demand by lib.funnel_report."""

    _name = "crm.lubricant.funnel.line"
    _description = "Funnel Report Line"
    _order = "sequence, id"

    sequence = fields.Integer()
    stage_id = fields.Many2one("crm.stage", readonly=True)
    probability = fields.Float(string="Stage Probability (%)", readonly=True)
    count = fields.Integer(string="Open Opportunities", readonly=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, readonly=True
    )
    amount = fields.Monetary(string="Expected Revenue", readonly=True)
    weighted_amount = fields.Monetary(string="Weighted Revenue", readonly=True)
    reached = fields.Integer(readonly=True, aggregator=None)
    conversion = fields.Float(
        string="Conversion to Next Stage", readonly=True, aggregator=None
    )
    avg_days = fields.Float(
        string="Average Days in Stage", readonly=True, aggregator="avg"
    )

    @api.model
    def _lub_funnel_data(self):
        """(stages, opportunities, stays) of the funnel in three queries, whatever the volume."""
        # no limit: the report has one line per pipeline stage (a handful of rows)
        stage_rows = self.env["crm.stage"].search_read(  # pylint: disable=no-search-all
            [], ["id", "lub_probability"], order="sequence, id"
        )
        stages = [
            funnel.Stage(row["id"], min(max(row["lub_probability"], 0.0), 100.0))
            for row in stage_rows
        ]
        restrict = SQL("TRUE")
        if not self.env.user.has_group(MANAGER_GROUP):
            restrict = SQL("lead.user_id = %s", self.env.user.id)
        company_ids = tuple(self.env.companies.ids)
        # the user's access (record rules, companies) decides which leads are counted
        allowed = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._search([("type", "=", "opportunity")])
        )
        restrict = SQL("%s AND lead.id IN %s", restrict, allowed.subselect())
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
SELECT lead.stage_id, COALESCE(lead.expected_revenue, 0), lead.probability, lead.active,
       reached.stage_id
  FROM crm_lead lead
  LEFT JOIN (
        SELECT DISTINCT ON (history.lead_id) history.lead_id, history.stage_id
          FROM crm_lubricant_stage_history history
          JOIN crm_stage stage ON stage.id = history.stage_id
      ORDER BY history.lead_id, stage.sequence DESC, stage.id DESC
  ) reached ON reached.lead_id = lead.id
 WHERE lead.type = 'opportunity' AND lead.stage_id IS NOT NULL
   AND (lead.active OR lead.probability = 0)
   AND (lead.company_id IS NULL OR lead.company_id IN %(companies)s)
   AND %(restrict)s
""",
                companies=company_ids,
                restrict=restrict,
            )
        )
        known = {stage.stage_id for stage in stages}
        opportunities = [
            funnel.FunnelOpportunity(
                stage_id=stage_id,
                amount=float(amount),
                probability=min(max(float(probability or 0), 0), 100),
                active=bool(active),
                reached_stage_id=reached if reached in known else None,
            )
            for stage_id, amount, probability, active, reached in self.env.cr.fetchall()
            if stage_id in known
        ]
        self.env.cr.execute(
            SQL(
                """
SELECT history.stage_id, history.date_in, history.date_out
  FROM crm_lubricant_stage_history history
  JOIN crm_lead lead ON lead.id = history.lead_id
 WHERE (lead.company_id IS NULL OR lead.company_id IN %(companies)s) AND %(restrict)s
""",
                companies=company_ids,
                restrict=restrict,
            )
        )
        stays = [
            funnel.StageStay(stage_id, date_in, date_out)
            for stage_id, date_in, date_out in self.env.cr.fetchall()
        ]
        return stages, opportunities, stays

    @api.model
    def _lub_compute(self):
        stages, opportunities, stays = self._lub_funnel_data()
        report = funnel.funnel_report(
            stages, opportunities, stays, now=fields.Datetime.now()
        )
        probabilities = {stage.stage_id: stage.probability for stage in stages}
        return self.create(
            [
                {
                    "sequence": index,
                    "stage_id": row.stage_id,
                    "probability": probabilities[row.stage_id],
                    "count": row.count,
                    "amount": row.amount,
                    "weighted_amount": row.weighted_amount,
                    "reached": row.reached,
                    "conversion": row.conversion or 0.0,
                    "avg_days": row.avg_days or 0.0,
                }
                for index, row in enumerate(report.rows)
            ]
        )

    @api.model
    def action_lub_open_report(self):
        lines = self._lub_compute()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_lubricant.crm_lubricant_funnel_line_action"
        )
        action["domain"] = [("id", "in", lines.ids)]
        return action
