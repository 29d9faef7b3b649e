# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import date
import io
import logging
import re

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, new_test_user
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.models import ir_actions_report
from odoo.addons.base.models.ir_qweb import QWebException

CONTRACT_REPORT = "crm_coal.crm_coal_contract_report"
LOT_REPORT = "crm_coal.crm_coal_delivery_lot_report"
PROFILE_REPORT = "crm_coal.res_partner_key_account_report"

# What a wkhtmltopdf built without its patched Qt (the Debian package) prints on every
# run: Odoo logs its stderr as a warning.  Only these sentences are dropped; any other
# output of wkhtmltopdf stays a warning (and fails the test and the tier).
WKHTMLTOPDF_NOISE = re.compile(
    r"The switch --[\w-]+, is not support using unpatched qt, and will be ignored\."
    r"|QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '[^']*'"
)


class _WkhtmltopdfNoise(logging.Filter):
    def __init__(self):
        super().__init__()
        self.kept = []

    def filter(self, record):
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if not message.startswith("wkhtmltopdf: "):
            self.kept.append(message)
            return True
        rest = WKHTMLTOPDF_NOISE.sub("", message.removeprefix("wkhtmltopdf: "))
        if rest.strip():
            self.kept.append(message)
            return True
        return False


@contextmanager
def wkhtmltopdf_log():
    """Collect the warnings of the report engine while rendering, without the
    unpatched-Qt notices of wkhtmltopdf."""
    logger = logging.getLogger(ir_actions_report.__name__)
    noise = _WkhtmltopdfNoise()
    logger.addFilter(noise)
    try:
        yield noise.kept
    finally:
        logger.removeFilter(noise)


