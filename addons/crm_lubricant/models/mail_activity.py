# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """An activity done on a customer or its lead is a follow-up: it renews the protection."""
        partners = self.env["res.partner"]
        for activity in self:
            if activity.res_model == "res.partner":
                partners |= partners.browse(activity.res_id)
            elif activity.res_model == "crm.lead":
                partners |= self.env["crm.lead"].browse(activity.res_id).partner_id
        user = self.env.user
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if not self.env.su:
            partners.exists()._lub_touch_followup(user)
        return result
