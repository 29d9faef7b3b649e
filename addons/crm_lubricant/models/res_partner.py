# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customers of the Lubricant CRM: the common fields and the CRUD guards (protection,
tier and churn fields change only through the actions and the scheduled jobs)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import ownership
from ..lib.common import DomainError
from .crm_lubricant_guard_mixin import CrmLubricantGuardMixin

OWNERSHIP_FIELDS = ("lub_owner_id", "lub_registered_date", "lub_last_followup_date")
TIER_FIELDS = (
    "lub_tier",
    "lub_tier_contribution",
    "lub_tier_share",
    "lub_tier_rank",
    "lub_gold",
    "lub_drag",
    "lub_drag_no_order",
    "lub_drag_lost_tenders",
    "lub_lost_tender_streak",
    "lub_last_order_date",
    "lub_tier_date",
)
CHURN_FIELDS = ("lub_churn_risk", "lub_usual_order_interval")
PARTNER_WORKFLOW_FIELDS = (
    *OWNERSHIP_FIELDS,
    *TIER_FIELDS,
    *CHURN_FIELDS,
    "lub_protection_expiry",
)
USER_GROUP = "crm_lubricant.group_crm_lubricant_user"
MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


def safe_key(function, value):
    """Normalized key of ``value``, or "" when it cannot be normalized (e.g. a phone with
    letters): such a value simply gives no duplicate key."""
    try:
        return function(value or None)
    except DomainError:
        return ""


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    lub_team_id = fields.Many2one(
        "crm.team",
        string="Branch",
        index=True,
        tracking=True,
        help="Branch office or sales team in charge of the customer.",
    )
    lub_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_lub_complaint_count"
    )
    # which partners the Lubricant CRM concerns: its tab, customer lists and pool show
    # only these; set by hand, and kept set once a partner is protected, is a dealer or
    # an end customer, or buys lubricants (the tier job)
    lub_customer = fields.Boolean(
        string="Lubricant Customer",
        compute="_compute_lub_customer",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Followed in the Lubricant CRM: protection, value tier, dealer channel.",
    )

    @api.depends("lub_owner_id", "lub_is_dealer", "lub_dealer_id")
    def _compute_lub_customer(self):
        for partner in self:
            partner.lub_customer = partner.lub_customer or bool(
                partner.lub_owner_id or partner.lub_is_dealer or partner.lub_dealer_id
            )

    def _compute_lub_complaint_count(self):
        counts = dict(
            self.env["crm.lubricant.complaint"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lub_complaint_count = counts.get(partner, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._lub_guard_vals(vals)
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("lub_owner_id") and not vals.get("lub_registered_date"):
                vals["lub_registered_date"] = today
        partners = super().create(vals_list)
        owned = partners.filtered("lub_owner_id")
        if owned and not self.env.context.get("lub_ownership_logged"):
            owned._lub_log_gain(ownership.ACTION_REGISTER)
        if self._lub_guard_active():
            customers = partners.filtered(lambda partner: not partner.parent_id)
            customers._lub_check_duplicates()
            (customers - owned)._lub_register()
        return partners

    def write(self, vals):
        self._lub_guard_vals(vals)
        owner_change = "lub_owner_id" in vals and not self.env.context.get(
            "lub_ownership_logged"
        )
        previous = (
            {partner.id: partner.lub_owner_id for partner in self}
            if owner_change
            else {}
        )
        result = super().write(vals)
        if owner_change:
            self._lub_log_owner_change(previous)
        if {"name", "vat", "phone", "mobile", "email"} & set(
            vals
        ) and self._lub_guard_active():
            self.filtered(lambda partner: not partner.parent_id)._lub_check_duplicates()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lub_history(self):
        """Customers with an ownership log or a value-tier history are archived, never deleted:
        the log decides who was credited for past deals (one grouped query per history)."""
        kept = set()
        for model in ("crm.lubricant.ownership.log", "crm.lubricant.tier.history"):
            # sudo: the check must see the history the deleting user may not read
            groups = (
                self.env[model]
                .sudo()
                ._read_group([("partner_id", "in", self.ids)], ["partner_id"])
            )
            kept.update(partner.id for (partner,) in groups)
        if kept:
            names = ", ".join(self.browse(sorted(kept))[:5].mapped("display_name"))
            raise UserError(
                self.env._(
                    "%(customers)s cannot be deleted: their ownership log or value-tier history"
                    " is kept. Archive them instead.",
                    customers=names,
                )
            )

    def _lub_guard_vals(self, vals):
        """Protection, tier and churn fields change only through the actions and the scheduled
        jobs (superuser); figures must be finite (the addon's guard mixin, applied to the
        lubricant fields of partners only)."""
        guard = CrmLubricantGuardMixin
        guard._guard_figures(
            self, {name: vals[name] for name in vals if name.startswith("lub_")}
        )
        if self.env.su:
            return
        forbidden = [
            name for name in PARTNER_WORKFLOW_FIELDS if name in vals and vals[name]
        ]
        if self and not forbidden:
            forbidden = [name for name in PARTNER_WORKFLOW_FIELDS if name in vals]
        if forbidden:
            guard._raise_workflow_fields(self, forbidden)

    @api.model
    def _lub_guard_active(self):
        """Anti-collision and registration apply to salespeople of the Lubricant CRM, never to the
        superuser (installation, demo data, jobs): always for Lubricant users, and for Lubricant
        managers only in the Lubricant CRM's own screens (context key ``lub_protection``), so that
        the records other applications create are left alone."""
        if self.env.su:
            return False
        user = self.env.user
        if not user.has_group(USER_GROUP):
            return False
        return bool(self.env.context.get("lub_protection")) or not user.has_group(
            MANAGER_GROUP
        )
