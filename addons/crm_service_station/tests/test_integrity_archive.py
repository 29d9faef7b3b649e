# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta
import math
import random

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ServiceCommon

# Bad values by field type. Values of the wrong type (a string for a float, an unparsable date)
# are refused by the ORM itself before any check, with a ValueError: not attacked here.
BAD_VALUES = {
    "float": [
        math.nan,
        math.inf,
        -math.inf,
        1e308,
        -1e308,
        -1,
        -0.5,
        2**40,
        1e13,
        0,
        1.5,
        False,
    ],
    "integer": [2**31, -(2**31) - 1, 2**40, -1, 0, 12, 10**6, False],
    "char": ["", "x" * 5000, "nan", "<script>x</script>", "é" * 300, False],
    "date": [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1), "2026-02-28", False],
    "boolean": [True, False],
}
BAD_VALUES["monetary"] = BAD_VALUES["float"]
BAD_VALUES["text"] = BAD_VALUES["char"]
BAD_VALUES["datetime"] = [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), False]
REFUSED = (UserError, ValidationError, AccessError)


@tagged("post_install", "-at_install")
class TestIntegrityArchive(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reading = cls.env["crm.service.engine.reading"].create(
            {
                "lot_id": cls.engine.id,
                "date": cls.today - timedelta(days=100),
                "mileage_km": 1000,
            }
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "Service Other Company"}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="css_other_company",
            groups="crm_service_station.group_crm_service_station_manager",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    # ---------------------------------------------------------------- engine archive
    def test_engine_with_history_not_deleted(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        with self.assertRaises(UserError) as caught:
            self.engine.unlink()
        self.assertIn("T615-0001", str(caught.exception))
        self.assertTrue(self.engine.exists())
        self.assertEqual(claim.lot_id, self.engine)
        self.assertTrue(self.reading.exists())
        # Readings alone keep the engine too (and the database refuses as well)
        lonely = self.env["stock.lot"].create(
            {"name": "T615-0099", "product_id": self.engine_product.id}
        )
        self.env["crm.service.engine.reading"].create(
            {"lot_id": lonely.id, "mileage_km": 10}
        )
        with self.assertRaises(UserError):
            lonely.unlink()
        # An engine without history can be deleted
        unused = self.env["stock.lot"].create(
            {"name": "T615-0100", "product_id": self.engine_product.id}
        )
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_repair_reading_not_deleted(self):
        repair = self._repair()
        reading = self.env["crm.service.engine.reading"].create(
            {
                "lot_id": self.engine.id,
                "mileage_km": 60000,
                "source": "repair",
                "repair_id": repair.id,
            }
        )
        with self.assertRaises(UserError):
            reading.unlink()
        self.assertTrue(reading.exists())

    def test_absurd_readings_refused(self):
        Reading = self.env["crm.service.engine.reading"].with_user(self.service_user)
        for vals, error in (
            ({"mileage_km": math.nan}, ValidationError),
            ({"mileage_km": 1e308}, ValidationError),
            ({"mileage_km": 5e10}, ValidationError),
            ({"hours": -5}, ValidationError),
            ({"hours": math.inf}, ValidationError),
        ):
            with self.subTest(vals=vals), self.assertRaises(error):
                Reading.create(dict(vals, lot_id=self.engine.id))
        self.reading.invalidate_recordset()
        self.assertEqual(self.reading.mileage_km, 1000)

    # ---------------------------------------------------------------- policies and stations
    def test_policy_out_of_range_refused(self):
        for name, value in (
            ("repair_months", 10**6),
            ("repair_months", 241),
            ("first_service_max_months", 999),
            ("repair_hours", 5e7),
        ):
            with (
                self.subTest(field=name, value=value),
                self.assertRaises(ValidationError) as caught,
            ):
                self.policy.write({name: value})
            self.assertIn("must be between 0 and", str(caught.exception))
        for vals in (
            {"repair_km": math.nan},
            {"free_service_count": -1},
            {"repair_km": math.inf},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.policy.write(vals)
        self.policy.invalidate_recordset()
        self.assertEqual(
            (self.policy.repair_months, self.policy.repair_km), (24, 200000)
        )

    def test_station_status_managers_only(self):
        for user in (self.service_user, self.plain_user):
            for vals in ({"station_status": "terminated"}, {"station_level": "a"}):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(AccessError),
                ):
                    self.station_a.with_user(user).write(vals)
        self.assertEqual(self.station_a.station_status, "active")
        self.assertFalse(self.station_a.station_level)
        self.station_a.with_user(self.service_manager).write({"station_level": "b"})
        self.assertEqual(self.station_a.station_level, "b")
        with self.assertRaises(ValidationError):
            self.station_a.with_user(self.service_manager).write(
                {"station_labor_rate": math.nan}
            )
        with self.assertRaises(ValidationError):
            self.station_a.with_user(self.service_manager).write(
                {"station_travel_rate": 1e15}
            )
        self.assertEqual(self.station_a.station_labor_rate, 80.0)

    # ---------------------------------------------------------------- requests and visits
    def test_request_state_only_through_actions(self):
        request = (
            self.env["crm.service.request"]
            .with_user(self.service_user)
            .create(
                {
                    "description": "Noise",
                    "request_type": "complaint",
                    "station_id": self.station_a.id,
                }
            )
        )
        for user in (self.service_user, self.service_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self.env["crm.service.request"].with_user(self.service_user).create(
                {"description": "x", "state": "closed"}
            )
        request.satisfaction = "5"
        with self.assertRaises(UserError) as caught:
            request.action_close()
        self.assertIn("Reply to the complaints", str(caught.exception))
        request.reply = "Replaced the belt."
        request.action_close()
        self.assertEqual(request.state, "closed")
        with self.assertRaises(UserError):
            request.write({"reply": "changed"})
        with self.assertRaises(UserError):
            request.action_cancel()
        self.assertEqual(request.state, "closed")

    # ---------------------------------------------------------------- multi-company SQL view
    def test_quality_rate_company(self):
        claim = self.env["crm.service.claim"].create(self._claim_vals())
        claim.action_submit()
        claim.action_approve(self.OVERRIDE)
        self.env.flush_all()
        Rate = self.env["crm.service.quality.rate"]
        mine = Rate.with_user(self.service_manager).search(
            [("product_id", "=", self.engine_product.id)]
        )
        self.assertEqual(mine.company_id, self.env.company)
        self.assertGreater(mine.claim_cost, 0)
        theirs = Rate.with_user(self.other_user).search(
            [("product_id", "=", self.engine_product.id)]
        )
        self.assertEqual(theirs.company_id, self.other_company)
        self.assertEqual((theirs.claims, theirs.claim_cost), (0, 0.0))

    # ---------------------------------------------------------------- random bad values
    def test_random_bad_values(self):
        """Every writable field gets random bad values: refused with a business error, or
        stored as given; never another exception, never NaN stored."""
        repair = self._repair()
        visit = self.env["crm.service.return.visit"].create(
            {"repair_id": repair.id, "satisfaction": "3"}
        )
        request = self.env["crm.service.request"].create({"description": "Loop"})
        targets = [
            # (record, user, prefix of the addon's fields on an inherited model)
            (self.engine, self.service_user, "engine_"),
            (self.reading, self.service_user, ""),
            (self.policy, self.service_manager, ""),
            (self.station_a, self.service_manager, "station_"),
            (request, self.service_user, ""),
            (visit, self.service_user, ""),
        ]
        rng = random.Random(9)
        for record, user, prefix in targets:
            names = sorted(
                name
                for name, field in record._fields.items()
                if field.type in BAD_VALUES
                and field.store
                and not field.readonly
                and not field.related
                and (not field.compute or field.inverse or not field.readonly)
                and name.startswith(prefix)
                and name not in ("id", "active")
                and not name.startswith(("message_", "activity_"))
            )
            self.assertTrue(names, record._name)
            for name in names:
                values = BAD_VALUES[record._fields[name].type]
                if record._fields[name].required:
                    values = [value for value in values if value not in ("", False)]
                for value in rng.sample(values, min(5, len(values))):
                    self._attack(record.with_user(user), name, value)

    def _attack(self, record, name, value):
        try:
            with self.env.cr.savepoint():
                record.write({name: value})
                record.env.flush_all()
        except REFUSED:
            return
        except Exception as error:
            self.fail(
                f"{record._name}.{name} = {value!r} raised {type(error).__name__}: {error}"
            )
        stored = record.sudo().read([name])[0][name]
        if isinstance(stored, float):
            self.assertTrue(
                math.isfinite(stored), f"{record._name}.{name} stored {stored!r}"
            )
