# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""crm_lubricant benchmark: value tiers and funnel report on large volumes.

Runs inside ``odoo shell`` (``env`` is given) on a database where crm_lubricant is installed.
Inserts by SQL (no ORM) LUB_BENCH_CUSTOMERS customers (100,000), LUB_BENCH_ORDERS confirmed sale
orders (250,000) carrying LUB_BENCH_LINES order lines (1,000,000) and LUB_BENCH_LEADS
opportunities (100,000) with their stage history, each row cloned from a template record made
with the ORM (so that every NOT NULL column gets a valid value), then times the tier computation
(first run: every tier changes; second run: none), the funnel report and the stale flagging,
printing the SQL query count of each.  Everything is rolled back at the end.  See bench/README.md.
"""

import os
import time

from psycopg2 import sql

CUSTOMERS = int(os.environ.get("LUB_BENCH_CUSTOMERS", 100_000))
ORDERS = int(os.environ.get("LUB_BENCH_ORDERS", 250_000))
LINES = int(os.environ.get("LUB_BENCH_LINES", 1_000_000))
LEADS = int(os.environ.get("LUB_BENCH_LEADS", 100_000))

cr = env.cr


def timed(label, func):
    queries = cr.sql_log_count
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    print(
        f"{label:<48} {elapsed:9.2f} s {cr.sql_log_count - queries:8d} queries",
        flush=True,
    )
    return result


def columns(table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(table, template_id, count, overrides, params):
    """INSERT ``count`` copies of row ``template_id`` with some columns overridden by fixed SQL
    expressions of the series number ``g``; returns the new ids."""
    names = columns(table)
    exprs = [
        sql.SQL(overrides[name]) if name in overrides else sql.Identifier("tpl", name)
        for name in names
    ]
    query = sql.SQL(
        "INSERT INTO {table} ({cols}) SELECT {exprs} FROM {table} tpl "
        "CROSS JOIN generate_series(1, %(count)s) g WHERE tpl.id = %(template)s RETURNING id"
    ).format(
        table=sql.Identifier(table),
        cols=sql.SQL(", ").join(map(sql.Identifier, names)),
        exprs=sql.SQL(", ").join(exprs),
    )
    cr.execute(query, dict(params, count=count, template=template_id))
    return [row[0] for row in cr.fetchall()]


def load():
    Partner = env["res.partner"]
    template_partner = Partner.create({"name": "Bench template", "customer_rank": 1})
    product = env["product.product"].create(
        {"name": "Bench oil", "lub_category": "engine_oil", "list_price": 100}
    )
    order = env["sale.order"].create(
        {
            "partner_id": template_partner.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
        }
    )
    order.action_confirm()
    lead = env["crm.lead"].create(
        {"name": "Bench lead", "type": "opportunity", "partner_id": template_partner.id}
    )
    env.flush_all()
    partner_ids = clone(
        "res_partner",
        template_partner.id,
        CUSTOMERS,
        {
            "name": "'Bench customer ' || g",
            "complete_name": "'Bench customer ' || g",
            "commercial_partner_id": "NULL",
            "email": "NULL",
            "phone": "NULL",
            "lub_name_key": "'benchcustomer' || g",
            "lub_owner_id": "NULL",
            "lub_tier": "NULL",
            "create_date": "now() - make_interval(days => g %% 900)",
        },
        {},
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
        [partner_ids],
    )
    order_ids = clone(
        "sale_order",
        order.id,
        ORDERS,
        {
            "name": "'BENCH/' || g",
            "partner_id": "(%(partners)s::int[])[1 + g %% %(n)s]",
            "partner_invoice_id": "(%(partners)s::int[])[1 + g %% %(n)s]",
            "partner_shipping_id": "(%(partners)s::int[])[1 + g %% %(n)s]",
            "date_order": "now() - make_interval(days => g %% 500)",
            "amount_untaxed": "(g::bigint * 7919) %% 20000 + 100",
            "amount_total": "((g::bigint * 7919) %% 20000 + 100) * 1.13",
            "margin": "((g::bigint * 7919) %% 20000 + 100) * 0.2",
            "currency_rate": "1.0",
            "state": "'sale'",
        },
        {"partners": partner_ids, "n": len(partner_ids)},
    )
    clone(
        "sale_order_line",
        order.order_line.id,
        LINES,
        {"order_id": "(%(orders)s::int[])[1 + g %% %(n)s]", "name": "'Bench line'"},
        {"orders": order_ids, "n": len(order_ids)},
    )
    stages = env["crm.stage"].search([]).ids
    lead_ids = clone(
        "crm_lead",
        lead.id,
        LEADS,
        {
            "name": "'Bench opportunity ' || g",
            "partner_id": "(%(partners)s::int[])[1 + g %% %(n)s]",
            "stage_id": "(%(stages)s::int[])[1 + g %% %(s)s]",
            "expected_revenue": "(g::bigint * 104729) %% 500000",
            "probability": "(g %% 10) * 10",
            "active": "g %% 10 <> 0",
            "lub_stale": "false",
        },
        {
            "partners": partner_ids,
            "n": len(partner_ids),
            "stages": stages,
            "s": len(stages),
        },
    )
    cr.execute(
        """INSERT INTO crm_lubricant_stage_history
               (lead_id, stage_id, date_in, date_out, company_id, create_uid, create_date,
                write_uid, write_date)
           SELECT id, stage_id, now() - make_interval(days => id %% 60), NULL, company_id,
                  1, now(), 1, now()
             FROM crm_lead WHERE id = ANY(%s)""",
        [lead_ids],
    )
    cr.execute(
        "ANALYZE res_partner; ANALYZE sale_order; ANALYZE sale_order_line; "
        "ANALYZE crm_lead; ANALYZE crm_lubricant_stage_history"
    )
    env.invalidate_all()
    return partner_ids, order_ids, lead_ids


print(
    f"crm_lubricant bench: {CUSTOMERS} customers, {ORDERS} orders, {LINES} order lines, "
    f"{LEADS} opportunities",
    flush=True,
)
try:
    timed("insert data by SQL", load)
    Partner = env["res.partner"].sudo()
    changes = timed("tiers, first run (every tier changes)", Partner._lub_compute_tiers)
    print(f"  {len(changes)} tier changes written to the history", flush=True)
    changes = timed("tiers, second run (no change)", Partner._lub_compute_tiers)
    print(f"  {len(changes)} tier changes", flush=True)
    lines = timed("funnel report", env["crm.lubricant.funnel.line"].sudo()._lub_compute)
    print(
        f"  {len(lines)} stages, {sum(lines.mapped('count'))} open opportunities",
        flush=True,
    )
    stale = timed(
        "stale opportunities flag", env["crm.lead"].sudo()._cron_lub_flag_stale
    )
    print(f"  {len(stale)} stale", flush=True)
finally:
    cr.rollback()
    print("rolled back", flush=True)
