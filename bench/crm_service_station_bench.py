# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of crm_service_station: batch claim validation and one settlement run.

Run it inside ``odoo shell`` on a database where crm_service_station is installed
(see bench/README.md); ``env`` is the shell's environment.  Sizes come from environment
variables: BENCH_STATIONS (200), BENCH_ENGINES (20000), BENCH_CLAIMS (10000),
BENCH_BATCH (1000 claims per submit call).  Everything is rolled back at the end.

It prints the time and the number of SQL queries of (1) submitting every claim in batches
(all automatic checks), (2) settling the period (one settlement and one vendor bill per
station), and (3) a scaling check: validating the claims of one station when it has k or 4k
claims must cost the same number of queries.
"""

from datetime import timedelta
import os
import time

from odoo import Command, fields


def _int(name, default):
    return int(os.environ.get(name, default))


def _measure(env, label, func):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = env.cr.sql_log_count - before
    print(f"{label}: {elapsed:.2f} s, {queries} SQL queries")
    return result, elapsed, queries


def run(env):
    n_stations = _int("BENCH_STATIONS", 200)
    n_engines = _int("BENCH_ENGINES", 20000)
    n_claims = _int("BENCH_CLAIMS", 10000)
    batch = _int("BENCH_BATCH", 1000)
    env = env(context=dict(env.context, tracking_disable=True, mail_notrace=True))
    today = fields.Date.context_today(env["res.partner"])
    print(
        f"crm_service_station bench: {n_stations} stations, {n_engines} engines, {n_claims} claims"
    )

    categ = env["product.category"].create({"name": "Bench Engines"})
    env["crm.service.warranty.policy"].create(
        {
            "name": "Bench policy",
            "category_id": categ.id,
            "repair_months": 24,
            "repair_km": 200000,
        }
    )
    product = env["product.product"].create(
        {
            "name": "Bench Engine",
            "is_storable": True,
            "tracking": "serial",
            "categ_id": categ.id,
        }
    )
    operation = env["crm.service.labor.operation"].create(
        {"code": "BENCH-OP", "name": "Bench operation", "standard_hours": 2.0}
    )
    failures = env["crm.service.failure.code"].create(
        [{"code": f"BENCH-F{i}", "name": f"Bench failure {i}"} for i in range(20)]
    )
    stations = env["res.partner"].create(
        [
            {
                "name": f"Bench Station {i:03d}",
                "is_company": True,
                "is_service_station": True,
                "station_code": f"BENCH-{i:03d}",
                "station_labor_rate": 80.0,
                "station_travel_rate": 3.0,
                "station_qualification_until": today + timedelta(days=365),
                "station_product_category_ids": [Command.set(categ.ids)],
            }
            for i in range(n_stations)
        ]
    )
    started = time.perf_counter()
    engines = env["stock.lot"].create(
        [
            {
                "name": f"BENCH-{i:06d}",
                "product_id": product.id,
                "engine_warranty_start": today - timedelta(days=100 + i % 300),
            }
            for i in range(n_engines)
        ]
    )
    claims = env["crm.service.claim"].create(
        [
            {
                "station_id": stations[i % n_stations].id,
                "lot_id": engines[i % n_engines].id,
                "failure_code_id": failures[i % len(failures)].id,
                "repair_date": today - timedelta(days=5),
                "completion_date": today - timedelta(days=4),
                "mileage_km": 10000 + i,
                "line_ids": [
                    Command.create({"kind": "labor", "operation_id": operation.id}),
                    Command.create({"kind": "travel", "travel_km": 20}),
                ],
            }
            for i in range(n_claims)
        ]
    )
    env.flush_all()
    print(f"data created in {time.perf_counter() - started:.1f} s")

    def submit_all():
        for start in range(0, len(claims), batch):
            claims[start : start + batch].action_submit()

    _measure(
        env, f"submit-validation of {n_claims} claims (batches of {batch})", submit_all
    )
    claims.action_approve()
    settlements, _elapsed, _queries = _measure(
        env,
        f"settlement run ({n_stations} stations)",
        lambda: env["crm.service.settlement"]._settle_period(
            today - timedelta(days=1), today
        ),
    )
    print(f"settlements: {len(settlements)}, bills: {len(settlements.move_id)}")

    # Scaling: one station's claims validated at two sizes; the query count must not grow.
    station = stations[0]
    for size in (25, 100):
        extra = env["crm.service.claim"].create(
            [
                {
                    "station_id": station.id,
                    "lot_id": engines[i].id,
                    "failure_code_id": failures[0].id,
                    "repair_date": today - timedelta(days=3),
                    "completion_date": today - timedelta(days=2),
                    "mileage_km": 90000,
                    "line_ids": [
                        Command.create({"kind": "labor", "operation_id": operation.id})
                    ],
                }
                for i in range(size)
            ]
        )
        settings = extra._claim_settings()
        _measure(
            env,
            f"validation of {size} claims of one station",
            lambda extra=extra, settings=settings: extra._run_validation(
                today, settings
            ),
        )


run(env)
env.cr.rollback()
print("rolled back")
