# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.crm_knowledge.models.display import compute_display_names

from ..lib.claims import rule_selection
from .messages import message_text


class CrmServiceClaimCheck(models.Model):
    _name = "crm.service.claim.check"
    _description = "Warranty Claim Validation Check"
    _order = "claim_id, sequence, id"

    claim_id = fields.Many2one(
        "crm.service.claim", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    sequence = fields.Integer()
    # One option per rule declaration of lib/claims.py, in the order the rules run.
    rule = fields.Selection(rule_selection(), required=True)
    passed = fields.Boolean()
    message_code = fields.Char()
    message_params = fields.Json()
    message = fields.Char(compute="_compute_message")

    @api.depends("message_code", "message_params")
    @api.depends_context("lang")
    def _compute_message(self):
        for check in self:
            check.message = message_text(
                self.env, check.message_code or "ok", check.message_params
            )

    @api.depends("claim_id", "rule")
    def _compute_display_name(self):
        compute_display_names(self, ("claim_id", "rule"))
