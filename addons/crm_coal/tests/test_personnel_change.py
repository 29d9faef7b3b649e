# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestPersonnelChange(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="coal_hr_user", groups="crm_coal.group_crm_coal_user"
        )
        cls.manager = new_test_user(
            cls.env, login="coal_hr_manager", groups="crm_coal.group_crm_coal_manager"
        )
        cls.plain = new_test_user(
            cls.env, login="coal_hr_plain", groups="sales_team.group_sale_salesman"
        )
        cls.company2 = cls.env["res.company"].create({"name": "Coal HR Second"})
        cls.other_company_user = new_test_user(
            cls.env,
            login="coal_hr_other",
            groups="crm_coal.group_crm_coal_manager",
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
        )
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {
                "name": "HR Power Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
            }
        )
        cls.competitor = Partner.create({"name": "HR Rival Mining", "is_company": True})
        cls.stranger = Partner.create({"name": "HR Bakery", "is_company": True})
        cls.env["crm.coal.competitor.supply"].create(
            {
                "partner_id": cls.account.id,
                "supplier_id": cls.competitor.id,
                "share_pct": 30,
            }
        )
        cls.Change = cls.env["crm.coal.personnel.change"]

    def _vals(self, partner, **extra):
        vals = {
            "partner_id": partner.id,
            "person": "Wang Jianguo",
            "position": "Fuel department head",
            "change_type": "promoted",
            "date": date(2024, 5, 20),
        }
        vals.update(extra)
        return vals

    def _count(self):
        return self.Change.with_context(active_test=False).search_count([])

    def test_logged_on_key_account_and_competitor(self):
        Change = self.Change.with_user(self.user)
        on_account = Change.create(self._vals(self.account))
        on_rival = Change.create(
            self._vals(self.competitor, person="Chen Zhiqiang", change_type="joined")
        )
        self.assertEqual(on_account.partner_kind, "key_account")
        self.assertEqual(on_rival.partner_kind, "competitor")
        self.assertEqual(on_account.user_id, self.user)
        self.assertEqual(on_account.company_id, self.env.company)
        self.assertEqual(
            on_account.display_name, "Wang Jianguo · Promoted · 2024-05-20"
        )
        self.assertEqual(self.account.coal_personnel_change_ids, on_account)
        self.assertEqual(self.competitor.coal_personnel_change_ids, on_rival)
        self.assertTrue(self.competitor.coal_is_competitor)
        self.assertFalse(self.stranger.coal_is_competitor)
        self.assertFalse(self.account.coal_is_competitor)
        # a manager corrects and archives, never deletes a logged change by mistake
        on_account.with_user(self.manager).write({"position": "Deputy plant manager"})
        on_account.with_user(self.manager).action_archive()
        self.assertFalse(on_account.active)

    def test_bad_input_refused(self):
        Change = self.Change.with_user(self.user)
        before = self._count()
        tomorrow = fields.Date.context_today(Change) + timedelta(days=1)
        for vals, message in (
            (
                self._vals(self.stranger),
                "HR Bakery is neither a key account nor a competitor supplying one: "
                "personnel changes are logged for those only.",
            ),
            (
                self._vals(self.account, date=tomorrow),
                "A personnel change cannot be dated in the future.",
            ),
            (self._vals(self.account, person="   "), "Name the person of the change."),
        ):
            # assertRaises (not assertRaisesRegex) rolls the refused create back
            with self.assertRaises(ValidationError) as caught:
                Change.create(vals)
            self.assertEqual(str(caught.exception), message)
        self.assertEqual(self._count(), before)

    def test_restricted_users_refused(self):
        change = self.Change.create(self._vals(self.account))
        before = self._count()
        with self.assertRaises(AccessError):
            self.Change.with_user(self.plain).search([])
        with self.assertRaises(AccessError):
            self.Change.with_user(self.plain).create(self._vals(self.account))
        # a coal user reads and logs, but neither rewrites nor deletes
        with self.assertRaises(AccessError):
            change.with_user(self.user).write({"person": "Someone else"})
        with self.assertRaises(AccessError):
            change.with_user(self.user).unlink()
        self.assertEqual(change.person, "Wang Jianguo")
        self.assertEqual(self._count(), before)
        # another company's manager sees none of it
        self.assertFalse(
            self.Change.with_user(self.other_company_user).search(
                [("id", "=", change.id)]
            )
        )
        with self.assertRaises(AccessError):
            change.with_user(self.other_company_user).read(["person"])
