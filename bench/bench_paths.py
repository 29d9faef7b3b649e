# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The measured paths of ``bench/run.py`` (issue 11), run inside ``odoo shell``.

``run.py`` starts one ``odoo shell`` per path on a fresh database and feeds it a
two-line script that imports this module and calls :func:`main` with the shell's
``env``.  Each path builds its own data at three sizes (bulk SQL cloned from
template records made with the ORM), then runs its SUBJECT (the suite's code) and
its ANCHOR (Odoo's own equivalent, or plain SQL) interleaved -- anchor, subject,
anchor, subject ... -- and records the median wall time and the SQL query count
of each.  Every measured call runs inside a savepoint that is rolled back, so that
all rounds see the same data.  The results go to a JSON file; a path that fails
(a method missing or renamed, a crash) records its exception instead.
"""

from contextlib import contextmanager
import copy
from datetime import date, timedelta
import json
import pathlib
import random
import statistics
import sys
import time
import traceback

from lxml import etree
from psycopg2 import sql

from odoo import Command, fields

HERE = pathlib.Path(__file__).resolve().parent

# Items at the three sizes of each path, and the rounds (anchor + subject pairs).
SIZES = {
    "small": {
        "claims": (200, 500, 1000),
        "settlement": (4, 10, 20),  # bills of 50 claims
        "tiers": (1000, 3000, 10000),  # customers (2.5 orders, 10 lines each)
        "search": (1000, 3000, 10000),  # articles
        "funnel": (1000, 3000, 10000),  # opportunities
        "supply": (10, 30, 100),  # accounts with 3 years of daily reports
        "webclient": (1000, 3000, 10000),  # claims, repair orders, partners
    },
    "full": {
        "claims": (1000, 3000, 10000),
        "settlement": (20, 60, 200),
        "tiers": (10000, 30000, 100000),
        "search": (5000, 15000, 50000),
        "funnel": (10000, 30000, 100000),
        "supply": (100, 300, 1000),
        "webclient": (1000, 10000, 100000),
    },
}
ROUNDS = 3
SEARCH_ROUNDS = 5
CLAIM_BATCH = 500
CLAIMS_PER_BILL = 50
REPORT_DAYS = 3 * 365
WEB_LIMIT = 80


# --------------------------------------------------------------------------- measuring


class Results:
    """Rows of one path: one per case and size, with both sides' figures."""

    def __init__(self, path):
        self.path = path
        self.rows = []

    def add(self, case, size, items, subject, anchor, goal, **extra):
        row = {
            "path": self.path,
            "case": case,
            "size": size,
            "items": items,
            "subject_s": subject["median_s"],
            "anchor_s": anchor["median_s"],
            "subject_runs_s": subject["runs_s"],
            "anchor_runs_s": anchor["runs_s"],
            "subject_queries": subject["queries"],
            "anchor_queries": anchor["queries"],
            "ratio": _ratio(subject["median_s"], anchor["median_s"]),
            "goal": goal,
        }
        row.update(extra)
        self.rows.append(row)
        print(
            f"[{self.path}] {case} @ {size}: subject {row['subject_s']:.4f} s"
            f" ({row['subject_queries']} q), anchor {row['anchor_s']:.4f} s"
            f" ({row['anchor_queries']} q), ratio {row['ratio']}",
            flush=True,
        )
        return row


def _ratio(subject, anchor):
    return round(subject / anchor, 3) if anchor else None


def _reset_env(env):
    env.transaction.clear()
    env.cr.precommit.clear()
    env.cr.postcommit.clear()


@contextmanager
def scratch(env):
    """Run the body in a savepoint that is always rolled back."""
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_scratch")
    try:
        yield
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_scratch")
        env.cr.execute("RELEASE SAVEPOINT bench_scratch")
        _reset_env(env)


def timed(env, func):
    """(seconds, SQL queries) of ``func()`` with a cold ORM cache, flush included."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    func()
    env.flush_all()
    elapsed = time.perf_counter() - started
    return elapsed, env.cr.sql_log_count - before


def summary(runs):
    return {
        "median_s": round(statistics.median(t for t, _q in runs), 6),
        "runs_s": [round(t, 6) for t, _q in runs],
        "queries": int(statistics.median(q for _t, q in runs)),
    }


def interleave(env, anchor, subject, rounds=ROUNDS):
    """Anchor, subject, anchor, subject ... each in a rolled-back savepoint."""
    runs = {"anchor": [], "subject": []}
    for _round in range(rounds):
        for side, func in (("anchor", anchor), ("subject", subject)):
            with scratch(env):
                runs[side].append(timed(env, func))
    return summary(runs["subject"]), summary(runs["anchor"])


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------- bulk data


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, template_id, count, overrides, params=None):
    """INSERT ``count`` copies of row ``template_id`` of ``table``; ``overrides`` maps
    columns to SQL expressions of the series number ``g`` (fixed strings of this
    module, values as named parameters).  Returns the new ids in order."""
    names = columns(cr, table)
    exprs = [
        sql.SQL(overrides[name]) if name in overrides else sql.Identifier("tpl", name)
        for name in names
    ]
    query = sql.SQL(
        "INSERT INTO {table} ({cols}) SELECT {exprs} FROM {table} tpl"
        " CROSS JOIN generate_series(1, %(count)s) g WHERE tpl.id = %(template)s"
        " ORDER BY g RETURNING id"
    ).format(
        table=sql.Identifier(table),
        cols=sql.SQL(", ").join(map(sql.Identifier, names)),
        exprs=sql.SQL(", ").join(exprs),
    )
    cr.execute(query, dict(params or {}, count=count, template=template_id))
    return sorted(row[0] for row in cr.fetchall())


def clone_children(cr, table, parent_column, template_parent_id, parent_ids):
    """Copy the rows of ``table`` that belong to ``template_parent_id`` to every
    parent of ``parent_ids``."""
    names = columns(cr, table)
    exprs = [
        sql.SQL("p.id") if name == parent_column else sql.Identifier("tpl", name)
        for name in names
    ]
    query = sql.SQL(
        "INSERT INTO {table} ({cols}) SELECT {exprs} FROM {table} tpl"
        " CROSS JOIN unnest(%(parents)s::int[]) p(id) WHERE tpl.{parent} = %(template)s"
    ).format(
        table=sql.Identifier(table),
        cols=sql.SQL(", ").join(map(sql.Identifier, names)),
        exprs=sql.SQL(", ").join(exprs),
        parent=sql.Identifier(parent_column),
    )
    cr.execute(query, {"parents": list(parent_ids), "template": template_parent_id})


def analyze(cr, *tables):
    for table in tables:
        cr.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))


def list_specification(model, view_ref=None):
    """The ``web_search_read`` specification the web client sends for a list view:
    every field of the view, many2one and x2many fields with their display name."""
    view_id = model.env.ref(view_ref).id if view_ref else False
    arch = model.get_views([(view_id, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iterchildren("field"):
        name = node.get("name")
        field = model._fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def web_list(model, domain, spec):
    """What the web client asks when it opens a list: the first page and the count."""
    return model.web_search_read(
        domain, spec, offset=0, limit=WEB_LIMIT, order=None, count_limit=10001
    )


# --------------------------------------------------------------------------- service


class ServiceData:
    """Stations, engines and claims of crm_service_station, cloned in bulk."""

    def __init__(self, env):
        self.env = env
        self.today = fields.Date.context_today(env["res.partner"])
        self.serial = 0
        categ = env["product.category"].create({"name": "Bench Engines"})
        env["crm.service.warranty.policy"].create(
            {
                "name": "Bench policy",
                "category_id": categ.id,
                "repair_months": 24,
                "repair_km": 200000,
            }
        )
        self.categ = categ
        self.product = env["product.product"].create(
            {
                "name": "Bench Engine",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": categ.id,
            }
        )
        self.operation = env["crm.service.labor.operation"].create(
            {"code": "BENCH-OP", "name": "Bench operation", "standard_hours": 2.0}
        )
        self.failures = env["crm.service.failure.code"].create(
            [{"code": f"BENCH-F{i}", "name": f"Bench failure {i}"} for i in range(20)]
        )
        self.template_station = self.stations(1)[0]
        self.template_lot = env["stock.lot"].create(
            {
                "name": "BENCH-LOT-TEMPLATE",
                "product_id": self.product.id,
                "engine_warranty_start": self.today - timedelta(days=200),
            }
        )
        self.template_claim = env["crm.service.claim"].create(
            {
                "station_id": self.template_station.id,
                "lot_id": self.template_lot.id,
                "failure_code_id": self.failures[0].id,
                "repair_date": self.today - timedelta(days=5),
                "completion_date": self.today - timedelta(days=4),
                "mileage_km": 10000,
                "line_ids": [
                    Command.create(
                        {"kind": "labor", "operation_id": self.operation.id}
                    ),
                    Command.create({"kind": "travel", "travel_km": 20}),
                ],
            }
        )
        self.template_repair = env["repair.order"].create(
            {
                "partner_id": self.template_station.id,
                "product_id": self.product.id,
                "lot_id": self.template_lot.id,
            }
        )
        env.flush_all()

    def stations(self, count):
        self.serial += 1
        return self.env["res.partner"].create(
            [
                {
                    "name": f"Bench Station {self.serial}-{i:04d}",
                    "is_company": True,
                    "is_service_station": True,
                    "station_code": f"B{self.serial}-{i:04d}",
                    "station_labor_rate": 80.0,
                    "station_travel_rate": 3.0,
                    "station_qualification_until": self.today + timedelta(days=365),
                    "station_product_category_ids": [Command.set(self.categ.ids)],
                }
                for i in range(count)
            ]
        )

    def lots(self, count):
        self.serial += 1
        return clone(
            self.env.cr,
            "stock_lot",
            self.template_lot.id,
            count,
            {
                "name": f"'BENCH-LOT-{self.serial}-' || g",
                "engine_warranty_start": "%(start)s::date - (g %% 300)",
            },
            {"start": self.today - timedelta(days=100)},
        )

    def claims(self, count, stations, state="draft", lines=True):
        """``count`` claims, two per engine, spread over ``stations``; returns ids."""
        self.serial += 1
        lots = self.lots(max(1, count // 2))
        cr = self.env.cr
        approved = state != "draft"
        ids = clone(
            cr,
            "crm_service_claim",
            self.template_claim.id,
            count,
            {
                "name": f"'BENCH-C-{self.serial}-' || g",
                "station_id": "(%(stations)s::int[])[1 + g %% %(n_stations)s]",
                "lot_id": "(%(lots)s::int[])[1 + g %% %(n_lots)s]",
                "failure_code_id": "(%(failures)s::int[])[1 + g %% %(n_failures)s]",
                "mileage_km": "10000 + g",
                "state": "%(state)s",
                "submit_date": "%(today)s::date" if approved else "NULL",
                "decision_date": "%(today)s::date" if approved else "NULL",
                "approved_amount": "tpl.amount_total" if approved else "0",
            },
            {
                "stations": list(stations),
                "n_stations": len(stations),
                "lots": lots,
                "n_lots": len(lots),
                "failures": self.failures.ids,
                "n_failures": len(self.failures),
                "state": state,
                "today": self.today,
            },
        )
        if lines:
            clone_children(
                cr, "crm_service_claim_line", "claim_id", self.template_claim.id, ids
            )
        analyze(cr, "crm_service_claim", "crm_service_claim_line", "stock_lot")
        self.env.invalidate_all()
        return ids


def path_claims(env, sizes, res):
    data = ServiceData(env)
    Claim = env["crm.service.claim"]
    Repair = env["repair.order"]
    stations = data.stations(20).ids
    lots = data.lots(50)
    for size in sizes:
        claims = Claim.browse(data.claims(size, stations))
        repair_vals = [
            {
                "partner_id": stations[i % len(stations)],
                "product_id": data.product.id,
                "lot_id": lots[i % len(lots)],
            }
            for i in range(size)
        ]

        def submit_batches(claims=claims):
            for start in range(0, len(claims), CLAIM_BATCH):
                claims[start : start + CLAIM_BATCH].action_submit()

        def create_batches(vals=repair_vals):
            for start in range(0, len(vals), CLAIM_BATCH):
                # create() writes into its vals: give it fresh copies
                Repair.create([dict(v) for v in vals[start : start + CLAIM_BATCH]])

        subject, anchor = interleave(env, create_batches, submit_batches)
        res.add(
            f"submit, batches of {CLAIM_BATCH}",
            size,
            size,
            subject,
            anchor,
            {"ratio": 1.0, "growth": 1.2},
            subject_label="crm.service.claim action_submit (automatic validation)",
            anchor_label="repair.order create, same batches",
        )
        subject, anchor = interleave(
            env,
            lambda vals=repair_vals: Repair.create([dict(v) for v in vals]),
            lambda claims=claims: claims.action_submit(),
        )
        res.add(
            "submit, one call",
            size,
            size,
            subject,
            anchor,
            {"ratio": 1.0, "growth": 1.2},
            subject_label="crm.service.claim action_submit, one call",
            anchor_label="repair.order create, one call",
        )


def path_settlement(env, sizes, res):
    data = ServiceData(env)
    Settlement = env["crm.service.settlement"]
    Move = env["account.move"]
    journal = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", env.company.id)], limit=1
    )
    # the account Odoo itself gives a bill line without product: the journal's default
    expense = journal.default_account_id
    today = data.today
    for bills in sizes:
        stations = data.stations(bills)
        claims = env["crm.service.claim"].browse(
            data.claims(bills * CLAIMS_PER_BILL, stations.ids, state="approved")
        )
        by_station = {}
        for claim in claims:
            by_station.setdefault(claim.station_id.id, []).append(
                (f"{claim.name} {claim.lot_id.name}", claim.approved_amount)
            )
        move_vals = [
            {
                "move_type": "in_invoice",
                "partner_id": station_id,
                "journal_id": journal.id,
                "invoice_date": today,
                "ref": f"BENCH-SETTLE-{station_id}",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "quantity": 1.0,
                            "price_unit": amount,
                            "account_id": expense.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for name, amount in lines
                ],
            }
            for station_id, lines in by_station.items()
        ]

        def settle(stations=stations):
            Settlement._settle_period(today - timedelta(days=30), today, stations)

        def create_post(vals=move_vals):
            Move.create(copy.deepcopy(vals)).action_post()

        subject, anchor = interleave(env, create_post, settle)
        res.add(
            f"settlement run, bills of {CLAIMS_PER_BILL} claims",
            bills,
            bills,
            subject,
            anchor,
            {"ratio": 1.1},
            subject_label="crm.service.settlement _settle_period",
            anchor_label="account.move create + action_post of the same bills",
            claims=len(claims),
        )


def path_webclient(env, sizes, res):
    data = ServiceData(env)
    cr = env.cr
    Claim = env["crm.service.claim"]
    Repair = env["repair.order"]
    Partner = env["res.partner"]
    stations = data.stations(50).ids
    key_template = Partner.create(
        {
            "name": "Bench key account",
            "is_company": True,
            "coal_key_account": True,
            "coal_grade": "b",
            "user_id": env.uid,
        }
    )
    env.flush_all()
    claim_spec = list_specification(Claim)
    repair_spec = list_specification(Repair)
    key_spec = list_specification(Partner, "crm_coal.res_partner_view_list")
    partner_spec = list_specification(Partner)
    quality_action = env["ir.actions.act_window"]._for_xml_id(
        "crm_service_station.crm_service_claim_action_quality"
    )
    quality_domain = [("state", "not in", ("draft", "rejected"))]
    assert "state" in quality_action["domain"]
    done = 0
    for size in sizes:
        add = size - done
        done = size
        data.claims(add, stations, state="approved")
        clone(
            cr,
            "repair_order",
            data.template_repair.id,
            add,
            {"name": "'BENCH-RO-' || g || '-' || %(size)s"},
            {"size": size},
        )
        clone(
            cr,
            "res_partner",
            key_template.id,
            add,
            {
                "name": "'Bench key account ' || %(size)s || '-' || g",
                "complete_name": "'Bench key account ' || %(size)s || '-' || g",
                "coal_supply_level": "(ARRAY['red','amber','normal'])[1 + g %% 3]",
            },
            {"size": size},
        )
        cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE is_company")
        analyze(cr, "repair_order", "res_partner")
        env.invalidate_all()
        cases = [
            (
                "claims list (web_search_read)",
                lambda: web_list(Claim, [], claim_spec),
                lambda: web_list(Repair, [], repair_spec),
                "crm.service.claim list",
                "repair.order list",
            ),
            (
                "key-account list (web_search_read)",
                lambda: web_list(Partner, [("coal_key_account", "=", True)], key_spec),
                lambda: web_list(Partner, [], partner_spec),
                "res.partner key-account list (crm_coal)",
                "res.partner core list",
            ),
            (
                "quality pivot (read_group)",
                lambda: pivot(
                    Claim,
                    quality_domain,
                    "failure_code_id",
                    "months_in_service",
                    "approved_amount:sum",
                ),
                lambda: pivot(Repair, [], "product_id", "state", "product_qty:sum"),
                "crm.service.claim quality pivot",
                "repair.order pivot",
            ),
        ]
        for case, subject_fn, anchor_fn, subject_label, anchor_label in cases:
            subject, anchor = interleave(env, anchor_fn, subject_fn)
            res.add(
                case,
                size,
                size,
                subject,
                anchor,
                {"ratio": 1.0},
                subject_label=subject_label,
                anchor_label=anchor_label,
                per_item=False,  # one page or one pivot, whatever the volume
            )


def pivot(model, domain, row, col, measure):
    """The four read_group calls of a pivot view: total, rows, columns, cells."""
    for groupby in ([], [row], [col], [row, col]):
        model.read_group(domain, [measure], groupby, lazy=False)


# --------------------------------------------------------------------------- lubricant


class LubricantData:
    """Customers, confirmed orders, order lines and opportunities, cloned by SQL."""

    def __init__(self, env):
        self.env = env
        self.template_partner = env["res.partner"].create(
            {"name": "Bench template", "customer_rank": 1}
        )
        product = env["product.product"].create(
            {"name": "Bench oil", "lub_category": "engine_oil", "list_price": 100}
        )
        self.order = env["sale.order"].create(
            {
                "partner_id": self.template_partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                ],
            }
        )
        self.order.action_confirm()
        self.lead = env["crm.lead"].create(
            {
                "name": "Bench lead",
                "type": "opportunity",
                "partner_id": self.template_partner.id,
            }
        )
        env.flush_all()
        self.serial = 0

    def customers(self, count):
        self.serial += 1
        cr = self.env.cr
        ids = clone(
            cr,
            "res_partner",
            self.template_partner.id,
            count,
            {
                "name": f"'Bench customer {self.serial}-' || g",
                "complete_name": f"'Bench customer {self.serial}-' || g",
                "commercial_partner_id": "NULL",
                "email": "NULL",
                "phone": "NULL",
                "lub_name_key": f"'benchcustomer{self.serial}x' || g",
                "lub_owner_id": "NULL",
                "lub_tier": "NULL",
                "create_date": "now() - make_interval(days => g %% 900)",
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            [ids],
        )
        return ids

    def orders(self, partner_ids, count, lines):
        cr = self.env.cr
        order_ids = clone(
            cr,
            "sale_order",
            self.order.id,
            count,
            {
                "name": f"'BENCH/{self.serial}/' || g",
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
            cr,
            "sale_order_line",
            self.order.order_line.id,
            lines,
            {
                "order_id": "(%(orders)s::int[])[1 + g %% %(n)s]",
                "name": "'Bench line'",
            },
            {"orders": order_ids, "n": len(order_ids)},
        )
        analyze(cr, "res_partner", "sale_order", "sale_order_line")
        self.env.invalidate_all()

    def opportunities(self, partner_ids, count):
        cr = self.env.cr
        stages = self.env["crm.stage"].search([]).ids
        lead_ids = clone(
            cr,
            "crm_lead",
            self.lead.id,
            count,
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
        # two stays per opportunity: the first stage, then the current one
        cr.execute(
            """INSERT INTO crm_lubricant_stage_history
                   (lead_id, stage_id, date_in, date_out, company_id, create_uid,
                    create_date, write_uid, write_date)
               SELECT id, %s, date_trunc('second', now()) - make_interval(days => 61 + id %% 60),
                      date_trunc('second', now()) - make_interval(days => 1 + id %% 60),
                      company_id, 1, now(), 1, now()
                 FROM crm_lead WHERE id = ANY(%s)
               UNION ALL
               SELECT id, stage_id,
                      date_trunc('second', now()) - make_interval(days => 1 + id %% 60),
                      NULL, company_id, 1, now(), 1, now()
                 FROM crm_lead WHERE id = ANY(%s)""",
            [stages[0], lead_ids, lead_ids],
        )
        analyze(cr, "crm_lead", "crm_lubricant_stage_history")
        self.env.invalidate_all()
        return lead_ids


TIER_RESET = """
UPDATE res_partner SET lub_tier = NULL, lub_tier_contribution = NULL,
       lub_tier_share = NULL, lub_tier_rank = NULL
 WHERE lub_tier IS NOT NULL;
DELETE FROM crm_lubricant_tier_history;
"""

# One statement: aggregate the confirmed orders of the trailing 12 months per customer,
# rank them by a window (ABC by cumulative share), update the customers whose tier
# changed and insert their history lines.
TIER_ANCHOR = """
WITH sales AS (
    SELECT buyer.commercial_partner_id AS partner_id,
           SUM(so.amount_untaxed) FILTER (WHERE so.date_order >= %(start)s) AS revenue
      FROM sale_order so
      JOIN res_partner buyer ON buyer.id = so.partner_id
     WHERE so.state = 'sale'
  GROUP BY buyer.commercial_partner_id
), ranked AS (
    SELECT partner_id, COALESCE(revenue, 0) AS revenue,
           SUM(COALESCE(revenue, 0)) OVER (ORDER BY revenue DESC NULLS LAST, partner_id
                                           ROWS UNBOUNDED PRECEDING)
             / NULLIF(SUM(COALESCE(revenue, 0)) OVER (), 0) AS share,
           ROW_NUMBER() OVER (ORDER BY revenue DESC NULLS LAST, partner_id) AS rank
      FROM sales
), tiered AS (
    SELECT r.partner_id, r.revenue, r.share, r.rank, p.lub_tier AS old_tier,
           CASE WHEN r.share <= 0.8 THEN 'A' WHEN r.share <= 0.95 THEN 'B' ELSE 'C' END
               AS tier
      FROM ranked r JOIN res_partner p ON p.id = r.partner_id
), changed AS (
    UPDATE res_partner p
       SET lub_tier = t.tier, lub_tier_contribution = t.revenue,
           lub_tier_share = t.share, lub_tier_rank = t.rank
      FROM tiered t
     WHERE p.id = t.partner_id AND p.lub_tier IS DISTINCT FROM t.tier
 RETURNING p.id, t.old_tier, t.tier, t.revenue, t.share, p.company_id
)
INSERT INTO crm_lubricant_tier_history
       (partner_id, date, old_tier, new_tier, contribution, share, basis, company_id,
        create_uid, create_date, write_uid, write_date)
SELECT id, %(today)s, old_tier, tier, revenue, share, 'revenue', company_id,
       1, now(), 1, now()
  FROM changed
"""


def path_tiers(env, sizes, res):
    data = LubricantData(env)
    cr = env.cr
    Partner = env["res.partner"].sudo()
    today = fields.Date.context_today(Partner)
    params = {"start": today - timedelta(days=365), "today": today}
    done = 0
    for size in sizes:
        add = size - done
        done = size
        partner_ids = data.customers(add)
        data.orders(partner_ids, add * 5 // 2, add * 10)
        runs = {key: [] for key in ("a1", "a2", "s1", "s2")}
        for _round in range(ROUNDS):
            with scratch(env):
                cr.execute(TIER_RESET)
                runs["a1"].append(timed(env, lambda: cr.execute(TIER_ANCHOR, params)))
                runs["a2"].append(timed(env, lambda: cr.execute(TIER_ANCHOR, params)))
            with scratch(env):
                cr.execute(TIER_RESET)
                env.invalidate_all()
                runs["s1"].append(timed(env, Partner._lub_compute_tiers))
                runs["s2"].append(timed(env, Partner._lub_compute_tiers))
        res.add(
            "first run (every tier changes)",
            size,
            size,
            summary(runs["s1"]),
            summary(runs["a1"]),
            {"ratio": 1.5},
            subject_label="res.partner _lub_compute_tiers, first run",
            anchor_label="one SQL aggregate + window + UPDATE + history INSERT",
            orders=size * 5 // 2,
            lines=size * 10,
        )
        res.add(
            "no-change run",
            size,
            size,
            summary(runs["s2"]),
            summary(runs["a2"]),
            {"ratio": 1.2},
            subject_label="res.partner _lub_compute_tiers, second run",
            anchor_label="the same SQL statement, second run (writes nothing)",
        )


def path_funnel(env, sizes, res):
    data = LubricantData(env)
    Funnel = env["crm.lubricant.funnel.line"]
    Lead = env["crm.lead"]
    spec = list_specification(Funnel)
    partner_ids = data.customers(100)
    done = 0

    def open_menu():
        # the menu runs the server action, then the list view loads its lines
        action = env.ref("crm_lubricant.crm_lubricant_funnel_line_action_server")
        result = action.run()
        web_list(Funnel, result["domain"], spec)

    def pipeline():
        Lead.web_read_group(
            [("type", "=", "opportunity")], ["expected_revenue:sum"], ["stage_id"]
        )

    for size in sizes:
        data.opportunities(partner_ids, size - done)
        done = size
        subject, anchor = interleave(env, pipeline, open_menu)
        res.add(
            "Funnel Report menu",
            size,
            size,
            subject,
            anchor,
            {"ratio": 2.0},
            subject_label="server action + web_search_read of the funnel lines",
            anchor_label="crm.lead web_read_group by stage (the pipeline)",
        )


# --------------------------------------------------------------------------- knowledge

FREQUENT = ["润滑油", "柴油机油 15W-40", "hydraulic oil"]
RARE = ["凸轮轴异响", "camshaft knocking"]


def path_search(env, sizes, res):
    # the article generator of the search bench (bench/ is not a package)
    sys.path.insert(0, str(HERE))
    import crm_knowledge_bench as kb

    rng = random.Random(2026)
    Article = env["crm.knowledge.article"]
    Users = env["res.users"].with_context(no_reset_password=True)
    internal = Users.create(
        {
            "name": "Bench internal user",
            "login": "bench_internal",
            "groups_id": [
                Command.set(
                    [
                        env.ref("base.group_user").id,
                        env.ref("crm_knowledge.group_crm_knowledge_reader").id,
                    ]
                )
            ],
        }
    )
    portal = Users.create(
        {
            "name": "Bench portal user",
            "login": "bench_portal",
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    users = {
        "manager": env.ref("base.user_admin"),
        "internal user": internal,
        "portal user": portal,
    }
    category = env["crm.knowledge.category"].search([], limit=1)
    done = 0
    for size in sizes:
        kb.insert_articles(env, size - done, rng)
        Article.create(
            [
                {
                    "name": f"凸轮轴异响 camshaft knocking {size}-{i}",
                    "body": "<p>凸轮轴异响的排查 camshaft knocking at cold start</p>",
                    "state": "published",
                    "audience": "public",
                    "category_id": category.id,
                }
                for i in range(3)
            ]
        )
        done = size
        env.flush_all()
        analyze(env.cr, "crm_knowledge_article")
        for label, user in users.items():
            for words, queries in (("frequent", FREQUENT), ("rare", RARE)):
                search_case(
                    env,
                    res,
                    size,
                    f"{label}, {words} words",
                    Article.with_user(user),
                    queries,
                    lambda A, q: A._search_knowledge(q, limit=20),
                    20,
                )
        search_case(
            env,
            res,
            size,
            "backend search bar (manager)",
            Article.with_user(users["manager"]),
            FREQUENT + RARE,
            lambda A, q: A.search([("search_text", "ilike", q)], limit=WEB_LIMIT),
            WEB_LIMIT,
        )


def ilike_domain(query):
    domain = []
    for word in query.split():
        domain += ["|", ("name", "ilike", word), ("body", "ilike", word)]
    return ["&"] * (len(query.split()) - 1) + domain


def search_case(env, res, size, case, Article, queries, subject_fn, limit):
    runs = {"anchor": [], "subject": []}
    for query in queries:
        subject_fn(Article, query)  # warm-up of both sides
        Article.search(ilike_domain(query), limit=limit)
        for _round in range(SEARCH_ROUNDS):
            runs["anchor"].append(
                timed(
                    env,
                    lambda q=query: Article.search(ilike_domain(q), limit=limit).ids,
                )
            )
            runs["subject"].append(
                timed(env, lambda q=query: subject_fn(Article, q).ids)
            )
    subject, anchor = summary(runs["subject"]), summary(runs["anchor"])
    p95 = percentile([t for t, _q in runs["subject"]], 0.95)
    anchor_p95 = percentile([t for t, _q in runs["anchor"]], 0.95)
    res.add(
        case,
        size,
        len(runs["subject"]),
        subject,
        anchor,
        {"ratio": 0.1, "p95_ms": 50},
        subject_label="crm.knowledge.article _search_knowledge"
        if limit == 20
        else "search on search_text (full-text)",
        anchor_label="unindexed ILIKE on title and body, same queries",
        subject_p95_ms=round(p95 * 1000, 2),
        anchor_p95_ms=round(anchor_p95 * 1000, 2),
        queries_run=queries,
        per_item=False,
    )


# --------------------------------------------------------------------------- coal

SUPPLY_ANCHOR = """
WITH ranked AS (
    SELECT partner_id, date, burn_t, stockpile_t,
           MAX(date) OVER (PARTITION BY partner_id) AS last_date
      FROM crm_coal_site_report
     WHERE active
), figures AS (
    SELECT partner_id, MAX(last_date) AS day,
           SUM(COALESCE(burn_t, 0)) / %(window)s AS avg_burn,
           MAX(stockpile_t) FILTER (WHERE date = last_date) AS stockpile
      FROM ranked
     WHERE date > last_date - %(window)s
  GROUP BY partner_id
)
UPDATE res_partner p
   SET coal_avg_burn = f.avg_burn, coal_stockpile = f.stockpile, coal_supply_date = f.day,
       coal_days_of_supply = f.stockpile / NULLIF(f.avg_burn, 0),
       coal_supply_level = CASE
           WHEN f.stockpile / NULLIF(f.avg_burn, 0) < 7 THEN 'red'
           WHEN f.stockpile / NULLIF(f.avg_burn, 0) < 15 THEN 'amber'
           ELSE 'normal' END
  FROM figures f
 WHERE p.id = f.partner_id
"""


def path_supply(env, sizes, res):
    from odoo.addons.crm_coal.models.crm_coal_site_report import (
        CrmCoalSiteReport,
    )
    from odoo.addons.crm_coal.models.res_config_settings import get_setting

    cr = env.cr
    Partner = env["res.partner"]
    Report = env["crm.coal.site.report"]
    window = get_setting(env, "coal_supply_window_days")
    end = date.today() - timedelta(days=1)
    start = end - timedelta(days=REPORT_DAYS - 1)
    accounts = Partner.browse()
    done = 0
    for size in sizes:
        new = Partner.create(
            [
                {
                    "name": f"Bench plant {size}-{i:04d}",
                    "is_company": True,
                    "coal_key_account": True,
                    "coal_grade": "abc"[i % 3],
                    "user_id": env.uid,
                }
                for i in range(size - done)
            ]
        )
        done = size
        accounts |= new
        template = Report.create(
            {
                "partner_id": new[0].id,
                "date": start,
                "burn_t": 1000.0,
                "stockpile_t": 20000.0,
            }
        )
        env.flush_all()
        cr.execute(
            """INSERT INTO crm_coal_site_report
                   (name, partner_id, user_id, date, filed_at, burn_t, stockpile_t,
                    received_ours_t, received_others_t, power_generated_mwh, active,
                    company_id, create_uid, create_date, write_uid, write_date)
               SELECT tpl.name, a.id, tpl.user_id, d::date, tpl.filed_at,
                      800 + (a.id * 7 + extract(doy FROM d)::int * 13) %% 400,
                      5000 + (a.id * 11 + extract(doy FROM d)::int * 17) %% 30000,
                      tpl.received_ours_t, tpl.received_others_t,
                      tpl.power_generated_mwh, TRUE, tpl.company_id, tpl.create_uid,
                      tpl.create_date, tpl.write_uid, tpl.write_date
                 FROM crm_coal_site_report tpl
                CROSS JOIN unnest(%(accounts)s::int[]) a(id)
                CROSS JOIN generate_series(%(start)s::date, %(end)s::date, '1 day') d
                WHERE tpl.id = %(template)s
                  AND NOT (a.id = tpl.partner_id AND d::date = tpl.date)""",
            {"accounts": new.ids, "start": start, "end": end, "template": template.id},
        )
        analyze(cr, "crm_coal_site_report", "res_partner")
        env.invalidate_all()
        cr.execute("SELECT count(*) FROM crm_coal_site_report")
        rows = cr.fetchone()[0]
        vals = {
            "partner_id": accounts[0].id,
            "date": end + timedelta(days=1),
            "burn_t": 900.0,
            "stockpile_t": 15000.0,
        }
        subject, anchor = interleave(
            env,
            lambda vals=vals: super(CrmCoalSiteReport, Report).create([dict(vals)]),
            lambda vals=vals: Report.create([dict(vals)]),
        )
        res.add(
            "save one on-site report (3 years of history)",
            size,
            1,
            subject,
            anchor,
            {"ratio": 1.5},
            subject_label="crm.coal.site.report create (uniqueness check + refresh)",
            per_item=False,
            anchor_label="the same create with crm_coal's create override skipped",
            report_rows=rows,
        )
        subject, anchor = interleave(
            env,
            lambda: cr.execute(SUPPLY_ANCHOR, {"window": window}),
            lambda: Partner._coal_refresh_supply(),
        )
        res.add(
            "refresh of all accounts",
            size,
            size,
            subject,
            anchor,
            {"ratio": 1.5},
            subject_label="res.partner _coal_refresh_supply()",
            anchor_label="one SQL window aggregate + UPDATE",
            report_rows=rows,
        )


# --------------------------------------------------------------------------- entry

PATHS = {
    "claims": path_claims,
    "settlement": path_settlement,
    "tiers": path_tiers,
    "search": path_search,
    "funnel": path_funnel,
    "supply": path_supply,
    "webclient": path_webclient,
}


def main(env, path, size, out):
    """Run one path at the three sizes of ``size``; write its results to ``out``."""
    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_notrace=True,
            mail_create_nolog=True,
        )
    )
    res = Results(path)
    started = time.perf_counter()
    error = None
    try:
        PATHS[path](env, SIZES[size][path], res)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    finally:
        env.cr.rollback()
    result = {
        "path": path,
        "size": size,
        "sizes": list(SIZES[size][path]),
        "rows": res.rows,
        "error": error,
        "seconds": round(time.perf_counter() - started, 1),
    }
    pathlib.Path(out).write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"[{path}] done in {result['seconds']} s, error: {error}", flush=True)
