# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


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
    _name = "crm.service.settlement.wizard"
    _inherit = "crm.service.period.wizard"
    _description = "Settle a Period"

    def action_settle(self):
        self.ensure_one()
        settlements = self.env["crm.service.settlement"]._settle_period(
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
