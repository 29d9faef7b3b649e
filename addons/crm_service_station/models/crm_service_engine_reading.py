# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_knowledge.models.display import compute_display_names

from ..lib.common import DomainError
from ..lib.warranty import check_reading
from .messages import raise_domain_error

# Far above any engine's life (a heavy truck engine rarely passes 2 million km).
MAX_MILEAGE_KM = 10_000_000
MAX_HOURS = 1_000_000


class CrmServiceEngineReading(models.Model):
    _name = "crm.service.engine.reading"
    _description = "Engine Mileage / Hours Reading"
    _check_company_auto = True
    _inherit = ["crm.knowledge.guard.mixin"]
    _order = "date desc, id desc"

    # The engine's history: an engine serial with readings cannot be deleted (archive it).
    lot_id = fields.Many2one(
        "stock.lot",
        string="Engine",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    mileage_km = fields.Float(string="Mileage (km)")
    hours = fields.Float(string="Engine Hours")
    source = fields.Selection(
        [("manual", "Manual"), ("repair", "Repair Order"), ("claim", "Warranty Claim")],
        default="manual",
        required=True,
    )
    repair_id = fields.Many2one(
        "repair.order", index=True, ondelete="set null", check_company=True
    )
    note = fields.Char()

    @api.constrains("mileage_km", "hours")
    def _check_plausible(self):
        for reading in self:
            if not (
                0 <= reading.mileage_km <= MAX_MILEAGE_KM
                and 0 <= reading.hours <= MAX_HOURS
            ):
                raise ValidationError(
                    self.env._(
                        "The reading of %(engine)s must be between 0 and %(km)s km and between 0"
                        " and %(hours)s engine hours.",
                        engine=reading.lot_id.display_name,
                        km=f"{MAX_MILEAGE_KM:,}",
                        hours=f"{MAX_HOURS:,}",
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.filtered(lambda r: r.source != "manual" or r.repair_id)
        if used:
            raise UserError(
                self.env._(
                    "The readings of %(engines)s come from repairs or claims and cannot be"
                    " deleted.",
                    engines=", ".join(used.lot_id.mapped("display_name")),
                )
            )

    @api.constrains("lot_id", "date", "mileage_km", "hours")
    def _check_not_decreasing(self):
        """A reading is refused when it is lower than an earlier reading of the same engine (or
        higher than a later one). One search for all the engines of the batch."""
        others = self.search([("lot_id", "in", self.lot_id.ids)])
        by_lot = defaultdict(list)
        for reading in others:
            by_lot[reading.lot_id.id].append(reading)
        for reading in self:
            earlier = [
                r
                for r in by_lot[reading.lot_id.id]
                if r != reading and r.date <= reading.date
            ]
            later = [
                r
                for r in by_lot[reading.lot_id.id]
                if r != reading and r.date > reading.date
            ]
            try:
                for unit, value in (("km", reading.mileage_km), ("h", reading.hours)):
                    if not value and unit == "h":
                        continue
                    fname = "mileage_km" if unit == "km" else "hours"
                    previous = max((r[fname] for r in earlier), default=None)
                    check_reading(value, previous, unit)
                    following = [r[fname] for r in later if r[fname]]
                    if following:
                        check_reading(min(following), value, unit)
            except DomainError as error:
                raise_domain_error(self.env, error)

    @api.depends("lot_id", "date")
    def _compute_display_name(self):
        compute_display_names(self, ("lot_id", "date"))
