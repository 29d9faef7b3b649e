# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class SettlementExport(http.Controller):
    @http.route(
        "/crm_service_station/settlement/<int:settlement_id>/xlsx",
        type="http",
        auth="user",
    )
    def settlement_xlsx(self, settlement_id, **kwargs):
        settlement = (
            request.env["crm.service.settlement"].browse(settlement_id).exists()
        )
        try:
            # The record rules decide: a station's portal users read their own settlements
            # only, service users those of their companies.
            settlement.check_access("read")
        except AccessError:
            settlement = settlement.browse()
        if not settlement:
            raise request.not_found()
        # The workbook lists the settlement's claims and lines, which a portal user may not read
        # field by field: once the settlement itself is readable, build it with sudo.
        content = settlement.sudo()._export_xlsx()
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(f"{settlement.name}.xlsx")),
            ],
        )

    @http.route("/crm_service_station/quality/xlsx", type="http", auth="user")
    def quality_xlsx(self, **kwargs):
        rates = request.env["crm.service.quality.rate"]
        rates.check_access("read")
        return request.make_response(
            rates._export_xlsx(),
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition("quality_analysis.xlsx")),
            ],
        )
