# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import urlencode

from odoo import Command, _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class StationPortal(CustomerPortal):
    """Portal of the service stations: their repair orders, warranty claims and settlements.

    Everything is read with the portal user's own rights: the record rules limit each station
    user to the documents of their station (their commercial partner)."""

    def _station(self):
        partner = request.env.user.commercial_partner_id
        return partner if partner.is_service_station else partner.browse()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        if "service_claim_count" in counters:
            values["service_claim_count"] = (
                env["crm.service.claim"].search_count([])
                if env["crm.service.claim"].has_access("read")
                else 0
            )
        if "service_settlement_count" in counters:
            values["service_settlement_count"] = (
                env["crm.service.settlement"].search_count([])
                if env["crm.service.settlement"].has_access("read")
                else 0
            )
        if "service_repair_count" in counters:
            values["service_repair_count"] = (
                env["repair.order"].search_count([("station_id", "!=", False)])
                if env["repair.order"].has_access("read")
                else 0
            )
        return values

    @http.route(["/my/service/claims"], type="http", auth="user", website=True)
    def portal_service_claims(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "claims": request.env["crm.service.claim"].search([], limit=200),
                "page_name": "service_claims",
                "station": self._station(),
            }
        )
        return request.render("crm_service_station.portal_my_service_claims", values)

    @http.route(["/my/service/claims/<int:claim_id>"], type="http", auth="user", website=True)
    def portal_service_claim(self, claim_id, error=None, **kwargs):
        claim = request.env["crm.service.claim"].browse(claim_id)
        try:
            if not claim.exists():
                raise MissingError(request.env._("This claim does not exist."))
            claim.check_access("read")
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"claim": claim, "page_name": "service_claim", "error": error})
        return request.render("crm_service_station.portal_my_service_claim", values)

    @http.route(["/my/service/claims/new"], type="http", auth="user", website=True, methods=["GET"])
    def portal_service_claim_new(self, error=None, **kwargs):
        station = self._station()
        if not station:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_claim_new",
                "station": station,
                "repairs": request.env["repair.order"].search([("station_id", "=", station.id)]),
                "failure_codes": request.env["crm.service.failure.code"].search([]),
                "operations": request.env["crm.service.labor.operation"].search([]),
                "error": error,
            }
        )
        return request.render("crm_service_station.portal_service_claim_new", values)

    @http.route(
        ["/my/service/claims/create"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_service_claim_create(self, **post):
        station = self._station()
        if not station:
            return request.redirect("/my")
        env = request.env
        try:
            claim = env["crm.service.claim"].create(self._claim_values_from_post(station, post))
        except (UserError, ValidationError, ValueError) as error:
            return self.portal_service_claim_new(error=str(error))
        if post.get("submit"):
            try:
                claim.action_submit()
            except (UserError, ValidationError) as error:
                query = urlencode({"error": str(error)})
                return request.redirect(f"/my/service/claims/{claim.id}?{query}")
        return request.redirect(f"/my/service/claims/{claim.id}")

    def _claim_values_from_post(self, station, post):
        env = request.env
        serial = (post.get("serial") or "").strip()
        # Engines are the maker's archive: a station may name any serial number, it only gets
        # the id back (the claim rule "engine exists" reports unknown serials).
        lot = env["stock.lot"].sudo().search([("name", "=", serial)], limit=1) if serial else None
        repair = env["repair.order"].browse(int(post["repair_id"])) if post.get("repair_id") else None
        if repair:
            repair.check_access("read")
        lines = []
        operation_id = post.get("operation_id")
        if operation_id:
            lines.append(
                Command.create(
                    {
                        "kind": "labor",
                        "operation_id": int(operation_id),
                        "hours": float(post.get("hours") or 0),
                    }
                )
            )
        part_code = (post.get("part_code") or "").strip()
        if part_code:
            # Parts are the maker's catalogue, which portal users cannot read: the station names
            # a part number and the claim line gets the part and its standard price.
            part = env["product.product"].sudo().search([("default_code", "=", part_code)], limit=1)
            if not part:
                raise UserError(_("There is no part with the number %(code)s.", code=part_code))
            lines.append(
                Command.create(
                    {
                        "kind": "part",
                        "product_id": part.id,
                        "quantity": float(post.get("part_qty") or 1),
                    }
                )
            )
        if post.get("travel_km"):
            lines.append(
                Command.create({"kind": "travel", "travel_km": float(post["travel_km"])})
            )
        if post.get("other_amount"):
            lines.append(
                Command.create(
                    {
                        "kind": "other",
                        "name": post.get("other_name") or "",
                        "other_amount": float(post["other_amount"]),
                    }
                )
            )
        return {
            "station_id": station.id,
            "lot_id": lot.id if lot else False,
            "repair_id": repair.id if repair else False,
            "failure_code_id": int(post["failure_code_id"]) if post.get("failure_code_id") else False,
            "service_type": post.get("service_type") or "warranty",
            "repair_date": post.get("repair_date") or False,
            "completion_date": post.get("completion_date") or False,
            "mileage_km": float(post.get("mileage_km") or 0),
            "description": post.get("description") or "",
            "line_ids": lines,
        }

    @http.route(
        ["/my/service/claims/<int:claim_id>/submit"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_claim_submit(self, claim_id, **post):
        claim = request.env["crm.service.claim"].browse(claim_id)
        try:
            claim.action_submit()
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as error:
            query = urlencode({"error": str(error)})
            return request.redirect(f"/my/service/claims/{claim_id}?{query}")
        return request.redirect(f"/my/service/claims/{claim_id}")

    @http.route(["/my/service/settlements"], type="http", auth="user", website=True)
    def portal_service_settlements(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "settlements": request.env["crm.service.settlement"].search([], limit=200),
                "page_name": "service_settlements",
            }
        )
        return request.render("crm_service_station.portal_my_service_settlements", values)

    @http.route(["/my/service/repairs"], type="http", auth="user", website=True)
    def portal_service_repairs(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "repairs": request.env["repair.order"].search(
                    [("station_id", "!=", False)], limit=200
                ),
                "page_name": "service_repairs",
            }
        )
        return request.render("crm_service_station.portal_my_service_repairs", values)
