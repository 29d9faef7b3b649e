# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class DocumentReportMixin(models.AbstractModel):
    """The printed documents check the reader's access before rendering (``/report/pdf``
    is reachable by any logged-in user, and the template would otherwise read fields the
    ORM already holds in cache)."""

    _name = "crm.service.document.report.mixin"
    _description = "Service Network Printed Document"
    _doc_model = None

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._doc_model].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": self._doc_model,
            "docs": docs,
            "data": data,
        }


class ReportClaim(models.AbstractModel):
    _name = "report.crm_service_station.report_claim"
    _inherit = "crm.service.document.report.mixin"
    _description = "Warranty Claim (printed)"
    _doc_model = "crm.service.claim"


class ReportSettlement(models.AbstractModel):
    _name = "report.crm_service_station.report_settlement"
    _inherit = "crm.service.document.report.mixin"
    _description = "Settlement Statement (printed)"
    _doc_model = "crm.service.settlement"
