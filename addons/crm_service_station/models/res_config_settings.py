# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_service_submission_days = fields.Integer(
        string="Claim Submission Deadline (days)",
        config_parameter="crm_service_station.submission_days",
        default=30,
    )
    crm_service_duplicate_days = fields.Integer(
        string="Duplicate Claim Window (days)",
        config_parameter="crm_service_station.duplicate_days",
        default=30,
    )
    crm_service_handling_pct = fields.Float(
        string="Parts Handling (%)",
        config_parameter="crm_service_station.handling_pct",
    )
    crm_service_auto_approve = fields.Boolean(
        string="Auto-approve Claims Passing All Checks",
        config_parameter="crm_service_station.auto_approve",
    )
    crm_service_request_deadline_hours = fields.Integer(
        string="Service Request Deadline (hours)",
        config_parameter="crm_service_station.request_deadline_hours",
        default=24,
    )
