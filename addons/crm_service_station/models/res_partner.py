# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..lib import claims as lib_claims
from .crm_service_claim import OPEN_STATES

STATION_GROUP = "crm_service_station.group_crm_service_station_user"
STATION_MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"
# No labor hour or travel km costs this much: a larger rate is a typing error (or NaN/inf).
MAX_STATION_RATE = 1_000_000
# The station's standing in the network: only service managers change it. Making a
# partner a station (or taking it out of the network) lets it claim money from us.
STATION_MANAGER_FIELDS = (
    "is_service_station",
    "station_status",
    "station_level",
    "station_qualification_from",
    "station_qualification_until",
    "station_labor_rate",
    "station_travel_rate",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_service_station = fields.Boolean(
        string="Authorized Service Station",
        tracking=True,
        index=True,
        copy=False,  # a copy has no station code, and registering is a manager's decision
        help="Authorized repair station (特约维修服务站) of our engine service network:"
        " only stations show the Service Station tab, appear in the station screens and may"
        " claim. Set by service managers.",
    )
    station_code = fields.Char(
        tracking=True,
        index=True,
        copy=False,
        help="Code of the station in the service network, unique per company.",
    )
    station_level = fields.Selection(
        [
            ("a", "A - Core station"),
            ("b", "B - Standard station"),
            ("c", "C - Basic station"),
            ("d", "D - On probation"),
        ],
        tracking=True,
        index=True,
        copy=False,
    )
    station_status = fields.Selection(
        [
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("terminated", "Terminated"),
        ],
        default="active",
        tracking=True,
        index=True,
        help="Only active stations with a valid qualification may submit warranty claims.",
    )
    station_labor_rate = fields.Monetary(
        string="Labor Rate (per hour)",
        currency_field="station_currency_id",
        tracking=True,
    )
    station_travel_rate = fields.Monetary(
        string="Travel Rate (per km)",
        currency_field="station_currency_id",
        tracking=True,
    )
    station_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_station_currency_id",
    )
    station_qualification_from = fields.Date(
        string="Qualified Since",
        tracking=True,
        help="First day of the station's qualification: repairs before it are not claimed.",
    )
    station_qualification_until = fields.Date(
        string="Qualification Valid Until",
        tracking=True,
    )
    station_qualified = fields.Boolean(
        string="Qualification Valid",
        compute="_compute_station_qualified",
        search="_search_station_qualified",
    )
    station_product_category_ids = fields.Many2many(
        "product.category",
        "crm_service_station_partner_product_category_rel",
        "partner_id",
        "category_id",
        string="Authorized Engine Lines",
        domain="[('service_product_line', '=', True)]",
        help="Engine product lines the station may repair under warranty.",
    )

    def _compute_station_currency_id(self):
        for partner in self:
            partner.station_currency_id = (
                partner.company_id or self.env.company
            ).currency_id

    @api.depends("station_qualification_from", "station_qualification_until")
    @api.depends_context("date")
    def _compute_station_qualified(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.station_qualified = bool(
                partner.station_qualification_until
                and partner.station_qualification_until >= today
                and not (
                    partner.station_qualification_from
                    and partner.station_qualification_from > today
                )
            )

    def _search_station_qualified(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(
                self.env._("Unsupported search on station qualification.")
            )
        today = fields.Date.context_today(self)
        positive = (operator == "=") == bool(value)
        if positive:
            return [
                ("station_qualification_until", ">=", today),
                "|",
                ("station_qualification_from", "=", False),
                ("station_qualification_from", "<=", today),
            ]
        return [
            "|",
            "|",
            ("station_qualification_until", "=", False),
            ("station_qualification_until", "<", today),
            ("station_qualification_from", ">", today),
        ]

    @api.constrains("station_labor_rate", "station_travel_rate")
    def _check_station_rates(self):
        for partner in self:
            rates = (partner.station_labor_rate, partner.station_travel_rate)
            # "not 0 <= rate" also refuses NaN; the bound refuses infinities and absurd rates.
            if any(not 0 <= rate <= MAX_STATION_RATE for rate in rates):
                raise ValidationError(
                    self.env._(
                        "The labor and travel rates of station %(station)s cannot be negative"
                        " or above %(max)s.",
                        station=partner.display_name,
                        max=f"{MAX_STATION_RATE:,}",
                    )
                )

    @api.constrains("is_service_station", "station_code", "company_id")
    def _check_station_code(self):
        for partner in self:
            if partner.is_service_station and not partner.station_code:
                raise ValidationError(
                    self.env._(
                        "The service station %(station)s needs a station code.",
                        station=partner.display_name,
                    )
                )
        codes = self.filtered("station_code").mapped("station_code")
        if not codes:
            return
        # One grouped query for the whole batch; a code may repeat across companies only.
        groups = self.with_context(active_test=False)._read_group(
            [("station_code", "in", codes)],
            ["station_code", "company_id"],
            ["__count"],
        )
        for code, company, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "The station code %(code)s is already used by another station"
                        " of %(company)s.",
                        code=code,
                        company=company.display_name or self.env._("all companies"),
                    )
                )

    def _guard_station_rates(self, vals):
        """Refuse NaN, infinite and absurd rates before the ORM rounds them (which fails)."""
        for name in ("station_labor_rate", "station_travel_rate"):
            value = vals.get(name)
            if value in (None, False):
                continue
            try:
                rate = float(value)
            except (TypeError, ValueError):
                rate = math.nan
            if not 0 <= rate <= MAX_STATION_RATE:
                raise ValidationError(
                    self.env._(
                        "The labor and travel rates of station %(station)s cannot be negative"
                        " or above %(max)s.",
                        station=", ".join(self.mapped("display_name"))
                        or vals.get("name", ""),
                        max=f"{MAX_STATION_RATE:,}",
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._guard_station_rates(vals)
        # A new partner is no station, or an active one without a level; anything else
        # (registering a station, a level, another status) is a manager's decision.
        if any(
            vals.get(name) not in (None, False, "active")
            for vals in vals_list
            for name in STATION_MANAGER_FIELDS[:3]
        ):
            self._check_station_manager(
                registering=any(vals.get("is_service_station") for vals in vals_list)
            )
        return super().create(vals_list)

    def write(self, vals):
        self._guard_station_rates(vals)
        names = [name for name in STATION_MANAGER_FIELDS if name in vals]
        if names and not self.env.su:
            new = {
                name: self._fields[name].convert_to_cache(vals[name], self)
                for name in names
            }
            changed = self.filtered(
                lambda p: any(p[name] != new[name] for name in names)
            )
            if changed:
                changed._check_station_manager(
                    registering=any(
                        p.is_service_station
                        != new.get("is_service_station", p.is_service_station)
                        for p in changed
                    )
                )
        return super().write(vals)

    def station_can_submit_claims(self, on_date=None):
        """Whether this station may submit warranty claims on ``on_date``."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        return bool(
            self.is_service_station
            and self.station_status == "active"
            and self.station_qualification_until
            and self.station_qualification_until >= on_date
            and not (
                self.station_qualification_from
                and self.station_qualification_from > on_date
            )
        )

    def _station_info(self):
        """The station as the claim rules see it (plain values)."""
        self.ensure_one()
        return lib_claims.StationInfo(
            station_id=self.id,
            state=self.station_status or "terminated",
            product_lines=frozenset(self.station_product_category_ids.ids),
            qualification_from=self.station_qualification_from or None,
            qualification_to=self.station_qualification_until or None,
        )

    def _check_station_manager(self, registering=False):
        if self.env.su or self.env.user.has_group(STATION_MANAGER_GROUP):
            return
        if registering:
            raise AccessError(
                self.env._(
                    "Only service managers may register a partner as a service station or"
                    " take it out of the network."
                )
            )
        raise AccessError(
            self.env._(
                "Only service managers may change the status of a service station."
            )
        )

    def action_station_suspend(self):
        self._check_station_manager()
        self.write({"station_status": "suspended"})

    def action_station_activate(self):
        self._check_station_manager()
        self.write({"station_status": "active"})

    # ------------------------------------------------------------------ smart buttons
    station_claim_count = fields.Integer(
        compute="_compute_station_counts", groups=STATION_GROUP
    )
    station_repair_count = fields.Integer(
        compute="_compute_station_counts", groups=STATION_GROUP
    )
    station_settlement_count = fields.Integer(
        compute="_compute_station_counts", groups=STATION_GROUP
    )
    station_open_claim_count = fields.Integer(
        string="Open Claims",
        compute="_compute_station_open_claim_count",
        groups=STATION_GROUP,
        help="Claims of the station in draft, submitted or under review.",
    )

    def _compute_station_counts(self):
        counts = {}
        for model in ("crm.service.claim", "repair.order", "crm.service.settlement"):
            counts[model] = dict(
                self.env[model]._read_group(
                    [("station_id", "in", self.ids)], ["station_id"], ["__count"]
                )
            )
        for partner in self:
            partner.station_claim_count = counts["crm.service.claim"].get(partner, 0)
            partner.station_repair_count = counts["repair.order"].get(partner, 0)
            partner.station_settlement_count = counts["crm.service.settlement"].get(
                partner, 0
            )

    def _compute_station_open_claim_count(self):
        # One grouped query for the page of cards, not one per station.
        counts = dict(
            self.env["crm.service.claim"]._read_group(
                [("station_id", "in", self.ids), ("state", "in", OPEN_STATES)],
                ["station_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.station_open_claim_count = counts.get(partner, 0)

    def _station_action(self, xml_id):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("station_id", "=", self.id)]
        action["context"] = {"default_station_id": self.id}
        return action

    def action_view_station_claims(self):
        return self._station_action("crm_service_station.crm_service_claim_action")

    def action_view_station_repairs(self):
        return self._station_action("crm_service_station.repair_order_action")

    def action_view_station_settlements(self):
        return self._station_action("crm_service_station.crm_service_settlement_action")
