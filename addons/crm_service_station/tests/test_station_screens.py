# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import ServiceCommon

REGISTER_REFUSED = (
    "Only service managers may register a partner as a service station or take it out"
    " of the network."
)


@tagged("post_install", "-at_install")
class TestStationScreens(ServiceCommon):
    """The station flag (who sets it), the station action and the open-claims count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Creates and edits contacts (as sales people do) but has no service group.
        cls.contact_user = new_test_user(
            cls.env,
            login="css_contacts",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.workshop = cls.env["res.partner"].create(
            {"name": "Independent Workshop", "is_company": True, "station_code": "W-1"}
        )

    def _make_station(self, user):
        return self.workshop.with_user(user).write({"is_service_station": True})

    # ------------------------------------------------------------------ the flag
    def test_manager_registers_and_removes_station(self):
        self._make_station(self.service_manager)
        self.assertTrue(self.workshop.is_service_station)
        self.workshop.with_user(self.service_manager).write(
            {"is_service_station": False}
        )
        self.assertFalse(self.workshop.is_service_station)
        station = (
            self.env["res.partner"]
            .with_user(self.service_manager)
            .create(
                {
                    "name": "New Station",
                    "is_company": True,
                    "is_service_station": True,
                    "station_code": "NS-1",
                }
            )
        )
        self.assertTrue(station.is_service_station)

    def test_non_managers_cannot_register_station(self):
        for user in (self.contact_user, self.service_user):
            with self.assertRaises(AccessError) as caught:
                self._make_station(user)
            self.assertEqual(str(caught.exception), REGISTER_REFUSED)
            with self.assertRaises(AccessError) as caught:
                self.env["res.partner"].with_user(user).create(
                    {
                        "name": "Self-made Station",
                        "is_company": True,
                        "is_service_station": True,
                        "station_code": "SM-1",
                    }
                )
            self.assertEqual(str(caught.exception), REGISTER_REFUSED)
        # A plain user has no write access to partners at all.
        with self.assertRaises(AccessError):
            self._make_station(self.plain_user)
        self.assertFalse(self.workshop.is_service_station)
        self.assertFalse(
            self.env["res.partner"].search_count([("station_code", "=", "SM-1")])
        )

    def test_non_managers_cannot_remove_station(self):
        for user in (self.contact_user, self.service_user):
            with self.assertRaises(AccessError) as caught:
                self.station_a.with_user(user).write({"is_service_station": False})
            self.assertEqual(str(caught.exception), REGISTER_REFUSED)
        self.assertTrue(self.station_a.is_service_station)

    def test_users_still_edit_stations_and_contacts(self):
        # The guard only fires when the flag changes: the form writes unchanged values too.
        self.station_a.with_user(self.service_user).write(
            {"is_service_station": True, "phone": "+86 10 1234 5678"}
        )
        self.assertEqual(self.station_a.phone, "+86 10 1234 5678")
        # Duplicating a station gives a plain partner (no code, level, registration).
        self.station_a.with_user(self.service_manager).write({"station_level": "a"})
        copy = self.station_a.with_user(self.service_user).copy()
        self.assertEqual(
            (copy.is_service_station, copy.station_code, copy.station_level),
            (False, False, False),
        )
        contact = (
            self.env["res.partner"]
            .with_user(self.contact_user)
            .create({"name": "Customer", "is_service_station": False})
        )
        self.assertFalse(contact.is_service_station)

    def test_station_form_flag_editable_by_managers_only(self):
        def flag_nodes(user):
            arch = (
                self.env["res.partner"]
                .with_user(user)
                .get_view(self.env.ref("base.view_partner_form").id, "form")["arch"]
            )
            tree = etree.fromstring(arch)
            page = tree.xpath("//page[@name='service_station']")
            return tree.xpath(
                "//group[@name='misc']/field[@name='is_service_station']"
            ), page

        nodes, page = flag_nodes(self.service_manager)
        self.assertEqual(len(nodes), 1)
        self.assertNotEqual(nodes[0].get("readonly"), "1")
        self.assertEqual(page[0].get("invisible"), "not is_service_station")
        nodes, page = flag_nodes(self.service_user)
        self.assertEqual([node.get("readonly") for node in nodes], ["1"])
        self.assertEqual(page[0].get("invisible"), "not is_service_station")
        nodes, page = flag_nodes(self.contact_user)
        self.assertEqual((nodes, page), ([], []))

    # ------------------------------------------------------------------ the screens
    def test_station_action_lists_stations_only(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.res_partner_action"
        )
        self.assertEqual(
            action["views"][0],
            (self.env.ref("crm_service_station.res_partner_view_kanban").id, "kanban"),
        )
        domain = safe_eval(action["domain"])
        found = (
            self.env["res.partner"]
            .with_user(self.service_user)
            .search(
                domain
                + [
                    (
                        "id",
                        "in",
                        (self.station_a | self.station_b | self.workshop).ids,
                    )
                ]
            )
        )
        self.assertEqual(found, self.station_a | self.station_b)

    def test_open_claim_count(self):
        claims = self.env["crm.service.claim"].create(
            [self._claim_vals(station=self.station_a) for _i in range(3)]
            + [self._claim_vals(station=self.station_b) for _i in range(2)]
        )
        _a_draft, a_submitted, a_rejected, b_review, b_approved = claims
        (a_submitted | a_rejected | b_review | b_approved).action_submit()
        (a_rejected | b_review | b_approved).with_user(
            self.service_manager
        ).action_start_review()
        a_rejected.with_user(self.service_manager).action_reject(self.reason)
        b_approved.with_user(self.service_manager).action_approve(
            override_reason=self.OVERRIDE
        )
        self.assertEqual(
            claims.mapped("state"),
            ["draft", "submitted", "rejected", "under_review", "approved"],
        )
        stations = (self.station_a | self.station_b | self.workshop).with_user(
            self.service_user
        )
        # station A: draft + submitted (the rejected one is closed) = 2;
        # station B: under review (the approved one is decided) = 1; the workshop: none.
        self.assertEqual(stations.mapped("station_open_claim_count"), [2, 1, 0])

    def test_open_claim_count_one_query_for_the_page(self):
        stations = self.station_a.with_user(self.service_user)
        stations.mapped("station_open_claim_count")  # warm the caches (groups, rules)
        stations.invalidate_recordset()
        with self.assertQueryCount(1):
            stations.mapped("station_open_claim_count")
        stations = (self.station_a | self.station_b | self.workshop).with_user(
            self.service_user
        )
        stations.invalidate_recordset()
        with self.assertQueryCount(1):
            stations.mapped("station_open_claim_count")

    def test_open_claim_count_hidden_from_other_users(self):
        with self.assertRaises(AccessError):
            self.station_a.with_user(self.plain_user).read(["station_open_claim_count"])
