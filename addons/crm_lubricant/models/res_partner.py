# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import churn, dedup, ownership, tiering
from ..lib.common import DomainError
from .crm_lubricant_guard_mixin import CrmLubricantGuardMixin
from .res_config_settings import get_setting, tier_settings

KEY_FIELDS = {
    "lub_name_key": dedup.KIND_NAME,
    "lub_vat_key": dedup.KIND_VAT,
    "lub_phone_key": dedup.KIND_PHONE,
    "lub_mobile_key": dedup.KIND_PHONE,
    "lub_email_key": dedup.KIND_EMAIL,
}
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
PARTNER_WORKFLOW_FIELDS = (
    *OWNERSHIP_FIELDS,
    *TIER_FIELDS,
    "lub_churn_risk",
    "lub_usual_order_interval",
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


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- classification -------------------------------------------------------------------
    lub_team_id = fields.Many2one(
        "crm.team",
        string="Branch",
        index=True,
        tracking=True,
        help="Branch office or sales team in charge of the customer.",
    )
    lub_tier = fields.Char(string="Value Tier", index=True, readonly=True, copy=False)
    lub_tier_contribution = fields.Float(
        string="12-Month Contribution",
        readonly=True,
        copy=False,
        digits="Product Price",
        aggregator="sum",
        help="Confirmed sales (untaxed revenue or margin, as set) of the trailing 12 months, "
        "in company currency.",
    )
    lub_tier_share = fields.Float(
        string="Contribution Share", readonly=True, copy=False, aggregator="sum", digits=(16, 6)
    )
    lub_tier_rank = fields.Integer(string="Rank", readonly=True, copy=False, aggregator=None)
    lub_gold = fields.Boolean(string="Gold Customer", readonly=True, copy=False, index=True)
    lub_drag = fields.Boolean(string="Drag Customer", readonly=True, copy=False, index=True)
    lub_drag_no_order = fields.Boolean(string="No Order for a Long Time", readonly=True, copy=False)
    lub_drag_lost_tenders = fields.Boolean(
        string="Keeps Losing Tenders", readonly=True, copy=False
    )
    lub_lost_tender_streak = fields.Integer(
        string="Tenders Lost in a Row", readonly=True, copy=False, aggregator=None
    )
    lub_last_order_date = fields.Datetime(string="Last Order", readonly=True, copy=False)
    lub_tier_date = fields.Date(string="Tier Computed On", readonly=True, copy=False)
    lub_churn_risk = fields.Boolean(
        string="Churn Risk",
        readonly=True,
        copy=False,
        index=True,
        help="No order for longer than the customer's usual interval between orders times the "
        "factor set in the settings; refreshed with the tiers.",
    )
    lub_usual_order_interval = fields.Float(
        string="Usual Order Interval (Days)", readonly=True, copy=False, aggregator=None
    )
    lub_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_lub_complaint_count"
    )
    lub_tier_history_ids = fields.One2many(
        "crm.lubricant.tier.history", "partner_id", string="Tier History"
    )

    # --- ownership ---------------------------------------------------------------------
    lub_owner_id = fields.Many2one(
        "res.users",
        string="Protected By",
        index=True,
        tracking=True,
        copy=False,
        help="Salesperson holding the protection of this customer; empty: public pool.",
    )
    lub_registered_date = fields.Date(string="Registered On", copy=False, tracking=True)
    lub_last_followup_date = fields.Date(string="Last Follow-up", copy=False)
    lub_protection_expiry = fields.Date(
        string="Protection Expires",
        compute="_compute_lub_protection_expiry",
        store=True,
        help="First day on which the customer returns to the public pool unless followed up.",
    )
    lub_ownership_log_ids = fields.One2many(
        "crm.lubricant.ownership.log", "partner_id", string="Ownership Log"
    )

    # --- duplicate keys ----------------------------------------------------------------
    lub_name_key = fields.Char(
        string="Name Key", compute="_compute_lub_keys", store=True, index=True
    )
    lub_vat_key = fields.Char(
        string="VAT Key", compute="_compute_lub_keys", store=True, index=True
    )
    lub_phone_key = fields.Char(
        string="Phone Key", compute="_compute_lub_keys", store=True, index=True
    )
    lub_mobile_key = fields.Char(
        string="Mobile Key", compute="_compute_lub_keys", store=True, index=True
    )
    lub_email_key = fields.Char(
        string="E-mail Key", compute="_compute_lub_keys", store=True, index=True
    )

    # --- dealer channel ----------------------------------------------------------------
    lub_is_dealer = fields.Boolean(string="Is a Dealer", index=True, tracking=True)
    lub_dealer_level = fields.Selection(
        [("first", "First-level Dealer"), ("second", "Second-level Dealer")],
        string="Dealer Level",
        tracking=True,
    )
    lub_territory_ids = fields.Many2many(
        "res.country.state",
        "crm_lubricant_dealer_territory_rel",
        "partner_id",
        "state_id",
        string="Territory",
    )
    lub_authorized_categ_ids = fields.Many2many(
        "product.category",
        "crm_lubricant_dealer_categ_rel",
        "partner_id",
        "categ_id",
        string="Authorized Product Lines",
    )
    lub_annual_target = fields.Float(string="Annual Target", digits="Product Price", tracking=True)
    lub_annual_actual = fields.Float(
        string="Actual This Year", compute="_compute_lub_annual_actual", digits="Product Price"
    )
    lub_target_rate = fields.Float(string="Target Reached", compute="_compute_lub_annual_actual")
    lub_dealer_id = fields.Many2one(
        "res.partner",
        string="Dealer",
        index=True,
        tracking=True,
        domain=[("lub_is_dealer", "=", True)],
        help="Dealer through which this end customer buys.",
    )
    lub_end_customer_ids = fields.One2many("res.partner", "lub_dealer_id", string="End Customers")
    lub_end_customer_count = fields.Integer(
        string="End Customer Count", compute="_compute_lub_end_customer_count"
    )
    lub_sellthrough_ids = fields.One2many(
        "crm.lubricant.sellthrough", "dealer_id", string="Sell-through"
    )

    @api.depends("lub_owner_id", "lub_registered_date", "lub_last_followup_date")
    def _compute_lub_protection_expiry(self):
        lapse_days = get_setting(self.env, "lub_protection_lapse_days")
        for partner in self:
            last = partner.lub_last_followup_date or partner.lub_registered_date
            partner.lub_protection_expiry = (
                ownership.protection_expires(last, lapse_days)
                if partner.lub_owner_id and last
                else False
            )

    @api.depends("name", "vat", "phone", "mobile", "email")
    def _compute_lub_keys(self):
        for partner in self:
            partner.lub_name_key = safe_key(dedup.normalize_name, partner.name)
            partner.lub_vat_key = safe_key(dedup.normalize_vat, partner.vat)
            partner.lub_phone_key = safe_key(dedup.normalize_phone, partner.phone)
            partner.lub_mobile_key = safe_key(dedup.normalize_phone, partner.mobile)
            partner.lub_email_key = safe_key(dedup.normalize_email, partner.email)

    def _compute_lub_annual_actual(self):
        dealers = self.filtered("lub_is_dealer")
        totals = {}
        if dealers.ids:
            year_start = fields.Date.today().replace(month=1, day=1)
            groups = self.env["sale.order"]._read_group(
                [
                    ("partner_id", "child_of", dealers.ids),
                    ("state", "=", "sale"),
                    ("date_order", ">=", year_start),
                ],
                ["partner_id"],
                ["amount_untaxed:sum"],
            )
            for partner, amount in groups:
                commercial = partner.commercial_partner_id.id
                totals[commercial] = totals.get(commercial, 0.0) + amount
        for partner in self:
            actual = totals.get(partner.id, 0.0)
            partner.lub_annual_actual = actual
            partner.lub_target_rate = (
                actual / partner.lub_annual_target if partner.lub_annual_target else 0.0
            )

    def _compute_lub_end_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("lub_dealer_id", "in", self.ids)], ["lub_dealer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lub_end_customer_count = counts.get(partner, 0)

    def _compute_lub_complaint_count(self):
        counts = dict(
            self.env["crm.lubricant.complaint"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lub_complaint_count = counts.get(partner, 0)

    @api.constrains("lub_dealer_id")
    def _check_lub_dealer_id(self):
        for partner in self:
            if partner.lub_dealer_id and partner.lub_dealer_id == partner.commercial_partner_id:
                raise ValidationError(
                    _("%(partner)s cannot be its own dealer.", partner=partner.display_name)
                )

    @api.constrains("lub_annual_target")
    def _check_lub_annual_target(self):
        for partner in self:
            if partner.lub_annual_target < 0:
                raise ValidationError(
                    _("The annual target of %(dealer)s must not be negative.",
                      dealer=partner.display_name)
                )

    # --- CRUD: anti-collision and registration ------------------------------------------
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
        owner_change = "lub_owner_id" in vals and not self.env.context.get("lub_ownership_logged")
        previous = {partner.id: partner.lub_owner_id for partner in self} if owner_change else {}
        result = super().write(vals)
        if owner_change:
            self._lub_log_owner_change(previous)
        if {"name", "vat", "phone", "mobile", "email"} & set(vals) and self._lub_guard_active():
            self.filtered(lambda partner: not partner.parent_id)._lub_check_duplicates()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lub_history(self):
        """Customers with an ownership log or a value-tier history are archived, never deleted:
        the log decides who was credited for past deals (one grouped query per history)."""
        kept = set()
        for model in ("crm.lubricant.ownership.log", "crm.lubricant.tier.history"):
            # sudo: the check must see the history the deleting user may not read
            groups = self.env[model].sudo()._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"]
            )
            kept.update(partner.id for (partner,) in groups)
        if kept:
            names = ", ".join(self.browse(sorted(kept))[:5].mapped("display_name"))
            raise UserError(
                _("%(customers)s cannot be deleted: their ownership log or value-tier history"
                  " is kept. Archive them instead.", customers=names)
            )

    def _lub_guard_vals(self, vals):
        """Protection, tier and churn fields change only through the actions and the scheduled
        jobs (superuser); figures must be finite (the addon's guard mixin, applied to the
        lubricant fields of partners only)."""
        guard = CrmLubricantGuardMixin
        guard._guard_figures(self, {name: vals[name] for name in vals if name.startswith("lub_")})
        if self.env.su:
            return
        forbidden = [name for name in PARTNER_WORKFLOW_FIELDS if name in vals and vals[name]]
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
        return bool(self.env.context.get("lub_protection")) or not user.has_group(MANAGER_GROUP)

    def _lub_keys(self):
        """Duplicate keys of one partner, as the lib's (kind, value) pairs."""
        self.ensure_one()
        return frozenset(
            (kind, self[fname]) for fname, kind in KEY_FIELDS.items() if self[fname]
        )

    @api.model
    def _lub_find_duplicates(self, keys, exclude_ids=()):
        """{partner: shared keys} of the customers (commercial entities, not users' partners)
        matching ``keys``: one indexed search over the key fields."""
        by_kind = {}
        for kind, value in keys:
            by_kind.setdefault(kind, set()).add(value)
        if not by_kind:
            return {}
        leaves = []
        for fname, kind in KEY_FIELDS.items():
            if kind in by_kind:
                leaves.append([(fname, "in", sorted(by_kind[kind]))])
        domain = [
            ("id", "not in", list(exclude_ids)),
            ("parent_id", "=", False),
            ("user_ids", "=", False),
            ("id", "not in", self.env["res.company"].sudo().search([]).partner_id.ids),
        ]
        # sudo: a salesperson must detect collisions with customers hidden from them by the rules
        candidates = self.sudo().search(domain + (leaves[0] if len(leaves) == 1 else
                                                  ["|"] * (len(leaves) - 1) + sum(leaves, [])))
        found = dedup.find_duplicates(
            keys, {candidate.id: candidate._lub_keys() for candidate in candidates}
        )
        return {candidates.browse(pid): shared for pid, shared in found.items()}

    def _lub_duplicate_message(self, record_name, matches):
        """Translated refusal naming the matching customers, the matching data and the owner."""
        labels = {
            dedup.KIND_NAME: _("name"),
            dedup.KIND_VAT: _("VAT"),
            dedup.KIND_PHONE: _("phone"),
            dedup.KIND_EMAIL: _("e-mail"),
        }
        lines = []
        for partner, shared in matches.items():
            kinds = ", ".join(labels[kind] for kind in dedup.KINDS if kind in {k for k, _v in shared})
            owner = partner.lub_owner_id
            if owner:
                lines.append(
                    _(
                        "%(customer)s (same %(kinds)s), protected by %(owner)s",
                        customer=partner.name,
                        kinds=kinds,
                        owner=owner.name,
                    )
                )
            else:
                lines.append(
                    _(
                        "%(customer)s (same %(kinds)s), in the public pool: claim it instead",
                        customer=partner.name,
                        kinds=kinds,
                    )
                )
        return _(
            "%(record)s duplicates an existing customer: %(matches)s.",
            record=record_name,
            matches="; ".join(lines),
        )

    def _lub_check_duplicates(self):
        """Refuse customers that match another customer's normalized name, VAT, phone or e-mail."""
        for partner in self:
            matches = self._lub_find_duplicates(partner._lub_keys(), exclude_ids=self.ids)
            if matches:
                raise ValidationError(partner._lub_duplicate_message(partner.name, matches))

    # --- ownership business methods ---------------------------------------------------
    @api.model
    def _lub_check_limit(self, user, count=1):
        """Raise when ``user`` may not take ``count`` more protected customers (lib.can_register)."""
        today = fields.Date.context_today(self)
        window = get_setting(self.env, "lub_protection_window_days")
        # sudo: counts the salesperson's own holdings, whatever the current user may read
        held = self.sudo().search_read(
            [("lub_owner_id", "=", user.id), ("lub_registered_date", "!=", False)],
            ["lub_registered_date"],
        )
        dates = [row["lub_registered_date"] for row in held]
        override = user.lub_protection_limit if user.lub_has_limit_override else None
        for extra in range(count):
            decision = ownership.can_register(
                dates + [today] * extra,
                today,
                limit=get_setting(self.env, "lub_protection_limit"),
                window_days=window,
                override=override,
            )
            if not decision.allowed:
                raise UserError(
                    _(
                        "%(user)s already holds %(count)s protected customers registered within "
                        "%(days)s days, the limit is %(limit)s: release a customer first.",
                        user=user.name,
                        count=decision.params["count"],
                        days=decision.params["window_days"],
                        limit=decision.params["limit"],
                    )
                )

    def _lub_register(self):
        """Protect new customers for the current salesperson (limit checked)."""
        if not self:
            return
        user = self.env.user
        self._lub_check_limit(user, len(self))
        today = fields.Date.context_today(self)
        # sudo: protection fields are maintained by the system, not typed by the salesperson
        self.sudo().with_context(lub_ownership_logged=True).write(
            {"lub_owner_id": user.id, "lub_registered_date": today, "lub_last_followup_date": today}
        )
        self._lub_log(ownership.ACTION_REGISTER, user)

    def _lub_log(self, action, user):
        """Append one ownership log line per partner (one create)."""
        now = fields.Datetime.now()
        # sudo: the log is append-only and written by the system for the salesperson's actions
        self.env["crm.lubricant.ownership.log"].sudo().create(
            [
                {"partner_id": partner.id, "user_id": user.id, "action": action, "date": now}
                for partner in self
            ]
        )

    def _lub_log_gain(self, action):
        for owner in self.lub_owner_id:
            self.filtered(lambda partner, owner=owner: partner.lub_owner_id == owner)._lub_log(
                action, owner
            )

    def _lub_log_owner_change(self, previous):
        today = fields.Date.context_today(self)
        for partner in self:
            old = previous.get(partner.id)
            new = partner.lub_owner_id
            if old == new:
                continue
            if old:
                partner._lub_log(ownership.ACTION_RELEASE, old)
            if new:
                partner._lub_log(ownership.ACTION_ASSIGN, new)
                if not partner.lub_registered_date or old:
                    partner.with_context(lub_ownership_logged=True).sudo().write(
                        {"lub_registered_date": today, "lub_last_followup_date": today}
                    )

    @api.model
    def _lub_pool_domain(self):
        """Partners that can be claimed from the public pool: customers (commercial entities),
        not the companies' own partners, not users' partners."""
        # sudo: the partners of every company, including those the user cannot read
        company_partners = self.env["res.company"].sudo().with_context(active_test=False).search(
            []
        ).partner_id
        return [
            ("parent_id", "=", False),
            ("customer_rank", ">", 0),
            ("user_ids", "=", False),
            ("id", "not in", company_partners.ids),
        ]

    def _lub_check_claimable(self):
        """Refuse the partners of ``self`` that the current user may not claim: outside the pool
        definition, or not readable with the user's rights (record rules, other companies)."""
        if self.env.su:
            return
        Partner = self.env["res.partner"].with_context(active_test=False)
        structural = Partner.sudo().search([("id", "in", self.ids)] + self._lub_pool_domain())
        # sudo: a partner claimed by someone else is hidden, but is told apart below
        readable = Partner.search(
            [("id", "in", structural.ids), "|", ("lub_owner_id", "=", False),
             ("lub_owner_id", "=", self.env.uid)]
        )
        taken = structural.filtered(lambda partner: partner.lub_owner_id) - readable
        taken = taken.filtered(
            lambda partner: not partner.company_id or partner.company_id in self.env.companies
        )
        refused = self - readable - taken
        if refused:
            visible = Partner.search([("id", "in", refused.ids)])
            names = [
                partner.display_name if partner in visible else f"#{partner.id}"
                for partner in refused[:5]
            ]
            raise AccessError(
                self.env._(
                    "%(partners)s cannot be claimed: only customers of the public pool that you"
                    " may read can be claimed (not companies, users or contacts, nor partners of"
                    " another company).",
                    partners=", ".join(names),
                )
            )

    def action_lub_claim(self):
        """Claim customers from the public pool.

        The claim is one conditional UPDATE (``WHERE lub_owner_id IS NULL``): when two
        salespeople claim the same customer at once, PostgreSQL lets exactly one UPDATE match
        the row; the other one matches nothing (or fails to serialize) and is told so."""
        user = self.env.user
        if not user.has_group(USER_GROUP):
            raise AccessError(_("Only lubricant salespeople may claim customers."))
        self._lub_check_claimable()
        # sudo: a customer claimed meanwhile by someone else is hidden from the claimer
        taken = self.sudo().filtered("lub_owner_id")
        if taken:
            raise UserError(
                _(
                    "%(customer)s is already protected by %(owner)s.",
                    customer=taken[0].name,
                    owner=taken[0].lub_owner_id.name,
                )
            )
        self._lub_check_limit(user, len(self))
        self.flush_recordset()
        today = fields.Date.context_today(self)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        """UPDATE res_partner
                              SET lub_owner_id = %(user)s,
                                  lub_registered_date = %(today)s,
                                  lub_last_followup_date = %(today)s,
                                  write_uid = %(user)s,
                                  write_date = NOW() AT TIME ZONE 'UTC'
                            WHERE id IN %(ids)s AND lub_owner_id IS NULL
                        RETURNING id""",
                        user=user.id,
                        today=today,
                        ids=tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
                won = {row[0] for row in self.env.cr.fetchall()}
        except psycopg2.errors.SerializationFailure:
            won = set()
        self.invalidate_recordset(
            ["lub_owner_id", "lub_registered_date", "lub_last_followup_date", "write_uid",
             "write_date"]
        )
        lost = self.filtered(lambda partner: partner.id not in won)
        if lost:
            raise UserError(
                _(
                    "%(customer)s has just been claimed by another salesperson.",
                    customer=lost[0].name,
                )
            )
        self.modified(["lub_owner_id", "lub_registered_date", "lub_last_followup_date"])
        self._lub_log(ownership.ACTION_CLAIM, user)
        return True

    def action_lub_assign(self, user_id):
        """Manager action: give customers to a salesperson (logged as release + assign)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _("Only lubricant sales managers may assign customers; use Claim or Release.")
            )
        self.check_access("write")
        user = self.env["res.users"].browse(int(user_id)).exists()
        if not user or user.share or not user.has_group(USER_GROUP):
            raise UserError(_("Customers can only be assigned to a lubricant salesperson."))
        self._lub_check_claimable_structure()
        # sudo: the protection fields change only through this action (checked above)
        self.sudo().write({"lub_owner_id": user.id})
        return True

    def _lub_check_claimable_structure(self):
        eligible = self.sudo().with_context(active_test=False).search(
            [("id", "in", self.ids)] + self._lub_pool_domain()
        )
        refused = self - eligible
        if refused:
            raise UserError(
                self.env._(
                    "%(partners)s cannot be protected: only customers (not companies, users or"
                    " contacts) have an owner.",
                    partners=", ".join(refused[:5].mapped("display_name")),
                )
            )

    def action_lub_release(self):
        """Give customers back to the public pool (their owner or a manager)."""
        user = self.env.user
        is_manager = user.has_group(MANAGER_GROUP)
        for partner in self:
            if not partner.lub_owner_id:
                raise UserError(_("%(customer)s is already in the public pool.",
                                  customer=partner.name))
            if partner.lub_owner_id != user and not is_manager:
                raise AccessError(
                    _("Only %(owner)s or a manager may release %(customer)s.",
                      owner=partner.lub_owner_id.name, customer=partner.name)
                )
        for owner in self.lub_owner_id:
            owned = self.filtered(lambda partner, owner=owner: partner.lub_owner_id == owner)
            owned._lub_log(ownership.ACTION_RELEASE, owner)
        # sudo: the owner of a customer may release it without partner-manager rights
        self.sudo().with_context(lub_ownership_logged=True).write({"lub_owner_id": False})
        return True

    def _lub_touch_followup(self, user):
        """Record today's follow-up on the customers that ``user`` protects."""
        partners = self.commercial_partner_id.filtered(lambda partner: partner.lub_owner_id == user)
        if partners:
            # sudo: the follow-up date is maintained by the system
            partners.sudo().with_context(lub_ownership_logged=True).write(
                {"lub_last_followup_date": fields.Date.context_today(self)}
            )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if msg_vals.get("message_type") == "comment" and not self.env.su:
            self._lub_touch_followup(self.env.user)
        return result

    @api.model
    def _cron_lub_release_lapsed(self):
        """Return the customers whose protection lapsed to the public pool (scheduled job)."""
        today = fields.Date.context_today(self)
        lapse_days = get_setting(self.env, "lub_protection_lapse_days")
        owned = self.search_read(
            [("lub_owner_id", "!=", False)],
            ["lub_last_followup_date", "lub_registered_date", "lub_owner_id"],
        )
        followups = {
            row["id"]: row["lub_last_followup_date"] or row["lub_registered_date"] or today
            for row in owned
        }
        lapsed = self.browse(ownership.lapsed_customers(followups, today, lapse_days))
        for owner in lapsed.lub_owner_id:
            lapsed.filtered(lambda partner, owner=owner: partner.lub_owner_id == owner)._lub_log(
                ownership.ACTION_LAPSE, owner
            )
        # sudo: scheduled job; the protection fields are maintained by the system
        lapsed.sudo().with_context(lub_ownership_logged=True).write({"lub_owner_id": False})
        return lapsed

    # --- value tiers -------------------------------------------------------------------
    def action_lub_recompute_tiers(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only lubricant sales managers may recompute the value tiers."))
        # sudo: the tiers are computed over all customers and orders, whatever the rules
        changes = self.env["res.partner"].sudo()._lub_compute_tiers()
        self.env["res.partner"].sudo()._lub_compute_churn()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Value tiers recomputed: %(count)s customers changed tier.",
                             count=len(changes)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _lub_ensure_superuser(self):
        """The raw SQL of the tiers and churn reads and writes every customer, whatever the
        record rules: it runs only in the scheduled jobs or in a manager action in sudo."""
        if not self.env.su:
            raise AccessError(_("Only lubricant sales managers may recompute the value tiers."))

    @api.model
    def _cron_lub_compute_tiers(self):
        changes = self._lub_compute_tiers()
        self._lub_compute_churn()
        return changes

    @api.model
    def _lub_compute_churn(self, today=None):
        """Churn risk of every customer from its own order rhythm (lib.churn_risk): one aggregate
        query of the distinct order dates per customer, one UPDATE. Returns the ids at risk."""
        self._lub_ensure_superuser()
        today = today or fields.Date.context_today(self)
        factor = get_setting(self.env, "lub_churn_factor")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
SELECT buyer.commercial_partner_id, array_agg(DISTINCT (so.date_order)::date)
  FROM sale_order so
  JOIN res_partner buyer ON buyer.id = so.partner_id
 WHERE so.state = 'sale'
 GROUP BY buyer.commercial_partner_id
"""
            )
        )
        ids, risks, intervals = [], [], []
        for pid, dates in self.env.cr.fetchall():
            assessment = churn.churn_risk(dates, today, factor=factor)
            ids.append(pid)
            risks.append(assessment.at_risk)
            intervals.append(assessment.usual_interval or 0.0)
        self.env.cr.execute(
            SQL(
                """
UPDATE res_partner partner
   SET lub_churn_risk = v.risk, lub_usual_order_interval = v.interval
  FROM unnest(%(ids)s::int[], %(risks)s::bool[], %(intervals)s::float8[])
       AS v(id, risk, interval)
 WHERE partner.id = v.id
""",
                ids=ids,
                risks=risks,
                intervals=intervals,
            )
        )
        self.env["res.partner"].invalidate_model(["lub_churn_risk", "lub_usual_order_interval"])
        return [pid for pid, risk in zip(ids, risks, strict=True) if risk]


    @api.model
    def _lub_compute_tiers(self, today=None):
        """Classify every customer in one aggregate query; write the results in one UPDATE and
        the tier changes in one create. Returns the lib's tier changes."""
        self._lub_ensure_superuser()
        today = today or fields.Date.context_today(self)
        settings = tier_settings(self.env)
        basis = get_setting(self.env, "lub_tier_basis")
        start = tiering.trailing_window_start(today)
        end = fields.Date.add(today, days=1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
WITH sales AS (
    SELECT buyer.commercial_partner_id AS partner_id,
           SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
               FILTER (WHERE so.date_order >= %(start)s) AS revenue,
           SUM(COALESCE(so.margin, 0) / COALESCE(NULLIF(so.currency_rate, 0), 1))
               FILTER (WHERE so.date_order >= %(start)s) AS margin,
           MAX(so.date_order) AS last_order
      FROM sale_order so
      JOIN res_partner buyer ON buyer.id = so.partner_id
     WHERE so.state = 'sale' AND so.date_order < %(end)s
  GROUP BY buyer.commercial_partner_id
), outcomes AS (
    SELECT bidder.commercial_partner_id AS partner_id,
           COALESCE(stage.is_won, FALSE) AS won,
           lead.date_closed AS closed,
           MAX(lead.date_closed) FILTER (WHERE COALESCE(stage.is_won, FALSE))
               OVER (PARTITION BY bidder.commercial_partner_id) AS last_won
      FROM crm_lead lead
      JOIN res_partner bidder ON bidder.id = lead.partner_id
 LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
     WHERE lead.type = 'opportunity'
       AND lead.date_closed IS NOT NULL
       AND (COALESCE(stage.is_won, FALSE) OR (NOT lead.active AND lead.probability = 0))
), tenders AS (
    SELECT partner_id,
           COUNT(*) FILTER (WHERE NOT won AND (last_won IS NULL OR closed > last_won)) AS streak
      FROM outcomes
  GROUP BY partner_id
)
SELECT partner.id, partner.lub_tier, partner.create_date,
       COALESCE(sales.revenue, 0), COALESCE(sales.margin, 0), sales.last_order,
       COALESCE(tenders.streak, 0),
       partner.company_id, partner.state_id, partner.industry_id, partner.lub_team_id
  FROM res_partner partner
  LEFT JOIN sales ON sales.partner_id = partner.id
  LEFT JOIN tenders ON tenders.partner_id = partner.id
 WHERE partner.id = partner.commercial_partner_id
   AND partner.active
   AND (partner.customer_rank > 0 OR sales.partner_id IS NOT NULL
        OR partner.lub_tier IS NOT NULL OR partner.lub_owner_id IS NOT NULL)
""",
                start=start,
                end=end,
            )
        )
        rows = self.env.cr.fetchall()
        previous = {}
        contributions = []
        snapshots = {}
        for pid, tier, created, revenue, margin, last_order, streak, *snapshot in rows:
            snapshots[pid] = snapshot
            previous[pid] = tier
            contributions.append(
                tiering.CustomerContribution(
                    customer_id=pid,
                    contribution=float(margin if basis == "margin" else revenue),
                    last_order_date=last_order.date() if last_order else None,
                    lost_tenders_in_row=int(streak),
                    customer_since=created.date() if created else None,
                )
            )
        results = tiering.compute_tiers(contributions, today, settings)
        last_orders = {row[0]: row[5] for row in rows}
        streaks = {row[0]: int(row[6]) for row in rows}
        self._lub_write_tiers(results, last_orders, streaks, today)
        changes = tiering.tier_changes(previous, results)
        if changes:
            self.env["crm.lubricant.tier.history"].sudo().create(
                [
                    {
                        "partner_id": pid,
                        "old_tier": old or False,
                        "new_tier": new,
                        "date": today,
                        "contribution": float(results[pid].contribution),
                        "share": results[pid].share,
                        "basis": basis,
                        "company_id": snapshots[pid][0],
                        "state_id": snapshots[pid][1],
                        "industry_id": snapshots[pid][2],
                        "team_id": snapshots[pid][3],
                    }
                    for pid, old, new in changes
                ]
            )
        return changes

    def _lub_write_tiers(self, results, last_orders, streaks, today):
        """Write all tier results with one UPDATE ... FROM unnest(...)."""
        self._lub_ensure_superuser()
        ids = list(results)
        if not ids:
            return
        values = [results[pid] for pid in ids]
        no_order = tiering.DRAG_NO_ORDER
        lost = tiering.DRAG_LOST_TENDERS
        self.env.cr.execute(
            SQL(
                """
UPDATE res_partner partner
   SET lub_tier = v.tier, lub_tier_contribution = v.contribution, lub_tier_share = v.share,
       lub_tier_rank = v.rank, lub_gold = v.gold, lub_drag = v.drag,
       lub_drag_no_order = v.no_order, lub_drag_lost_tenders = v.lost,
       lub_lost_tender_streak = v.streak, lub_last_order_date = v.last_order,
       lub_tier_date = %(today)s
  FROM unnest(%(ids)s::int[], %(tiers)s::varchar[], %(contributions)s::float8[],
              %(shares)s::float8[], %(ranks)s::int[], %(golds)s::bool[], %(drags)s::bool[],
              %(no_orders)s::bool[], %(losts)s::bool[], %(streaks)s::int[],
              %(last_orders)s::timestamp[])
       AS v(id, tier, contribution, share, rank, gold, drag, no_order, lost, streak, last_order)
 WHERE partner.id = v.id
""",
                today=today,
                ids=ids,
                tiers=[result.tier for result in values],
                contributions=[float(result.contribution) for result in values],
                shares=[result.share for result in values],
                ranks=[result.rank for result in values],
                golds=[result.gold for result in values],
                drags=[result.drag for result in values],
                no_orders=[
                    any(reason.code == no_order for reason in result.drag_reasons)
                    for result in values
                ],
                losts=[
                    any(reason.code == lost for reason in result.drag_reasons) for result in values
                ],
                streaks=[streaks.get(pid, 0) for pid in ids],
                last_orders=[last_orders.get(pid) for pid in ids],
            )
        )
        self.env["res.partner"].invalidate_model(list(TIER_FIELDS))

    # --- customer care ---------------------------------------------------------------------
    def action_lub_plan_care_activities(self):
        """Manager button: plan care activities for the customers at churn risk."""
        if not self.env.user.has_group("crm_lubricant.group_crm_lubricant_manager"):
            raise AccessError(_("Only Lubricant CRM managers may plan care activities."))
        count = self.env["res.partner"].sudo()._lub_plan_care_activities()  # sudo: all owners
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s care activities planned.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_lub_plan_care_activities(self):
        self._lub_plan_care_activities()

    @api.model
    def _lub_plan_care_activities(self):
        """One care activity for the owner of each customer at churn risk without an open one.

        Candidates, their open activities of the care type and the activity creation are each one
        batch: the number of queries does not grow with the number of customers (Odoo subscribes
        the owners as followers in one batch per owner)."""
        activity_type = get_setting(self.env, "lub_care_activity_type_id") or self.env.ref(
            "mail.mail_activity_data_call", raise_if_not_found=False
        )
        if not activity_type:
            raise UserError(_("Set the care activity type in the Lubricant CRM settings."))
        candidates = self.search(
            [("lub_churn_risk", "=", True), ("lub_owner_id", "!=", False),
             ("lub_owner_id.active", "=", True)]
        )
        if not candidates:
            return 0
        Activity = self.env["mail.activity"]
        planned = {
            res_id
            for [res_id] in Activity._read_group(
                [("res_model", "=", "res.partner"), ("res_id", "in", candidates.ids),
                 ("activity_type_id", "=", activity_type.id)],
                ["res_id"],
            )
        }
        todo = candidates.filtered(lambda partner: partner.id not in planned)
        if not todo:
            return 0
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = fields.Date.context_today(self) + timedelta(days=get_setting(self.env, "lub_care_days"))
        Activity.with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner.lub_owner_id.id,
                    "date_deadline": deadline,
                    "summary": self.env._(
                        "Customer care: usual order interval of %(days)s days exceeded",
                        days=round(partner.lub_usual_order_interval or 0),
                    ),
                }
                for partner in todo
            ]
        )
        return len(todo)
