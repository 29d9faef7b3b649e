# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Stations are told by e-mail: claim decisions and settlements (mail templates, in the
station's language)."""

from datetime import timedelta

from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestStationNotifications(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_service_station")._update_translations(["zh_CN"])
        cls.station_a.email = "station-a@example.com"
        cls.station_b.write({"email": "station-b@example.com", "lang": "zh_CN"})
        cls.env.company.email = "warranty@example.com"

    def _mails(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_approval_mailed_to_the_station_in_english(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        self.assertFalse(self._mails(claim))
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        mail = self._mails(claim)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.station_a)
        self.assertEqual(mail.subject, f"Warranty claim {claim.name}: Approved")
        self.assertIn(
            "520.00", mail.body_html
        )  # claimed = approved = 2 h x 80 + 220 + 140
        self.assertIn(self.OVERRIDE, mail.body_html)

    def test_rejection_mailed_in_the_station_language_with_reason(self):
        claim = self.env["crm.service.claim"].create(
            self._claim_vals(station=self.station_b)
        )
        claim.action_submit()
        claim.with_user(self.service_manager).action_reject(self.reason.id)
        mail = self._mails(claim)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.station_b)
        self.assertIn(claim.name, mail.subject)
        self.assertIn("已驳回", mail.subject)
        self.assertIn(self.reason.with_context(lang="zh_CN").name, mail.body_html)
        self.assertIn("您的索赔单", mail.body_html)

    def test_station_without_email_is_not_mailed(self):
        self.station_a.email = False
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        claim.with_user(self.service_manager).action_approve(self.OVERRIDE)
        self.assertEqual(claim.state, "approved")
        self.assertFalse(self._mails(claim))

    def test_settlement_mailed_to_each_station(self):
        claims = self.env["crm.service.claim"].create(
            [self._claim_vals(), self._claim_vals(station=self.station_b)]
        )
        claims.action_submit()
        claims.with_user(self.service_manager).action_approve(self.OVERRIDE)
        settlements = self.env["crm.service.settlement"]._settle_period(
            self.today - timedelta(days=30), self.today, self.station_a | self.station_b
        )
        self.assertEqual(len(settlements), 2)
        for settlement in settlements:
            mail = self._mails(settlement)
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.recipient_ids, settlement.station_id)
            self.assertIn(settlement.name, mail.subject)
        chinese = self._mails(
            settlements.filtered(lambda s: s.station_id == self.station_b)
        )
        self.assertIn("结算单", chinese.body_html)
