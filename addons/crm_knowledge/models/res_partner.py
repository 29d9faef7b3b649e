# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.knowledge.suggestion.mixin"]

    def _knowledge_suggestion_query(self):
        self.ensure_one()
        return " ".join(filter(None, [self.name, self.industry_id.name]))

    def _knowledge_suggestion_industries(self):
        self.ensure_one()
        return self.industry_id
