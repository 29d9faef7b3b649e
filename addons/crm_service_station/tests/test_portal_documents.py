# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A station prints its own claims and settlement statements from the portal (the back
office's QWeb reports); nobody else's (issue 16, item 7).

Under tests Odoo answers a PDF report with its HTML (no wkhtmltopdf run inside a request:
the engine would fetch the report's CSS from the test server busy with that request);
TestClaimReport renders the same reports through wkhtmltopdf."""

from odoo.tests import tagged

from .test_portal import StationPortalCase


@tagged("post_install", "-at_install")
class TestStationPortalDocuments(StationPortalCase):
    def _get(self, url):
        return self.url_open(url)

    def _assert_document(self, response, record):
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(record.name, response.text)

    def test_station_prints_its_claim_and_statement(self):
        self.authenticate("station_a_portal", "station_a_portal")
        page = self.url_open(f"/my/service/claims/{self.claim_a.id}")
        self.assertIn(f"/my/service/claims/{self.claim_a.id}/pdf", page.text)
        self._assert_document(
            self._get(f"/my/service/claims/{self.claim_a.id}/pdf"), self.claim_a
        )
        listing = self.url_open("/my/service/settlements")
        self.assertIn(
            f"/my/service/settlements/{self.settlement_a.id}/pdf", listing.text
        )
        self._assert_document(
            self._get(f"/my/service/settlements/{self.settlement_a.id}/pdf"),
            self.settlement_a,
        )

    def test_other_station_documents_not_found(self):
        self.authenticate("station_a_portal", "station_a_portal")
        for url in (
            f"/my/service/claims/{self.claim_b.id}/pdf",
            f"/my/service/claims/{self.claim_b_draft.id}/pdf",
            f"/my/service/settlements/{self.settlement_b.id}/pdf",
            "/my/service/claims/999999999/pdf",
        ):
            response = self._get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.claim_b.name, response.text, url)

    def test_anonymous_sent_to_login(self):
        response = self.url_open(
            f"/my/service/claims/{self.claim_a.id}/pdf", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
