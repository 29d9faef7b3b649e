"""Benchmark of the crm_knowledge search: bulk-insert articles, time searches, show plans.

Run inside ``odoo shell`` on a database where crm_knowledge is installed (see
bench/README.md)::

    KB_BENCH_ARTICLES=50000 odoo shell -c odoo.conf --addons-path=... -d DB \\
        --no-http < bench/crm_knowledge_bench.py

Settings (environment variables):

- ``KB_BENCH_ARTICLES``: articles to insert (default 50000);
- ``KB_BENCH_REPEAT``: timed runs of each query (default 20);
- ``KB_BENCH_SEED``: random seed of the generated texts (default 2026);
- ``KB_BENCH_KEEP``: ``1`` commits the generated articles (default: rolled back);
- ``KB_BENCH_OUT``: a file to write the results to as JSON (default: none).

Articles are written with one multi-row INSERT per 1,000 rows; their token strings
come from the addon's own tokenizer (lib/search.py), exactly what the ORM stores.
The searches go through ``_search_knowledge`` (ORM domain and record rules, one SQL
statement), as the manager and as a portal user; the plan of each query shape is
printed with EXPLAIN (ANALYZE, BUFFERS).
"""

# pylint: disable=undefined-variable  # `env` is given by odoo shell
import json
import os
import random
import statistics
import time

from psycopg2.extras import execute_values

from odoo.tools import SQL

from odoo.addons.crm_knowledge.lib.search import index_document

N_ARTICLES = int(os.environ.get("KB_BENCH_ARTICLES", "50000"))
REPEAT = int(os.environ.get("KB_BENCH_REPEAT", "20"))
SEED = int(os.environ.get("KB_BENCH_SEED", "2026"))
KEEP = os.environ.get("KB_BENCH_KEEP") == "1"
OUT = os.environ.get("KB_BENCH_OUT")
BATCH = 1000

QUERIES = [
    "润滑油",
    "柴油机油 15W-40",
    "热值换算",
    "高压油泵 漏油",
    "API CK-4",
    "hydraulic oil",
    "ISO VG 46 液压油",
    "冷启动",
    "煤",
    "国六 emission",
    "ｃｋ－４　机油",
    "锂基润滑脂 NLGI 2",
]

ZH_TOPICS = [
    "润滑油",
    "柴油机油",
    "液压油",
    "齿轮油",
    "锂基润滑脂",
    "动力煤",
    "炼焦煤",
    "热值",
    "全硫",
    "灰分",
    "挥发分",
    "高压油泵",
    "喷油器",
    "增压器",
    "冷启动",
    "国六排放",
    "后处理",
    "三包索赔",
    "服务站",
    "经销商",
    "返利政策",
    "换油周期",
    "粘度等级",
    "港口库存",
    "电厂日耗",
    "钢厂",
]
ZH_VERBS = [
    "导致",
    "影响",
    "选择",
    "检查",
    "更换",
    "换算",
    "适用于",
    "提高",
    "降低",
    "排查",
]
ZH_FILLER = ["的", "和", "在", "按", "以及", "对于", "通常", "一般", "需要", "可以"]
EN_WORDS = (
    "engine oil viscosity grade hydraulic gear grease coal calorific value sulfur ash "
    "injector pump leak cold start emission dealer station warranty claim interval "
    "temperature pressure filter turbo service customer contract price port stock"
).split()
GRADES = [
    "15W-40",
    "10W-30",
    "5W-30",
    "CK-4",
    "CI-4",
    "SN",
    "ISO VG 46",
    "ISO VG 68",
    "NLGI 2",
    "Q5500",
    "Q5000",
    "HM 46",
]


def sentence(rng):
    if rng.random() < 0.6:
        words = [
            rng.choice(ZH_TOPICS),
            rng.choice(ZH_FILLER),
            rng.choice(ZH_TOPICS),
            rng.choice(ZH_VERBS),
            rng.choice(ZH_TOPICS),
        ]
        if rng.random() < 0.5:
            words.insert(2, " " + rng.choice(GRADES) + " ")
        return "".join(words) + "。"
    words = [rng.choice(EN_WORDS) for _i in range(rng.randint(6, 12))]
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(GRADES))
    return " ".join(words).capitalize() + "."


def article_texts(rng):
    title = (
        rng.choice(ZH_TOPICS) + rng.choice(ZH_VERBS) + rng.choice(ZH_TOPICS)
        if rng.random() < 0.7
        else " ".join(rng.choice(EN_WORDS) for _i in range(4)).title()
    )
    if rng.random() < 0.3:
        title += " " + rng.choice(GRADES)
    paragraphs = [
        "<p>" + "".join(sentence(rng) for _j in range(rng.randint(2, 5))) + "</p>"
        for _i in range(rng.randint(2, 4))
    ]
    return title, "".join(paragraphs)


