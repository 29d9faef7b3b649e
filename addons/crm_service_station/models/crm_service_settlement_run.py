# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A settlement run queued by the settlement wizard when it is large (issue 16, item 3).

Each run keeps its own period, stations and company, so that runs queued by several
managers at once never share a parameter (a period put in the cron's context or code would
be overwritten by the next request). The scheduled action processes the queued runs in
order; Odoo locks a cron while it runs, so one worker processes the queue at a time, and
a claim settled by a run (or by an immediate settlement meanwhile) is left out of the
next one (_settle_period skips settled claims): a run never settles a claim twice.
"""

import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

RUN_CRON = "crm_service_station.ir_cron_settlement_run"
RUN_TEMPLATE = "crm_service_station.mail_template_settlement_run_done"


class CrmServiceSettlementRun(models.Model):
    _name = "crm.service.settlement.run"
    _inherit = ["mail.thread"]
    _description = "Queued Settlement Run"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True
    )
    date_from = fields.Date(string="Period From", required=True, readonly=True)
    date_to = fields.Date(string="Period To", required=True, readonly=True)
    station_ids = fields.Many2many(
        "res.partner",
        "crm_service_settlement_run_station_rel",
        "run_id",
        "station_id",
        string="Service Stations",
        readonly=True,
        help="Empty: every station.",
    )
    claim_count = fields.Integer(
        string="Claims Waiting", readonly=True, help="Approved claims when queued."
    )
    amount_total = fields.Monetary(
        string="Amount Waiting",
        readonly=True,
        help="Their approved amount when queued.",
    )
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    settlement_ids = fields.Many2many(
        "crm.service.settlement",
        "crm_service_settlement_run_settlement_rel",
        "run_id",
        "settlement_id",
        string="Settlements",
        readonly=True,
    )
    date_done = fields.Datetime(string="Run On", readonly=True)
    error = fields.Text(readonly=True)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "Settlement run %(date_from)s - %(date_to)s",
                date_from=run.date_from,
                date_to=run.date_to,
            )

    @api.model
    def _queue(self, date_from, date_to, stations, claim_count, amount_total):
        """Queue a run of the current company and trigger the scheduled action."""
        self.env["crm.service.settlement"]._check_settle_period(date_from, date_to)
        # sudo: runs are written by the system only (managers read them)
        run = self.sudo().create(
            {
                "company_id": self.env.company.id,
                "user_id": self.env.user.id,
                "date_from": date_from,
                "date_to": date_to,
                "station_ids": [fields.Command.set(stations.ids)],
                "claim_count": claim_count,
                "amount_total": amount_total,
            }
        )
        self.env.ref(RUN_CRON).sudo()._trigger()
        return run.sudo(False)

    def action_view_settlements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_settlement_action"
        )
        action["domain"] = [("id", "in", self.settlement_ids.ids)]
        return action

    @api.model
    def _cron_process_runs(self):
        """Scheduled action: settle the queued runs, oldest first, each in its company
        and in a savepoint (a failed run is marked with its error, the others go on)."""
        runs = self.sudo().search([("state", "=", "queued")], order="id")
        for run in runs:
            Settlement = self.env["crm.service.settlement"].with_company(run.company_id)
            try:
                with self.env.cr.savepoint():
                    settlements = Settlement._settle_period(
                        run.date_from, run.date_to, run.station_ids or None
                    )
            except UserError as error:
                _logger.info("Settlement run %s failed: %s", run.id, error)
                run.write(
                    {
                        "state": "failed",
                        "error": str(error),
                        "date_done": fields.Datetime.now(),
                    }
                )
                continue
            run.write(
                {
                    "state": "done",
                    "settlement_ids": [fields.Command.set(settlements.ids)],
                    "date_done": fields.Datetime.now(),
                }
            )
        runs._notify_requester()
        return runs

    def _notify_requester(self):
        """Tell each requester the result of the run (mail template, in the requester's
        language)."""
        template = self.env.ref(RUN_TEMPLATE, raise_if_not_found=False)
        if template and self:
            self.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
