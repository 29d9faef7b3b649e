"""Tier 1: the Odoo tier's reading of Odoo's log (no Odoo needed)."""

import io
import sys

import odoo_tier
import pytest

HEAD = "2026-12-04 10:00:00,123 4242 INFO crm_suite_test odoo.addons.crm_coal.tests.test_x: "
LINES = [
    HEAD + "Starting TestTour.test_tour ...",
    HEAD + "skipped TestTour.test_tour : websocket-client module is not installed",
    HEAD + "skipped TestY.test_z : the demo data is not loaded",
    "2026-12-04 10:00:01,000 4242 INFO crm_suite_test odoo.tests.result:"
    " 0 failed, 0 error(s) of 2 tests when loading database 'crm_suite_test'",
]


def fake_odoo(lines):
    script = f"for line in {lines!r}:\n    print(line)\n"
    return [sys.executable, "-c", script]


def test_run_odoo_collects_skips_and_counts():
    code, bad, counts, skips = odoo_tier.run_odoo(fake_odoo(LINES), io.StringIO())
    assert code == 0
    assert bad == []
    assert counts == {"failed": 0, "errors": 0, "tests": 2}
    assert skips == [
        "TestTour.test_tour : websocket-client module is not installed",
        "TestY.test_z : the demo data is not loaded",
    ]


@pytest.mark.parametrize(
    ("reason", "browser"),
    [
        # the reasons Odoo 18's HttpCase gives when it cannot run a browser test
        ("websocket-client module is not installed", True),
        ("Chrome executable not found", True),
        ("Failed to detect chrome devtools port after 15.0s.", True),
        ("Error during Chrome headless connection", True),
        ("Cannot connect to chrome dev tools", True),
        ("the demo data is not loaded", False),
        ("no wkhtmltopdf: the PDF is checked as HTML", False),
    ],
)
def test_browser_skip_reasons(reason, browser):
    assert bool(odoo_tier.BROWSER_SKIP_RE.search(reason)) is browser
