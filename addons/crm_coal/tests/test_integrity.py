# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Attacks on the coal models as the issue made them: every user, every path."""

from datetime import date, timedelta
import math
import random

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.crm_coal.models.res_config_settings import get_setting

TODAY = date.today()


@tagged("post_install", "-at_install")
class TestCoalIntegrity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = new_test_user(cls.env, login="coal_plain", groups="base.group_user")
        # internal user without coal group who may create contacts and export
        cls.contact_editor = new_test_user(
            cls.env,
            login="coal_contacts",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.user = new_test_user(
            cls.env,
            login="coal_int_user",
            groups="crm_coal.group_crm_coal_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.manager = new_test_user(
            cls.env,
            login="coal_int_manager",
            groups="crm_coal.group_crm_coal_manager,sales_team.group_sale_salesman_all_leads",
        )
        cls.admin_like = new_test_user(
            cls.env,
            login="coal_int_admin",
            groups="base.group_system,base.group_partner_manager,account.group_account_readonly",
        )
        cls.portal = new_test_user(
            cls.env, login="coal_int_portal", groups="base.group_portal"
        )
        cls.company2 = cls.env["res.company"].create({"name": "Coal Second Company"})
        cls.other_company_user = new_test_user(
            cls.env,
            login="coal_int_other",
            groups="crm_coal.group_crm_coal_manager",
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Integrity Power Plant",
                "is_company": True,
                "coal_key_account": True,
                "coal_grade": "c",
                "coal_annual_demand": 100000,
                "coal_our_share": 10,
                "user_id": cls.user.id,
            }
        )
        cls.contract = cls.env["crm.coal.contract"].create(
            {
                "name": "INT-1",
                "partner_id": cls.account.id,
                "price": 700,
                "base_cv": 5500,
                "date_start": date(2024, 1, 1),
                "term_ids": [
                    (0, 0, {"kind": "deduction", "parameter": "moisture", "spec": 10})
                ],
                "plan_ids": [(0, 0, {"month": date(2024, 5, 1), "planned_t": 1000})],
                "collection_ids": [
                    (0, 0, {"due_date": date(2024, 6, 30), "planned_amount": 1000})
                ],
            }
        )
        cls.lot = cls.env["crm.coal.delivery.lot"].create(
            {
                "name": "INT-L1",
                "contract_id": cls.contract.id,
                "date": date(2024, 5, 2),
                "tonnage": 1000,
                "lab_cv": 5500,
                "lab_moisture": 12,
                "lab_ash": 20,
                "lab_sulfur": 0.8,
                "lab_volatile": 28,
            }
        )
        cls.port = cls.env["crm.coal.port"].create({"name": "Int Port", "code": "INTP"})
        cls.index = cls.env["crm.coal.price.index"].create(
            {"name": "Int FOB", "code": "INTF", "port_id": cls.port.id}
        )

    def _assert_unchanged(self, record, values):
        record.invalidate_recordset()
        self.assertEqual({name: record[name] for name in values}, values)

    # ------------------------------------------------------------ partners
    def test_partner_copy_by_plain_user(self):
        self.account.with_user(self.plain).read(["coal_grade", "coal_days_of_supply"])
        copy = self.account.with_user(self.contact_editor).copy()
        self.assertEqual(copy.name, "Integrity Power Plant (copy)")
        self.assertFalse(copy.coal_key_account)  # the contact, not its key-account data
        with self.assertRaises(AccessError):
            self.account.with_user(self.contact_editor).write({"coal_grade": "a"})
        self._assert_unchanged(self.account, {"coal_grade": "c"})
        coal_copy = self.account.with_user(self.manager).copy()
        self.assertEqual(coal_copy.coal_grade, "c")
        self.assertFalse(copy.sudo().coal_supply_date)
        self.assertFalse(copy.sudo().coal_representative_ids)

    def test_user_copy_by_admin_without_coal_group(self):
        self.assertFalse(self.admin_like.has_group("crm_coal.group_crm_coal_user"))
        copy = self.plain.with_user(self.admin_like).copy({"login": "coal_plain_copy"})
        self.assertEqual(copy.login, "coal_plain_copy")

    def test_partner_export_and_merge(self):
        rows = self.account.with_user(self.contact_editor).export_data(
            ["name", "coal_grade"]
        )["datas"]
        self.assertEqual(rows, [["Integrity Power Plant", "C - Market customer"]])
        dup = self.env["res.partner"].create(
            {
                "name": "Integrity Power Plant dup",
                "is_company": True,
                "coal_annual_demand": 5,
            }
        )
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(
            self.admin_like
        )
        wizard._merge((self.account | dup).ids, self.account)
        self.assertFalse(dup.exists())
        self.assertTrue(self.account.coal_key_account)

    def test_merge_carries_source_coal_data_without_coal_group(self):
        """The source has key-account data the destination lacks: a partner manager without
        a coal group merges them, and the data moves to the destination."""
        self.assertFalse(self.admin_like.has_group("crm_coal.group_crm_coal_user"))
        self.account.sudo().write({"coal_annual_demand": 120000})
        dst = self.env["res.partner"].create(
            {"name": "Plain Destination", "is_company": True}
        )
        expected = {
            name: self.account[name]
            for name in ("coal_key_account", "coal_annual_demand")
        }
        self.assertTrue(expected["coal_key_account"])
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(
            self.admin_like
        )
        wizard._merge((self.account | dst).ids, dst)
        self.assertFalse(self.account.exists())
        dst.invalidate_recordset()
        self.assertEqual({name: dst[name] for name in expected}, expected)
        # a plain partner edit by the same user still cannot set coal data
        with self.assertRaises(AccessError):
            dst.with_user(self.admin_like).write({"coal_annual_demand": 1})
        self.assertEqual(dst.coal_annual_demand, 120000)

    def test_partner_derived_fields_refused(self):
        before = {
            "coal_days_of_supply": 0.0,
            "coal_supply_level": False,
            "coal_score": 0.0,
        }
        for user in (self.plain, self.user, self.manager):
            for name, value in (
                ("coal_days_of_supply", 99.0),
                ("coal_supply_level", "red"),
                ("coal_score", 100.0),
                ("coal_our_annual_volume", 1.0),
            ):
                with self.assertRaises(AccessError):
                    self.account.with_user(user).write({name: value})
        with self.assertRaises(ValidationError):
            self.account.with_user(self.manager).write({"coal_annual_demand": math.nan})
        self._assert_unchanged(self.account, before)
        self.assertEqual(self.account.coal_annual_demand, 100000)
        with self.assertRaises(AccessError):
            self.account.with_user(self.portal).write({"coal_grade": "a"})

    # ------------------------------------------------------------ sales
    def _order(self, price, user):
        product = self.env["product.product"].create(
            {
                "name": "Int coal",
                "list_price": 1,
                "coal_cv_nar": 5000,
                "uom_id": self.env.ref("uom.product_uom_ton").id,
                "uom_po_id": self.env.ref("uom.product_uom_ton").id,
            }
        )
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.account.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                "price_unit": price,
                                "tax_id": [(6, 0, [])],
                            },
                        )
                    ],
                }
            )
        )

    def test_non_positive_order_confirms_under_credit_hold(self):
        icp = self.env["ir.config_parameter"]
        icp.set_param("crm_coal.credit_hold", "1")
        icp.set_param("crm_coal.credit_limit_c", 10)
        for price in (-500, 0):
            order = self._order(price, self.user)
            order.action_confirm()
            self.assertEqual(order.state, "sale")
        order = self._order(50, self.user)
        with self.assertRaises(UserError):
            order.action_confirm()
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                order.with_user(user).write({"coal_credit_override": True})
        self._assert_unchanged(order, {"state": "draft", "coal_credit_override": False})

    def test_sales_report_company_rule(self):
        order = self._order(100, self.manager)
        order.action_confirm()
        report = self.env["crm.coal.sales.report"]
        self.env.flush_all()
        mine = report.with_user(self.manager).search(
            [("partner_id", "=", self.account.id)]
        )
        self.assertEqual(sum(mine.mapped("revenue")), 100)
        self.assertFalse(
            report.with_user(self.other_company_user).search(
                [("partner_id", "=", self.account.id)]
            )
        )
        self.assertFalse(report.with_user(self.other_company_user)._key_account_share())
        with self.assertRaises(AccessError):
            report.with_user(self.portal).search([])

    # ------------------------------------------------------------ contracts and lots
    def test_contract_state_only_through_actions(self):
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                self.contract.with_user(user).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self.contract.with_user(self.user).action_activate()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.other_company_user).action_activate()
        with self.assertRaises(UserError):
            self.contract.with_user(self.manager).action_close()
        self._assert_unchanged(self.contract, {"state": "draft"})
        self.contract.with_user(self.manager).action_activate()
        self.contract.with_user(self.manager).action_close()
        self.assertEqual(self.contract.state, "closed")
        with self.assertRaises(UserError):
            self.contract.with_user(self.manager).write({"price": 1})
        with self.assertRaises(UserError):
            self.lot.with_user(self.manager).write({"tonnage": 1})
        with self.assertRaises(UserError):
            self.contract.term_ids.with_user(self.manager).write({"spec": 20})
        self._assert_unchanged(self.contract, {"price": 700.0, "state": "closed"})
        self.assertEqual(self.lot.tonnage, 1000)

    def test_contract_with_history_not_deleted(self):
        with self.assertRaises(AccessError):
            self.contract.with_user(self.manager).unlink()  # no delete right at all
        with self.assertRaises(UserError):
            self.contract.sudo().unlink()
        self.assertTrue(self.contract.exists())

    def test_lot_price_and_deductions_only_through_settle(self):
        before = {
            "status": self.lot.status,
            "final_price": self.lot.final_price,
            "amount": self.lot.amount,
        }
        self.assertEqual(before["status"], "accepted")
        for user in (self.user, self.manager):
            for vals in ({"status": "rejected"}, {"final_price": 1.0}, {"amount": 9.0}):
                with self.assertRaises(AccessError):
                    self.lot.with_user(user).write(vals)
            with self.assertRaises(AccessError):
                self.lot.deduction_ids.with_user(user).write({"amount": -5})
            with self.assertRaises(AccessError):
                self.env["crm.coal.lot.deduction"].with_user(user).create(
                    {"lot_id": self.lot.id, "parameter": "ash", "amount": -5}
                )
        with self.assertRaises(ValidationError):
            self.lot.deduction_ids.sudo().write({"amount": -5})
        with self.assertRaises(UserError):
            self.lot.with_user(self.manager).unlink()
        self._assert_unchanged(self.lot, before)

    def test_negative_quality_terms_refused(self):
        term = self.contract.term_ids
        for vals in (
            {"spec": -1},
            {"rate": -2},
            {"step": -1},
            {"minimum": -3},
            {"maximum": -4},
            {"rate": math.inf},
        ):
            with self.assertRaises(ValidationError):
                term.with_user(self.manager).write(vals)
        self._assert_unchanged(term, {"spec": 10.0, "rate": 1.0, "step": 1.0})

    def test_collections_only_through_matching(self):
        line = self.contract.collection_ids
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"collected_amount": 1000})
        with self.assertRaises(AccessError):
            self.contract.with_user(self.plain).action_match_payments()
        self._assert_unchanged(line, {"collected_amount": 0.0, "balance": 1000.0})

    def test_emptied_required_dates_refused(self):
        report = self.env["crm.coal.site.report"].create(
            {
                "partner_id": self.account.id,
                "user_id": self.user.id,
                "date": TODAY - timedelta(days=1),
                "burn_t": 10,
                "stockpile_t": 100,
            }
        )
        quote = self.env["crm.coal.price.quote"].create(
            {"index_id": self.index.id, "grade_cv": 5500, "date": TODAY, "price": 800}
        )
        stock = self.env["crm.coal.port.stock"].create(
            {"port_id": self.port.id, "date": TODAY, "stock_10kt": 500}
        )
        for record, fname in (
            (report, "date"),
            (quote, "date"),
            (stock, "date"),
            (self.contract, "date_start"),
        ):
            before = record[fname]
            with self.assertRaises(ValidationError):
                record.with_user(self.manager).write({fname: False})
            record.invalidate_recordset()
            self.assertEqual(record[fname], before)

    # ------------------------------------------------------------ history
    def test_site_reports_in_figure_archived_not_deleted(self):
        Report = self.env["crm.coal.site.report"]
        old = Report.create(
            {
                "partner_id": self.account.id,
                "user_id": self.user.id,
                "date": TODAY - timedelta(days=60),
                "burn_t": 10,
                "stockpile_t": 100,
            }
        )
        latest = Report.create(
            {
                "partner_id": self.account.id,
                "user_id": self.user.id,
                "date": TODAY - timedelta(days=1),
                "burn_t": 10,
                "stockpile_t": 100,
            }
        )
        with self.assertRaises(UserError):
            latest.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            latest.with_user(self.user).write({"filed_at": fields.Datetime.now()})
        old.with_user(
            self.manager
        ).unlink()  # outside the window: nothing depends on it
        self.assertFalse(old.exists())
        latest.with_user(self.manager).action_archive()
        self.assertFalse(latest.active)

    def test_quotes_used_by_later_quotes_archived_not_deleted(self):
        Quote = self.env["crm.coal.price.quote"]
        first, second = Quote.create(
            [
                {
                    "index_id": self.index.id,
                    "grade_cv": 5500,
                    "date": TODAY - timedelta(days=7),
                    "price": 800,
                },
                {
                    "index_id": self.index.id,
                    "grade_cv": 5500,
                    "date": TODAY,
                    "price": 840,
                },
            ]
        )
        self.assertEqual(second.wow_change, 40)
        with self.assertRaises(UserError):
            first.with_user(self.manager).unlink()
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                second.with_user(user).write({"wow_change": 0})
        self._assert_unchanged(second, {"wow_change": 40.0})
        first.with_user(self.manager).action_archive()
        self.assertEqual(second.wow_change, 0)
        second.with_user(self.manager).unlink()
        stocks = self.env["crm.coal.port.stock"].create(
            [
                {
                    "port_id": self.port.id,
                    "date": TODAY - timedelta(days=7),
                    "stock_10kt": 500,
                },
                {"port_id": self.port.id, "date": TODAY, "stock_10kt": 550},
            ]
        )
        with self.assertRaises(UserError):
            stocks[0].with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            stocks[1].with_user(self.manager).write({"wow_pct": 1})
        self.assertEqual(stocks[1].wow_change, 50)

    # ------------------------------------------------------------ random bad values
    @mute_logger("odoo.sql_db")
    def test_other_company_records_refused(self):
        foreign = self.env["res.partner"].create(
            {"name": "Foreign Plant Owner", "company_id": self.company2.id}
        )
        with self.assertRaises(UserError) as caught:
            self.env["crm.coal.site.report"].create(
                {
                    "partner_id": foreign.id,
                    "user_id": self.user.id,
                    "date": TODAY - timedelta(days=1),
                    "burn_t": 10,
                    "stockpile_t": 100,
                    "company_id": self.env.company.id,
                }
            )
        self.assertIn("Incompatible companies", str(caught.exception))
        self.assertFalse(
            self.env["crm.coal.site.report"].search([("partner_id", "=", foreign.id)])
        )

    def test_settings_bounds(self):
        Param = self.env["ir.config_parameter"].sudo()
        keys = (
            "crm_coal.credit_limit_a",
            "crm_coal.supply_window_days",
            "crm_coal.price_alert_pct",
        )
        before = {key: Param.get_param(key) for key in keys}
        for vals, message in (
            ({"coal_credit_limit_a": math.nan}, "must be a number between"),
            ({"coal_price_alert_pct": math.inf}, "must be a number between"),
            ({"coal_supply_window_days": 2**40}, "must be a number between"),
            ({"coal_supply_window_days": 5000}, "one day to ten years"),
            ({"coal_supply_window_days": 0}, "one day to ten years"),
            ({"coal_credit_limit_b": -1}, "cannot be negative"),
        ):
            with self.subTest(vals=vals):
                with (
                    self.assertRaises(ValidationError) as caught,
                    self.env.cr.savepoint(),
                ):
                    self.env["res.config.settings"].create(vals).execute()
                self.assertIn(message, str(caught.exception))
        self.assertEqual({key: Param.get_param(key) for key in keys}, before)
        Param.set_param("crm_coal.credit_limit_a", "nan")
        self.assertEqual(get_setting(self.env, "coal_credit_limit_a"), 100_000_000.0)

    def test_random_bad_values_on_every_writable_field(self):
        rng = random.Random(9)
        numbers = [
            math.nan,
            math.inf,
            -math.inf,
            1e308,
            -1e308,
            -1,
            -(2**40),
            2**63,
            "",
            False,
            "x" * 50,
            -0.0001,
        ]
        bad = {
            "float": numbers,
            "monetary": numbers,
            "integer": numbers,
            "char": ["", False, "x" * 5000],
            "text": ["", False, "x" * 50000],
            "date": [False, "1900-01-01", "2999-12-31", TODAY + timedelta(days=1)],
            "datetime": [False, "1900-01-01 00:00:00", "2999-12-31 23:59:59"],
            "boolean": [False, True],
            "selection": [False],
        }
        records = [
            self.account,
            self.env["crm.coal.site.report"].create(
                {
                    "partner_id": self.account.id,
                    "user_id": self.manager.id,
                    "date": TODAY - timedelta(days=2),
                    "burn_t": 10,
                    "stockpile_t": 100,
                }
            ),
            self.env["crm.coal.price.quote"].create(
                {
                    "index_id": self.index.id,
                    "grade_cv": 5000,
                    "date": TODAY,
                    "price": 800,
                }
            ),
            self.env["crm.coal.port.stock"].create(
                {
                    "port_id": self.port.id,
                    "date": TODAY - timedelta(days=3),
                    "stock_10kt": 5,
                }
            ),
            self.contract,
            self.lot,
            self.contract.term_ids,
            self.contract.plan_ids,
            self.contract.collection_ids,
        ]
        skip_types = ("one2many", "many2many", "many2one", "binary", "html")
        for record in records:
            record = record.with_user(self.manager)
            names = [
                name
                for name, field in record._fields.items()
                if field.store
                and not field.readonly
                and not field.compute
                and not field.related
                and field.type not in skip_types
                and not name.startswith(("message_", "activity_", "website_"))
                and (record._name != "res.partner" or name.startswith("coal_"))
            ]
            for name in names:
                values = bad[record._fields[name].type]
                for value in rng.sample(values, min(4, len(values))):
                    try:
                        with self.env.cr.savepoint():
                            record.write({name: value})
                            record.flush_recordset()
                    except (UserError, ValidationError, AccessError):
                        continue
                    stored = record.sudo()[name]
                    if isinstance(stored, float):
                        self.assertTrue(
                            math.isfinite(stored), (record._name, name, value)
                        )
                    record.invalidate_recordset()
