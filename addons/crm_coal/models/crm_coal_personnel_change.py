# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .display import compute_display_names

CHANGE_TYPES = [
    ("joined", "Joined"),
    ("left", "Left"),
    ("promoted", "Promoted"),
    ("moved", "Moved"),
]


class CrmCoalPersonnelChange(models.Model):
    """A personnel change (人事变动) at a key account or a competitor, seed 004: who
    joined, left, was promoted or moved, in which role, when."""

    _name = "crm.coal.personnel.change"
    _description = "Personnel Change at a Key Account or Competitor"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account or Competitor",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    partner_kind = fields.Selection(
        [("key_account", "Key Account"), ("competitor", "Competitor")],
        string="Kind",
        compute="_compute_partner_kind",
        store=True,
    )
    person = fields.Char(required=True)
    position = fields.Char(string="Role / Position")
    change_type = fields.Selection(CHANGE_TYPES, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text()
    user_id = fields.Many2one(
        "res.users",
        string="Reported by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("partner_id.coal_key_account")
    def _compute_partner_kind(self):
        for change in self:
            change.partner_kind = (
                "key_account" if change.partner_id.coal_key_account else "competitor"
            )

    @api.constrains("partner_id", "date", "person")
    def _check_change(self):
        today = fields.Date.context_today(self)
        competitors = self.partner_id._coal_competitors()
        for change in self:
            if not change.person.strip():
                raise ValidationError(self.env._("Name the person of the change."))
            if change.date > today:
                raise ValidationError(
                    self.env._("A personnel change cannot be dated in the future.")
                )
            partner = change.partner_id
            if not partner.coal_key_account and partner not in competitors:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is neither a key account nor a competitor "
                        "supplying one: personnel changes are logged for those only.",
                        partner=partner.display_name,
                    )
                )

    @api.depends("person", "change_type", "date")
    def _compute_display_name(self):
        compute_display_names(self, ("person", "change_type", "date"))
