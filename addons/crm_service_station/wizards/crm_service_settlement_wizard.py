# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_service_settlement import MANAGER_GROUP
from ..models.res_config_settings import get_setting


def _last_month_start(wizard):
    today = fields.Date.context_today(wizard)
    return today.replace(day=1) - relativedelta(months=1)


def _last_month_end(wizard):
    today = fields.Date.context_today(wizard)
    return today.replace(day=1) - relativedelta(days=1)


class CrmServicePeriodWizard(models.AbstractModel):
    """A period (last month by default) and the stations to work on (empty: all)."""

    _name = "crm.service.period.wizard"
    _description = "Station Period Wizard"

    date_from = fields.Date(
        string="Period From", required=True, default=_last_month_start
    )
    date_to = fields.Date(string="Period To", required=True, default=_last_month_end)
    station_ids = fields.Many2many(
        "res.partner",
        string="Service Stations",
        domain="[('is_service_station', '=', True)]",
        help="Leave empty for every station.",
    )


class CrmServiceSettlementWizard(models.TransientModel):
    """Settle a period (issue 16, item 3): the dialog previews the approved claims waiting
    and their amount; above a threshold (setting) the run is queued as a settlement run
    record and settled in the background by its scheduled action."""

    _name = "crm.service.settlement.wizard"
    _inherit = "crm.service.period.wizard"
    _description = "Settle a Period"

    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    claim_count = fields.Integer(
        string="Claims Waiting", compute="_compute_preview", readonly=True
    )
    amount_total = fields.Monetary(
        string="Amount Waiting", compute="_compute_preview", readonly=True
    )
    background = fields.Boolean(compute="_compute_preview", readonly=True)
    summary = fields.Text(compute="_compute_preview", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.service.settlement"]._check_settle_access()
        return super().create(vals_list)

    @api.depends("date_from", "date_to", "station_ids")
    def _compute_preview(self):
        Settlement = self.env["crm.service.settlement"]
        manager = self.env.user.has_group(MANAGER_GROUP)
        threshold = get_setting(self.env, "crm_service_settlement_background_threshold")
        for wizard in self:
            if not manager or not wizard.date_to:
                # nothing is counted for a user who may not settle
                wizard.update(
                    {
                        "claim_count": 0,
                        "amount_total": 0.0,
                        "background": False,
                        "summary": False,
                    }
                )
                continue
            domain = Settlement._settlement_claim_domain(
                wizard.date_to, wizard.station_ids
            )
            # sudo: the preview counts what the run (as the system) will settle
            [(count, amount)] = (
                self.env["crm.service.claim"]
                .sudo()
                ._read_group(domain, [], ["__count", "approved_amount:sum"])
            )
            wizard.claim_count = count
            wizard.amount_total = amount or 0.0
            wizard.background = count > threshold
            text = self.env._(
                "%(count)s approved claims decided up to %(date_to)s wait for settlement, "
                "%(amount)s in all: each station gets one settlement and one vendor bill.",
                count=count,
                date_to=wizard.date_to,
                amount=wizard.currency_id.format(amount or 0.0),
            )
            if wizard.background:
                text += "\n" + self.env._(
                    "More than %(threshold)s claims: the run is queued and settled in the "
                    "background; its settlements appear under Settlement Runs when done.",
                    threshold=threshold,
                )
            wizard.summary = text

    def action_settle(self):
        self.ensure_one()
        Settlement = self.env["crm.service.settlement"]
        # before reading the wizard: a non-manager gets the settlement's own refusal
        Settlement._check_settle_access()
        Settlement._check_settle_period(self.date_from, self.date_to)
        if self.background:
            self.env["crm.service.settlement.run"]._queue(
                self.date_from,
                self.date_to,
                self.station_ids,
                self.claim_count,
                self.amount_total,
            )
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "Settlement run queued: it runs in the background."
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        settlements = Settlement._settle_period(
            self.date_from, self.date_to, self.station_ids or None
        )
        if not settlements:
            raise UserError(
                self.env._(
                    "No approved claim of this period is waiting for settlement."
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_settlement_action"
        )
        action["domain"] = [("id", "in", settlements.ids)]
        return action
