# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestKeyAccount(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coal_user = new_test_user(
            cls.env, login="coal_rep", groups="crm_coal.group_crm_coal_user"
        )
        cls.coal_manager = new_test_user(
            cls.env, login="coal_boss", groups="crm_coal.group_crm_coal_manager"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        cls.plant = cls.env["res.partner"].create(
            {"name": "Test Power Plant", "is_company": True}
        )
        # The tests own the scoring configuration: the installed criteria are archived.
        cls.env["crm.coal.score.criterion"].search([]).action_archive()
        Criterion = cls.env["crm.coal.score.criterion"]
        cls.credit = Criterion.create({"name": "Credit", "weight": 3})
        cls.scale = Criterion.create({"name": "Scale", "weight": 1})
        cls.env["ir.config_parameter"].set_param("crm_coal.score_a_min", 80)
        cls.env["ir.config_parameter"].set_param("crm_coal.score_b_min", 60)

    def test_register_key_account(self):
        plant = self.plant.with_user(self.coal_user)
        plant.write(
            {
                "coal_key_account": True,
                "coal_grade": "a",
                "coal_annual_demand": 2_000_000,
                "coal_our_share": 35,
            }
        )
        self.assertEqual(plant.coal_our_annual_volume, 700_000)
        accounts = (
            self.env["res.partner"]
            .with_user(self.coal_user)
            .search([("coal_key_account", "=", True), ("id", "=", plant.id)])
        )
        self.assertEqual(accounts, plant)

    def test_key_account_needs_grade(self):
        with self.assertRaises(ValidationError) as caught:
            self.plant.with_user(self.coal_user).write({"coal_key_account": True})
        self.assertIn("needs a grade", str(caught.exception))
        self.assertFalse(self.plant.coal_key_account)

    def test_share_out_of_range(self):
        for share in (-1, 100.5):
            with self.assertRaises(ValidationError) as caught:
                self.plant.with_user(self.coal_user).write({"coal_our_share": share})
            self.assertIn("between 0 and 100", str(caught.exception))
        self.assertEqual(self.plant.coal_our_share, 0)

    @mute_logger("odoo.sql_db")
    def test_negative_demand(self):
        # the translated constraint refuses it before the SQL CHECK (which stays)
        with self.assertRaisesRegex(ValidationError, "cannot be"):
            with self.env.cr.savepoint():
                self.plant.write({"coal_annual_demand": -5})

    def test_user_without_group_refused(self):
        with self.assertRaises(AccessError):
            self.plant.with_user(self.plain_user).write({"coal_grade": "a"})
        # readable by every internal user: copy, export and merge of partners read them
        self.assertFalse(
            self.plant.with_user(self.plain_user).read(["coal_grade"])[0]["coal_grade"]
        )
        with self.assertRaises(AccessError):
            self.env["crm.coal.plant"].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.env["crm.coal.competitor.supply"].with_user(self.plain_user).search([])

    def _score(self, partner, **scores):
        partner.write(
            {
                "coal_score_ids": [
                    (0, 0, {"criterion_id": criterion.id, "score": score})
                    for criterion, score in (
                        (self.credit, scores.get("credit")),
                        (self.scale, scores.get("scale")),
                    )
                    if score is not None
                ]
            }
        )

    def test_score_and_suggested_grade(self):
        plant = self.plant.with_user(self.coal_user)
        plant.write({"coal_key_account": True, "coal_grade": "c"})
        self._score(plant, credit=90)
        self.assertFalse(
            plant.coal_score_complete, "the scale criterion is not scored yet"
        )
        self.assertFalse(plant.coal_suggested_grade)
        self._score(plant, scale=50)
        # (90 × 3 + 50 × 1) / 4 = 80: the A threshold itself gives grade A
        self.assertTrue(plant.coal_score_complete)
        self.assertEqual(plant.coal_score, 80.0)
        self.assertEqual(plant.coal_suggested_grade, "a")
        plant.action_coal_apply_suggested_grade()
        self.assertEqual(plant.coal_grade, "a")

        # criteria weights are configuration: changing one re-scores the accounts
        self.scale.with_user(self.coal_manager).weight = 3
        self.assertEqual(plant.coal_score, 70.0)
        self.assertEqual(plant.coal_suggested_grade, "b")
        # so do the thresholds of the settings
        self.env["res.config.settings"].create({"coal_score_a_min": 70}).execute()
        self.assertEqual(plant.coal_suggested_grade, "a")

    def test_score_out_of_range_refused(self):
        plant = self.plant.with_user(self.coal_user)
        plant.write({"coal_key_account": True, "coal_grade": "b"})
        self._score(plant, credit=90, scale=50)
        line = plant.coal_score_ids.filtered(lambda s: s.criterion_id == self.scale)
        with self.assertRaises(ValidationError) as caught:
            line.score = 120
        self.assertIn(
            "The score of Scale must be between 0 and 100.", str(caught.exception)
        )
        self.assertEqual(line.score, 50)
        self.assertEqual(plant.coal_score, 80.0)

    def test_bad_thresholds_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["res.config.settings"].create(
                {"coal_score_a_min": 50, "coal_score_b_min": 60}
            )
        self.assertIn("grade B not above grade A", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["res.config.settings"].create(
                {"coal_supply_red_days": 20, "coal_supply_amber_days": 10}
            )
        self.assertIn("0 <= red <= amber <= normal", str(caught.exception))

    def test_criteria_configuration_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.credit.with_user(self.coal_user).weight = 10
        self.assertEqual(self.credit.weight, 3)

    def test_plants_competitors_habits_and_contacts(self):
        plant = self.plant.with_user(self.coal_user)
        competitor = self.env["res.partner"].create(
            {"name": "Rival Coal", "is_company": True}
        )
        plant.write(
            {
                "coal_key_account": True,
                "coal_grade": "a",
                "coal_plant_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Unit 1",
                            "capacity_mw": 600,
                            "design_burn_t_day": 5800,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Unit 2",
                            "capacity_mw": 330,
                            "design_burn_t_day": 3300,
                        },
                    ),
                ],
                "coal_competitor_supply_ids": [
                    (
                        0,
                        0,
                        {"supplier_id": competitor.id, "share_pct": 40, "price": 730},
                    ),
                ],
                "coal_cash_share": 30,
                "coal_acceptance_share": 70,
                "coal_prepayment_share": 10,
                "coal_quality_strictness": "strict",
                "child_ids": [
                    (0, 0, {"name": "Fuel Chief", "coal_contact_level": "fuel"}),
                    (0, 0, {"name": "General Manager", "coal_contact_level": "top"}),
                ],
            }
        )
        self.assertEqual(plant.coal_design_burn_t_day, 9100)
        self.assertEqual(plant.coal_plant_count, 2)
        self.assertEqual(plant.coal_competitor_count, 1)
        self.assertEqual(
            sorted(plant.child_ids.mapped("coal_contact_level")), ["fuel", "top"]
        )
        action = plant.action_coal_view_plants()
        self.assertEqual(action["domain"], [("partner_id", "=", plant.id)])
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), plant.coal_plant_ids
        )

        # competitor intelligence is tracked
        supply = plant.coal_competitor_supply_ids
        self.env.cr.flush()  # end of the creating transaction's tracking
        supply.price = 715
        self.env.cr.flush()
        # sudo: tracking values are readable by administrators only
        tracked = supply.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "price"
        )
        self.assertEqual((tracked.old_value_float, tracked.new_value_float), (730, 715))

    def test_bad_archive_input_refused(self):
        plant = self.plant.with_user(self.coal_user)
        with self.assertRaises(ValidationError) as caught:
            plant.write({"coal_cash_share": 60, "coal_acceptance_share": 50})
        self.assertIn(
            "cash plus bank acceptance cannot exceed 100 %", str(caught.exception)
        )
        self.assertEqual(plant.coal_cash_share, 0)
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.coal.plant"].with_user(self.coal_user).create(
                {"name": "Bad", "partner_id": plant.id, "design_burn_t_day": -1}
            )
        self.assertIn("cannot be negative", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.coal.competitor.supply"].with_user(self.coal_user).create(
                {"partner_id": plant.id, "supplier_id": plant.id, "share_pct": 10}
            )
        self.assertIn("cannot be its own competitor", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.coal.competitor.supply"].with_user(self.coal_user).create(
                {
                    "partner_id": plant.id,
                    "supplier_id": self.coal_user.partner_id.id,
                    "share_pct": 120,
                }
            )
        self.assertIn("between 0 and 100 %", str(caught.exception))
        self.assertFalse(plant.coal_plant_ids or plant.coal_competitor_supply_ids)
