# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.common import DomainError
from ..lib.warranty import (
    HouseholdRepair,
    household_triggers,
    repair_limits,
    warranty_end_date,
)
from .messages import raise_domain_error
from .res_config_settings import household_rules


class StockLot(models.Model):
    _inherit = "stock.lot"

    engine_production_date = fields.Date(string="Production Date", tracking=True)
    engine_oem_partner_id = fields.Many2one(
        "res.partner",
        string="Vehicle Maker (OEM)",
        tracking=True,
        index="btree_not_null",
    )
    engine_vin = fields.Char(
        string="Vehicle VIN", tracking=True, index="btree_not_null"
    )
    engine_end_user_id = fields.Many2one(
        "res.partner", string="End User", tracking=True, index="btree_not_null"
    )
    engine_warranty_start = fields.Date(
        string="Warranty Start", tracking=True, help="Date of the sale to the end user."
    )
    engine_household = fields.Boolean(
        string="Household Vehicle",
        tracking=True,
        help="The engine is fitted in a household vehicle: the statutory warranty minimums and"
        " replacement/refund triggers apply.",
    )
    engine_policy_id = fields.Many2one(
        "crm.service.warranty.policy",
        string="Warranty Policy",
        compute="_compute_engine_policy_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
        help="Taken from the engine model's product line; may be set by hand.",
    )
    engine_warranty_end = fields.Date(
        string="Warranty End", compute="_compute_engine_warranty_limits", store=True
    )
    engine_warranty_km = fields.Float(
        string="Warranty Mileage Limit (km)",
        compute="_compute_engine_warranty_limits",
        store=True,
    )
    engine_reading_ids = fields.One2many(
        "crm.service.engine.reading", "lot_id", string="Readings"
    )
    engine_mileage_km = fields.Float(
        string="Last Mileage (km)", compute="_compute_engine_last_reading", store=True
    )
    engine_hours = fields.Float(
        string="Last Engine Hours", compute="_compute_engine_last_reading", store=True
    )
    engine_repair_ids = fields.One2many("repair.order", "lot_id", string="Repairs")
    engine_claim_ids = fields.One2many(
        "crm.service.claim", "lot_id", string="Warranty Claims"
    )
    engine_repair_count = fields.Integer(compute="_compute_engine_counts")
    engine_claim_count = fields.Integer(compute="_compute_engine_counts")
    engine_request_count = fields.Integer(compute="_compute_engine_counts")
    engine_replacement_flag = fields.Boolean(
        string="Replacement/Refund Trigger",
        compute="_compute_engine_replacement",
        store=True,
        index=True,
        help="The repair history reached a replacement/refund trigger of the household-vehicle"
        " rules.",
    )
    engine_trigger_note = fields.Text(
        string="Triggers Reached", compute="_compute_engine_replacement", store=True
    )

    @api.depends("product_id.categ_id", "engine_household")
    def _compute_engine_policy_id(self):
        found = self.env["crm.service.warranty.policy"]._find_for_engines(self)
        for lot in self:
            lot.engine_policy_id = found.get(lot.id, False) or False

    @api.depends(
        "engine_warranty_start",
        "engine_policy_id.repair_months",
        "engine_policy_id.repair_km",
        "engine_policy_id.household",
    )
    def _compute_engine_warranty_limits(self):
        rules = household_rules(self.env)
        for lot in self:
            policy = lot.engine_policy_id
            if not policy:
                lot.engine_warranty_end = False
                lot.engine_warranty_km = 0.0
                continue
            lib_policy = policy._to_lib(rules)
            try:
                end = warranty_end_date(lib_policy, lot.engine_warranty_start or None)
            except DomainError as error:
                raise_domain_error(self.env, error)
            lot.engine_warranty_end = end
            lot.engine_warranty_km = repair_limits(lib_policy).km or 0.0

    @api.depends("engine_reading_ids.mileage_km", "engine_reading_ids.hours")
    def _compute_engine_last_reading(self):
        for lot in self:
            lot.engine_mileage_km = max(
                lot.engine_reading_ids.mapped("mileage_km") or [0.0]
            )
            lot.engine_hours = max(lot.engine_reading_ids.mapped("hours") or [0.0])

    def _compute_engine_counts(self):
        repairs = dict(
            self.env["repair.order"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        claims = dict(
            self.env["crm.service.claim"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        request_counts = dict(
            self.env["crm.service.request"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.engine_repair_count = repairs.get(lot, 0)
            lot.engine_claim_count = claims.get(lot, 0)
            lot.engine_request_count = request_counts.get(lot, 0)

    @api.depends(
        "engine_household",
        "engine_warranty_start",
        "engine_repair_ids.state",
        "engine_repair_ids.schedule_date",
        "engine_repair_ids.service_completed_date",
        "engine_repair_ids.failure_code_id",
        "engine_repair_ids.engine_replaced",
        "engine_repair_ids.service_mileage_km",
    )
    def _compute_engine_replacement(self):
        rules = household_rules(self.env)
        labels = {
            "serious_fault_persists": self.env._(
                "A serious fault persists after %(count)s repairs",
                count=rules.serious_fault_repairs,
            ),
            "engine_replaced_twice": self.env._(
                "The engine was replaced %(count)s times",
                count=rules.engine_replacements,
            ),
            "repair_time_exceeded": self.env._(
                "Total repair time exceeds %(days)s days", days=rules.max_repair_days
            ),
            "same_fault_repeated": self.env._(
                "The same fault was repaired more than %(count)s times",
                count=rules.same_fault_repairs,
            ),
        }
        for lot in self:
            if not (lot.engine_household and lot.engine_warranty_start):
                lot.engine_replacement_flag = False
                lot.engine_trigger_note = False
                continue
            history = []
            # Only repairs carried out count (not drafts, not cancelled ones).
            for repair in lot.engine_repair_ids.filtered(lambda r: r.state == "done"):
                start = repair.schedule_date.date()
                end = repair.service_completed_date or start
                history.append(
                    HouseholdRepair(
                        repair_date=start,
                        fault_code=repair.failure_code_id.code or None,
                        serious=repair.failure_code_id.serious,
                        repair_days=max((end - start).days, 0),
                        engine_replaced=repair.engine_replaced,
                        mileage_km=repair.service_mileage_km or None,
                    )
                )
            triggers = household_triggers(history, lot.engine_warranty_start, rules)
            lot.engine_replacement_flag = bool(triggers)
            lot.engine_trigger_note = (
                "\n".join(
                    labels[t.code]
                    + (
                        f" ({t.params['fault_code']})"
                        if "fault_code" in t.params
                        else ""
                    )
                    for t in triggers
                )
                or False
            )

    def _recompute_household(self):
        """Recompute what the household thresholds decide (after a change of settings)."""
        for name in (
            "engine_warranty_end",
            "engine_warranty_km",
            "engine_replacement_flag",
            "engine_trigger_note",
        ):
            self.env.add_to_compute(self._fields[name], self)
        self.flush_recordset()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_engine_history(self):
        """An engine with claims, repairs or readings keeps its serial: archive it instead."""
        used = set()
        for model in (
            "crm.service.claim",
            "repair.order",
            "crm.service.engine.reading",
        ):
            # Existence only, across companies and records the user cannot read.
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([("lot_id", "in", self.ids)], ["lot_id"])
            )
            used.update(lot.id for (lot,) in groups)
        if used:
            raise UserError(
                self.env._(
                    "The engine serials %(lots)s have claims, repairs or readings and cannot be"
                    " deleted.",
                    lots=", ".join(
                        self.browse(sorted(used))[:5].mapped("display_name")
                    ),
                )
            )

    def _engine_readings_by_lot(self):
        """All readings of these engines, grouped by lot id (one query)."""
        result = defaultdict(list)
        readings = self.env["crm.service.engine.reading"].search_read(
            [("lot_id", "in", self.ids)],
            ["lot_id", "date", "mileage_km", "hours", "repair_id"],
        )
        for row in readings:
            result[row["lot_id"][0]].append(row)
        return result

    def action_view_engine_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {
            "default_lot_id": self.id,
            "default_product_id": self.product_id.id,
        }
        return action

    def action_view_engine_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_request_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action

    def action_view_engine_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_claim_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action
