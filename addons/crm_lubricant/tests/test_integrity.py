# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
import math
import random

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from ..models.res_config_settings import get_setting
from .common import LubricantCase

BAD_VALUES = (
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1,
    -(2**40),
    2**40,
    "",
    False,
    "x" * 5000,
    "2026-13-45",
    "nan",
)


@tagged("post_install", "-at_install")
class TestIntegrity(LubricantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.pool = Partner.create(
            {"name": "Integrity Pool Customer", "customer_rank": 1, "is_company": True}
        )
        cls.owned = Partner.create(
            {
                "name": "Integrity Owned Customer",
                "customer_rank": 1,
                "is_company": True,
                "lub_owner_id": cls.sales_a.id,
            }
        )
        cls.contact = Partner.create(
            {"name": "Pool Contact", "parent_id": cls.pool.id, "customer_rank": 1}
        )
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Lubricant Second Company"}
        )
        cls.other_company_partner = Partner.create(
            {
                "name": "Other Company Customer",
                "customer_rank": 1,
                "company_id": cls.company_2.id,
            }
        )
        cls.user_2 = new_test_user(
            cls.env,
            login="lub_company_2",
            groups="crm_lubricant.group_crm_lubricant_manager",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )
        cls.sales_b.partner_id.customer_rank = 1
        cls.env.company.partner_id.customer_rank = 1

    def assert_owner(self, partner, owner):
        partner.invalidate_recordset()
        self.assertEqual(partner.lub_owner_id, owner)

    # --- claims -----------------------------------------------------------------------
    def test_claim_refuses_non_pool_partners(self):
        for partner in (
            self.env.company.partner_id,
            self.sales_b.partner_id,
            self.contact,
            self.other_company_partner,
        ):
            with self.assertRaises(AccessError) as caught:
                partner.with_user(self.sales_a).action_lub_claim()
            self.assertIn("cannot be claimed", str(caught.exception))
            self.assert_owner(partner, self.env["res.users"])
        self.assertFalse(
            self.env["crm.lubricant.ownership.log"].search(
                [("partner_id", "in", (self.contact | self.other_company_partner).ids)]
            )
        )
        # a batch with one bad id claims nothing
        with self.assertRaises(AccessError):
            (self.pool | self.env.company.partner_id).with_user(
                self.sales_a
            ).action_lub_claim()
        self.assert_owner(self.pool, self.env["res.users"])
        # the other company's manager cannot claim this company's pool customers
        own_company = self.env["res.partner"].create(
            {
                "name": "Company 1 Pool",
                "customer_rank": 1,
                "company_id": self.env.company.id,
            }
        )
        with self.assertRaises(AccessError):
            own_company.with_user(self.user_2).action_lub_claim()
        self.assert_owner(own_company, self.env["res.users"])
        self.pool.with_user(self.sales_a).action_lub_claim()
        self.assert_owner(self.pool, self.sales_a)

    def test_protection_fields_through_actions_only(self):
        for user in (self.sales_a, self.sales_b, self.manager):
            for vals in (
                {"lub_owner_id": user.id},
                {"lub_owner_id": False},
                {"lub_registered_date": "2020-01-01"},
                {"lub_tier": "A"},
                {"lub_churn_risk": True},
                {"lub_tier_contribution": 5.0},
            ):
                with self.assertRaises(AccessError) as caught:
                    self.owned.with_user(user).with_context(
                        lub_ownership_logged=True
                    ).write(vals)
                self.assertIn("change only through its actions", str(caught.exception))
        self.assert_owner(self.owned, self.sales_a)
        self.assertFalse(self.owned.lub_tier)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.manager).create(
                {"name": "Pre-assigned", "lub_owner_id": self.sales_b.id}
            )
        with self.assertRaises(AccessError):
            self.owned.with_user(self.sales_b).action_lub_assign(self.sales_b.id)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.manager)._lub_compute_tiers()
        self.assert_owner(self.owned, self.sales_a)

    def test_client_context_does_not_skip_guards(self):
        Lead = self.env["crm.lead"].with_user(self.sales_b)
        with self.assertRaises(ValidationError) as caught:
            Lead.with_context(lub_skip_protection=True).create(
                {"name": "Poach via context", "partner_id": self.owned.id}
            )
        self.assertIn("protected by Salesperson A", str(caught.exception))
        self.assertFalse(
            self.env["crm.lead"].search([("name", "=", "Poach via context")])
        )

    def test_ownership_log_append_only(self):
        line = self.env["crm.lubricant.ownership.log"].search(
            [("partner_id", "=", self.owned.id)]
        )
        for user in (self.sales_a, self.manager):
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        with self.assertRaises(UserError):
            line.unlink()
        self.assertTrue(line.exists())

    def test_other_company_records_refused(self):
        dealer = self.env["res.partner"].create(
            {
                "name": "Company 2 Dealer",
                "lub_is_dealer": True,
                "company_id": self.company_2.id,
            }
        )
        vals = {
            "dealer_id": dealer.id,
            "product_id": self.product.id,
            "quantity": 1,
            "period": "2026-03-01",
            "company_id": self.env.company.id,
        }
        # no one, the superuser included, links records of two companies
        for env in (self.env(user=self.manager), self.env):
            with self.assertRaises(UserError) as caught:
                env["crm.lubricant.sellthrough"].create(vals)
            self.assertIn("Incompatible companies", str(caught.exception))
        self.assertFalse(
            self.env["crm.lubricant.sellthrough"].search(
                [("dealer_id", "=", dealer.id)]
            )
        )

    # --- assign wizard ----------------------------------------------------------------
    def test_assign_wizard(self):
        Wizard = self.env["crm.lubricant.assign.wizard"]
        ctx = {
            "active_model": "res.partner",
            "active_ids": [self.owned.id, self.pool.id],
        }
        # salespeople have no access to the wizard, and the action refuses them anyway
        with self.assertRaises(AccessError):
            Wizard.with_user(self.sales_a).with_context(**ctx).create(
                {"user_id": self.sales_a.id}
            )
        with self.assertRaises(AccessError):
            self.pool.with_user(self.sales_a).action_lub_assign(self.sales_a.id)
        self.assert_owner(self.pool, self.env["res.users"])
        # a manager assigns two customers at once, defaults taken from the selection
        wizard = (
            Wizard.with_user(self.manager)
            .with_context(**ctx)
            .create({"user_id": self.sales_b.id})
        )
        self.assertEqual(wizard.partner_ids, self.owned | self.pool)
        wizard.action_assign()
        self.assert_owner(self.owned, self.sales_b)
        self.assert_owner(self.pool, self.sales_b)
        log = self.env["crm.lubricant.ownership.log"].search(
            [("partner_id", "=", self.owned.id)], order="id"
        )
        self.assertEqual(log.mapped("action")[-2:], ["release", "assign"])
        self.assertEqual(log[-2].user_id, self.sales_a)
        self.assertEqual(log[-1].user_id, self.sales_b)
        # not to a user without the Lubricant CRM, nor to a contact: nothing changes
        for target, partners, message in (
            (
                self.outsider,
                self.pool,
                "can only be assigned to a lubricant salesperson",
            ),
            (self.sales_a, self.contact, "cannot be protected"),
        ):
            with self.assertRaises(UserError) as caught:
                Wizard.with_user(self.manager).create(
                    {"user_id": target.id, "partner_ids": [(6, 0, partners.ids)]}
                ).action_assign()
            self.assertIn(message, str(caught.exception))
        self.assert_owner(self.pool, self.sales_b)
        self.assert_owner(self.contact, self.env["res.users"])

    # --- history kept --------------------------------------------------------------------
    def test_partner_with_history_archived_not_deleted(self):
        self.assertTrue(
            self.env["crm.lubricant.ownership.log"].search_count(
                [("partner_id", "=", self.owned.id)]
            )
        )
        for user in (self.manager, self.env.user):
            with self.assertRaises(UserError) as caught:
                self.owned.with_user(user).unlink()
            self.assertIn("Archive them instead", str(caught.exception))
        self.assertTrue(self.owned.exists())
        self.owned.with_user(self.manager).action_archive()
        self.assertFalse(self.owned.active)
        # tier history alone keeps a partner too
        tiered = self.env["res.partner"].create(
            {"name": "Tiered Only", "customer_rank": 1}
        )
        self.env["crm.lubricant.tier.history"].create(
            {"partner_id": tiered.id, "new_tier": "A", "date": date(2026, 1, 1)}
        )
        with self.assertRaises(UserError):
            tiered.unlink()
        # a partner with no history is deleted as in Odoo
        plain = self.env["res.partner"].create({"name": "No History"})
        plain.unlink()
        self.assertFalse(plain.exists())

    # --- settings ------------------------------------------------------------------------
    def test_settings_bounds(self):
        Param = self.env["ir.config_parameter"].sudo()
        keys = (
            "crm_lubricant.big_deal_amount",
            "crm_lubricant.stale_days",
            "crm_lubricant.churn_factor",
        )
        before = {key: Param.get_param(key) for key in keys}
        for vals, message in (
            ({"lub_big_deal_amount": math.nan}, "must be a number between"),
            ({"lub_churn_factor": math.inf}, "must be a number between"),
            ({"lub_stale_days": 2**40}, "must be a number between"),
            ({"lub_stale_days": 4000}, "must not exceed 3650 days"),
            ({"lub_protection_lapse_days": 99999}, "must not exceed 3650 days"),
            ({"lub_churn_factor": 0}, "greater than 0"),
        ):
            with self.subTest(vals=vals):
                with (
                    self.assertRaises(ValidationError) as caught,
                    self.env.cr.savepoint(),
                ):
                    self.env["res.config.settings"].create(vals).execute()
                self.assertIn(message, str(caught.exception))
        self.assertEqual({key: Param.get_param(key) for key in keys}, before)
        # a raw non-finite parameter is ignored: the default applies
        Param.set_param("crm_lubricant.churn_factor", "inf")
        self.assertEqual(get_setting(self.env, "lub_churn_factor"), 1.5)

    def test_partner_figures(self):
        dealer = self.env["res.partner"].create(
            {"name": "Figure Dealer", "lub_is_dealer": True}
        )
        for value in (math.nan, math.inf, -math.inf, 1e308):
            with self.assertRaises(ValidationError):
                dealer.with_user(self.manager).write({"lub_annual_target": value})
        with self.assertRaises(ValidationError):
            dealer.with_user(self.manager).write({"lub_annual_target": -1})
        dealer.invalidate_recordset()
        self.assertEqual(dealer.lub_annual_target, 0.0)

    # --- complaints -------------------------------------------------------------------
    def closed_complaint(self):
        complaint = (
            self.env["crm.lubricant.complaint"]
            .with_user(self.sales_a)
            .create(
                {
                    "partner_id": self.owned.id,
                    "description": "Leak",
                    "received_date": date(2026, 1, 5),
                    "reply": "Replaced",
                }
            )
        )
        complaint.action_reply()
        complaint.write({"satisfaction_score": 4, "satisfaction_comment": "Fine"})
        complaint.action_close()
        return complaint

    def test_complaint_workflow(self):
        complaint = self.closed_complaint()
        for user in (self.sales_a, self.manager):
            with self.assertRaises(AccessError):
                complaint.with_user(user).write({"state": "new"})
            with self.assertRaises(UserError) as caught:
                complaint.with_user(user).write({"reply": "Rewritten"})
            self.assertIn("can no longer be changed", str(caught.exception))
        complaint.invalidate_recordset()
        self.assertEqual((complaint.state, complaint.reply), ("closed", "Replaced"))
        # no close without a reply
        other = (
            self.env["crm.lubricant.complaint"]
            .with_user(self.sales_a)
            .create(
                {
                    "partner_id": self.owned.id,
                    "description": "Smell",
                    "reply": "Checked",
                }
            )
        )
        other.action_reply()
        other.write(
            {"reply": " ", "satisfaction_score": 5, "satisfaction_comment": "ok"}
        )
        with self.assertRaises(UserError):
            other.action_close()
        self.assertEqual(other.state, "replied")
        with self.assertRaises(AccessError):
            other.with_user(self.sales_a).write({"closed_date": "2026-01-01 00:00:00"})

    # --- campaigns --------------------------------------------------------------------
    def test_campaign_workflow(self):
        Campaign = self.env["crm.lubricant.campaign"].with_user(self.sales_a)
        campaign = Campaign.create({"name": "Seminar", "budget": 1000})
        for user in (self.sales_a, self.manager):
            for vals in (
                {"state": "approved"},
                {"actual_cost": 5},
                {"approved_by_id": user.id},
            ):
                with self.assertRaises(AccessError):
                    campaign.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            Campaign.create({"name": "Pre-approved", "budget": 10, "state": "approved"})
        campaign.action_submit()
        campaign.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).write({"name": "Renamed"})
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).unlink()
        campaign.invalidate_recordset()
        self.assertEqual(
            (campaign.state, campaign.name, campaign.budget),
            ("approved", "Seminar", 1000),
        )
        with self.assertRaises(ValidationError):
            Campaign.create({"name": "NaN", "budget": math.nan})

    # --- sell-through and funnel ------------------------------------------------------
    def test_sellthrough_figures(self):
        dealer = self.env["res.partner"].create(
            {"name": "ST Dealer", "lub_is_dealer": True}
        )
        for value in (math.nan, math.inf, -1, 0):
            with self.assertRaises(ValidationError):
                self.env["crm.lubricant.sellthrough"].with_user(self.sales_a).create(
                    {
                        "dealer_id": dealer.id,
                        "product_id": self.product.id,
                        "quantity": value,
                        "period": "2026-03-01",
                    }
                )
        self.assertFalse(
            self.env["crm.lubricant.sellthrough"].search(
                [("dealer_id", "=", dealer.id)]
            )
        )

    def test_funnel_other_company(self):
        stage = self.env["crm.stage"].create({"name": "Integrity Stage", "sequence": 1})
        self.env["crm.lead"].create(
            {
                "name": "Company 1 deal",
                "type": "opportunity",
                "stage_id": stage.id,
                "expected_revenue": 777.0,
                "company_id": self.env.company.id,
            }
        )
        lines = (
            self.env["crm.lubricant.funnel.line"]
            .with_user(self.user_2)
            .with_company(self.company_2)
            ._lub_compute()
        )
        line = lines.filtered(lambda row: row.stage_id == stage)
        self.assertEqual(line.count, 0)
        self.assertEqual(line.amount, 0.0)

    # --- random bad values ------------------------------------------------------------
    def test_random_bad_values(self):
        rng = random.Random(20261202)
        dealer = self.env["res.partner"].create(
            {"name": "Loop Dealer", "lub_is_dealer": True}
        )
        records = [
            self.env["crm.lubricant.campaign"].create({"name": "Loop", "budget": 10}),
            self.env["crm.lubricant.complaint"].create(
                {"partner_id": self.owned.id, "description": "Loop"}
            ),
            self.env["crm.lubricant.sellthrough"].create(
                {
                    "dealer_id": dealer.id,
                    "product_id": self.product.id,
                    "quantity": 1,
                    "period": "2026-03-01",
                }
            ),
            dealer,
        ]
        skip_types = (
            "one2many",
            "many2one",
            "many2many",
            "binary",
            "html",
            "properties",
            "json",
        )
        for record in records:
            fields_ = [
                field
                for name, field in record._fields.items()
                if field.store
                and not field.readonly
                and field.type not in skip_types
                and not name.startswith(("message_", "activity_"))
                and (record._name != "res.partner" or name.startswith("lub_"))
            ]
            for field in fields_:
                for value in rng.sample(BAD_VALUES, 4):
                    if value is False and field.required:
                        continue
                    as_user = record.with_user(self.manager)
                    try:
                        with self.env.cr.savepoint():
                            as_user.write({field.name: value})
                            as_user.flush_recordset()
                    except (UserError, ValidationError, AccessError):
                        self.env.invalidate_all(flush=False)
                        continue
                    except (ValueError, TypeError) as error:
                        # the ORM refuses values it cannot convert before any storage
                        self.assertIn(
                            field.type,
                            (
                                "date",
                                "datetime",
                                "integer",
                                "float",
                                "monetary",
                                "many2one",
                                "selection",
                                "boolean",
                            ),
                            error,
                        )
                        self.env.invalidate_all(flush=False)
                        continue
                    stored = record.with_user(self.manager)[field.name]
                    if isinstance(stored, float):
                        self.assertTrue(
                            math.isfinite(stored), (record._name, field.name)
                        )
