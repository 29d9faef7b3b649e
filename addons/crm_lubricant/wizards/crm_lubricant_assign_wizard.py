# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

USER_GROUP = "crm_lubricant.group_crm_lubricant_user"


class CrmLubricantAssignWizard(models.TransientModel):
    """A manager gives the selected customers to one salesperson.

    The wizard only gathers the choice: ``res.partner.action_lub_assign`` checks the manager
    group, the customers and the salesperson, writes the owner and logs the change."""

    _name = "crm.lubricant.assign.wizard"
    _description = "Assign Customers to a Salesperson"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref(USER_GROUP).ids),
        ],
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            return [fields.Command.set(self.env.context.get("active_ids") or [])]
        return []

    def action_assign(self):
        self.ensure_one()
        self.partner_ids.action_lub_assign(self.user_id.id)
        return {"type": "ir.actions.act_window_close"}
