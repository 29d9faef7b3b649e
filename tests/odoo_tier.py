"""The Odoo tier: install the four addons with demo data into a fresh database of a
real Odoo 18, run their tests, and fail on anything less than a clean run.

    python tests/odoo_tier.py            # skips (exit 0) when no Odoo 18 is found
    python tests/odoo_tier.py --required # fails (exit 2) when no Odoo 18 is found

Odoo is found through ``ODOO_BIN`` (a command, e.g. ``/opt/odoo/odoo-bin`` or
``python3 /opt/odoo/odoo-bin``), else an ``odoo`` command on PATH.  Odoo's own
addons directories are asked from that command (``--save`` of a throw-away
configuration) unless ``ODOO_ADDONS_PATH`` gives them.  Database settings come
from ``odoo.conf`` and the usual libpq variables (PGHOST, PGUSER, ...).

The run fails when Odoo exits non-zero, when a test fails or errs, when no test
ran, when any WARNING, ERROR or CRITICAL line is logged (install or tests), when Odoo
skips a browser test (tours, the click-everywhere crawler) for want of Chromium or
websocket-client, and when a translatable string of an addon is missing from its committed ``.pot``.
The database (unique name) is dropped afterwards unless ``--keep-db``.  The full
log is written to ``odoo-tier.log`` at the top of the repository.

No Odoo import here: this file runs Odoo as a separate process.
"""

import argparse
import configparser
import os
import pathlib
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from conftest import ADDONS  # noqa: E402  (tests/ is not a package)
import i18n_tool  # noqa: E402

CONF = ROOT / "odoo.conf"
LOG_FILE = ROOT / "odoo-tier.log"
LOG_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)"
    r" (?P<db>\S+) (?P<logger>\S+): (?P<message>.*)$"
)
RESULT_RE = re.compile(
    r"odoo\.tests\.result: (?P<failed>\d+) failed, (?P<errors>\d+) error\(s\)"
    r" of (?P<tests>\d+) tests"
)
# Why Odoo skips a browser test (HttpCase.browser_js, start_tour): no Chromium, no
# websocket-client in Odoo's environment, or a browser that does not answer.  The tier
# fails on these instead of counting the tours and the crawler as passed.
BROWSER_SKIP_RE = re.compile(r"chrome|websocket|devtools|browser", re.IGNORECASE)
# Log lines of WARNING level and above that are not the addons' fault.  Each entry
# must say why it is tolerated; keep this list short.
TOLERATED = [
    # Odoo warns about the missing wkhtmltopdf binary only when a PDF is rendered
    # in a test; the report is still checked as HTML.
    re.compile(r"odoo\.addons\.base\.models\.ir_actions_report: You need Wkhtmltopdf"),
]


# ``--regression``: Odoo's own post_install tests of the modules the suite extends, run
# with the four addons installed (``make odoo-regression``).
REGRESSION_MODULES = (
    "crm",
    "sale_crm",
    "repair",
    "sale",
    "stock",
    "purchase",
    "portal",
)


class TierError(Exception):
    pass


def find_odoo():
    """The Odoo command as an argument list, or None."""
    configured = os.environ.get("ODOO_BIN", "").strip()
    if configured:
        return shlex.split(configured)
    found = shutil.which("odoo")
    return [found] if found else None


