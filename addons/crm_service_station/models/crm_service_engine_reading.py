# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

from ..lib.common import DomainError
from ..lib.warranty import check_reading
from .messages import raise_domain_error


class CrmServiceEngineReading(models.Model):
    _name = "crm.service.engine.reading"
    _description = "Engine Mileage / Hours Reading"
    _order = "date desc, id desc"

    lot_id = fields.Many2one(
        "stock.lot", string="Engine", required=True, index=True, ondelete="cascade"
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
    repair_id = fields.Many2one("repair.order", index=True, ondelete="set null")
    note = fields.Char()

    @api.constrains("lot_id", "date", "mileage_km", "hours")
    def _check_not_decreasing(self):
        """A reading is refused when it is lower than an earlier reading of the same engine (or
        higher than a later one). One search for all the engines of the batch."""
        others = self.search([("lot_id", "in", self.lot_id.ids)])
        by_lot = defaultdict(list)
        for reading in others:
            by_lot[reading.lot_id.id].append(reading)
        for reading in self:
            earlier = [r for r in by_lot[reading.lot_id.id] if r != reading and r.date <= reading.date]
            later = [r for r in by_lot[reading.lot_id.id] if r != reading and r.date > reading.date]
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
