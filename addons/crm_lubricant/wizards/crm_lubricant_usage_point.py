# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..models.display import compute_display_names


class CrmLubricantUsagePoint(models.TransientModel):
    """CRM usage points of one salesperson over a period, produced by the usage report wizard."""

    _name = "crm.lubricant.usage.point"
    _description = "CRM Usage Points"
    _order = "points desc, user_id"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    records_count = fields.Integer(
        string="Records Entered", readonly=True, help="Customers and leads created."
    )
    followups_count = fields.Integer(
        string="Follow-ups Logged",
        readonly=True,
        help="Notes and comments logged and activities done on customers and leads.",
    )
    reports_count = fields.Integer(
        string="Reports Filed",
        readonly=True,
        help="Complaints replied, sell-through entries and campaign expenses entered.",
    )
    points = fields.Float(readonly=True, digits=(16, 2))

    @api.depends("user_id")
    def _compute_display_name(self):
        compute_display_names(self, ("user_id",))