@tagged("post_install", "-at_install")
class TestCoalReports(HttpCase):
    """The printed contract, lot settlement and key-account profile: the figures by hand
    in the HTML, and the PDF through wkhtmltopdf (the test server serves its CSS)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"]
        for key, value in (
            ("supply_window_days", 7),
            ("supply_red_days", 7),
            ("supply_amber_days", 15),
            ("supply_normal_days", 20),
        ):
            icp.set_param(f"crm_coal.{key}", value)
        cls.user = new_test_user(
            cls.env, login="coal_printer", groups="crm_coal.group_crm_coal_user"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_printer", groups="sales_team.group_sale_salesman"
        )
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {
                "name": "Print Test Power Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
                "coal_annual_demand": 2000000,
                "coal_our_share": 25,
                "coal_representative_ids": [(6, 0, [cls.user.id])],
            }
        )
        cls.contact = Partner.create(
            {
                "name": "Fuel Manager Wang",
                "parent_id": cls.account.id,
                "function": "Fuel Department Head",
                "coal_contact_level": "fuel",
                "phone": "+86 10 1234 5678",
            }
        )
        cls.contract = cls.env["crm.coal.contract"].create(
            {
                "name": "PRINT-2024",
                "partner_id": cls.account.id,
                "date_start": date(2024, 5, 1),
                "date_end": date(2024, 12, 31),
                "price": 700,
                "base_cv": 5500,
                "term_ids": [
                    (0, 0, {"kind": "deduction", "parameter": "moisture", "spec": 10}),
                    (
                        0,
                        0,
                        {
                            "kind": "deduction",
                            "parameter": "sulfur",
                            "spec": 0.8,
                            "method": "fixed",
                            "rate": 5,
                            "step": 0.1,
                            "step_rounding": "up",
                        },
                    ),
                    (0, 0, {"kind": "rejection", "parameter": "cv", "minimum": 4500}),
                    (0, 0, {"kind": "rejection", "parameter": "ash", "maximum": 25}),
                ],
                "plan_ids": [
                    (0, 0, {"month": date(2024, 5, 1), "planned_t": 3000}),
                    (0, 0, {"month": date(2024, 6, 1), "planned_t": 2000}),
                ],
                "collection_ids": [
                    (
                        0,
                        0,
                        {
                            "due_date": date(2024, 6, 30),
                            "planned_amount": 400000,
                            "note": "First instalment",
                        },
                    ),
                    (
                        0,
                        0,
                        {"due_date": date(2024, 7, 31), "planned_amount": 218630},
                    ),
                ],
            }
        )
        Lot = cls.env["crm.coal.delivery.lot"]
        lab = {
            "contract_id": cls.contract.id,
            "date": date(2024, 5, 10),
            "tonnage": 1000,
            "lab_cv": 5000,
            "lab_moisture": 12,
            "lab_ash": 20,
            "lab_sulfur": 0.85,
            "lab_volatile": 28,
        }
        cls.lot = Lot.create(dict(lab, name="LOT-OK"))
        cls.rejected = Lot.create(dict(lab, name="LOT-ASH", lab_ash=27))

    def _html(self, report, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            report, records.ids
        )
        return html.decode()

    def _pdf(self, report, records):
        """The PDF through wkhtmltopdf (a skip when it is not installed), checked to
        have pages and to log no warning."""
        if ir_actions_report.wkhtmltopdf_state != "ok":
            self.skipTest("wkhtmltopdf is not installed: PDFs not rendered")
        with wkhtmltopdf_log() as warnings:
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, records.ids)
            )
        self.assertEqual(warnings, [])
        self.assertTrue(pdf.startswith(b"%PDF"))
        return PdfFileReader(io.BytesIO(pdf))

    def test_contract_figures(self):
        html = self._html(CONTRACT_REPORT, self.contract)
        for text in (
            "Coal Supply Contract",
            "PRINT-2024",
            "Print Test Power Plant",
            self.env.company.name,
            "700.00",  # contract price
            "5,500",  # base calorific value
            # moisture: 1 % of the price a point above 10.00 %, pro rata
            "1% of the price for each step of 1 above spec (Pro rata)",
            # sulfur: 5.00 per t each started 0.1 step above 0.80 %
            "for each step of 0.1 above spec (Every started step)",
            "4,500.00",  # CV rejection minimum
            "25.00",  # ash rejection maximum
            "2024-05",
            "3,000.0",
            "5,000.0",  # planned 3,000 + 2,000
            "First instalment",
            "618,630.00",  # payment terms 400,000 + 218,630
            "Seller (Signature and Seal)",
            "Buyer (Signature and Seal)",
        ):
            self.assertIn(text, html)

    def test_lot_settlement_figures(self):
        # 700 × 5000 / 5500 = 636.36 (adjustment -63.64); moisture 2 points × 1 % of
        # 636.36 = 12.73; sulfur 0.05 above 0.80, a started 0.1 step: 5.00; deductions
        # 17.73; 636.36 - 17.73 = 618.63 per t; × 1,000 t = 618,630.00
        html = self._html(LOT_REPORT, self.lot)
        for text in (
            "LOT-OK",
            "PRINT-2024",
            "700.00",
            "63.64",  # 636.36 - 700.00, shown negative
            "636.36",
            "12.73",
            "5.00",
            "17.73",
            "618.63",
            "1,000.00",
            "618,630.00",
            "Buyer (Signature and Seal)",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Lot Rejected", html)

    def test_rejected_lot_reasons(self):
        self.assertEqual(self.rejected.status, "rejected")
        html = self._html(LOT_REPORT, self.rejected)
        self.assertIn("Lot Rejected", html)
        self.assertIn("Ash (%) 27", html)
        self.assertIn("is above the maximum 25", html)
        self.assertNotIn("Settlement Price (per t)", html)

    def test_key_account_profile_figures(self):
        criteria = self.env["crm.coal.score.criterion"].search([])
        criteria.active = False
        volume, price = self.env["crm.coal.score.criterion"].create(
            [
                {"name": "Print Volume", "weight": 3},
                {"name": "Print Price", "weight": 1},
            ]
        )
        self.account.coal_score_ids = [
            (0, 0, {"criterion_id": volume.id, "score": 80, "note": "Big buyer"}),
            (0, 0, {"criterion_id": price.id, "score": 40}),
        ]
        self.env["crm.coal.plant"].create(
            [
                {
                    "name": "Unit 1",
                    "partner_id": self.account.id,
                    "capacity_mw": 600,
                    "design_burn_t_day": 6000,
                },
                {
                    "name": "Unit 2",
                    "partner_id": self.account.id,
                    "capacity_mw": 350,
                    "design_burn_t_day": 4000,
                },
            ]
        )
        rival = self.env["res.partner"].create(
            {"name": "Rival Mining", "is_company": True}
        )
        self.env["crm.coal.competitor.supply"].create(
            {
                "partner_id": self.account.id,
                "supplier_id": rival.id,
                "date": date(2024, 5, 1),
                "share_pct": 30,
                "price": 690,
                "grade_cv": 5300,
            }
        )
        Report = self.env["crm.coal.site.report"].with_user(self.user)
        for day, burn, stock in (
            (date(2024, 5, 1), 100, 5000),
            (date(2024, 5, 2), 300, 1000),
        ):
            Report.create(
                {
                    "partner_id": self.account.id,
                    "user_id": self.user.id,
                    "date": day,
                    "burn_t": burn,
                    "stockpile_t": stock,
                }
            )
        # (3 × 80 + 1 × 40) / 4 = 70; 2,000,000 t × 25 % = 500,000 t; burn 6,000 + 4,000;
        # (100 + 300) / 2 = 200 t a day: 1,000 / 200 = 5.00 days, red (7 days or less)
        self.assertEqual(self.account.coal_score, 70)
        self.assertEqual(self.account.coal_days_of_supply, 5)
        html = self._html(PROFILE_REPORT, self.account)
        for text in (
            "Key-Account Profile",
            "A - Strategic partner",
            "70.00",
            "Print Volume",
            "Big buyer",
            "2,000,000",
            "25.0",
            "500,000",
            "10,000",
            "5.00",
            "Red",
            "Unit 1",
            "600.0",
            "Rival Mining",
            "30.0",
            "690.00",
            "Receivables Aging",
            "Fuel Manager Wang",
            "Fuel department",
        ):
            self.assertIn(text, html)

    def test_not_a_key_account(self):
        html = self._html(PROFILE_REPORT, self.contact)
        self.assertIn("This partner is not a coal key account.", html)

    def test_settlement_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_coal")._update_translations(["zh_CN"])
        html, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(LOT_REPORT, self.lot.ids)
        )
        html = html.decode()
        self.assertIn("批次结算单", html)
        self.assertNotIn("Price Calculation", html)

    def test_print_needs_read_access(self):
        with self.assertRaises(QWebException) as caught:
            self.env["ir.actions.report"].with_user(self.plain_user)._render_qweb_html(
                LOT_REPORT, self.lot.ids
            )
        self.assertIsInstance(caught.exception.__cause__, AccessError)
        self.assertIn(
            "You are not allowed to access 'Delivered Coal Lot'",
            str(caught.exception.__cause__),
        )
        profile = self.env.ref(PROFILE_REPORT)
        self.assertIn(self.env.ref("crm_coal.group_crm_coal_user"), profile.groups_id)

    def test_pdfs_render(self):
        # The text layer of wkhtmltopdf's PDFs (unpatched Qt) does not extract: the
        # figures are checked in the HTML above; here each document renders, one record
        # at a time, without a warning.
        for report, record in (
            (CONTRACT_REPORT, self.contract),
            (LOT_REPORT, self.lot),
            (LOT_REPORT, self.rejected),
            (PROFILE_REPORT, self.account),
        ):
            with self.subTest(report=report, record=record.display_name):
                self.assertGreaterEqual(len(self._pdf(report, record).pages), 1)
