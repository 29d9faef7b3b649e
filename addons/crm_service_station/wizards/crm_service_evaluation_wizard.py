# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .crm_service_settlement_wizard import _last_month_end, _last_month_start


class CrmServiceEvaluationWizard(models.TransientModel):
    _name = "crm.service.evaluation.wizard"
    _description = "Evaluate Stations"

    date_from = fields.Date(string="Period From", required=True, default=_last_month_start)
    date_to = fields.Date(string="Period To", required=True, default=_last_month_end)
    station_ids = fields.Many2many(
        "res.partner",
        string="Service Stations",
        domain="[('is_service_station', '=', True)]",
        help="Leave empty to evaluate every station.",
    )

    def action_evaluate(self):
        self.ensure_one()
        evaluations = self.env["crm.service.station.evaluation"]._evaluate_period(
            self.date_from, self.date_to, self.station_ids or None
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_station_evaluation_action"
        )
        action["domain"] = [("id", "in", evaluations.ids)]
        return action
