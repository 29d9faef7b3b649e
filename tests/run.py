"""The project's test command (``make test``): tier 1, then the Odoo tier.

    python tests/run.py                 # tier 1, and the Odoo tier when an Odoo 18 is found
    python tests/run.py --odoo required # fail when no Odoo 18 is found
    python tests/run.py --odoo skip     # tier 1 only

Tier 1 is pytest over tests/ (pure-Python domain functions and static checks
of the addons; no Odoo needed).  The Odoo tier is tests/odoo_tier.py.  The last
lines say which tiers ran and give the total as ``total: N passed, M failed``.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def run_tier1():
    with tempfile.TemporaryDirectory() as tmp:
        junit = pathlib.Path(tmp) / "tier1.xml"
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                str(HERE),
                "-q",
                "-p",
                "no:cacheprovider",
                f"--junitxml={junit}",
            ],
            cwd=ROOT,
        )
        tests = failures = skipped = 0
        if junit.exists():
            for suite in ElementTree.parse(junit).getroot().iter("testsuite"):
                tests += int(suite.get("tests", 0))
                failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
                skipped += int(suite.get("skipped", 0))
    passed = tests - failures - skipped
    ok = code == 0 and tests > 0
    return ok, passed, failures + (0 if ok or failures else 1), skipped


def run_odoo_tier(mode):
    if mode == "skip":
        return True, None, 0, 0, "Odoo tier: SKIPPED (--odoo skip)"
    args = [sys.executable, str(HERE / "odoo_tier.py")]
    if mode == "required":
        args.append("--required")
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in proc.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip())
    code = proc.wait()
    summary = [line for line in lines if line.startswith("Odoo tier:")]
    if any("SKIPPED" in line for line in summary):
        return code == 0, None, 0, 0, summary[-1]
    match = next(
        (
            re.match(r"odoo: (\d+) passed, (\d+) failed", line)
            for line in reversed(lines)
            if line.startswith("odoo: ")
        ),
        None,
    )
    passed, failed = (int(match[1]), int(match[2])) if match else (0, 1)
    if code and not failed:
        failed = 1  # a failure that is not a test (warning logged, stale .pot, crash)
    keep = [line for line in summary if "FAILED" in line or " tests, " in line]
    return code == 0, passed, failed, 0, "\n".join(keep or summary[-1:])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo", choices=("auto", "required", "skip"), default="auto")
    args = parser.parse_args(argv)

    print(
        "== Tier 1: pure-Python domain functions and static checks (pytest) ==",
        flush=True,
    )
    ok1, passed1, failed1, skipped1 = run_tier1()
    print(
        "== Odoo tier: install the addons with demo data and run their tests ==",
        flush=True,
    )
    ok2, passed2, failed2, _skipped2, odoo_summary = run_odoo_tier(args.odoo)

    print("== Summary ==")
    print(f"Tier 1: ran - {passed1} passed, {failed1} failed, {skipped1} skipped")
    print(odoo_summary)
    if passed2 is None:
        print(
            "Odoo tier: did NOT run - only tier 1 was tested; the addons were not installed"
        )
    total_passed = passed1 + (passed2 or 0)
    total_failed = failed1 + failed2
    print(f"total: {total_passed} passed, {total_failed} failed")
    return 0 if ok1 and ok2 and not total_failed else 1


if __name__ == "__main__":
    sys.exit(main())
