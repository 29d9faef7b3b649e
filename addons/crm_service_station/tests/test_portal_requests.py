# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .test_portal import StationPortalCase

STATE_FIELDS = ["state", "station_accept_date", "reply", "reply_date", "satisfaction"]


@tagged("post_install", "-at_install")
class TestStationPortalRequests(StationPortalCase):
    """Requests dispatched to a station, in its portal: list, page, accept, reply, close."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Customer", "email": "customer@portal.example.com"}
        )
        Request = cls.env["crm.service.request"]
        base = {
            "partner_id": cls.customer.id,
            "lot_id": cls.engine.id,
            "request_type": "repair_request",
        }
        cls.request_a = Request.create(
            dict(base, station_id=cls.station_a.id, description="Black smoke at start")
        )
        cls.request_b = Request.create(
            dict(base, station_id=cls.station_b.id, description="Oil leak at B")
        )
        cls.complaint_a = Request.create(
            dict(
                base,
                station_id=cls.station_a.id,
                request_type="complaint",
                description="Complaint about the repair",
            )
        )
        (cls.request_a | cls.request_b | cls.complaint_a).action_dispatch()
        # Named for station A but not dispatched yet: not the station's business.
        cls.request_a_new = Request.create(
            dict(base, station_id=cls.station_a.id, description="Not dispatched yet")
        )

    def _snapshot(self, records):
        records.invalidate_recordset()
        return records.read(STATE_FIELDS)

    def _post(self, url, **data):
        return self.url_open(
            url, data=dict(data, csrf_token=http.Request.csrf_token(self))
        )

    # ---------------------------------------------------------------- reading
    def test_station_reads_only_requests_dispatched_to_it(self):
        Request = self.env["crm.service.request"].with_user(self.portal_a)
        self.assertEqual(Request.search([]), self.request_a | self.complaint_a)
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.request_a_new.with_user(self.portal_a).read(["name"])
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open("/my/service-requests")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.request_a.name, response.text)
        self.assertIn(self.complaint_a.name, response.text)
        self.assertNotIn(self.request_b.name, response.text)
        self.assertNotIn(self.request_a_new.name, response.text)
        response = self.url_open(f"/my/service-requests/{self.request_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Black smoke at start", response.text)
        # Odoo's portal chatter, with the document's token
        self.request_a.invalidate_recordset()
        self.assertIn('class="d-print-none o_portal_chatter', response.text)
        self.assertIn(f'data-token="{self.request_a.access_token}"', response.text)
        for other in (self.request_b, self.request_a_new):
            response = self.url_open(f"/my/service-requests/{other.id}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(other.description, response.text)
        self.assertEqual(self.url_open("/my/service-requests/999999").status_code, 404)

    def test_home_counts_requests(self):
        self.authenticate("station_a_portal", "station_a_portal")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_request_count"]}
        )
        self.assertEqual(counters["service_request_count"], 2)

    def test_list_pages_search_and_filters(self):
        Request = self.env["crm.service.request"]
        extra = Request.create(
            [
                {
                    "partner_id": self.customer.id,
                    "station_id": self.station_a.id,
                    "description": f"Paged request {index}",
                }
                for index in range(20)
            ]
        )
        extra.action_dispatch()
        # 2 + 20 = 22 requests dispatched to A, 20 a page: 20 on page 1, 2 on page 2.
        self.authenticate("station_a_portal", "station_a_portal")
        names = set((extra | self.request_a | self.complaint_a).mapped("name"))

        def listed(url):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            return {name for name in names if f">{name}</a>" in response.text}

        page1 = listed("/my/service-requests?sortby=name")
        page2 = listed("/my/service-requests/page/2?sortby=name")
        self.assertEqual(len(page1), 20)
        self.assertEqual(len(page2), 2)
        self.assertEqual(page1 | page2, names)
        self.assertEqual(
            page2, set(sorted(names)[20:]), "sorted by reference: the last two"
        )
        # search in the description, in the engine serial, in the customer
        self.assertEqual(
            listed("/my/service-requests?search_in=text&search=Black+smoke"),
            {self.request_a.name},
        )
        self.assertEqual(
            listed("/my/service-requests?search_in=serial&search=PORTAL-0001"),
            {self.request_a.name, self.complaint_a.name},
        )
        self.assertEqual(
            listed("/my/service-requests?search_in=customer&search=Nobody+Such"),
            set(),
        )
        # filter by state: one replied, the others dispatched
        self.request_a.reply = "Come tomorrow"
        self.request_a.action_reply()
        self.assertEqual(
            listed("/my/service-requests?filterby=replied"), {self.request_a.name}
        )
        self.assertEqual(len(listed("/my/service-requests?filterby=dispatched")), 20)
        # unknown options fall back to the defaults instead of failing
        self.assertEqual(
            len(listed("/my/service-requests?filterby=evil&sortby=evil&search_in=x")),
            20,
        )

    # ---------------------------------------------------------------- acting
    def test_accept_reply_close(self):
        self.authenticate("station_a_portal", "station_a_portal")
        url = f"/my/service-requests/{self.request_a.id}"
        response = self._post(f"{url}/accept")
        self.assertEqual(response.status_code, 200)
        self.assertIn("The request is accepted.", response.text)
        self.assertTrue(self.request_a.station_accept_date)
        self.assertEqual(self.request_a.state, "dispatched")
        self.assertIn(
            "Accepted by the station Portal Station A.",
            self.request_a.message_ids.mapped("body")[0],
        )
        response = self._post(f"{url}/reply", reply="  Bring the vehicle on Monday.  ")
        self.assertIn("Your reply is sent to the customer.", response.text)
        self.assertEqual(self.request_a.state, "replied")
        self.assertEqual(self.request_a.reply, "Bring the vehicle on Monday.")
        self.assertEqual(self.request_a.replier_id, self.portal_a)
        reply_message = self.request_a.message_ids.filtered(
            lambda m: "Bring the vehicle on Monday." in m.body
        )
        self.assertEqual(len(reply_message), 1)
        self.assertEqual(reply_message.message_type, "comment")
        self.assertEqual(reply_message.partner_ids, self.customer)
        self.assertEqual(reply_message.author_id, self.portal_a.partner_id)
        response = self._post(f"{url}/close", satisfaction="4")
        self.assertIn("The request is closed.", response.text)
        self.assertEqual(self.request_a.state, "closed")
        self.assertEqual(self.request_a.satisfaction, "4")
        self.assertTrue(self.request_a.closed_date)

    def test_bad_input_refused_nothing_changed(self):
        self.authenticate("station_a_portal", "station_a_portal")
        url = f"/my/service-requests/{self.request_a.id}"
        before = self._snapshot(self.request_a)
        cases = [
            (
                "reply",
                {"reply": "   "},
                "Write the reply before marking the request as replied.",
            ),
            ("close", {}, "Record the customer&#39;s satisfaction before closing."),
            (
                "close",
                {"satisfaction": "9"},
                "Record the customer&#39;s satisfaction before closing.",
            ),
        ]
        for action, data, message in cases:
            with self.subTest(action=action, data=data):
                response = self._post(f"{url}/{action}", **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertEqual(self._snapshot(self.request_a), before)
        # A complaint is replied to before it is closed: the satisfaction posted with the
        # refused close is not kept either.
        before = self._snapshot(self.complaint_a)
        response = self._post(
            f"/my/service-requests/{self.complaint_a.id}/close", satisfaction="2"
        )
        self.assertIn(
            f"Reply to the complaints {self.complaint_a.name} before closing them.",
            response.text,
        )
        self.assertEqual(self._snapshot(self.complaint_a), before)
        # accepted once only; a replied request is not replied again
        self._post(f"{url}/accept")
        accepted = self._snapshot(self.request_a)
        response = self._post(f"{url}/accept")
        self.assertIn(
            f"The request {self.request_a.name} is already accepted.", response.text
        )
        self.assertEqual(self._snapshot(self.request_a), accepted)
        self._post(f"{url}/reply", reply="First reply")
        replied = self._snapshot(self.request_a)
        response = self._post(f"{url}/reply", reply="Second reply")
        self.assertIn(
            "Only requests dispatched to a station and not replied yet can be replied"
            " to by the station.",
            response.text,
        )
        self.assertEqual(self._snapshot(self.request_a), replied)

    def test_other_station_request_refused(self):
        self.authenticate("station_a_portal", "station_a_portal")
        others = self.request_b | self.request_a_new
        before = self._snapshot(others)
        messages = self.env["mail.message"].search_count(
            [("model", "=", "crm.service.request"), ("res_id", "in", others.ids)]
        )
        for other in others:
            for action, data in (
                ("accept", {}),
                ("reply", {"reply": "Not my request"}),
                ("close", {"satisfaction": "5"}),
            ):
                with self.subTest(request=other.name, action=action):
                    response = self._post(
                        f"/my/service-requests/{other.id}/{action}", **data
                    )
                    self.assertEqual(response.status_code, 404)
        self.assertEqual(self._snapshot(others), before)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "crm.service.request"), ("res_id", "in", others.ids)]
            ),
            messages,
        )

    def test_direct_rpc_writes_refused(self):
        """The station acts through the controller only: the ORM refuses its writes and
        the action methods (they check write access) over JSON-RPC too."""
        record = self.request_a.with_user(self.portal_a)
        before = self._snapshot(self.request_a)
        for vals in ({"reply": "x"}, {"state": "closed"}, {"satisfaction": "5"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                record.write(vals)
        for method, args in (
            ("action_station_accept", []),
            ("action_station_reply", ["by rpc"]),
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(record, method)(*args)
        self.authenticate("station_a_portal", "station_a_portal")
        for method, args in (
            ("write", [[self.request_a.id], {"reply": "by rpc"}]),
            ("action_station_accept", [[self.request_a.id]]),
        ):
            with (
                self.subTest(rpc=method),
                self.assertRaises(JsonRpcException) as error,
                mute_logger("odoo.http"),
            ):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "crm.service.request",
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                )
            self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
        self.assertEqual(self._snapshot(self.request_a), before)

    # ---------------------------------------------------------------- chatter
    def _chatter_post(self, record, body, token=None):
        params = {
            "thread_model": record._name,
            "thread_id": record.id,
            "post_data": {"body": body, "message_type": "comment"},
        }
        if token:
            params["token"] = token
        return self.make_jsonrpc_request("/mail/message/post", params)

    def test_portal_chatter_own_documents_only(self):
        self.authenticate("station_a_portal", "station_a_portal")
        # the token is made when the station opens its document
        self.url_open(f"/my/service-requests/{self.request_a.id}")
        self.url_open(f"/my/service/claims/{self.claim_a.id}")
        for record in (self.request_a, self.claim_a):
            record.invalidate_recordset()
            self.assertTrue(record.access_token)
            self._chatter_post(record, "Message from station A", record.access_token)
            message = record.message_ids[:1]
            self.assertIn("Message from station A", message.body)
            self.assertEqual(message.author_id, self.portal_a.partner_id)
        # without a token, or with the token of another document: refused
        self.request_b.sudo()._portal_ensure_token()
        count = len(self.request_b.message_ids)
        for token in (None, self.request_a.access_token):
            with self.subTest(token=token), self.assertRaises(JsonRpcException):
                self._chatter_post(self.request_b, "Intrusion", token)
        self.request_b.invalidate_recordset()
        self.assertEqual(len(self.request_b.message_ids), count)

    # ---------------------------------------------------------------- other lists
    def test_claim_and_settlement_lists_search(self):
        self.authenticate("station_b_portal", "station_b_portal")

        def rows(url, names):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            return {
                name
                for name in names
                if re.search(f">{re.escape(name)}<", response.text)
            }

        claims = (self.claim_b | self.claim_b_draft).mapped("name")
        self.assertEqual(rows("/my/service/claims", claims), set(claims))
        self.assertEqual(
            rows("/my/service/claims?filterby=rejected", claims), {self.claim_b.name}
        )
        self.assertEqual(
            rows(
                f"/my/service/claims?search_in=name&search={self.claim_b_draft.name}",
                claims,
            ),
            {self.claim_b_draft.name},
        )
        self.assertEqual(
            rows("/my/service/claims?search_in=serial&search=NO-SUCH", claims), set()
        )
        self.assertEqual(
            rows("/my/service/claims?search_in=serial&search=PORTAL-0001", claims),
            set(claims),
        )
        settlement = [self.settlement_b.name, self.settlement_a.name]
        self.assertEqual(
            rows("/my/service/settlements", settlement), {self.settlement_b.name}
        )
        self.assertEqual(
            rows("/my/service/settlements?search_in=name&search=zzz", settlement),
            set(),
        )
        self.assertEqual(
            rows("/my/service/repairs", [self.repair_b.name]), {self.repair_b.name}
        )
