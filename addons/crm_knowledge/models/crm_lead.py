# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import html2plaintext


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.knowledge.suggestion.mixin"]

    def _knowledge_suggestion_query(self):
        self.ensure_one()
        parts = [self.name, *self.tag_ids.mapped("name")]
        if self.description:
            parts.append(html2plaintext(self.description))
        return " ".join(filter(None, parts))

    def _knowledge_suggestion_industries(self):
        self.ensure_one()
        return self.partner_id.commercial_partner_id.industry_id
