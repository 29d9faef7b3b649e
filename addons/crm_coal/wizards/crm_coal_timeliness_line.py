# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CrmCoalTimelinessLine(models.TransientModel):
    _name = "crm.coal.timeliness.line"
    _description = "On-site Report Timeliness Line"
    _order = "on_time_rate, user_id, partner_id"

    wizard_id = fields.Many2one(
        "crm.coal.timeliness.wizard", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Representative", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Key Account", readonly=True)
    expected = fields.Integer(readonly=True)
    on_time = fields.Integer(readonly=True)
    late = fields.Integer(readonly=True)
    missing = fields.Integer(readonly=True)
    pending = fields.Integer(readonly=True)
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="On-time reports in percent of the reports already due.",
    )

    @api.depends("user_id", "partner_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.user_id.name or ''} / {line.partner_id.name or ''}"
            )
