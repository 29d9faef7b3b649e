# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""crm_coal benchmark: days-of-supply refresh and dashboard queries on large volumes.

Runs inside ``odoo shell`` (``env`` is given) on a database where crm_coal is installed:
loads BENCH_ACCOUNTS key accounts (1,000) with BENCH_REPORT_DAYS daily on-site reports each
(1,095: about 1.1 M rows) and BENCH_QUOTE_YEARS years (10) of daily quotes for 6 grades, with
``execute_values`` (no ORM), then times the refresh of every account's days of supply, the
market change refresh and the dashboard queries, printing the SQL query count of each.
Everything is rolled back at the end.  See bench/README.md.
"""

from datetime import date, datetime, timedelta
import os
import random
import time

from psycopg2.extras import execute_values

ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", 1000))
REPORT_DAYS = int(os.environ.get("BENCH_REPORT_DAYS", 1095))
QUOTE_YEARS = int(os.environ.get("BENCH_QUOTE_YEARS", 10))
GRADES = (5800, 5500, 5000, 4500, 4000, 3800)

cr = env.cr
rng = random.Random(4)


def timed(label, func):
    queries = cr.sql_log_count
    started = time.perf_counter()
    result = func()
    # the refreshes mark stored computes: the ORM computes and writes them when it flushes
    env.flush_all()
    elapsed = time.perf_counter() - started
    print(
        f"{label:<52} {elapsed:9.2f} s {cr.sql_log_count - queries:8d} queries",
        flush=True,
    )
    return result


def load():
    Partner = env["res.partner"]
    partners = Partner.create(
        [
            {
                "name": f"Bench plant {i:04d}",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "abc"[i % 3],
                "user_id": env.uid,
            }
            for i in range(ACCOUNTS)
        ]
    )
    env.flush_all()
    company = env.company.id
    uid = env.uid
    end = date.today() - timedelta(days=1)
    now = datetime.now()
    rows = []
    for partner_id in partners.ids:
        stock = rng.uniform(50_000, 200_000)
        burn = rng.uniform(2_000, 10_000)
        for day in range(REPORT_DAYS):
            d = end - timedelta(days=REPORT_DAYS - 1 - day)
            daily = burn * rng.uniform(0.8, 1.2)
            received = burn * rng.uniform(0.7, 1.3)
            stock = max(stock + received - daily, 0.0)
            rows.append(
                (
                    partner_id,
                    uid,
                    d,
                    now,
                    daily,
                    received * 0.4,
                    received * 0.6,
                    stock,
                    company,
                    True,
                    f"bench {partner_id} {d}",
                    uid,
                    now,
                    uid,
                    now,
                )
            )
        if len(rows) >= 100_000:
            _insert_reports(rows)
            rows = []
    _insert_reports(rows)

    index = env["crm.coal.price.index"].create({"name": "Bench index", "code": "BENCH"})
    quotes = []
    start = end - timedelta(days=365 * QUOTE_YEARS)
    for grade in GRADES:
        price = grade / 7.5
        for day in range((end - start).days + 1):
            price = max(price * rng.uniform(0.98, 1.02), 100)
            quotes.append(
                (
                    index.id,
                    grade,
                    start + timedelta(days=day),
                    round(price, 2),
                    True,
                    uid,
                    now,
                    uid,
                    now,
                )
            )
    execute_values(
        cr._obj,
        "INSERT INTO crm_coal_price_quote (index_id, grade_cv, date, price, active, create_uid,"
        " create_date, write_uid, write_date) VALUES %s",
        quotes,
        page_size=5000,
    )
    return partners, index


def _insert_reports(rows):
    if not rows:
        return
    execute_values(
        cr._obj,
        "INSERT INTO crm_coal_site_report (partner_id, user_id, date, filed_at, burn_t,"
        " received_ours_t, received_others_t, stockpile_t, company_id, active, name,"
        " create_uid, create_date, write_uid, write_date) VALUES %s",
        rows,
        page_size=5000,
    )


def main():
    print(
        f"crm_coal bench: {ACCOUNTS} accounts x {REPORT_DAYS} days of reports, "
        f"{QUOTE_YEARS} years of daily quotes for {len(GRADES)} grades",
        flush=True,
    )
    partners, index = timed("load (ORM accounts, execute_values rows)", load)
    cr.execute("ANALYZE crm_coal_site_report")
    cr.execute("ANALYZE crm_coal_price_quote")
    cr.execute("SELECT count(*) FROM crm_coal_site_report")
    print(f"on-site reports in the database: {cr.fetchone()[0]:,}", flush=True)
    Partner = env["res.partner"]
    timed(
        "days-of-supply refresh, all accounts (cron)",
        lambda: Partner._coal_refresh_supply(),
    )
    timed(
        "days-of-supply refresh, the bench accounts",
        lambda: Partner._coal_refresh_supply(partners.ids),
    )
    timed(
        "days-of-supply refresh, one account",
        lambda: Partner._coal_refresh_supply(partners[:1].ids),
    )
    timed(
        "market changes refresh, 6 series x 10 years",
        lambda: env["crm.coal.price.quote"]._refresh_changes(
            {(index.id, g) for g in GRADES}
        ),
    )
    timed(
        "market: one new quote (its series recomputed, changed rows written)",
        lambda: env["crm.coal.price.quote"].create(
            {
                "index_id": index.id,
                "grade_cv": GRADES[1],
                "date": date.today(),
                "price": 800,
            }
        ),
    )
    timed(
        "dashboard: accounts by supply level (read_group)",
        lambda: Partner._read_group(
            [("coal_key_account", "=", True)], ["coal_supply_level"], ["__count"]
        ),
    )
    timed(
        "dashboard: key-account share by region",
        lambda: env["crm.coal.sales.report"]._key_account_share("state_id"),
    )
    timed(
        "dashboard: latest price per grade (read_group)",
        lambda: env["crm.coal.price.quote"]._read_group(
            [("index_id", "=", index.id)], ["grade_cv"], ["date:max", "price:avg"]
        ),
    )
    timed(
        "dashboard: stockpile by week, one account (read_group)",
        lambda: env["crm.coal.site.report"]._read_group(
            [("partner_id", "=", partners[0].id)], ["date:week"], ["stockpile_t:avg"]
        ),
    )
    cr.execute(
        "SELECT coal_supply_level, count(*) FROM res_partner WHERE id = ANY(%s)"
        " GROUP BY 1 ORDER BY 1",
        [partners.ids],
    )
    print("supply levels:", dict(cr.fetchall()), flush=True)


try:
    main()
finally:
    cr.rollback()
    print("rolled back", flush=True)
