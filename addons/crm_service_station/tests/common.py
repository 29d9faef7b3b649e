# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests.common import TransactionCase, new_test_user


class ServiceCommon(TransactionCase):
    """Stations, a policy, engines and users built from scratch (no demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one time zone for the test and every user it creates: "today" is the same day
        # for the test and the actions (Odoo's demo gives OdooBot Europe/Brussels, the
        # users created here none: a day apart from 23:00 to 24:00 UTC)
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, tz="UTC")
        )
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.service_user = new_test_user(
            cls.env,
            login="css_user",
            groups="crm_service_station.group_crm_service_station_user",
        )
        cls.service_manager = new_test_user(
            cls.env,
            login="css_manager",
            groups="crm_service_station.group_crm_service_station_manager",
        )
        cls.plain_user = new_test_user(
            cls.env, login="css_plain", groups="base.group_user"
        )
        cls.categ_engines = cls.env["product.category"].create({"name": "Test Engines"})
        cls.categ_heavy = cls.env["product.category"].create(
            {"name": "Test Heavy", "parent_id": cls.categ_engines.id}
        )
        cls.categ_other = cls.env["product.category"].create({"name": "Test Gensets"})
        cls.policy = cls.env["crm.service.warranty.policy"].create(
            {
                "name": "Heavy 24 months / 200,000 km",
                "category_id": cls.categ_heavy.id,
                "free_service_count": 2,
                "first_service_min_km": 1500,
                "first_service_max_km": 2500,
                "first_service_max_months": 1,
                "repair_months": 24,
                "repair_km": 200000,
            }
        )
        cls.engine_product = cls.env["product.product"].create(
            {
                "name": "Test Engine T615",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.categ_heavy.id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Test Injector", "default_code": "T-INJ", "standard_price": 100.0}
        )
        cls.operation = cls.env["crm.service.labor.operation"].create(
            {"code": "T-OP1", "name": "Replace injector", "standard_hours": 2.0}
        )
        cls.failure = cls.env["crm.service.failure.code"].create(
            {"code": "TF1", "name": "Injector fault", "system": "fuel"}
        )
        cls.failure_serious = cls.env["crm.service.failure.code"].create(
            {
                "code": "TF9",
                "name": "Crankshaft broken",
                "system": "block",
                "serious": True,
            }
        )
        cls.reason = cls.env["crm.service.reject.reason"].create(
            {"code": "TR1", "name": "Out of warranty", "description": "Too old."}
        )
        station_vals = {
            "is_company": True,
            "is_service_station": True,
            "station_labor_rate": 80.0,
            "station_travel_rate": 3.5,
            "station_qualification_until": cls.today + timedelta(days=365),
            "station_product_category_ids": [Command.set([cls.categ_engines.id])],
        }
        cls.station_a = cls.env["res.partner"].create(
            dict(station_vals, name="Station A", station_code="TA-1")
        )
        cls.station_b = cls.env["res.partner"].create(
            dict(station_vals, name="Station B", station_code="TB-1")
        )
        cls.engine = cls.env["stock.lot"].create(
            {
                "name": "T615-0001",
                "product_id": cls.engine_product.id,
                "engine_warranty_start": cls.today - timedelta(days=200),
            }
        )
        cls.env["ir.config_parameter"].set_param(
            "crm_service_station.handling_pct", "10"
        )
        cls.env["ir.config_parameter"].set_param(
            "crm_service_station.auto_approve", "False"
        )

    @classmethod
    def _claim_vals(cls, station=None, engine=None, **overrides):
        vals = {
            "station_id": (station or cls.station_a).id,
            "lot_id": (engine or cls.engine).id,
            "failure_code_id": cls.failure.id,
            "repair_date": cls.today - timedelta(days=5),
            "completion_date": cls.today - timedelta(days=4),
            "mileage_km": 50000,
            "line_ids": [
                Command.create({"kind": "labor", "operation_id": cls.operation.id}),
                Command.create(
                    {
                        "kind": "part",
                        "product_id": cls.part.id,
                        "quantity": 2,
                    }
                ),
                Command.create({"kind": "travel", "travel_km": 40}),
            ],
        }
        vals.update(overrides)
        return vals

    OVERRIDE = "Checked by phone with the station: the repair is genuine."

    @classmethod
    def _repair(cls, engine=None, station=None, **overrides):
        engine = engine or cls.engine
        vals = {
            "product_id": engine.product_id.id,
            "lot_id": engine.id,
            "station_id": (station or cls.station_a).id,
            "partner_id": (station or cls.station_a).id,
            "service_type": "warranty",
            "service_mileage_km": 50000,
            "failure_code_id": cls.failure.id,
        }
        vals.update(overrides)
        return cls.env["repair.order"].create(vals)
