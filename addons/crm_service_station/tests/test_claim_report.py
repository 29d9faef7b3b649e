# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The documents people print: the warranty claim and the settlement statement, checked
as HTML (figures) and rendered through wkhtmltopdf when it is installed (an HttpCase: the
PDF engine fetches the report's CSS from the running server)."""

from datetime import timedelta
import io
import logging
import re
import subprocess

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from odoo.addons.base.models import ir_actions_report

from .common import ServiceCommon

CLAIM_REPORT = "crm_service_station.crm_service_claim_report"
SETTLEMENT_REPORT = "crm_service_station.crm_service_settlement_report"
NO_PDF = "wkhtmltopdf is not installed: PDFs not rendered"


def pdf_pages(content):
    """The number of pages of a PDF (PyPDF2 ships with Odoo 18). The text is not read
    back: wkhtmltopdf embeds the report's web fonts without a usable text map, so the
    figures are checked on the HTML of the same report."""
    from PyPDF2 import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


# What wkhtmltopdf built without patched Qt writes on stderr on every run: Odoo's header
# and footer switches are ignored, and Qt picks a runtime directory. Properties of the
# installed binary, not of the report.
_UNPATCHED_QT_NOISE = re.compile(
    r"The switch --[\w-]+, is not support using unpatched qt, and will be ignored\."
    r"|QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '[^']*'"
)


class _UnpatchedQtFilter(logging.Filter):
    """Drops a ``wkhtmltopdf:`` warning made only of that noise; any other word of it
    (a real rendering problem) still reaches the log and fails the tier."""

    def filter(self, record):
        message = record.getMessage()
        if not message.startswith("wkhtmltopdf: "):
            return True
        return bool(
            _UNPATCHED_QT_NOISE.sub("", message[len("wkhtmltopdf: ") :]).strip()
        )


def wkhtmltopdf_patched_qt():
    """Whether the installed wkhtmltopdf is built with patched Qt (the only kind that
    renders several documents in one run, i.e. a print of several records)."""
    version = subprocess.run(
        [ir_actions_report._get_wkhtmltopdf_bin(), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    return "patched qt" in version.stdout.lower()


def table_rows(html, name, symbol):
    """The cells' text of each row of the table ``name`` of a rendered report (header
    cells are ``th``), currency symbol left out."""
    table = html.split(f'name="{name}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in table.split("<tr")[1:]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        if cells:
            rows.append([_cell_text(cell, symbol) for cell in cells])
    return rows


def _cell_text(cell, symbol):
    text = re.sub(r"<[^>]+>", "", cell).replace("&nbsp;", " ").replace(symbol, "")
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@tagged("post_install", "-at_install")
class TestClaimReport(ServiceCommon, HttpCase):
    """The claim of ``_claim_vals``: labor 2 h x 80 = 160, part 2 x 100 x 1.10 = 220,
    travel 40 km x 3.5 = 140; claimed 520. Approved partially: the part 1 x 100 x 1.10 =
    110, the travel 100 instead of 140: approved 160 + 110 + 100 = 370."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine.write(
            {
                "engine_vin": "LZZ1CLSB5KW000123",
                "engine_warranty_end": cls.today + timedelta(days=500),
            }
        )
        cls.claim = cls.env["crm.service.claim"].create(
            cls._claim_vals(
                causal_product_id=cls.part.id,
                description="Black smoke at full load; injector 3 leaking.",
            )
        )
        cls.claim.action_submit()
        part = cls.claim.line_ids.filtered(lambda line: line.kind == "part")
        travel = cls.claim.line_ids.filtered(lambda line: line.kind == "travel")
        cls.claim.with_user(cls.service_manager).action_approve_partially(
            {
                part.id: {"approved_quantity": 1, "reason_id": cls.reason.id},
                travel.id: {"approved_amount": 100, "reason_id": cls.reason.id},
            },
            cls.OVERRIDE,
        )
        cls.rejected = cls.env["crm.service.claim"].create(
            cls._claim_vals(station=cls.station_b)
        )
        cls.rejected.action_submit()
        cls.rejected.with_user(cls.service_manager).action_reject(cls.reason.id)
        cls.symbol = cls.env.company.currency_id.symbol

    def _html(self, report, records, user=None, lang=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        if lang:
            Report = Report.with_context(lang=lang)
        html, _type = Report._render_qweb_html(report, records.ids)
        return re.sub(r"\s+", " ", html.decode())

    def _pdf(self, report, records):
        """Render through wkhtmltopdf (test mode returns HTML unless forced)."""
        if ir_actions_report.wkhtmltopdf_state != "ok":
            self.skipTest(NO_PDF)
        logger = logging.getLogger(ir_actions_report.__name__)
        unpatched_qt = _UnpatchedQtFilter()
        logger.addFilter(unpatched_qt)
        try:
            content, report_type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, records.ids)
            )
        finally:
            logger.removeFilter(unpatched_qt)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"))
        return content

    def test_claim_report_bound_to_print_menu(self):
        action = self.env.ref(CLAIM_REPORT)
        self.assertEqual(action.binding_model_id.model, "crm.service.claim")
        self.assertEqual(action.binding_type, "report")
        self.assertEqual(action.report_type, "qweb-pdf")
        self.assertEqual(action.print_report_name, "'Warranty Claim %s' % object.name")

    def test_claim_html_figures(self):
        self.assertEqual(self.claim.state, "partially_approved")
        self.assertEqual(self.claim.approved_amount, 370.0)
        html = self._html(CLAIM_REPORT, self.claim, user=self.service_user)
        for text in (
            self.claim.name,
            "Station A",
            "TA-1",
            "T615-0001",
            "Test Engine T615",
            "LZZ1CLSB5KW000123",
            "50,000",
            self.failure.display_name,
            "Test Injector",
            "Black smoke at full load; injector 3 leaking.",
            "Out of warranty",
            "Partially Approved",
            self.OVERRIDE,
            "Service Station (Signature and Seal)",
            "Approved by (After-Sales Manager)",
        ):
            self.assertIn(text, html)
        rows = table_rows(html, "lines", self.symbol)
        # kind, description, quantity, rate, claimed, approved quantity, approved, reason
        self.assertEqual(
            rows,
            [
                [
                    "Labor",
                    "[T-OP1] Replace injector",
                    "2.00 h",
                    "80.00",
                    "160.00",
                    "2.00",
                    "160.00",
                    "",
                ],
                [
                    "Part",
                    "[T-INJ] Test Injector",
                    "2.00",
                    "100.00",
                    "220.00",
                    "1.00",
                    "110.00",
                    "Out of warranty",
                ],
                [
                    "Travel",
                    "",
                    "40.00 km",
                    "3.50",
                    "140.00",
                    "",
                    "100.00",
                    "Out of warranty",
                ],
            ],
        )
        self.assertEqual(
            table_rows(html, "totals", self.symbol),
            [
                ["Labor", "160.00"],
                ["Parts", "220.00"],
                ["Travel", "140.00"],
                ["Other", "0.00"],
                ["Claimed Amount", "520.00"],
                ["Approved Amount", "370.00"],
            ],
        )
        # One row per automatic check: rule, verdict, message.
        checks = self.claim.check_ids
        failed = checks.filtered(lambda check: not check.passed)
        self.assertTrue(failed, "the claim was approved over failed checks")
        rule_labels = dict(checks._fields["rule"]._description_selection(self.env))
        self.assertEqual(
            table_rows(html, "checks", self.symbol),
            [
                [
                    rule_labels[check.rule],
                    "Passed" if check.passed else "Failed",
                    check.message,
                ]
                for check in checks
            ],
        )

    def test_claim_html_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_service_station")._update_translations(["zh_CN"])
        html = self._html(CLAIM_REPORT, self.claim, lang="zh_CN")
        for text in (self.claim.name, "索赔单", "520.00", "370.00", "部分批准"):
            self.assertIn(text, html)
        self.assertIn("服务站(签字盖章)", html)
        self.assertNotIn("Service Station (Signature and Seal)", html)

    def test_rejected_claim_shows_reason_and_no_approved_lines(self):
        html = self._html(CLAIM_REPORT, self.rejected)
        self.assertIn("Rejected", html)
        self.assertIn("Out of warranty", html)
        self.assertIn("Too old.", html)
        rows = table_rows(html, "lines", self.symbol)
        # Claimed 160, 220, 140; the approved quantity and amount cells stay empty.
        self.assertEqual(
            [(row[4], row[5], row[6]) for row in rows],
            [("160.00", "", ""), ("220.00", "", ""), ("140.00", "", "")],
        )

    def test_claim_report_refused_without_access(self):
        with self.assertRaises(AccessError) as caught:
            self._html(CLAIM_REPORT, self.claim, user=self.plain_user)
        self.assertIn(
            "You are not allowed to access 'Warranty Claim' (crm.service.claim) records.",
            str(caught.exception),
        )

    def test_claim_report_refused_to_another_station(self):
        """The access check runs before the template: a portal user of station B is
        refused station A's claim by the record rules (the claim PDF is a back-office
        document; the portal shows the claim as a page)."""
        portal_b = new_test_user(
            self.env,
            login="css_report_portal_b",
            groups="base.group_portal",
            partner_id=self.station_b.id,
        )
        with self.assertRaises(AccessError) as caught:
            self._html(CLAIM_REPORT, self.claim, user=portal_b)
        self.assertIn(
            "doesn't have 'read' access to:\n- Warranty Claim (crm.service.claim)",
            str(caught.exception),
        )

    def test_claim_pdf(self):
        for claim in self.claim | self.rejected:
            self.assertGreaterEqual(pdf_pages(self._pdf(CLAIM_REPORT, claim)), 1)

    def test_claims_printed_together(self):
        if ir_actions_report.wkhtmltopdf_state != "ok":
            self.skipTest(NO_PDF)
        if not wkhtmltopdf_patched_qt():
            self.skipTest(
                "wkhtmltopdf is built without patched Qt: a print of several records is"
                " not rendered"
            )
        pages = [
            pdf_pages(self._pdf(CLAIM_REPORT, claim))
            for claim in self.claim | self.rejected
        ]
        both = pdf_pages(self._pdf(CLAIM_REPORT, self.claim | self.rejected))
        self.assertEqual(both, sum(pages))

    def test_settlement_statement_pdf(self):
        wizard = (
            self.env["crm.service.settlement.wizard"]
            .with_user(self.service_manager)
            .create(
                {
                    "date_from": self.today - timedelta(days=30),
                    "date_to": self.today,
                    "station_ids": [Command.set(self.station_a.ids)],
                }
            )
        )
        settlement = self.env["crm.service.settlement"].search(
            wizard.action_settle()["domain"]
        )
        self.assertEqual(settlement.claim_ids, self.claim)
        with self.assertRaises(AccessError):
            self._html(SETTLEMENT_REPORT, settlement, user=self.plain_user)
        html = self._html(SETTLEMENT_REPORT, settlement, user=self.service_manager)
        # Breakdown: claimed / approved / reduced per kind; the part 220 -> 110, the
        # travel 140 -> 100.
        self.assertEqual(
            table_rows(html, "breakdown", self.symbol),
            [
                ["Labor", "160.00", "160.00", "0.00"],
                ["Part", "220.00", "110.00", "110.00"],
                ["Travel", "140.00", "100.00", "40.00"],
                ["Other", "0.00", "0.00", "0.00"],
            ],
        )
        self.assertGreaterEqual(pdf_pages(self._pdf(SETTLEMENT_REPORT, settlement)), 1)
