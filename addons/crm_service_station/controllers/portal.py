# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from urllib.parse import urlencode

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

# The largest figure a station may type in the claim form (km, hours, quantities, amounts).
MAX_FORM_NUMBER = 10_000_000


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

    @http.route(
        ["/my/service/claims/<int:claim_id>"], type="http", auth="user", website=True
    )
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

    @http.route(
        ["/my/service/claims/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_service_claim_new(self, error=None, **kwargs):
        station = self._station()
        if not station:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_claim_new",
                "station": station,
                "repairs": request.env["repair.order"].search(
                    [("station_id", "=", station.id)]
                ),
                "failure_codes": request.env["crm.service.failure.code"].search([]),
                "operations": request.env["crm.service.labor.operation"].search([]),
                "error": error,
            }
        )
        return request.render("crm_service_station.portal_service_claim_new", values)

    @http.route(
        ["/my/service/claims/create"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_claim_create(self, **post):
        station = self._station()
        if not station:
            return request.redirect("/my")
        try:
            vals = self._claim_values_from_post(station, post)
            # Portal users have no write access on claims: the values are the validated
            # whitelist above, the station and company come from the server.
            claim = request.env["crm.service.claim"].sudo().create(vals)
        except (UserError, ValidationError, AccessError) as error:
            return self.portal_service_claim_new(error=str(error))
        if post.get("submit"):
            return self._submit_claim(claim.sudo(False))
        return request.redirect(f"/my/service/claims/{claim.id}")

    # ---------------------------------------------------------------- form parsing
    def _post_number(self, post, name, label, default=0.0):
        """A finite, non-negative number of the posted form (``default`` when empty)."""
        raw = (post.get(name) or "").strip()
        if not raw:
            return default
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not 0 <= number <= MAX_FORM_NUMBER:
            raise UserError(
                request.env._(
                    "%(field)s must be a number between 0 and %(max)s (got %(value)s).",
                    field=label,
                    max=f"{MAX_FORM_NUMBER:,}",
                    value=raw[:40],
                )
            )
        return number

    def _post_date(self, post, name, label):
        raw = (post.get(name) or "").strip()
        if not raw:
            return False
        try:
            return fields.Date.to_date(raw)
        except ValueError:
            raise UserError(
                request.env._(
                    "%(field)s is not a valid date (got %(value)s).",
                    field=label,
                    value=raw[:40],
                )
            ) from None

    def _post_record(self, post, name, model, domain, label):
        """The record of ``model`` (read with the user's rights, within ``domain``) whose id is
        posted as ``name``; empty when nothing is posted."""
        records = request.env[model]
        raw = (post.get(name) or "").strip()
        if not raw:
            return records.browse()
        record = (
            records.search([("id", "=", int(raw))] + domain, limit=1)
            if raw.isdigit() and len(raw) < 10
            else None
        )
        if not record:
            raise UserError(request.env._("Choose a valid %(field)s.", field=label))
        return record

    def _claim_values_from_post(self, station, post):
        """The claim values from the posted form: validated, and only the fields a station
        fills in. Rates, prices, state, company and station come from the server."""
        env = request.env
        _ = env._
        serial = (post.get("serial") or "").strip()
        # Engines are the maker's archive: a station may name any serial number, it only gets
        # the id back (the claim rule "engine exists" reports unknown serials).
        lot = (
            env["stock.lot"].sudo().search([("name", "=", serial)], limit=1)
            if serial
            else None
        )
        # The station's own repair orders (portal record rule) and the maker's catalogues.
        repair = self._post_record(
            post,
            "repair_id",
            "repair.order",
            [("station_id", "=", station.id)],
            request.env._("repair order"),
        )
        failure = self._post_record(
            post,
            "failure_code_id",
            "crm.service.failure.code",
            [],
            request.env._("failure code"),
        )
        operation = self._post_record(
            post,
            "operation_id",
            "crm.service.labor.operation",
            [],
            request.env._("labor operation"),
        )
        service_type = post.get("service_type") or "warranty"
        claim_fields = env["crm.service.claim"]._fields
        if service_type not in dict(
            claim_fields["service_type"]._description_selection(env)
        ):
            raise UserError(
                request.env._(
                    "Choose a valid %(field)s.", field=request.env._("service type")
                )
            )
        lines = []
        if operation:
            lines.append(
                Command.create(
                    {
                        "kind": "labor",
                        "operation_id": operation.id,
                        "hours": self._post_number(
                            post, "hours", request.env._("Hours")
                        ),
                    }
                )
            )
        part_code = (post.get("part_code") or "").strip()
        if part_code:
            # Parts are the maker's catalogue, which portal users cannot read: the station names
            # a part number and the claim line gets the part and its standard price.
            part = (
                env["product.product"]
                .sudo()
                .search([("default_code", "=", part_code)], limit=1)
            )
            if not part:
                raise UserError(
                    request.env._(
                        "There is no part with the number %(code)s.", code=part_code
                    )
                )
            quantity = self._post_number(
                post, "part_qty", request.env._("Quantity"), default=1.0
            )
            lines.append(
                Command.create(
                    {"kind": "part", "product_id": part.id, "quantity": quantity}
                )
            )
        travel_km = self._post_number(post, "travel_km", request.env._("Distance (km)"))
        if travel_km:
            lines.append(Command.create({"kind": "travel", "travel_km": travel_km}))
        other_amount = self._post_number(
            post, "other_amount", request.env._("Other Cost")
        )
        if other_amount:
            lines.append(
                Command.create(
                    {
                        "kind": "other",
                        "name": (post.get("other_name") or "")[:200],
                        "other_amount": other_amount,
                    }
                )
            )
        vals = {
            "station_id": station.id,
            "company_id": (station.company_id or env.company).id,
            "lot_id": lot.id if lot else False,
            "repair_id": repair.id,
            "failure_code_id": failure.id,
            "service_type": service_type,
            "mileage_km": self._post_number(
                post, "mileage_km", request.env._("Mileage (km)")
            ),
            "description": (post.get("description") or "")[:10000],
            "line_ids": lines,
        }
        repair_date = self._post_date(post, "repair_date", request.env._("Repair date"))
        if repair_date:
            vals["repair_date"] = repair_date
        vals["completion_date"] = self._post_date(
            post, "completion_date", request.env._("Completion date")
        )
        return vals

    def _submit_claim(self, claim):
        """Submit a draft claim of the logged-in station (portal users cannot write claims:
        ownership and state are checked here, then the action runs with sudo)."""
        station = self._station()
        claim = claim.exists()
        if not station or not claim or claim.sudo().station_id != station:
            return request.redirect("/my")
        if claim.sudo().state != "draft":
            query = urlencode(
                {"error": request.env._("Only draft claims can be submitted.")}
            )
            return request.redirect(f"/my/service/claims/{claim.id}?{query}")
        try:
            claim.sudo().action_submit()
        except (UserError, ValidationError) as error:
            query = urlencode({"error": str(error)})
            return request.redirect(f"/my/service/claims/{claim.id}?{query}")
        return request.redirect(f"/my/service/claims/{claim.id}")

    @http.route(
        ["/my/service/claims/<int:claim_id>/submit"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_claim_submit(self, claim_id, **post):
        return self._submit_claim(request.env["crm.service.claim"].browse(claim_id))

    @http.route(["/my/service/settlements"], type="http", auth="user", website=True)
    def portal_service_settlements(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "settlements": request.env["crm.service.settlement"].search(
                    [], limit=200
                ),
                "page_name": "service_settlements",
            }
        )
        return request.render(
            "crm_service_station.portal_my_service_settlements", values
        )

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
