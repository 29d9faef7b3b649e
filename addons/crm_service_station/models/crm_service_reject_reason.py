# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmServiceRejectReason(models.Model):
    _name = "crm.service.reject.reason"
    _description = "Claim Rejection Reason"
    _order = "code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Reason", required=True, translate=True)
    description = fields.Text(
        translate=True, help="Shown to the station on its portal."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The rejection reason code must be unique."),
    ]