def odoo_version(odoo):
    try:
        out = subprocess.run(
            odoo + ["--version"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except OSError as err:
        raise TierError(f"cannot run {shlex.join(odoo)}: {err}") from err
    text = (out.stdout + out.stderr).strip()
    match = re.search(r"Odoo Server (\S+)", text)
    if not match:
        raise TierError(
            f"{shlex.join(odoo)} --version printed no Odoo version: {text[-300:]}"
        )
    return match.group(1)


def odoo_addons_path(odoo):
    """Odoo's own addons directories, as that Odoo command sees them."""
    configured = os.environ.get("ODOO_ADDONS_PATH", "").strip()
    if configured:
        return configured
    with tempfile.TemporaryDirectory() as tmp:
        probe = pathlib.Path(tmp) / "probe.conf"
        subprocess.run(
            odoo + ["-c", str(probe), "--save", "--stop-after-init"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=tmp,
        )
        parser = configparser.ConfigParser()
        parser.read(probe)
        path = parser.get("options", "addons_path", fallback="")
    if not path:
        raise TierError("could not ask Odoo for its addons path: set ODOO_ADDONS_PATH")
    return path


def addons_path_for(odoo):
    ours = str(ROOT / "addons")
    parts = [
        p for p in odoo_addons_path(odoo).split(",") if p and os.path.abspath(p) != ours
    ]
    return ",".join(parts + [ours])


def resolve_odoo(odoo):
    """(version, addons path) of an Odoo command; TierError unless it is Odoo 18.0."""
    version = odoo_version(odoo)
    if not version.startswith("18.0"):
        raise TierError(f"{shlex.join(odoo)} is Odoo {version}, not 18.0")
    return version, addons_path_for(odoo)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_args(odoo, addons_path):
    return odoo + ["-c", str(CONF), f"--addons-path={addons_path}"]


def run_odoo(args, log):
    """Run Odoo, copy every line to ``log``, echo the interesting ones; return
    (exit code, log lines of WARNING and above, test counts or None, skipped tests)."""
    bad, counts, skips = [], None, []
    with subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        cwd=ROOT,
    ) as proc:
        current = None
        for line in proc.stdout:
            log.write(line)
            match = LOG_RE.match(line)
            if match:
                current = match
                level = match["level"]
                if level in ("WARNING", "ERROR", "CRITICAL"):
                    entry = f"{level} {match['logger']}: {match['message']}"
                    if not any(
                        t.search(f"{match['logger']}: {match['message']}")
                        for t in TOLERATED
                    ):
                        bad.append(entry)
                    print(f"  {entry}", flush=True)
                elif "Starting " in match["message"] and ".tests." in match["logger"]:
                    print(
                        f"  {match['logger'].split('.')[2]}: {match['message']}",
                        flush=True,
                    )
                elif match["message"].startswith("skipped "):
                    skips.append(match["message"][len("skipped ") :])
                result = RESULT_RE.search(line)
                if result:
                    counts = {k: int(v) for k, v in result.groupdict().items()}
            elif current is not None and current["level"] in ("ERROR", "CRITICAL"):
                print(f"    {line.rstrip()}", flush=True)
        code = proc.wait()
    return code, bad, counts, skips


def check_translations(odoo, addons_path, db, addons, log, update=False):
    """Export the addons' terms from the test database; return the ones missing
    from the committed .pot files (with ``update``, rewrite the .pot files and
    merge them into zh_CN.po instead, and return the entries left to translate)."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for addon in addons:
            exported = pathlib.Path(tmp) / f"{addon}.pot"
            args = base_args(odoo, addons_path) + [
                "-d",
                db,
                f"--i18n-export={exported}",
                f"--modules={addon}",
                "--stop-after-init",
                "--log-level=warn",
            ]
            out = subprocess.run(
                args, capture_output=True, text=True, cwd=ROOT, check=False
            )
            log.write(out.stdout + out.stderr)
            if out.returncode or not exported.exists():
                stale.append(f"{addon}: the .pot export failed")
                continue
            if update:
                stale += [
                    f"{addon}: untranslated {m!r}"
                    for m in i18n_tool.update(addon, exported)
                ]
            else:
                stale += [
                    f"{addon}: {m!r}" for _ctx, m in i18n_tool.compare(addon, exported)
                ]
    return stale


def drop_db(odoo, addons_path, db, log):
    args = odoo + ["db", "-c", str(CONF), f"--addons-path={addons_path}", "drop", db]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    log.write(out.stdout + out.stderr)
    if out.returncode:
        print(
            f"  could not drop database {db}: {(out.stdout + out.stderr).strip()[-300:]}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--required", action="store_true", help="fail when no Odoo is found"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the test database")
    parser.add_argument(
        "--addons", default=",".join(ADDONS), help="addons to install and test"
    )
    parser.add_argument(
        "--tags", default="", help="extra --test-tags (default: the addons)"
    )
    parser.add_argument(
        "--log", default=str(LOG_FILE), help="where to write the full Odoo log"
    )
    parser.add_argument(
        "--update-pot",
        action="store_true",
        help="rewrite the addons' .pot files and merge them into zh_CN.po (then translate"
        " what it lists with tests/i18n_tool.py fill)",
    )
    parser.add_argument(
        "--regression",
        action="store_true",
        help=f"run Odoo's own post_install tests of {', '.join(REGRESSION_MODULES)} with the"
        " addons installed (warnings of Odoo's own tests are reported, not fatal; no .pot"
        " check)",
    )
    args = parser.parse_args(argv)

    odoo = find_odoo()
    if not odoo:
        print(
            "Odoo tier: SKIPPED - no Odoo 18 found (set ODOO_BIN or put an `odoo` command on PATH)"
        )
        return 2 if args.required else 0
    try:
        version, addons_path = resolve_odoo(odoo)
    except TierError as err:
        print(f"Odoo tier: FAILED - {err}")
        return 1

    addons = [a for a in args.addons.split(",") if a]
    db = f"crm_suite_test_{os.getpid()}_{int(time.time())}"
    tags = args.tags or ",".join(f"/{a}" for a in addons)
    install = addons
    if args.regression:
        install = addons + [m for m in REGRESSION_MODULES if m not in addons]
        tags = args.tags or ",".join(f"post_install/{m}" for m in REGRESSION_MODULES)
    print(f"Odoo tier: Odoo {version} ({shlex.join(odoo)}), database {db}")
    print(
        f"Odoo tier: installing {', '.join(addons)} with demo data and running tests {tags}"
    )
    started = time.monotonic()
    log_file = pathlib.Path(args.log)
    with log_file.open("w", encoding="utf-8") as log:
        cmd = base_args(odoo, addons_path) + [
            "-d",
            db,
            "-i",
            ",".join(install),
            "--test-enable",
            f"--test-tags={tags}",
            f"--http-port={free_port()}",
            "--max-cron-threads=0",
            "--stop-after-init",
            "--log-level=info",
        ]
        try:
            code, bad, counts, skips = run_odoo(cmd, log)
            stale = (
                check_translations(odoo, addons_path, db, addons, log, args.update_pot)
                # --update-pot exports even when tests failed: a test may fail only because
                # the new strings are not translated yet.
                if (code == 0 or args.update_pot) and not args.regression
                else []
            )
        finally:
            if not args.keep_db:
                drop_db(odoo, addons_path, db, log)
    elapsed = time.monotonic() - started

    problems = []
    if code:
        problems.append(f"Odoo exited with code {code}")
    if counts is None:
        problems.append("no test result line: the tests did not run")
        counts = {"tests": 0, "failed": 0, "errors": 0}
    elif counts["tests"] == 0:
        problems.append("no test ran")
    if counts["failed"] or counts["errors"]:
        problems.append(f"{counts['failed']} failed, {counts['errors']} error(s)")
    browser_skips = [s for s in skips if BROWSER_SKIP_RE.search(s)]
    if browser_skips:
        problems.append(
            f"{len(browser_skips)} browser test(s) (tours, crawler) skipped: "
            f"{browser_skips[0]} -- Odoo's environment needs Chromium and the"
            " websocket-client package"
        )
    if bad and not args.regression:
        problems.append(f"{len(bad)} WARNING/ERROR line(s) logged")
    # the failing tests again at the end, where a truncated CI output still shows them
    problems.extend(
        f"  {entry[:300]}"
        for entry in bad[:10]
        if "FAIL: " in entry or "ERROR: " in entry
    )
    for entry in stale:
        problems.append(
            f"translation to do: {entry}"
            if args.update_pot
            else f"translatable string missing from the committed .pot: {entry}"
        )

    print(f"Odoo tier: log in {log_file}, {elapsed:.0f} s")
    for problem in problems:
        print(f"Odoo tier: FAILED - {problem}")
    passed = counts["tests"] - counts["failed"] - counts["errors"]
    print(
        f"Odoo tier: {counts['tests']} tests, {passed} passed, {counts['failed']} failed,"
        f" {counts['errors']} errors, {len(bad)} warnings/errors logged"
    )
    failed = counts["failed"] + counts["errors"]
    if problems and not failed:
        failed = (
            1  # the run failed for a reason that is not a test (crash, log line, .pot)
        )
    print(f"odoo: {passed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
