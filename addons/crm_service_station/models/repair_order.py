# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models

from ..lib.common import DomainError
from ..lib.warranty import (
    COVERED_SERVICE_TYPES,
    ELIGIBILITY_DECLARATIONS,
    count_earlier_free_services,
    repair_eligibility,
)
from .messages import message_text
from .res_config_settings import bounded_setting
from .service_chain import open_linked

RETURN_VISIT_ACTIVITY = "crm_service_station.mail_activity_type_return_visit"

SERVICE_TYPES = [
    ("free_maintenance", "Free Maintenance"),
    ("warranty", "Warranty Repair"),
    ("paid", "Paid Repair"),
    ("goodwill", "Goodwill"),
]

# Declared in lib/warranty.py: the cases decided before coverage, then the coverage reasons.
ELIGIBILITY_CODES = [(reason.code, reason.label) for reason in ELIGIBILITY_DECLARATIONS]


class RepairOrder(models.Model):
    _inherit = "repair.order"

    station_id = fields.Many2one(
        "res.partner",
        string="Service Station",
        domain="[('is_service_station', '=', True)]",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    service_type = fields.Selection(
        SERVICE_TYPES, default="warranty", tracking=True, index=True
    )
    service_mileage_km = fields.Float(string="Mileage (km)", tracking=True)
    service_hours = fields.Float(string="Engine Hours", tracking=True)
    service_symptom = fields.Text(string="Symptom")
    failure_code_id = fields.Many2one(
        "crm.service.failure.code", index="btree_not_null", tracking=True
    )
    causal_product_id = fields.Many2one(
        "product.product",
        string="Causal Part",
        help="The part that caused the failure.",
    )
    engine_replaced = fields.Boolean()
    service_completed_date = fields.Date(
        string="Completed On", copy=False, help="Set when the repair is ended."
    )
    warranty_eligible = fields.Boolean(
        string="Maker Pays", compute="_compute_warranty_eligibility", store=True
    )
    warranty_reason = fields.Selection(
        ELIGIBILITY_CODES,
        string="Eligibility Code",
        compute="_compute_warranty_eligibility",
        store=True,
    )
    # Odoo's own flag (parts at price 0 on the quotation) follows the maker's decision for
    # warranty repairs and free maintenances; it stays editable, and paid or goodwill repairs
    # keep what the user sets.
    under_warranty = fields.Boolean(
        compute="_compute_under_warranty", store=True, readonly=False
    )
    warranty_reason_text = fields.Char(
        string="Eligibility", compute="_compute_warranty_reason_text"
    )
    service_claim_ids = fields.One2many(
        "crm.service.claim", "repair_id", string="Warranty Claims"
    )
    service_claim_count = fields.Integer(
        string="Claims", compute="_compute_service_claim_count"
    )
    service_request_id = fields.Many2one(
        "crm.service.request",
        index=True,
        tracking=True,
        copy=False,
        check_company=True,
        ondelete="restrict",
        help="The call-center request this repair answers.",
    )
    service_operation_ids = fields.Many2many(
        "crm.service.labor.operation",
        string="Labor Operations",
        help="The standard operations done: the labor lines of the proposed claim.",
    )
    service_visit_ids = fields.One2many(
        "crm.service.return.visit", "repair_id", string="Return Visits"
    )
    service_visit_count = fields.Integer(
        string="Return Visit Count", compute="_compute_service_visit_count"
    )
    service_settlement_count = fields.Integer(
        string="Settlements", compute="_compute_service_claim_count"
    )

    @api.depends(
        "lot_id.engine_policy_id",
        "lot_id.engine_policy_id.repair_months",
        "lot_id.engine_policy_id.repair_km",
        "lot_id.engine_policy_id.repair_hours",
        "lot_id.engine_policy_id.free_service_count",
        "lot_id.engine_warranty_start",
        "schedule_date",
        "service_mileage_km",
        "service_hours",
        "service_type",
    )
    def _compute_warranty_eligibility(self):
        used = self._free_services_used()
        for repair in self:
            lot = repair.lot_id
            policy = lot.engine_policy_id
            try:
                result = repair_eligibility(
                    repair.service_type,
                    bool(lot),
                    policy._to_lib() if policy else None,
                    lot.engine_warranty_start or None,
                    (repair.schedule_date or fields.Datetime.now()).date(),
                    repair.service_mileage_km or None,
                    hours=repair.service_hours or None,
                    free_services_used=used.get(repair.id, 0),
                )
            except DomainError:
                repair.warranty_eligible = False
                repair.warranty_reason = "no_mileage"
                continue
            repair.warranty_eligible = result.covered
            repair.warranty_reason = result.reason

    @api.depends("warranty_eligible", "service_type")
    def _compute_under_warranty(self):
        for repair in self:
            if repair.service_type in COVERED_SERVICE_TYPES:
                repair.under_warranty = repair.warranty_eligible

    def write(self, vals):
        before = {repair.id: repair.under_warranty for repair in self}
        result = super().write(vals)
        if "under_warranty" not in vals:
            # A recomputed flag re-prices the quotation as Odoo does when a user ticks it.
            changed = self.filtered(lambda r: r.under_warranty != before[r.id])
            if changed:
                changed._update_sale_order_line_price()
        return result

    def _free_services_used(self):
        """Earlier free maintenances of each repair's engine (one query for the batch)."""
        lots = self.lot_id
        if not lots:
            return {}
        by_lot = {}
        for row in self.search_read(
            [("lot_id", "in", lots.ids), ("service_type", "=", "free_maintenance")],
            ["lot_id", "service_type", "state", "schedule_date"],
        ):
            by_lot.setdefault(row["lot_id"][0], []).append(
                (row["id"], row["service_type"], row["state"], row["schedule_date"])
            )
        return {
            repair.id: count_earlier_free_services(
                repair.id, repair.schedule_date, by_lot.get(repair.lot_id.id, ())
            )
            for repair in self
        }

    @api.depends(
        "warranty_reason", "lot_id.engine_warranty_end", "lot_id.engine_warranty_km"
    )
    def _compute_warranty_reason_text(self):
        for repair in self:
            code = repair.warranty_reason
            if not code:
                repair.warranty_reason_text = False
            else:
                params = {
                    "end_date": repair.lot_id.engine_warranty_end or "",
                    "km_limit": repair.lot_id.engine_warranty_km,
                    "mileage_km": repair.service_mileage_km,
                    "hours": repair.service_hours,
                    "hours_limit": repair.lot_id.engine_policy_id.repair_hours,
                    "warranty_start": repair.lot_id.engine_warranty_start or "",
                    "repair_date": repair.schedule_date
                    and repair.schedule_date.date()
                    or "",
                    "free_service_count": repair.lot_id.engine_policy_id.free_service_count,
                    "bound": "",
                }
                repair.warranty_reason_text = message_text(self.env, code, params)

    @api.depends("service_claim_ids.settlement_id")
    def _compute_service_claim_count(self):
        counts = dict(
            self.env["crm.service.claim"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        settled = dict(
            self.env["crm.service.claim"]._read_group(
                [("repair_id", "in", self.ids), ("settlement_id", "!=", False)],
                ["repair_id"],
                ["settlement_id:count_distinct"],
            )
        )
        for repair in self:
            repair.service_claim_count = counts.get(repair, 0)
            repair.service_settlement_count = settled.get(repair, 0)

    @api.depends("service_visit_ids")
    def _compute_service_visit_count(self):
        counts = dict(
            self.env["crm.service.return.visit"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.service_visit_count = counts.get(repair, 0)

    def action_repair_done(self):
        result = super().action_repair_done()
        today = fields.Date.context_today(self)
        self.filtered(lambda r: not r.service_completed_date).write(
            {"service_completed_date": today}
        )
        readings = [
            {
                "lot_id": repair.lot_id.id,
                "company_id": repair.company_id.id,
                "date": repair.service_completed_date,
                "mileage_km": repair.service_mileage_km,
                "hours": repair.service_hours,
                "source": "repair",
                "repair_id": repair.id,
            }
            for repair in self
            if repair.lot_id and repair.service_mileage_km
        ]
        if readings:
            self.env["crm.service.engine.reading"].create(readings)
        done = self.filtered(lambda r: r.state == "done" and r.station_id)
        done._propose_claims()
        done._plan_return_visits()
        return result

    # ---------------------------------------------------------------- the chain
    def _propose_claims(self):
        """A draft claim for each done repair the maker pays (free maintenance or warranty by
        its eligibility) that has no claim yet, with a line per part used and per labor
        operation. One search and one create for the batch."""
        candidates = self.filtered(
            lambda r: r.service_type in COVERED_SERVICE_TYPES and r.warranty_eligible
        )
        if not candidates:
            return self.env["crm.service.claim"]
        # sudo: the proposal is made for whoever closes the repair (a stock user need not be
        # a service user); the station then completes and submits it.
        Claim = self.env["crm.service.claim"].sudo()
        claimed = {
            repair.id
            for [repair] in Claim._read_group(
                [("repair_id", "in", candidates.ids)], ["repair_id"]
            )
        }
        todo = candidates.filtered(lambda r: r.id not in claimed)
        if not todo:
            return Claim
        claims = Claim.create([repair._claim_proposal_vals() for repair in todo])
        return claims

    def _claim_proposal_vals(self):
        self.ensure_one()
        lines = [
            Command.create({"kind": "labor", "operation_id": operation.id})
            for operation in self.service_operation_ids
        ]
        for move in self.move_ids:
            if move.repair_line_type != "add" or move.state != "done":
                continue
            quantity = move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id, rounding_method="HALF-UP"
            )
            lines.append(
                Command.create(
                    {
                        "kind": "part",
                        "product_id": move.product_id.id,
                        "quantity": quantity,
                        "name": move.product_id.display_name,
                    }
                )
            )
        return {
            "company_id": self.company_id.id,
            "station_id": self.station_id.id,
            "lot_id": self.lot_id.id,
            "repair_id": self.id,
            "service_type": self.service_type,
            "failure_code_id": self.failure_code_id.id,
            "causal_product_id": self.causal_product_id.id,
            "description": self.service_symptom or self.repair_request or False,
            "repair_date": (self.schedule_date or fields.Datetime.now()).date(),
            "completion_date": self.service_completed_date,
            "mileage_km": self.service_mileage_km,
            "engine_hours": self.service_hours,
            "line_ids": lines,
        }

    def _plan_return_visits(self):
        """A 'Return Visit' activity on each done repair, due after the configured number of
        days, for the call-center user who received its request (else the repair's
        responsible). One create for the batch; a repair already planned is skipped."""
        activity_type = self.env.ref(RETURN_VISIT_ACTIVITY, raise_if_not_found=False)
        if not activity_type or not self:
            return self.env["mail.activity"]
        Activity = self.env["mail.activity"]
        planned = {
            res_id
            for [res_id] in Activity.with_context(active_test=False)._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        todo = self.filtered(lambda r: r.id not in planned and not r.service_visit_ids)
        if not todo:
            return Activity
        days = bounded_setting(self.env, "crm_service_return_visit_days")
        due = fields.Date.context_today(self) + timedelta(days=days)
        model = self.env["ir.model"]._get_id(self._name)
        return Activity.create(
            [
                {
                    "res_model_id": model,
                    "res_id": repair.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "date_deadline": due,
                    "summary": self.env._(
                        "Call %(customer)s back about %(repair)s",
                        customer=repair.partner_id.display_name or "",
                        repair=repair.name,
                    ),
                    "user_id": (
                        repair.service_request_id.receiver_id
                        or repair.user_id
                        or self.env.user
                    ).id,
                }
                for repair in todo
            ]
        )

    def action_view_service_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_claim_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {
            "default_repair_id": self.id,
            "default_lot_id": self.lot_id.id,
            "default_station_id": self.station_id.id,
        }
        return action

    def action_view_service_request(self):
        return open_linked(self, "service_request_id")

    def action_view_service_visits(self):
        self.ensure_one()
        action = open_linked(self, "service_visit_ids", {"default_repair_id": self.id})
        if not self.service_visit_ids:
            action.update({"views": [(False, "form")], "view_mode": "form"})
        return action

    def action_view_service_settlements(self):
        return open_linked(self, "service_claim_ids.settlement_id")
