# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from itertools import zip_longest
import math
from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from ..models.crm_service_request import SATISFACTION

# The largest figure a station may type in the claim form (km, hours, quantities, amounts).
MAX_FORM_NUMBER = 10_000_000
# Rows per page of the station's portal lists.
PORTAL_STEP = 20
# The most claim lines of one kind a station may post at once.
MAX_FORM_LINES = 50


class StationPortal(CustomerPortal):
    """Portal of the service stations: their repair orders, warranty claims and settlements.

    Everything is read with the portal user's own rights: the record rules limit each station
    user to the documents of their station (their commercial partner)."""

    def _station(self):
        partner = request.env.user.commercial_partner_id
        return partner if partner.is_service_station else partner.browse()

    def _station_record(self, model, record_id):
        """The record ``record_id`` of ``model`` belonging to the logged-in station: read
        with the user's rights (record rules), then owned by their station; else 404."""
        record = request.env[model].browse(record_id)
        station = self._station()
        if (
            not station
            or not record.exists()
            or not record.has_access("read")
            or record.sudo().station_id != station
        ):
            raise NotFound()
        return record

    def _act_and_redirect(self, record, url, run, done_message=None):
        """Run ``run(record.sudo())`` on a record of the logged-in station (ownership
        checked by :meth:`_station_record`) and go back to its page ``url``: on an error
        nothing is kept (savepoint) and the page shows why.

        sudo: station users have no write access on the documents; the action methods
        called by ``run`` check the transitions, and the values are whitelisted."""
        try:
            with request.env.cr.savepoint():
                run(record.sudo())
        except (UserError, ValidationError) as error:
            return request.redirect(f"{url}?{urlencode({'error': str(error)})}")
        if done_message:
            return request.redirect(f"{url}?{urlencode({'message': done_message})}")
        return request.redirect(url)

    def _portal_list(self, model, url, kwargs, sortings, inputs, base_domain=()):
        """The values of one paged station list: sort (``sortings``: key -> label, order),
        filter by state (every state of the model), search (``inputs``: key -> label and a
        function returning the domain of a search text), read with the user's rights.

        Related records the portal user cannot read (engines, customers) are searched with
        sudo for their ids only: the result is still limited by the user's record rules."""
        env = request.env
        Model = env[model]
        states = Model._fields["state"]._description_selection(env)
        filters = {"all": {"label": env._("All"), "domain": []}}
        for value, label in states:
            filters[value] = {"label": label, "domain": [("state", "=", value)]}
        sortby = kwargs.get("sortby")
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = kwargs.get("filterby")
        filterby = filterby if filterby in filters else "all"
        search_in = kwargs.get("search_in")
        search_in = search_in if search_in in inputs else next(iter(inputs))
        search = (kwargs.get("search") or "").strip()[:100]
        domain = list(base_domain) + filters[filterby]["domain"]
        if search:
            domain += inputs[search_in]["domain"](search)
        page = kwargs.get("page") or 1
        url_args = {
            key: value
            for key, value in (
                ("sortby", sortby),
                ("filterby", filterby),
                ("search_in", search_in),
                ("search", search),
            )
            if value
        }
        total = Model.search_count(domain)
        pager = portal_pager(
            url=url, url_args=url_args, total=total, page=page, step=PORTAL_STEP
        )
        records = Model.search(
            domain,
            order=sortings[sortby]["order"],
            limit=PORTAL_STEP,
            offset=pager["offset"],
        )
        return {
            "records": records,
            "pager": pager,
            "default_url": url,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
            "searchbar_inputs": {
                key: {"input": key, "label": spec["label"], "sequence": index}
                for index, (key, spec) in enumerate(inputs.items())
            },
            "search_in": search_in,
            "search": search,
        }

    @staticmethod
    def _ids_matching(model, field, text):
        """Ids of ``model`` whose ``field`` contains ``text`` (sudo: the maker's archive and
        the customers are not readable by station users; only ids are returned)."""
        return request.env[model].sudo()._search([(field, "ilike", text)])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        if "service_request_count" in counters:
            values["service_request_count"] = (
                env["crm.service.request"].search_count([])
                if env["crm.service.request"].has_access("read")
                else 0
            )
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

    @http.route(
        ["/my/service/claims", "/my/service/claims/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_claims(self, **kwargs):
        values = self._prepare_portal_layout_values()
        listed = self._portal_list(
            "crm.service.claim",
            "/my/service/claims",
            kwargs,
            {
                "date": {"label": request.env._("Newest"), "order": "id desc"},
                "name": {"label": request.env._("Claim Number"), "order": "name"},
                "repair_date": {
                    "label": request.env._("Repair Date"),
                    "order": "repair_date desc",
                },
                "state": {"label": request.env._("Status"), "order": "state, id desc"},
            },
            {
                "name": {
                    "label": request.env._("Search in Claim Number"),
                    "domain": lambda text: [("name", "ilike", text)],
                },
                "serial": {
                    "label": request.env._("Search in Engine Serial"),
                    "domain": lambda text: [
                        ("lot_id", "in", self._ids_matching("stock.lot", "name", text))
                    ],
                },
            },
        )
        values.update(
            listed,
            claims=listed["records"],
            page_name="service_claims",
            station=self._station(),
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
        self._chatter_values(claim, values)
        return request.render("crm_service_station.portal_my_service_claim", values)

    @http.route(
        [
            "/my/service/claims/<int:record_id>/pdf",
            "/my/service/settlements/<int:record_id>/pdf",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_document_pdf(self, record_id, download=False, **kwargs):
        """The printed claim or settlement statement of the logged-in station (the same
        QWeb report as in the back office). Station users read their documents through the
        record rules but not the products, accounts and users the report prints: once the
        ownership is checked, the report is rendered with sudo, as Odoo's portal does for
        its own documents."""
        claims = request.httprequest.path.startswith("/my/service/claims/")
        model, report = (
            ("crm.service.claim", "crm_service_station.crm_service_claim_report")
            if claims
            else (
                "crm.service.settlement",
                "crm_service_station.crm_service_settlement_report",
            )
        )
        record = self._station_record(model, record_id)
        return self._show_report(
            model=record.sudo(),
            report_type="pdf",
            report_ref=report,
            download=bool(download),
        )

    def _chatter_values(self, record, values):
        """Values of Odoo's portal chatter (``portal.message_thread``) on a record the user
        reads: its access token lets the station post and attach files (station users have
        no write access on the document itself)."""
        # sudo: the token is created on first display (portal users cannot write it)
        token = record.sudo()._portal_ensure_token()
        values.update({"object": record, "token": token})
        return values

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
            # whitelist above, the station and company come from the server. Nothing is
            # kept when the creation fails (savepoint).
            with request.env.cr.savepoint():
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
        lines = self._claim_lines_from_form(request.httprequest.form)
        causal_code = (post.get("causal_part_code") or "").strip()
        causal = self._part_by_code(causal_code) if causal_code else None
        vals = {
            "station_id": station.id,
            "company_id": (station.company_id or env.company).id,
            "lot_id": lot.id if lot else False,
            "repair_id": repair.id,
            "failure_code_id": failure.id,
            "causal_product_id": causal.id if causal else False,
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

    def _part_by_code(self, code):
        """The part of the maker's catalogue numbered ``code`` (sudo: station users cannot
        read products; only the id goes into the claim)."""
        part = (
            request.env["product.product"]
            .sudo()
            .search([("default_code", "=", code[:64])], limit=1)
        )
        if not part:
            raise UserError(
                request.env._("There is no part with the number %(code)s.", code=code)
            )
        return part

    @staticmethod
    def _form_rows(form, names):
        """The rows of one kind of claim line: the posted lists ``names`` read side by side
        (the form repeats each row's inputs), rows left empty skipped."""
        columns = [form.getlist(name) for name in names]
        rows = []
        for values in zip_longest(*columns, fillvalue=""):
            values = [(value or "").strip() for value in values]
            if any(values):
                rows.append(dict(zip(names, values, strict=True)))
        if len(rows) > MAX_FORM_LINES:
            raise UserError(
                request.env._(
                    "A claim takes at most %(max)s lines of each kind.",
                    max=MAX_FORM_LINES,
                )
            )
        return rows

    def _claim_lines_from_form(self, form):
        """Claim lines of every kind from the posted form, any number of each: labor
        (operation, hours), parts (part number, quantity), travel (km), other costs
        (description, amount). Prices and rates come from the server."""
        lines = []
        for row in self._form_rows(form, ("operation_id", "hours")):
            operation = self._post_record(
                row,
                "operation_id",
                "crm.service.labor.operation",
                [],
                request.env._("labor operation"),
            )
            if not operation:
                raise UserError(
                    request.env._(
                        "Choose the labor operation of the line with %(hours)s hours.",
                        hours=row["hours"][:40],
                    )
                )
            lines.append(
                Command.create(
                    {
                        "kind": "labor",
                        "operation_id": operation.id,
                        "hours": self._post_number(
                            row, "hours", request.env._("Hours")
                        ),
                    }
                )
            )
        for row in self._form_rows(form, ("part_code", "part_qty")):
            if not row["part_code"]:
                raise UserError(
                    request.env._(
                        "Give the part number of the part line of quantity %(qty)s.",
                        qty=row["part_qty"][:40],
                    )
                )
            part = self._part_by_code(row["part_code"])
            quantity = self._post_number(
                row, "part_qty", request.env._("Quantity"), default=1.0
            )
            lines.append(
                Command.create(
                    {"kind": "part", "product_id": part.id, "quantity": quantity}
                )
            )
        for row in self._form_rows(form, ("travel_km",)):
            travel_km = self._post_number(
                row, "travel_km", request.env._("Distance (km)")
            )
            if travel_km:
                lines.append(Command.create({"kind": "travel", "travel_km": travel_km}))
        for row in self._form_rows(form, ("other_name", "other_amount")):
            other_amount = self._post_number(
                row, "other_amount", request.env._("Other Cost")
            )
            if not other_amount:
                raise UserError(
                    request.env._(
                        "Give the amount of the other cost %(name)s.",
                        name=row["other_name"][:200],
                    )
                )
            lines.append(
                Command.create(
                    {
                        "kind": "other",
                        "name": row["other_name"][:200],
                        "other_amount": other_amount,
                    }
                )
            )
        return lines

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
        ["/my/service/claims/<int:claim_id>/answer"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_claim_answer(self, claim_id, **post):
        """The station answers the reviewer's question on its claim (returned for
        information): ownership checked here, the transition by the action method."""
        answer = post.get("answer") or ""
        return self._act_and_redirect(
            self._station_record("crm.service.claim", claim_id),
            f"/my/service/claims/{claim_id}",
            lambda claim: claim.action_answer_info(answer),
        )

    @http.route(
        ["/my/service/claims/<int:claim_id>/submit"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_claim_submit(self, claim_id, **post):
        return self._submit_claim(request.env["crm.service.claim"].browse(claim_id))

    @http.route(
        ["/my/service/settlements", "/my/service/settlements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_settlements(self, **kwargs):
        values = self._prepare_portal_layout_values()
        listed = self._portal_list(
            "crm.service.settlement",
            "/my/service/settlements",
            kwargs,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "date_to desc, id desc",
                },
                "name": {"label": request.env._("Settlement"), "order": "name"},
                "amount": {
                    "label": request.env._("Total"),
                    "order": "amount_total desc",
                },
            },
            {
                "name": {
                    "label": request.env._("Search in Settlement"),
                    "domain": lambda text: [("name", "ilike", text)],
                },
            },
        )
        values.update(
            listed, settlements=listed["records"], page_name="service_settlements"
        )
        return request.render(
            "crm_service_station.portal_my_service_settlements", values
        )

    @http.route(
        ["/my/service/repairs", "/my/service/repairs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_repairs(self, **kwargs):
        values = self._prepare_portal_layout_values()
        listed = self._portal_list(
            "repair.order",
            "/my/service/repairs",
            kwargs,
            {
                "date": {"label": request.env._("Newest"), "order": "id desc"},
                "name": {"label": request.env._("Repair Order"), "order": "name"},
            },
            {
                "name": {
                    "label": request.env._("Search in Repair Order"),
                    "domain": lambda text: [("name", "ilike", text)],
                },
                "serial": {
                    "label": request.env._("Search in Engine Serial"),
                    "domain": lambda text: [
                        ("lot_id", "in", self._ids_matching("stock.lot", "name", text))
                    ],
                },
            },
            base_domain=[("station_id", "!=", False)],
        )
        values.update(listed, repairs=listed["records"], page_name="service_repairs")
        return request.render("crm_service_station.portal_my_service_repairs", values)

    # ---------------------------------------------------------------- repair orders
    def _repair_form_values(self, station, error=None, repair=None):
        env = request.env
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "station": station,
                "repair": repair,
                "error": error,
                "failure_codes": env["crm.service.failure.code"].search([]),
                "operations": env["crm.service.labor.operation"].search([]),
                "service_requests": env["crm.service.request"].search(
                    [("state", "in", ("dispatched", "replied"))]
                ),
            }
        )
        return values

    @http.route(
        ["/my/service/repairs/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_service_repair_new(self, error=None, **kwargs):
        station = self._station()
        if not station:
            return request.redirect("/my")
        values = self._repair_form_values(station, error=error)
        values["page_name"] = "service_repair_new"
        return request.render("crm_service_station.portal_service_repair_new", values)

    def _repair_values_from_post(self, post):
        """The repair fields a station fills in, validated (the same on create and
        update): mileage, engine hours, failure code, labor operations, symptom."""
        env = request.env
        failure = self._post_record(
            post,
            "failure_code_id",
            "crm.service.failure.code",
            [],
            env._("failure code"),
        )
        operations = env["crm.service.labor.operation"]
        for raw in request.httprequest.form.getlist("operation_ids"):
            operations |= self._post_record(
                {"operation_ids": raw},
                "operation_ids",
                "crm.service.labor.operation",
                [],
                env._("labor operation"),
            )
        symptom = (post.get("service_symptom") or "").strip()
        if not symptom:
            raise UserError(env._("Describe the symptom of the repair."))
        return {
            "service_mileage_km": self._post_number(
                post, "service_mileage_km", env._("Mileage (km)")
            ),
            "service_hours": self._post_number(
                post, "service_hours", env._("Engine Hours")
            ),
            "failure_code_id": failure.id,
            "service_operation_ids": [Command.set(operations.ids)],
            "service_symptom": symptom[:10000],
        }

    @http.route(
        ["/my/service/repairs/create"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_repair_create(self, **post):
        """A repair order of the logged-in station: engine by serial number, product and
        customer from the engine (or the request it answers), station and company from the
        server; created with sudo (station users have no write access on repairs, nor on
        the operation types Odoo's repair order reads)."""
        station = self._station()
        if not station:
            return request.redirect("/my")
        env = request.env
        try:
            serial = (post.get("serial") or "").strip()
            if not serial:
                raise UserError(env._("Give the engine serial number."))
            # sudo: the engine archive is the maker's; only the id goes into the repair
            lot = env["stock.lot"].sudo().search([("name", "=", serial[:64])], limit=1)
            if not lot:
                raise UserError(
                    env._(
                        "There is no engine with the serial number %(serial)s.",
                        serial=serial[:64],
                    )
                )
            # the requests dispatched to the station (portal record rule)
            service_request = self._post_record(
                post,
                "service_request_id",
                "crm.service.request",
                [("state", "in", ("dispatched", "replied"))],
                env._("service request"),
            )
            service_type = post.get("service_type") or "warranty"
            if service_type not in ("warranty", "free_maintenance"):
                raise UserError(
                    env._("Choose a valid %(field)s.", field=env._("service type"))
                )
            schedule = self._post_date(
                post, "schedule_date", env._("Repair date")
            ) or fields.Date.context_today(station)
            vals = self._repair_values_from_post(post)
            customer = (
                service_request.sudo().partner_id or lot.engine_end_user_id or station
            )
            vals.update(
                {
                    "company_id": (station.company_id or env.company).id,
                    "station_id": station.id,
                    "service_request_id": service_request.id,
                    "partner_id": customer.id,
                    "product_id": lot.product_id.id,
                    "lot_id": lot.id,
                    "service_type": service_type,
                    "schedule_date": fields.Datetime.to_datetime(schedule),
                }
            )
            with env.cr.savepoint():
                repair = env["repair.order"].sudo().create(vals)
        except (UserError, ValidationError, AccessError) as error:
            return self.portal_service_repair_new(error=str(error))
        return request.redirect(f"/my/service/repairs/{repair.id}")

    @http.route(
        ["/my/service/repairs/<int:repair_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_service_repair(self, repair_id, error=None, message=None, **kwargs):
        repair = self._station_record("repair.order", repair_id)
        values = self._repair_form_values(self._station(), error=error, repair=repair)
        values.update({"page_name": "service_repair", "message": message})
        return request.render("crm_service_station.portal_my_service_repair", values)

    @http.route(
        ["/my/service/repairs/<int:repair_id>/update"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_repair_update(self, repair_id, **post):
        """The station updates its draft repair order (the whitelisted fields only)."""
        env = request.env

        def update(repair):
            if repair.state != "draft":
                raise UserError(
                    env._(
                        "The repair order %(repair)s is no longer a draft: it cannot be"
                        " changed in the portal.",
                        repair=repair.name,
                    )
                )
            repair.write(self._repair_values_from_post(post))

        return self._act_and_redirect(
            self._station_record("repair.order", repair_id),
            f"/my/service/repairs/{repair_id}",
            update,
            env._("The repair order is saved."),
        )

    # ---------------------------------------------------------------- service requests
    @http.route(
        ["/my/service-requests", "/my/service-requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_requests(self, **kwargs):
        values = self._prepare_portal_layout_values()
        listed = self._portal_list(
            "crm.service.request",
            "/my/service-requests",
            kwargs,
            {
                "date": {
                    "label": request.env._("Newest"),
                    "order": "dispatch_date desc, id desc",
                },
                "deadline": {
                    "label": request.env._("Deadline"),
                    "order": "deadline, id",
                },
                "name": {"label": request.env._("Reference"), "order": "name"},
                "state": {"label": request.env._("Status"), "order": "state, id desc"},
            },
            {
                "text": {
                    "label": request.env._("Search in Reference and Description"),
                    "domain": lambda text: [
                        "|",
                        ("name", "ilike", text),
                        ("description", "ilike", text),
                    ],
                },
                "serial": {
                    "label": request.env._("Search in Engine Serial and VIN"),
                    "domain": lambda text: [
                        "|",
                        ("vehicle_vin", "ilike", text),
                        ("lot_id", "in", self._ids_matching("stock.lot", "name", text)),
                    ],
                },
                "customer": {
                    "label": request.env._("Search in Customer"),
                    "domain": lambda text: [
                        (
                            "partner_id",
                            "in",
                            self._ids_matching("res.partner", "name", text),
                        )
                    ],
                },
            },
        )
        values.update(
            listed, service_requests=listed["records"], page_name="service_requests"
        )
        return request.render("crm_service_station.portal_my_service_requests", values)

    @http.route(
        ["/my/service-requests/<int:request_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_service_request(self, request_id, error=None, message=None, **kwargs):
        service_request = self._station_record("crm.service.request", request_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "service_request": service_request,
                "page_name": "service_request",
                "error": error,
                "message": message,
                "satisfaction": SATISFACTION,
            }
        )
        self._chatter_values(service_request, values)
        return request.render("crm_service_station.portal_my_service_request", values)

    def _request_action(self, request_id, run, done_message):
        """Run ``run(request_sudo)`` on a request dispatched to the logged-in station."""
        return self._act_and_redirect(
            self._station_record("crm.service.request", request_id),
            f"/my/service-requests/{request_id}",
            run,
            done_message,
        )

    @http.route(
        ["/my/service-requests/<int:request_id>/accept"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_request_accept(self, request_id, **post):
        return self._request_action(
            request_id,
            lambda record: record.action_station_accept(),
            request.env._("The request is accepted."),
        )

    @http.route(
        ["/my/service-requests/<int:request_id>/reply"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_request_reply(self, request_id, **post):
        reply = post.get("reply") or ""
        return self._request_action(
            request_id,
            lambda record: record.action_station_reply(reply),
            request.env._("Your reply is sent to the customer."),
        )

    @http.route(
        ["/my/service-requests/<int:request_id>/close"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_service_request_close(self, request_id, **post):
        satisfaction = post.get("satisfaction") or ""

        def close(record):
            if satisfaction not in dict(SATISFACTION):
                raise UserError(
                    request.env._("Record the customer's satisfaction before closing.")
                )
            record.write({"satisfaction": satisfaction})
            record.action_close()

        return self._request_action(
            request_id, close, request.env._("The request is closed.")
        )
