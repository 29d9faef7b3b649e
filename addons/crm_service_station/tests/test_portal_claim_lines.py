# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_portal import StationPortalCase

MANAGER = "crm_service_station.group_crm_service_station_manager"
USER = "crm_service_station.group_crm_service_station_user"


@tagged("post_install", "-at_install")
class TestStationPortalClaimLines(StationPortalCase):
    """Portal claims with any number of lines of each kind and the causal part; claims
    returned for information and answered by the station."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_service_station.handling_pct", "10"
        )
        cls.operation_2 = cls.env["crm.service.labor.operation"].create(
            {"code": "P-OP2", "name": "Portal op 2", "standard_hours": 1.0}
        )
        cls.seal = cls.env["product.product"].create(
            {"name": "Portal Seal", "default_code": "P-SEAL-01", "standard_price": 10.0}
        )
        cls.manager = new_test_user(
            cls.env, login="portal_claim_manager", groups=f"base.group_user,{MANAGER}"
        )
        cls.clerk = new_test_user(
            cls.env, login="portal_claim_clerk", groups=f"base.group_user,{USER}"
        )

    def _form(self, **extra):
        data = [
            ("csrf_token", http.Request.csrf_token(self)),
            ("serial", "PORTAL-0001"),
            ("failure_code_id", str(self.failure.id)),
            ("repair_date", str(self.today - timedelta(days=3))),
            ("completion_date", str(self.today - timedelta(days=2))),
            ("mileage_km", "12000"),
        ]
        for name, values in extra.items():
            for value in values if isinstance(values, list) else [values]:
                data.append((name, value))
        return data

    def _new_claims(self):
        return self.env["crm.service.claim"].search(
            [
                ("station_id", "=", self.station_a.id),
                ("id", "!=", self.claim_a.id),
            ]
        )

    def test_many_lines_of_each_kind_and_causal_part(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open(
            "/my/service/claims/create",
            data=self._form(
                operation_id=[str(self.operation.id), str(self.operation_2.id), ""],
                hours=["2", "1.5", ""],
                part_code=["P-INJ-01", "P-SEAL-01"],
                part_qty=["2", "3"],
                travel_km=["30", "20"],
                other_name=["Towing", "Coolant"],
                other_amount=["50", "25.5"],
                causal_part_code="P-INJ-01",
            ),
        )
        self.assertEqual(response.status_code, 200)
        claim = self._new_claims()
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.causal_product_id, self.part)
        lines = claim.line_ids
        self.assertEqual(
            sorted(lines.mapped("kind")),
            ["labor", "labor", "other", "other", "part", "part", "travel", "travel"],
        )
        # labor (2 + 1.5) h x 80 = 280
        self.assertEqual(claim.amount_labor, 280.0)
        # parts 2 x 100 x 1.10 + 3 x 10 x 1.10 = 220 + 33 = 253
        self.assertEqual(claim.amount_parts, 253.0)
        # travel (30 + 20) km x 3 = 150
        self.assertEqual(claim.amount_travel, 150.0)
        # other 50 + 25.5 = 75.5
        self.assertEqual(claim.amount_other, 75.5)
        self.assertEqual(claim.amount_total, 758.5)
        self.assertEqual(
            set(lines.filtered(lambda line: line.kind == "other").mapped("name")),
            {"Towing", "Coolant"},
        )

    def test_bad_lines_refused_nothing_created(self):
        self.authenticate("station_a_portal", "station_a_portal")
        good_labor = {"operation_id": [str(self.operation.id)], "hours": ["2"]}
        cases = [
            (
                {"operation_id": [str(self.operation.id), ""], "hours": ["2", "3"]},
                "Choose the labor operation of the line with 3 hours.",
            ),
            (
                dict(good_labor, part_code=["P-INJ-01", ""], part_qty=["1", "2"]),
                "Give the part number of the part line of quantity 2.",
            ),
            (
                dict(good_labor, other_name=["Towing"], other_amount=[""]),
                "Give the amount of the other cost Towing.",
            ),
            (
                dict(good_labor, causal_part_code="NOPE"),
                "There is no part with the number NOPE.",
            ),
            (
                dict(good_labor, travel_km=["10"] * 51),
                "A claim takes at most 50 lines of each kind.",
            ),
            (
                dict(
                    good_labor,
                    part_code=["P-INJ-01", "P-SEAL-01"],
                    part_qty=["1", "-4"],
                ),
                "Quantity must be a number between 0 and",
            ),
        ]
        for extra, message in cases:
            with self.subTest(message=message):
                response = self.url_open(
                    "/my/service/claims/create", data=self._form(**extra)
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(self._new_claims())

    def test_new_claim_form_marks_required_fields(self):
        self.authenticate("station_a_portal", "station_a_portal")
        response = self.url_open("/my/service/claims/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="causal_part_code"', response.text)
        self.assertIn('data-claim-add-line="part"', response.text)
        self.assertEqual(response.text.count('title="Required"'), 2)

    # ---------------------------------------------------------------- returned for information
    def _post_answer(self, claim, answer):
        return self.url_open(
            f"/my/service/claims/{claim.id}/answer",
            data={"csrf_token": http.Request.csrf_token(self), "answer": answer},
        )

    def test_returned_for_information_and_answered(self):
        self.claim_a.action_submit()
        self.assertEqual(self.claim_a.state, "submitted")
        self.claim_a.with_user(self.manager).action_return_for_info(
            "  Send a photo of the injector.  "
        )
        self.assertEqual(self.claim_a.state, "info_requested")
        self.assertEqual(self.claim_a.info_request, "Send a photo of the injector.")
        question = self.claim_a.message_ids.filtered(
            lambda m: (
                "Send a photo of the injector." in (m.body or "")
                and m.message_type == "comment"
            )
        )
        self.assertEqual(question.partner_ids, self.station_a)
        self.authenticate("station_a_portal", "station_a_portal")
        page = self.url_open(f"/my/service/claims/{self.claim_a.id}")
        self.assertIn("Send a photo of the injector.", page.text)
        self.assertIn(f"/my/service/claims/{self.claim_a.id}/answer", page.text)
        checks = self.claim_a.check_ids
        response = self._post_answer(self.claim_a, "Photo attached below.")
        self.assertEqual(response.status_code, 200)
        self.claim_a.invalidate_recordset()
        self.assertEqual(self.claim_a.state, "submitted")
        self.assertEqual(self.claim_a.check_ids, checks, "lines and checks unchanged")
        answer = self.claim_a.message_ids.filtered(
            lambda m: "Photo attached below." in (m.body or "")
        )
        self.assertEqual(answer.author_id, self.portal_a.partner_id)
        # answered once: a submitted claim has no question to answer
        response = self._post_answer(self.claim_a, "Again")
        self.assertIn(
            f"The claims {self.claim_a.name} cannot be answered in their current state.",
            response.text,
        )
        self.assertEqual(self.claim_a.state, "submitted")

    def test_return_for_information_bad_input_and_rights(self):
        self.claim_a.action_submit()
        with self.assertRaises(UserError) as error:
            self.claim_a.with_user(self.manager).action_return_for_info("   ")
        self.assertEqual(
            str(error.exception),
            "Write the information asked of the station for the claims"
            f" {self.claim_a.name}.",
        )
        with self.assertRaises(AccessError) as error:
            self.claim_a.with_user(self.clerk).action_return_for_info("Why?")
        self.assertEqual(
            str(error.exception), "Only service managers may decide on warranty claims."
        )
        with self.assertRaises(AccessError):
            self.claim_a.with_user(self.portal_a).action_return_for_info("Why?")
        self.assertEqual(self.claim_a.state, "submitted")
        self.assertFalse(self.claim_a.info_request)
        with self.assertRaises(UserError) as error:
            self.claim_b.with_user(self.manager).action_return_for_info("Why?")
        self.assertEqual(
            str(error.exception),
            f"The claims {self.claim_b.name} cannot be returned for information in their"
            " current state.",
        )
        # the decision wizard returns the claim too
        wizard = (
            self.env["crm.service.claim.decision"]
            .with_user(self.manager)
            .create(
                {
                    "claim_ids": [(6, 0, self.claim_a.ids)],
                    "decision": "info",
                    "info_question": "Which oil was used?",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(self.claim_a.state, "info_requested")
        self.assertEqual(self.claim_a.info_request, "Which oil was used?")
        # the station answers through the portal only, its own claims only
        with self.assertRaises(AccessError):
            self.claim_a.with_user(self.portal_a).action_answer_info("By RPC")
        self.authenticate("station_a_portal", "station_a_portal")
        response = self._post_answer(self.claim_a, "   ")
        self.assertIn(
            "Write your answer to the reviewer&#39;s question.", response.text
        )
        self.assertEqual(self.claim_a.state, "info_requested")
        self.authenticate("station_b_portal", "station_b_portal")
        messages = len(self.claim_a.message_ids)
        response = self._post_answer(self.claim_a, "Not my claim")
        self.assertEqual(response.status_code, 404)
        self.claim_a.invalidate_recordset()
        self.assertEqual(self.claim_a.state, "info_requested")
        self.assertEqual(len(self.claim_a.message_ids), messages)
