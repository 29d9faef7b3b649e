# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestDeliveryLot(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="coal_seller", groups="crm_coal.group_crm_coal_user"
        )
        cls.manager = new_test_user(
            cls.env, login="coal_head", groups="crm_coal.group_crm_coal_manager"
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_sales", groups="sales_team.group_sale_salesman"
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Lot Test Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "a",
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Steam coal Q5500",
                "coal_cv_nar": 5500,
                "coal_moisture": 10,
                "coal_ash": 18,
                "coal_volatile": 28,
                "coal_sulfur": 0.8,
            }
        )
        cls.contract = (
            cls.env["crm.coal.contract"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "LT-2024",
                    "partner_id": cls.account.id,
                    "product_id": cls.product.id,
                    "price": 700,
                    "term_ids": [
                        (
                            0,
                            0,
                            {"kind": "deduction", "parameter": "moisture", "spec": 10},
                        ),
                        (
                            0,
                            0,
                            {
                                "kind": "deduction",
                                "parameter": "sulfur",
                                "spec": 0.8,
                                "method": "fixed",
                                "rate": 5,
                                "step": 0.1,
                                "step_rounding": "up",
                            },
                        ),
                        (
                            0,
                            0,
                            {"kind": "rejection", "parameter": "cv", "minimum": 4500},
                        ),
                        (
                            0,
                            0,
                            {"kind": "rejection", "parameter": "ash", "maximum": 25},
                        ),
                    ],
                }
            )
        )

    def _lot(self, **lab):
        vals = {
            "name": "L1",
            "contract_id": self.contract.id,
            "date": date(2024, 5, 1),
            "tonnage": 1000,
            "lab_cv": 5000,
            "lab_moisture": 12,
            "lab_ash": 20,
            "lab_sulfur": 0.85,
            "lab_volatile": 28,
        }
        vals.update(lab)
        return self.env["crm.coal.delivery.lot"].with_user(self.user).create(vals)

    def test_base_cv_from_product(self):
        self.assertEqual(self.contract.base_cv, 5500)

    def test_accepted_lot_with_deductions(self):
        lot = self._lot()
        # 700 × 5000 / 5500 = 636.36; moisture 2 points × 1 % of 636.36 = 12.73;
        # sulfur 0.05 above spec, a started 0.1 step: 5.00
        self.assertEqual(lot.status, "accepted")
        self.assertEqual(lot.base_price, 636.36)
        lines = {line.parameter: line.amount for line in lot.deduction_ids}
        self.assertEqual(lines, {"moisture": 12.73, "sulfur": 5.0})
        self.assertEqual(lot.total_deduction, 17.73)
        self.assertEqual(lot.final_price, 618.63)
        self.assertEqual(lot.amount, 618630.0)
        self.assertEqual(self.contract.delivered_t, 1000)

        # a corrected lab result re-prices the lot
        lot.write({"lab_moisture": 9, "lab_sulfur": 0.8})
        self.assertFalse(lot.deduction_ids)
        self.assertEqual(lot.final_price, 636.36)

    def test_contract_change_reprices_provisional_lots_only(self):
        lot = self._lot()
        locked = self._lot()
        self.assertEqual(lot.final_price, 618.63)
        self.assertEqual(lot.price_state, "provisional")
        locked.with_user(self.user).action_lock_price()
        self.assertEqual(locked.price_state, "locked")
        self.contract.with_user(self.manager).write({"price": 770})
        # provisional: 770 × 5000 / 5500 = 700.0; moisture 2 % of 700 = 14.0; sulfur 5.0
        self.assertEqual(lot.contract_price, 770)
        self.assertEqual(lot.base_price, 700.0)
        self.assertEqual(lot.final_price, 681.0)
        self.assertEqual(lot.amount, 681000.0)
        self.assertEqual(
            {line.parameter: line.amount for line in lot.deduction_ids},
            {"moisture": 14.0, "sulfur": 5.0},
        )
        # locked: the price of 700 and its settlement stay
        self.assertEqual(locked.contract_price, 700)
        self.assertEqual(locked.final_price, 618.63)
        # a change of the quality terms: the provisional lot follows, the locked one not
        self.contract.term_ids.filtered(
            lambda t: t.parameter == "sulfur" and t.kind == "deduction"
        ).with_user(self.manager).unlink()
        self.assertEqual(lot.final_price, 686.0)  # 700 - 14 (no sulfur deduction)
        self.assertEqual(locked.final_price, 618.63)

    def test_lock_is_a_checked_transition(self):
        lot = self._lot()
        pending = (
            self.env["crm.coal.delivery.lot"]
            .with_user(self.user)
            .create(
                {"name": "PENDING", "contract_id": self.contract.id, "tonnage": 100}
            )
        )
        with self.assertRaises(UserError) as caught:
            pending.action_lock_price()
        self.assertIn("await their lab result", str(caught.exception))
        self.assertEqual(pending.price_state, "provisional")
        lot.with_user(self.user).action_lock_price()
        for action in ("action_lock_price", "action_settle"):
            with self.assertRaises(UserError) as caught:
                getattr(lot.with_user(self.user), action)()
            self.assertIn("already have a final, locked price", str(caught.exception))
        with self.assertRaises(UserError):
            lot.with_user(self.manager).write({"lab_cv": 5600})
        with self.assertRaises(AccessError):
            lot.with_user(self.manager).write({"price_state": "provisional"})
        self.assertEqual((lot.lab_cv, lot.price_state), (5000, "locked"))
        self.assertEqual(lot.final_price, 618.63)

    def test_rejected_lot_not_counted_in_monthly_plan(self):
        plan_may, plan_june = (
            self.env["crm.coal.contract.plan"]
            .with_user(self.manager)
            .create(
                [
                    {
                        "contract_id": self.contract.id,
                        "month": date(2024, 5, 1),
                        "planned_t": 2000,
                    },
                    {
                        "contract_id": self.contract.id,
                        "month": date(2024, 6, 1),
                        "planned_t": 1000,
                    },
                ]
            )
        )
        accepted = self._lot(name="L-acc", tonnage=1000, date=date(2024, 5, 3))
        rejected = self._lot(
            name="L-rej", tonnage=400, date=date(2024, 5, 9), lab_cv=4400
        )
        pending = self._lot(name="L-pen", tonnage=300, date=date(2024, 5, 20), lab_cv=0)
        june = self._lot(name="L-jun", tonnage=500, date=date(2024, 6, 2))
        self.assertEqual(
            (accepted.status, rejected.status, pending.status, june.status),
            ("accepted", "rejected", "pending", "accepted"),
        )
        # May: the accepted 1000 t and the 300 t awaiting the lab; the rejected 400 t do not count
        self.assertEqual(plan_may.delivered_t, 1000 + 300)
        self.assertEqual(plan_may.progress_pct, 65.0)
        self.assertEqual(plan_june.delivered_t, 500)
        # a corrected lab result that accepts the lot counts it
        rejected.with_user(self.user).write({"lab_cv": 5000})
        self.assertEqual(rejected.status, "accepted")
        plan_may.invalidate_recordset(["delivered_t", "progress_pct"])
        self.assertEqual(plan_may.delivered_t, 1000 + 300 + 400)

    def test_rejected_lot_gives_reasons(self):
        lot = self._lot(lab_cv=4400, lab_ash=26)
        self.assertEqual(lot.status, "rejected")
        self.assertFalse(lot.final_price)
        self.assertIn(
            "Calorific value (kcal/kg NAR) 4400.0 is below the minimum 4500.0.",
            lot.rejection_reason,
        )
        self.assertIn("Ash (%) 26.0 is above the maximum 25.0.", lot.rejection_reason)

    def test_lab_result_outside_physical_bounds_refused(self):
        for lab, message in (
            ({"lab_ash": 75}, "Ash (%) of L1 is 75.0, outside the physical bounds"),
            ({"lab_cv": 9500}, "Calorific value (kcal/kg NAR) of L1 is 9500"),
            ({"lab_sulfur": -1}, "Sulfur (%) of L1 is -1.0"),
        ):
            with self.assertRaises(ValidationError) as caught:
                self._lot(**lab)
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.contract.lot_ids)

    def test_lot_of_unpriced_contract_refused(self):
        self.contract.with_user(self.manager).write({"price": 0})
        with self.assertRaises(ValidationError) as caught:
            self._lot()
        self.assertIn("The lot L1 cannot be priced", str(caught.exception))
        self.assertIn("greater than zero (got 0", str(caught.exception))

    def test_bad_terms_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.contract.with_user(self.manager).write(
                {"term_ids": [(0, 0, {"kind": "rejection", "parameter": "ash"})]}
            )
        self.assertIn("Invalid quality term of LT-2024", str(caught.exception))
        self.assertEqual(len(self.contract.term_ids), 4)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.contract.with_user(self.user).write({"price": 1})
        with self.assertRaises(AccessError):
            self.env["crm.coal.delivery.lot"].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.env["crm.coal.contract"].with_user(self.plain_user).search([])
