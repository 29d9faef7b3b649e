# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import dedup, funnel
from .computed_run import run_values, store_run
from .res_config_settings import get_setting
from .res_partner import safe_key
from .res_partner_dedup import KEY_FIELDS as PARTNER_KEY_FIELDS

STALE_RUN_KEY = "crm_lubricant.stale_run"
LEAD_KEY_FIELDS = {
    "lub_name_key": dedup.KIND_NAME,
    "lub_phone_key": dedup.KIND_PHONE,
    "lub_mobile_key": dedup.KIND_PHONE,
    "lub_email_key": dedup.KIND_EMAIL,
}

# customers and leads re-keyed per chunk: the cache of one chunk is dropped before the next
RECOMPUTE_CHUNK = 5000


def recompute_lub_keys(env, chunk=RECOMPUTE_CHUNK):
    """Recompute the stored duplicate keys of every customer and lead (archived included).

    The keys are stored computed fields: a change of the normalisation rules in lib.dedup
    (a new spelling caught) leaves the keys of existing records as the old rules made them,
    so an upgrade that changes the rules calls this (migrations/). Returns the number of
    records re-keyed per model."""
    counts = {}
    for model_name, fnames in (
        ("res.partner", list(PARTNER_KEY_FIELDS)),
        ("crm.lead", list(LEAD_KEY_FIELDS)),
    ):
        model = env[model_name].with_context(active_test=False)
        ids = model.search([], order="id").ids
        for start in range(0, len(ids), chunk):
            records = model.browse(ids[start : start + chunk])
            for fname in fnames:
                env.add_to_compute(model._fields[fname], records)
            model.flush_model(fnames)
            env.invalidate_all()
        counts[model_name] = len(ids)
    return counts


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lub_name_key = fields.Char(
        string="Name Key", compute="_compute_lub_keys", store=True, index=True
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
    lub_owner_id = fields.Many2one(
        related="partner_id.commercial_partner_id.lub_owner_id",
        string="Customer Protected By",
    )
    # stored computes refreshed only by the daily job (_cron_lub_flag_stale)
    lub_stale = fields.Boolean(
        string="Stale",
        compute="_compute_lub_stale",
        store=True,
        readonly=True,
        index=True,
        copy=False,
        help="Open opportunity without any activity (message, note, stage change) for the number "
        "of days set in the settings; refreshed every day.",
    )
    lub_last_activity_date = fields.Datetime(
        string="Last Activity",
        compute="_compute_lub_last_activity_date",
        store=True,
        readonly=True,
        copy=False,
    )
    lub_stage_history_ids = fields.One2many(
        "crm.lubricant.stage.history", "lead_id", string="Stage History"
    )
    lub_credit_user_id = fields.Many2one(
        "res.users",
        string="Credited To",
        compute="_compute_lub_credit_user_id",
        help="Salesperson holding the customer's protection when the deal was won (from the "
        "ownership log); for open opportunities, today.",
    )

    def _compute_lub_stale(self):
        run = run_values(self, STALE_RUN_KEY)
        for lead in self:
            lead.lub_stale = run.get(lead.id, {}).get("lub_stale", False)

    def _compute_lub_last_activity_date(self):
        run = run_values(self, STALE_RUN_KEY)
        for lead in self:
            lead.lub_last_activity_date = run.get(lead.id, {}).get(
                "lub_last_activity_date", False
            )

    @api.depends("partner_name", "contact_name", "phone", "mobile", "email_from")
    def _compute_lub_keys(self):
        for lead in self:
            lead.lub_name_key = safe_key(
                dedup.normalize_name, lead.partner_name or lead.contact_name
            )
            lead.lub_phone_key = safe_key(dedup.normalize_phone, lead.phone)
            lead.lub_mobile_key = safe_key(dedup.normalize_phone, lead.mobile)
            lead.lub_email_key = safe_key(dedup.normalize_email, lead.email_from)

    @api.depends("partner_id", "date_closed")
    def _compute_lub_credit_user_id(self):
        now = fields.Datetime.now()
        leads = list(self)
        holders = self.env["crm.lubricant.ownership.log"]._credit_holders(
            [
                (lead.partner_id.commercial_partner_id.id, lead.date_closed or now)
                for lead in leads
            ]
        )
        for lead, holder in zip(leads, holders, strict=True):
            lead.lub_credit_user_id = holder

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._lub_open_stays()
        if self.env["res.partner"]._lub_guard_active():
            leads._lub_check_collisions()
        return leads

    def write(self, vals):
        moved = self.browse()
        if "stage_id" in vals:
            moved = self.filtered(lambda lead: lead.stage_id.id != vals["stage_id"])
        result = super().write(vals)
        if moved:
            moved._lub_close_stays()
            moved._lub_open_stays()
        watched = {
            "partner_id",
            "partner_name",
            "contact_name",
            "phone",
            "mobile",
            "email_from",
        }
        if watched & set(vals) and self.env["res.partner"]._lub_guard_active():
            self._lub_check_collisions()
        return result

    def _lub_open_stays(self):
        """Start a stage stay for each lead (one create for the batch)."""
        now = fields.Datetime.now()
        # sudo: the stage history is written by the system for every salesperson
        self.env["crm.lubricant.stage.history"].sudo().create(
            [
                {"lead_id": lead.id, "stage_id": lead.stage_id.id, "date_in": now}
                for lead in self
                if lead.stage_id
            ]
        )

    def _lub_close_stays(self):
        """End the open stage stays of the leads (one search, one write)."""
        # sudo: the stage history is written by the system for every salesperson
        self.env["crm.lubricant.stage.history"].sudo().search(
            [("lead_id", "in", self.ids), ("date_out", "=", False)]
        ).write({"date_out": fields.Datetime.now()})

    @api.model
    def _cron_lub_flag_stale(self, now=None):
        """Flag stale opportunities: one aggregate query for the last activity of every open
        opportunity (a reporting SELECT), lib.stale_opportunities, the flags stored through the
        ORM (``computed_run.store_run``)."""
        now = now or fields.Datetime.now()
        stale_days = get_setting(self.env, "lub_stale_days")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
SELECT lead.id,
       GREATEST(lead.create_date, lead.date_last_stage_update, MAX(message.date))
  FROM crm_lead lead
  LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
  LEFT JOIN mail_message message ON message.model = 'crm.lead' AND message.res_id = lead.id
 WHERE lead.active AND lead.type = 'opportunity' AND NOT COALESCE(stage.is_won, FALSE)
 GROUP BY lead.id
"""
            )
        )
        last = dict(self.env.cr.fetchall())
        stale = set(funnel.stale_opportunities(last, now, stale_days))
        # sudo: the job covers every salesperson's leads, as the aggregate query above
        store_run(
            self.sudo(),
            STALE_RUN_KEY,
            ("lub_stale", "lub_last_activity_date"),
            {
                lead_id: {"lub_stale": lead_id in stale, "lub_last_activity_date": when}
                for lead_id, when in last.items()
            },
        )
        # the leads flagged before that are no longer open opportunities are unflagged
        # (sudo: the job covers every salesperson's leads, as the aggregate query above)
        gone = (
            self.sudo()
            .with_context(active_test=False)
            .search([("lub_stale", "=", True), ("id", "not in", list(last))])
        )
        store_run(
            gone, STALE_RUN_KEY, ("lub_stale",), {lead_id: {} for lead_id in gone.ids}
        )
        return self.browse(sorted(stale))

    def _lub_keys(self):
        self.ensure_one()
        return frozenset(
            (kind, self[fname])
            for fname, kind in LEAD_KEY_FIELDS.items()
            if self[fname]
        )

    def _lub_find_lead_collisions(self):
        """Open leads of other salespeople sharing a key with this lead: one indexed search."""
        self.ensure_one()
        keys = self._lub_keys()
        if not keys:
            return self.browse()
        leaves = []
        for fname, kind in LEAD_KEY_FIELDS.items():
            values = sorted(value for key_kind, value in keys if key_kind == kind)
            if values:
                leaves.append([(fname, "in", values)])
        domain = ["|"] * (len(leaves) - 1) + sum(leaves, [])
        # sudo: other salespeople's leads are hidden by the rules but still collide
        return self.sudo().search(
            [
                ("id", "!=", self.id),
                ("user_id", "not in", [False, self.env.user.id]),
                ("stage_id.is_won", "=", False),
            ]
            + domain
        )

    def _lub_check_collisions(self):
        """Refuse (or route to the owner) leads for another salesperson's customer or lead."""
        user = self.env.user
        policy = get_setting(self.env, "lub_duplicate_policy")
        partners = self.env["res.partner"]
        for lead in self:
            # sudo: the customer may be protected by someone else and hidden by the rules
            customer = lead.sudo().partner_id.commercial_partner_id
            matches = {}
            if customer:
                if customer.lub_owner_id and customer.lub_owner_id != user:
                    matches = {customer: frozenset()}
            else:
                found = partners._lub_find_duplicates(lead._lub_keys())
                matches = {
                    partner: shared
                    for partner, shared in found.items()
                    if partner.lub_owner_id and partner.lub_owner_id != user
                }
            other_leads = lead._lub_find_lead_collisions()
            if not matches and not other_leads:
                continue
            if policy == "route":
                lead._lub_route(matches, other_leads)
                continue
            if matches:
                raise ValidationError(
                    partners._lub_duplicate_message(lead.name, matches)
                    if any(matches.values())
                    else self.env._(
                        "%(lead)s is for %(customer)s, protected by %(owner)s.",
                        lead=lead.name,
                        customer=customer.name,
                        owner=customer.lub_owner_id.name,
                    )
                )
            other = other_leads[0]
            raise ValidationError(
                self.env._(
                    "%(lead)s duplicates the opportunity %(other)s of %(owner)s.",
                    lead=lead.name,
                    other=other.name,
                    owner=other.user_id.name,
                )
            )

    def _lub_env_of(self, user):
        """This environment in the language of ``user`` (a recipient), for what is
        written to be read by that user."""
        return self.with_context(lang=user.lang or self.env.lang).env

    def _lub_route(self, matches, other_leads):
        """Route a colliding lead: its owner gets an activity, the lead is linked to the customer
        (credit follows the ownership log)."""
        self.ensure_one()

        def note(env):
            return env._(
                "%(user)s entered the lead %(lead)s, which matches your customer or "
                "opportunity.",
                user=self.env.user.name,
                lead=self.name,
            )

        owner = self.env["res.users"]
        if matches:
            customer = next(iter(matches))
            owner = customer.lub_owner_id
            if not self.partner_id:
                # sudo: links the lead to the owner's customer without re-running the check
                # (a context key would let any client skip the anti-collision guard)
                self.sudo().partner_id = customer
            # the owner reads the activity in the owner's language
            owner_env = self._lub_env_of(customer.lub_owner_id)
            # sudo: the owner's customer is hidden from the salesperson who entered the lead
            customer.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=customer.lub_owner_id.id,
                summary=owner_env._("Colliding lead routed to you"),
                note=note(owner_env),
            )
        for other in other_leads:
            other_env = self._lub_env_of(other.user_id)
            # sudo: the other salesperson's opportunity is hidden from the current user
            other.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=other.user_id.id,
                summary=other_env._("Colliding lead routed to you"),
                note=note(other_env),
            )
        # the routed lead goes to the customer's owner (else the owner of the opportunity it
        # duplicates), with its team; the chatter keeps who entered it
        owner = owner or other_leads[:1].user_id
        if owner and self.user_id != owner:
            entered_by = self.user_id or self.env.user
            # sudo: the salesperson who entered the lead hands it to a user they may not read
            self.sudo().write(
                {
                    "user_id": owner.id,
                    "team_id": owner.sudo().sale_team_id.id or self.team_id.id,
                }
            )
            self.sudo().message_post(
                body=self.env._(
                    "Routed to %(owner)s, who holds this customer; entered by %(user)s.",
                    owner=owner.name,
                    user=entered_by.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if msg_vals.get("message_type") == "comment" and not self.env.su:
            self.partner_id._lub_touch_followup(self.env.user)
        return result
