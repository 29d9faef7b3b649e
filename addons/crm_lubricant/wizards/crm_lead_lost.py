# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    lub_lost_to_id = fields.Many2one("crm.lubricant.competitor", string="Lost To")

    def action_lost_reason_apply(self):
        if self.lub_lost_to_id:
            # the ORM write checks the user's write access to each opportunity
            self.lead_ids.write({"lub_lost_to_id": self.lub_lost_to_id.id})
        return super().action_lost_reason_apply()