def insert_articles(env, count, rng):
    Article = env["crm.knowledge.article"]
    categories = env["crm.knowledge.category"].search([]).ids
    uid, company = env.uid, env.company.id
    states = ["published"] * 8 + ["draft", "archived"]
    audiences = ["internal"] * 6 + ["portal"] * 3 + ["public"]
    started = time.perf_counter()
    for offset in range(0, count, BATCH):
        rows = []
        for _i in range(min(BATCH, count - offset)):
            title, body = article_texts(rng)
            doc = index_document(title, body)
            rows.append(
                (
                    title,
                    body,
                    rng.choice(categories),
                    rng.choice(states),
                    rng.choice(audiences),
                    uid,
                    uid,
                    company,
                    doc.title_tokens,
                    doc.body_tokens,
                    uid,
                    uid,
                )
            )
        execute_values(
            env.cr._obj,
            "INSERT INTO crm_knowledge_article (name, body, category_id, state, audience,"
            " author_id, owner_id, company_id, search_title_tokens, search_body_tokens,"
            " create_uid, write_uid, create_date, write_date, published_date, view_count)"
            " VALUES %s",
            rows,
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " now() at time zone 'UTC', now() at time zone 'UTC',"
            " now() at time zone 'UTC', 0)",
        )
    env.cr.execute("ANALYZE crm_knowledge_article")
    Article.invalidate_model()
    return time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_queries(Article, label):
    timings, per_query = [], {}
    for query in QUERIES:
        Article._search_knowledge(query, limit=20)  # warm-up
        runs = []
        for _i in range(REPEAT):
            started = time.perf_counter()
            found = Article._search_knowledge(query, limit=20)
            runs.append((time.perf_counter() - started) * 1000)
        timings += runs
        matches = Article.search_count([("search_text", "ilike", query)])
        per_query[query] = {
            "p50_ms": round(statistics.median(runs), 2),
            "p95_ms": round(percentile(runs, 0.95), 2),
            "matching": matches,
            "shown": len(found),
        }
    result = {
        "user": label,
        "queries": len(QUERIES),
        "runs": len(timings),
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "per_query": per_query,
    }
    print(
        f"\n== {label}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms,"
        f" max {result['max_ms']} ms over {len(timings)} searches (limit 20)"
    )
    for query, stats in per_query.items():
        print(
            f"   {query!r:28} p50 {stats['p50_ms']:8.2f} ms  p95 {stats['p95_ms']:8.2f} ms"
            f"  matching articles {stats['matching']}"
        )
    return result


def explain(Article, query, label):
    sql = Article._search_knowledge_sql(Article._build_search_query(query), 20)
    Article.env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", sql))
    plan = [row[0] for row in Article.env.cr.fetchall()]
    print(f"\n== EXPLAIN {label}, query {query!r}")
    print("\n".join(plan))
    return {
        "user": label,
        "query": query,
        "plan": plan,
        "uses_gin_index": any(
            "crm_knowledge_article_search_gin" in line for line in plan
        ),
    }


def main(env):
    rng = random.Random(SEED)
    Article = env["crm.knowledge.article"]
    before = Article.sudo().search_count([])
    print(
        f"crm_knowledge search benchmark: inserting {N_ARTICLES} articles"
        f" ({before} already there)"
    )
    seconds = insert_articles(env, N_ARTICLES, rng)
    total = Article.sudo().search_count([])
    env.cr.execute(
        "SELECT pg_size_pretty(pg_relation_size('crm_knowledge_article_search_gin'))"
    )
    index_size = env.cr.fetchone()[0]
    print(f"inserted in {seconds:.1f} s; {total} articles; GIN index {index_size}")

    portal_user = (
        env["res.users"]
        .sudo()
        .search(
            [
                ("share", "=", True),
                ("groups_id", "in", env.ref("base.group_portal").ids),
            ],
            limit=1,
        )
    )
    results = {
        "articles": total,
        "insert_seconds": round(seconds, 1),
        "gin_index_size": index_size,
        "timings": [],
        "plans": [],
    }
    results["timings"].append(
        time_queries(Article.with_user(env.ref("base.user_admin")), "manager (admin)")
    )
    if portal_user:
        results["timings"].append(
            time_queries(
                Article.with_user(portal_user), f"portal user ({portal_user.login})"
            )
        )
    # A selective query (the GIN index answers it) and, for the portal user, a selective
    # and a very common one (a word in half of the articles: a sequential scan that
    # reads the stored vectors is then cheaper than the index, and the planner says so).
    admin = Article.with_user(env.ref("base.user_admin"))
    results["plans"].append(explain(admin, "柴油机油 15W-40", "manager (admin)"))
    if portal_user:
        label = f"portal user ({portal_user.login})"
        results["plans"].append(
            explain(Article.with_user(portal_user), "热值换算", label)
        )
        results["plans"].append(
            explain(Article.with_user(portal_user), "润滑油", label)
        )
    for plan in results["plans"]:
        print(
            f"GIN index used ({plan['user']}, {plan['query']!r}): {plan['uses_gin_index']}"
        )
    if OUT:
        with open(OUT, "w", encoding="utf-8") as out:
            json.dump(results, out, ensure_ascii=False, indent=2)
        print(f"results written to {OUT}")
    if KEEP:
        env.cr.commit()  # pylint: disable=invalid-commit  # benchmark data kept on request
        print("generated articles kept (KB_BENCH_KEEP=1)")
    else:
        env.cr.rollback()
        print("generated articles rolled back")


# Run by odoo shell (which defines ``env``); imported by bench_paths.py for the generator.
if "env" in globals():
    main(env)
