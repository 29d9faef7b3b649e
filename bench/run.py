# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark harness of issue 11: every hot path of the suite beside Odoo's own
equivalent, measured interleaved in one run on a fresh database.

    python bench/run.py [--size small|full] [--only PATH] [--keep-db] [--out FILE.json]

Creates a database with a unique name, installs the four addons without demo data,
then runs each path (``bench/bench_paths.py``) in its own ``odoo shell``: the path
builds its data at three sizes, runs its subject and its anchor in turn (anchor,
subject, anchor, subject ..., at least 3 rounds) and reports the median times and
SQL query counts.  Prints the table ``path | size | subject | anchor | ratio | goal
| verdict | queries`` and a growth line per case; ``--out`` writes it all as JSON.
The database is dropped at the end unless ``--keep-db``.

Odoo is found as the Odoo tier finds it (tests/odoo_tier.py): ``ODOO_BIN``, else an
``odoo`` command on PATH; its addons path is asked from it unless ``ODOO_ADDONS_PATH``
gives it.  No Odoo import here.
"""

import argparse
import json
import os
import pathlib
import platform
import shlex
import subprocess
import sys
import tempfile
import time

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))

import odoo_tier  # noqa: E402  (tests/ is not a package)

PATHS = ("claims", "settlement", "tiers", "search", "funnel", "supply", "webclient")
# The paths whose data needs Odoo's demo data (none: each builds its own).
NEEDS_DEMO = ()

SHELL_SCRIPT = """\
import sys
sys.path.insert(0, {bench!r})
import bench_paths
bench_paths.main(env, {path!r}, {size!r}, {out!r})
"""


def install(odoo, addons_path, db, demo, log):
    args = odoo_tier.base_args(odoo, addons_path) + [
        "-d",
        db,
        "-i",
        ",".join(odoo_tier.ADDONS),
        f"--http-port={odoo_tier.free_port()}",
        "--max-cron-threads=0",
        "--stop-after-init",
        "--log-level=warn",
    ]
    if not demo:
        args.append("--without-demo=all")
    out = subprocess.run(
        args, capture_output=True, text=True, cwd=ROOT, check=False, errors="replace"
    )
    log.write(out.stdout + out.stderr)
    if out.returncode:
        raise odoo_tier.TierError(
            f"installing the addons failed: {(out.stdout + out.stderr)[-2000:]}"
        )


def run_path(odoo, addons_path, db, path, size, tmp, log):
    """Run one path in an odoo shell; its result dict (an error entry if it died)."""
    out = pathlib.Path(tmp) / f"{path}.json"
    script = SHELL_SCRIPT.format(bench=str(BENCH), path=path, size=size, out=str(out))
    args = (
        odoo
        + ["shell", "-c", str(odoo_tier.CONF), f"--addons-path={addons_path}"]
        + ["-d", db, "--no-http", "--max-cron-threads=0", "--log-level=warn"]
    )
    started = time.monotonic()
    with subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        cwd=ROOT,
    ) as proc:
        proc.stdin.write(script)
        proc.stdin.close()
        tail = []
        for line in proc.stdout:
            log.write(line)
            if line.startswith(f"[{path}]"):
                print(f"  {line.rstrip()}", flush=True)
            tail = (tail + [line.rstrip()])[-15:]
        code = proc.wait()
    if out.exists():
        result = json.loads(out.read_text(encoding="utf-8"))
    else:
        result = {"path": path, "size": size, "rows": [], "error": None}
    if code and not result.get("error"):
        result["error"] = f"odoo shell exited with {code}: " + " | ".join(tail[-5:])
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    return result


# --------------------------------------------------------------------------- report


def verdict(row):
    goal = row["goal"]
    if row["ratio"] is None:
        return "n/a"
    ok = row["ratio"] <= goal["ratio"]
    if "p95_ms" in goal:
        ok = ok and row["subject_p95_ms"] <= goal["p95_ms"]
    return "pass" if ok else "MISS"


def goal_text(goal):
    text = f"<= {goal['ratio']:g}x"
    if "p95_ms" in goal:
        text = f"p95 <= {goal['p95_ms']} ms, {text}"
    return text


def fmt_time(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def table_rows(results):
    rows = []
    for result in results:
        if result.get("error") and not result["rows"]:
            rows.append(error_row(result))
            continue
        for row in result["rows"]:
            subject = fmt_time(row["subject_s"])
            anchor = fmt_time(row["anchor_s"])
            if "subject_p95_ms" in row:
                subject += f" (p95 {row['subject_p95_ms']:.1f} ms)"
                anchor += f" (p95 {row['anchor_p95_ms']:.1f} ms)"
            rows.append(
                [
                    f"{row['path']}: {row['case']}",
                    f"{row['size']:,}",
                    subject,
                    anchor,
                    f"{row['ratio']:.2f}x" if row["ratio"] is not None else "-",
                    goal_text(row["goal"]),
                    verdict(row),
                    f"{row['subject_queries']}/{row['anchor_queries']}",
                ]
            )
        if result.get("error"):
            rows.append(error_row(result))
    return rows


def error_row(result):
    """A table row for a path that failed: the exception on one line."""
    message = " ".join(result["error"].split()).replace("|", "/")
    if len(message) > 300:
        message = message[:297] + "..."
    return [result["path"], "-", message, "-", "-", "-", "error", "-"]


def growth(results):
    """Per case: the subject's (and anchor's) cost per item at each size, and the
    ratio of the cost per item at the largest size to the smallest."""
    lines = []
    for result in results:
        cases = {}
        for row in result["rows"]:
            cases.setdefault(row["case"], []).append(row)
        for case, rows in cases.items():
            rows = sorted(rows, key=lambda r: r["size"])
            per = [r["subject_s"] / r["items"] for r in rows]
            anchor_per = [r["anchor_s"] / r["items"] for r in rows]
            per_item = rows[0].get("per_item", True)
            if not per_item:
                per = [r["subject_s"] for r in rows]
                anchor_per = [r["anchor_s"] for r in rows]
            growth_ratio = round(per[-1] / per[0], 2) if per[0] else None
            anchor_growth = (
                round(anchor_per[-1] / anchor_per[0], 2) if anchor_per[0] else None
            )
            entry = {
                "path": result["path"],
                "case": case,
                "sizes": [r["size"] for r in rows],
                "subject_per_item_ms": [round(p * 1000, 4) for p in per],
                "anchor_per_item_ms": [round(p * 1000, 4) for p in anchor_per],
                "per_item": per_item,
                "growth": growth_ratio,
                "anchor_growth": anchor_growth,
            }
            limit = rows[0]["goal"].get("growth")
            if limit is not None and growth_ratio is not None:
                entry["goal"] = limit
                entry["verdict"] = "pass" if growth_ratio <= limit else "MISS"
            lines.append(entry)
    return lines


def markdown(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def growth_text(entry):
    unit = "ms per item" if entry["per_item"] else "ms per call"
    steps = ", ".join(
        f"{size:,}: {ms:.3f}"
        for size, ms in zip(entry["sizes"], entry["subject_per_item_ms"], strict=True)
    )
    text = (
        f"{entry['path']}: {entry['case']}: {steps} {unit}; largest/smallest"
        f" {entry['growth']}x (anchor {entry['anchor_growth']}x)"
    )
    if "goal" in entry:
        text += f"; goal <= {entry['goal']}x: {entry['verdict']}"
    return text


HEADERS = [
    "path",
    "size",
    "subject",
    "anchor",
    "ratio",
    "goal",
    "verdict",
    "queries (subject/anchor)",
]


def postgres_version(odoo, addons_path, db):
    script = "env.cr.execute('SHOW server_version'); print('PGVERSION', env.cr.fetchone()[0])\n"
    args = odoo + [
        "shell",
        "-c",
        str(odoo_tier.CONF),
        f"--addons-path={addons_path}",
        "-d",
        db,
        "--no-http",
        "--log-level=warn",
    ]
    out = subprocess.run(
        args, input=script, capture_output=True, text=True, cwd=ROOT, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith("PGVERSION "):
            return line.split(" ", 1)[1]
    return "unknown"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "full"), default="small")
    parser.add_argument(
        "--only", action="append", choices=PATHS, help="run only this path (repeatable)"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database")
    parser.add_argument(
        "--db",
        help="use this existing database (addons installed) instead of a new one",
    )
    parser.add_argument("--out", help="write the results as JSON to this file")
    parser.add_argument(
        "--log", default=str(BENCH / "results" / "bench.log"), help="full Odoo log"
    )
    args = parser.parse_args(argv)
    paths = args.only or list(PATHS)

    odoo = odoo_tier.find_odoo()
    if not odoo:
        print("bench: no Odoo 18 found (set ODOO_BIN or put an `odoo` command on PATH)")
        return 2
    try:
        version, addons_path = odoo_tier.resolve_odoo(odoo)
    except odoo_tier.TierError as err:
        print(f"bench: {err}")
        return 1
    log_file = pathlib.Path(args.log)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    db = args.db or f"crm_suite_bench_{os.getpid()}_{int(time.time())}"
    started = time.monotonic()
    results = []
    print(
        f"bench: Odoo {version} ({shlex.join(odoo)}), database {db}, size {args.size}"
    )
    with (
        log_file.open("w", encoding="utf-8") as log,
        tempfile.TemporaryDirectory() as tmp,
    ):
        try:
            if not args.db:
                demo = any(p in NEEDS_DEMO for p in paths)
                print(f"bench: installing {', '.join(odoo_tier.ADDONS)}", flush=True)
                install(odoo, addons_path, db, demo, log)
                print(
                    f"bench: installed in {time.monotonic() - started:.0f} s",
                    flush=True,
                )
            pg_version = postgres_version(odoo, addons_path, db)
            for path in paths:
                print(f"bench: {path} ...", flush=True)
                result = run_path(odoo, addons_path, db, path, args.size, tmp, log)
                if result.get("error"):
                    print(f"  {path}: error: {result['error']}", flush=True)
                print(f"  {path}: {result['wall_seconds']} s", flush=True)
                results.append(result)
        finally:
            if not args.db and not args.keep_db:
                odoo_tier.drop_db(odoo, addons_path, db, log)
    elapsed = time.monotonic() - started
    rows = table_rows(results)
    lines = growth(results)
    machine = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "postgresql": pg_version,
        "odoo": version,
        "python": platform.python_version(),
    }
    print()
    print(
        f"Results, size {args.size}: {elapsed:.0f} s in all; {machine['cpus']} cores,"
        f" PostgreSQL {pg_version}, Odoo {version}"
    )
    print(markdown(HEADERS, rows))
    print()
    print("Growth (subject's cost per item at each size):")
    for entry in lines:
        print(f"- {growth_text(entry)}")
    if args.out:
        pathlib.Path(args.out).write_text(
            json.dumps(
                {
                    "size": args.size,
                    "seconds": round(elapsed, 1),
                    "machine": machine,
                    "database": db,
                    "results": results,
                    "table": {"headers": HEADERS, "rows": rows},
                    "growth": lines,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        print(f"results written to {args.out}")
    failed = [r["path"] for r in results if r.get("error")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
