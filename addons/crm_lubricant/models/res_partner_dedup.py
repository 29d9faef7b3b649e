# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Duplicate customers: normalized name, VAT, phone and e-mail keys (lib.dedup)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import dedup
from .res_partner import safe_key

KEY_FIELDS = {
    "lub_name_key": dedup.KIND_NAME,
    "lub_vat_key": dedup.KIND_VAT,
    "lub_phone_key": dedup.KIND_PHONE,
    "lub_mobile_key": dedup.KIND_PHONE,
    "lub_email_key": dedup.KIND_EMAIL,
}


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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

    @api.depends("name", "vat", "phone", "mobile", "email")
    def _compute_lub_keys(self):
        for partner in self:
            partner.lub_name_key = safe_key(dedup.normalize_name, partner.name)
            partner.lub_vat_key = safe_key(dedup.normalize_vat, partner.vat)
            partner.lub_phone_key = safe_key(dedup.normalize_phone, partner.phone)
            partner.lub_mobile_key = safe_key(dedup.normalize_phone, partner.mobile)
            partner.lub_email_key = safe_key(dedup.normalize_email, partner.email)

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
        # no limit: the companies are a handful of rows
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        domain = [
            ("id", "not in", list(exclude_ids)),
            ("parent_id", "=", False),
            ("user_ids", "=", False),
            ("id", "not in", companies.partner_id.ids),
        ]
        # sudo: a salesperson must detect collisions with customers hidden from them by the rules
        candidates = self.sudo().search(
            domain
            + (
                leaves[0]
                if len(leaves) == 1
                else ["|"] * (len(leaves) - 1) + sum(leaves, [])
            )
        )
        found = dedup.find_duplicates(
            keys, {candidate.id: candidate._lub_keys() for candidate in candidates}
        )
        return {candidates.browse(pid): shared for pid, shared in found.items()}

    def _lub_duplicate_message(self, record_name, matches):
        """Translated refusal naming the matching customers, the matching data and the owner."""
        labels = {
            dedup.KIND_NAME: self.env._("name"),
            dedup.KIND_VAT: self.env._("VAT"),
            dedup.KIND_PHONE: self.env._("phone"),
            dedup.KIND_EMAIL: self.env._("e-mail"),
        }
        lines = []
        for partner, shared in matches.items():
            kinds = ", ".join(
                labels[kind] for kind in dedup.KINDS if kind in {k for k, _v in shared}
            )
            owner = partner.lub_owner_id
            if owner:
                lines.append(
                    self.env._(
                        "%(customer)s (same %(kinds)s), protected by %(owner)s",
                        customer=partner.name,
                        kinds=kinds,
                        owner=owner.name,
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "%(customer)s (same %(kinds)s), in the public pool: claim it instead",
                        customer=partner.name,
                        kinds=kinds,
                    )
                )
        return self.env._(
            "%(record)s duplicates an existing customer: %(matches)s.",
            record=record_name,
            matches="; ".join(lines),
        )

    def _lub_check_duplicates(self):
        """Refuse customers that match another customer's normalized name, VAT, phone or e-mail."""
        for partner in self:
            matches = self._lub_find_duplicates(
                partner._lub_keys(), exclude_ids=self.ids
            )
            if matches:
                raise ValidationError(
                    partner._lub_duplicate_message(partner.name, matches)
                )
