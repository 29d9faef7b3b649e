# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer protection: registration, claim, release, assignment, follow-up and lapse
to the public pool, with the append-only ownership log (lib.ownership)."""

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import ownership
from .res_config_settings import get_setting
from .res_partner import MANAGER_GROUP, USER_GROUP


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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

    @api.model
    def _lub_check_limit(self, user, count=1):
        """Raise when ``user`` may not take ``count`` more protected customers
        (lib.can_register)."""
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
                    self.env._(
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
            {
                "lub_owner_id": user.id,
                "lub_registered_date": today,
                "lub_last_followup_date": today,
            }
        )
        self._lub_log(ownership.ACTION_REGISTER, user)

    def _lub_log(self, action, user):
        """Append one ownership log line per partner (one create)."""
        now = fields.Datetime.now()
        # sudo: the log is append-only and written by the system for the salesperson's actions
        self.env["crm.lubricant.ownership.log"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "action": action,
                    "date": now,
                }
                for partner in self
            ]
        )

    def _lub_log_gain(self, action):
        for owner in self.lub_owner_id:
            self.filtered(
                lambda partner, owner=owner: partner.lub_owner_id == owner
            )._lub_log(action, owner)

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
        # sudo: the partners of every company, including those the user cannot read;
        # no limit: the companies are a handful of rows
        Company = self.env["res.company"].sudo().with_context(active_test=False)
        company_partners = Company.search([]).partner_id  # pylint: disable=no-search-all
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
        structural = Partner.sudo().search(
            [("id", "in", self.ids)] + self._lub_pool_domain()
        )
        # sudo: a partner claimed by someone else is hidden, but is told apart below
        readable = Partner.search(
            [
                ("id", "in", structural.ids),
                "|",
                ("lub_owner_id", "=", False),
                ("lub_owner_id", "=", self.env.uid),
            ]
        )
        taken = structural.filtered(lambda partner: partner.lub_owner_id) - readable
        taken = taken.filtered(
            lambda partner: (
                not partner.company_id or partner.company_id in self.env.companies
            )
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

        The rows still in the pool are locked (``SELECT ... WHERE lub_owner_id IS NULL FOR NO
        KEY UPDATE``) before the ORM write: when two salespeople claim the same customer at
        once, PostgreSQL lets exactly one lock the row; the other one waits, then finds the row
        claimed or fails to serialize, and is told so."""
        user = self.env.user
        if not user.has_group(USER_GROUP):
            raise AccessError(
                self.env._("Only lubricant salespeople may claim customers.")
            )
        self._lub_check_claimable()
        # sudo: a customer claimed meanwhile by someone else is hidden from the claimer
        taken = self.sudo().filtered("lub_owner_id")
        if taken:
            raise UserError(
                self.env._(
                    "%(customer)s is already protected by %(owner)s.",
                    customer=taken[0].name,
                    owner=taken[0].lub_owner_id.name,
                )
            )
        self._lub_check_limit(user, len(self))
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                # lock the rows still in the pool; a row claimed by a transaction committed
                # since ours started fails to serialize (the claim is lost)
                self.env.cr.execute(
                    SQL(
                        """SELECT id FROM res_partner
                            WHERE id IN %(ids)s AND lub_owner_id IS NULL
                              FOR NO KEY UPDATE""",
                        ids=tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
                won = {row[0] for row in self.env.cr.fetchall()}
        except psycopg2.errors.SerializationFailure:
            won = set()
        lost = self.filtered(lambda partner: partner.id not in won)
        if lost:
            raise UserError(
                self.env._(
                    "%(customer)s has just been claimed by another salesperson.",
                    customer=lost[0].name,
                )
            )
        today = fields.Date.context_today(self)
        # sudo: protection fields are maintained by the system, not typed by the salesperson
        self.sudo().with_context(lub_ownership_logged=True).write(
            {
                "lub_owner_id": user.id,
                "lub_registered_date": today,
                "lub_last_followup_date": today,
            }
        )
        self._lub_log(ownership.ACTION_CLAIM, user)
        return True

    def action_lub_assign(self, user_id):
        """Manager action: give customers to a salesperson (logged as release + assign)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only lubricant sales managers may assign customers; use Claim or Release."
                )
            )
        self.check_access("write")
        user = self.env["res.users"].browse(int(user_id)).exists()
        if not user or user.share or not user.has_group(USER_GROUP):
            raise UserError(
                self.env._("Customers can only be assigned to a lubricant salesperson.")
            )
        self._lub_check_claimable_structure()
        # sudo: the protection fields change only through this action (checked above)
        self.sudo().write({"lub_owner_id": user.id})
        return True

    def _lub_check_claimable_structure(self):
        eligible = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids)] + self._lub_pool_domain())
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
                raise UserError(
                    self.env._(
                        "%(customer)s is already in the public pool.",
                        customer=partner.name,
                    )
                )
            if partner.lub_owner_id != user and not is_manager:
                raise AccessError(
                    self.env._(
                        "Only %(owner)s or a manager may release %(customer)s.",
                        owner=partner.lub_owner_id.name,
                        customer=partner.name,
                    )
                )
        for owner in self.lub_owner_id:
            owned = self.filtered(
                lambda partner, owner=owner: partner.lub_owner_id == owner
            )
            owned._lub_log(ownership.ACTION_RELEASE, owner)
        # sudo: the owner of a customer may release it without partner-manager rights
        self.sudo().with_context(lub_ownership_logged=True).write(
            {"lub_owner_id": False}
        )
        return True

    def _lub_touch_followup(self, user):
        """Record today's follow-up on the customers that ``user`` protects."""
        partners = self.commercial_partner_id.filtered(
            lambda partner: partner.lub_owner_id == user
        )
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
            row["id"]: row["lub_last_followup_date"]
            or row["lub_registered_date"]
            or today
            for row in owned
        }
        lapsed = self.browse(ownership.lapsed_customers(followups, today, lapse_days))
        for owner in lapsed.lub_owner_id:
            lapsed.filtered(
                lambda partner, owner=owner: partner.lub_owner_id == owner
            )._lub_log(ownership.ACTION_LAPSE, owner)
        # sudo: scheduled job; the protection fields are maintained by the system
        lapsed.sudo().with_context(lub_ownership_logged=True).write(
            {"lub_owner_id": False}
        )
        return lapsed
