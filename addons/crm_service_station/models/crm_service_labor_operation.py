# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmServiceLaborOperation(models.Model):
    _name = "crm.service.labor.operation"
    _description = "Labor Operation"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Description", required=True, translate=True)
    standard_hours = fields.Float(
        required=True, digits=(16, 2), help="Standard hours paid for this operation."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The labor operation code must be unique."),
    ]

    @api.constrains("standard_hours")
    def _check_standard_hours(self):
        for operation in self:
            if operation.standard_hours < 0:
                raise ValidationError(self.env._("Standard hours cannot be negative."))

    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"[{record.code}] {record.name}" if record.code else record.name
            )
