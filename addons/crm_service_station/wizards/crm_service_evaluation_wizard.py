# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CrmServiceEvaluationWizard(models.TransientModel):
    _name = "crm.service.evaluation.wizard"
    _inherit = "crm.service.period.wizard"
    _description = "Evaluate Stations"

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
