# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmServiceFailureCode(models.Model):
    _name = "crm.service.failure.code"
    _description = "Failure Code"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(string="Description", required=True, translate=True)
    system = fields.Selection(
        [
            ("fuel", "Fuel System"),
            ("lubrication", "Lubrication"),
            ("cooling", "Cooling"),
            ("intake", "Intake and Exhaust"),
            ("electrical", "Electrical"),
            ("block", "Block and Crank Train"),
            ("aftertreatment", "Aftertreatment"),
            ("other", "Other"),
        ],
        default="other",
        index=True,
    )
    serious = fields.Boolean(
        string="Serious Fault",
        help="A serious safety-performance fault: counts for the household replacement/refund"
        " triggers.",
    )
    preauth_required = fields.Boolean(
        string="Pre-authorization Required",
        help="A repair of this failure code needs an approved pre-authorization before it is"
        " claimed.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The failure code must be unique."),
    ]

    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"[{record.code}] {record.name}" if record.code else record.name
            )
