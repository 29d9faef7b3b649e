# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LubricantCase


@tagged("post_install", "-at_install")
class TestOwnership(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner_a = cls.env["res.partner"].with_user(cls.sales_a)
        cls.Partner_b = cls.env["res.partner"].with_user(cls.sales_b)
        cls.torch = cls.Partner_a.create(
            {
                "name": "广州 火炬润滑油有限公司",
                "is_company": True,
                "customer_rank": 1,
                "phone": "+86 138-0013-8000",
                "email": "Buyer@Torch-Test.CN",
                "vat": "91440101MA5CXXXX1X",
            }
        ).sudo()

    def log_actions(self, partner):
        return (
            self.env["crm.lubricant.ownership.log"]
            .search([("partner_id", "=", partner.id)], order="id")
            .mapped(lambda line: (line.action, line.user_id))
        )

    def test_create_registers_for_the_salesperson(self):
        self.assertEqual(self.torch.lub_owner_id, self.sales_a)
        self.assertEqual(self.torch.lub_registered_date, fields.Date.today())
        self.assertEqual(
            self.torch.lub_protection_expiry, fields.Date.today() + timedelta(days=60)
        )
        self.assertEqual(self.log_actions(self.torch), [("register", self.sales_a)])
        self.assertEqual(self.torch.lub_name_key, "广州火炬润滑油")
        self.assertEqual(self.torch.lub_phone_key, "13800138000")

    def test_duplicates_refused_with_owner(self):
        count = self.env["res.partner"].search_count([])
        for values in (
            {"name": "广州火炬润滑油"},
            {"name": "Other name", "mobile": "138 0013 8000"},
            {"name": "Other name", "phone": "0086-13800138000"},
            {"name": "Other name", "email": "buyer@torch-test.cn"},
            {"name": "Other name", "vat": "91440101 ma5cxxxx1x"},
        ):
            with self.assertRaises(ValidationError) as caught:
                self.Partner_b.create(dict(values, customer_rank=1, is_company=True))
            self.assertIn("duplicates an existing customer", str(caught.exception))
            self.assertIn("protected by Salesperson A", str(caught.exception))
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        other = self.Partner_b.create({"name": "青岛港机械", "customer_rank": 1})
        with self.assertRaises(ValidationError) as caught:
            other.write({"phone": "(+86) 138.0013.8000"})
        self.assertIn("same phone", str(caught.exception))
        self.assertFalse(other.phone)

    def test_visibility_own_and_pool(self):
        pool = self.env["res.partner"].create(
            {"name": "Pool Customer", "customer_rank": 1}
        )
        visible_b = self.Partner_b.search([("id", "in", (self.torch.id, pool.id))])
        self.assertEqual(visible_b, pool)
        visible_manager = (
            self.env["res.partner"]
            .with_user(self.manager)
            .search([("id", "in", (self.torch.id, pool.id))])
        )
        self.assertEqual(len(visible_manager), 2)

    def test_limit_and_override(self):
        self.set_param("protection_limit", 2)
        self.Partner_a.create({"name": "Second customer", "customer_rank": 1})
        with self.assertRaises(UserError) as caught:
            self.Partner_a.create({"name": "Third customer", "customer_rank": 1})
        self.assertIn("the limit is 2", str(caught.exception))
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Third customer")])
        )
        self.sales_a.write({"lub_has_limit_override": True, "lub_protection_limit": 3})
        third = self.Partner_a.create({"name": "Third customer", "customer_rank": 1})
        self.assertEqual(third.lub_owner_id, self.sales_a)
        with self.assertRaises(ValidationError) as caught:
            self.sales_b.lub_protection_limit = -1
        self.assertIn("must not be negative", str(caught.exception))

    def test_batch_create_past_the_limit_refused(self):
        """One create call of several customers counts them all against the limit (the
        salesperson holds one: three more would make four, the limit is three)."""
        self.set_param("protection_limit", 3)
        names = ["甲 Alpha Lubes", "乙 Bravo Oils", "丙 Charlie Grease"]
        Partner = self.env["res.partner"].with_context(active_test=False)
        with self.assertRaises(UserError) as caught:
            self.Partner_a.create(
                [{"name": name, "customer_rank": 1} for name in names]
            )
        self.assertEqual(
            caught.exception.args[0],
            "Salesperson A already holds 3 protected customers registered within 90 days, the"
            " limit is 3: release a customer first.",
        )
        self.assertFalse(Partner.search([("name", "in", names)]))
        self.assertFalse(
            self.env["crm.lubricant.ownership.log"].search(
                [("partner_id.name", "in", names)]
            )
        )
        # two more are within the limit, in one call as well
        created = self.Partner_a.create(
            [{"name": name, "customer_rank": 1} for name in names[:2]]
        )
        self.assertEqual(created.lub_owner_id, self.sales_a)

    def test_release_claim_and_credit(self):
        self.torch.with_user(self.sales_a).action_lub_release()
        self.assertFalse(self.torch.lub_owner_id)
        released_at = fields.Datetime.now()
        self.torch.with_user(self.sales_b).action_lub_claim()
        self.assertEqual(self.torch.lub_owner_id, self.sales_b)
        self.assertEqual(
            self.log_actions(self.torch),
            [
                ("register", self.sales_a),
                ("release", self.sales_a),
                ("claim", self.sales_b),
            ],
        )
        with self.assertRaises(UserError) as caught:
            self.torch.with_user(self.sales_a).action_lub_claim()
        self.assertIn("is already protected by Salesperson B", str(caught.exception))
        with self.assertRaises(AccessError):
            self.torch.with_user(self.sales_a).action_lub_release()
        self.assertEqual(self.torch.lub_owner_id, self.sales_b)
        # credit follows the log: a deal won now goes to B, one dated at registration to A
        lead = self.env["crm.lead"].create(
            {"name": "Deal", "type": "opportunity", "partner_id": self.torch.id}
        )
        self.assertEqual(lead.lub_credit_user_id, self.sales_b)
        first = self.env["crm.lubricant.ownership.log"].search(
            [("partner_id", "=", self.torch.id), ("action", "=", "register")]
        )
        # the whole test runs in one transaction, so every log line may carry the same
        # second: date the registration an hour earlier to make the history unambiguous
        self.env.cr.execute(
            "UPDATE crm_lubricant_ownership_log SET date = date - interval '1 hour' WHERE id = %s",
            [first.id],
        )
        first.invalidate_recordset(["date"])
        lead.date_closed = first.date
        self.assertEqual(lead.lub_credit_user_id, self.sales_a)
        order = self.confirmed_order(self.torch, 1000)
        self.assertEqual(order.lub_credit_user_id, self.sales_b)
        self.assertLessEqual(released_at, fields.Datetime.now())

    def test_claim_respects_limit(self):
        pool = self.env["res.partner"].create({"name": "Pool Mine", "customer_rank": 1})
        self.sales_b.write({"lub_has_limit_override": True, "lub_protection_limit": 0})
        with self.assertRaises(UserError) as caught:
            pool.with_user(self.sales_b).action_lub_claim()
        self.assertIn("the limit is 0", str(caught.exception))
        self.assertFalse(pool.lub_owner_id)
        with self.assertRaises(AccessError):
            pool.with_user(self.outsider).action_lub_claim()

    def test_lapse_to_pool(self):
        self.torch.sudo().with_context(lub_ownership_logged=True).write(
            {"lub_last_followup_date": fields.Date.today() - timedelta(days=61)}
        )
        fresh = self.Partner_a.create({"name": "Fresh customer", "customer_rank": 1})
        lapsed = self.env["res.partner"]._cron_lub_release_lapsed()
        self.assertIn(self.torch, lapsed)
        self.assertNotIn(fresh, lapsed)
        self.assertFalse(self.torch.lub_owner_id)
        self.assertEqual(fresh.lub_owner_id, self.sales_a)
        self.assertEqual(self.log_actions(self.torch)[-1], ("lapse", self.sales_a))

    def test_followup_renews_protection(self):
        self.torch.sudo().with_context(lub_ownership_logged=True).write(
            {"lub_last_followup_date": fields.Date.today() - timedelta(days=30)}
        )
        self.torch.with_user(self.sales_a).message_post(
            body="Visited the plant",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(self.torch.lub_last_followup_date, fields.Date.today())

    def test_lead_collision_refused_or_routed(self):
        Lead_b = self.env["crm.lead"].with_user(self.sales_b)
        with self.assertRaises(ValidationError) as caught:
            Lead_b.create({"name": "Poach", "partner_id": self.torch.id})
        self.assertIn("protected by Salesperson A", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Lead_b.create({"name": "Poach by phone", "phone": "138-0013-8000"})
        self.assertIn("duplicates an existing customer", str(caught.exception))
        self.assertFalse(self.env["crm.lead"].search([("name", "like", "Poach")]))
        self.set_param("duplicate_policy", "route")
        lead = Lead_b.create({"name": "Routed", "email_from": "buyer@torch-test.cn"})
        self.assertEqual(lead.sudo().partner_id, self.torch)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.torch.id)]
        )
        self.assertEqual(activity.user_id, self.sales_a)
        # the routed lead goes to the owner; its author still reads it, cannot write it
        self.assertEqual(lead.sudo().user_id, self.sales_a)
        self.assertIn(
            "Routed to Salesperson A, who holds this customer; entered by Salesperson B.",
            " ".join(lead.sudo().message_ids.mapped("body")),
        )
        self.assertEqual(
            lead.with_user(self.sales_b).read(["name"])[0]["name"], "Routed"
        )
        with self.assertRaises(AccessError):
            lead.with_user(self.sales_b).write({"user_id": self.sales_b.id})
        self.assertEqual(lead.sudo().user_id, self.sales_a)
        # a lead duplicating another salesperson's opportunity goes to that salesperson
        self.env["crm.lead"].with_user(self.sales_a).create(
            {"name": "A's prospect", "partner_name": "青岛港机械有限公司"}
        )
        second = Lead_b.create({"name": "B's copy", "partner_name": "青岛港机械公司"})
        self.assertEqual(second.sudo().user_id, self.sales_a)
        # a lead for one's own customer is fine
        own = (
            self.env["crm.lead"]
            .with_user(self.sales_a)
            .create({"name": "Own deal", "partner_id": self.torch.id})
        )
        self.assertEqual(own.lub_owner_id, self.sales_a)

    def test_routed_activity_in_the_owners_language(self):
        # the owner reads zh_CN, the salesperson entering the lead writes in English
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_lubricant")._update_translations(["zh_CN"])
        self.sales_a.lang = "zh_CN"
        self.sales_b.lang = "en_US"
        self.set_param("duplicate_policy", "route")
        self.env["crm.lead"].with_user(self.sales_b).create(
            {"name": "Routed", "email_from": "buyer@torch-test.cn"}
        )
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.torch.id)]
        )
        self.assertEqual(activity.summary, "撞单线索已转交给您")
        self.assertIn("Salesperson B", activity.note)
        self.assertIn("Routed", activity.note)
        self.assertIn("录入了线索", activity.note)

    def test_guard_scope(self):
        # superuser (installation, demo data, other applications) and managers outside the
        # Lubricant screens are not checked: existing duplicates install fine
        twin = self.env["res.partner"].create(
            {"name": "广州火炬润滑油", "customer_rank": 1}
        )
        self.assertFalse(twin.lub_owner_id)
        Manager = self.env["res.partner"].with_user(self.manager)
        Manager.create({"name": "广州火炬润滑油 Co., Ltd."})
        with self.assertRaises(ValidationError):
            Manager.with_context(lub_protection=True).create(
                {"name": "广州火炬润滑油公司"}
            )
        with self.assertRaises(AccessError) as caught:
            self.torch.with_user(self.sales_b).sudo(False).write(
                {"lub_owner_id": self.sales_b.id}
            )
        self.assertEqual(self.torch.lub_owner_id, self.sales_a)
        with self.assertRaises(AccessError):
            self.torch.with_user(self.manager).write({"lub_owner_id": self.sales_b.id})
        self.assertEqual(self.torch.lub_owner_id, self.sales_a)
        self.torch.with_user(self.manager).action_lub_assign(self.sales_b.id)
        self.assertEqual(
            self.log_actions(self.torch)[-2:],
            [("release", self.sales_a), ("assign", self.sales_b)],
        )
        self.assertTrue(caught.exception)

    def test_log_is_append_only(self):
        line = self.env["crm.lubricant.ownership.log"].search(
            [("partner_id", "=", self.torch.id)]
        )
        with self.assertRaises(UserError) as caught:
            line.write({"action": "claim"})
        self.assertIn("cannot be changed", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            line.unlink()
        self.assertIn("cannot be deleted", str(caught.exception))
        self.assertEqual(line.action, "register")
