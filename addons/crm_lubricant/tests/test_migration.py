# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import LubricantCase

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations"
    / "18.0.1.1.0"
    / "post-migrate.py"
)


def _load_migration():
    spec = importlib.util.spec_from_file_location(
        "crm_lubricant_mig_18_0_1_1_0", MIGRATION
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestKeyMigration(LubricantCase):
    """Upgrading to 18.0.1.1.0 re-keys records stored with the older normalisation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "华泰润滑科技（上海）有限公司",
                "phone": "86 21 5588 6677",
                "is_company": True,
                "customer_rank": 1,
            }
        )
        cls.archived = cls.env["res.partner"].create(
            {"name": "上海市旧润滑油有限公司", "is_company": True, "active": False}
        )
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Migration lead", "partner_name": "上海市华泰润滑科技有限公司"}
        )

    def _age_keys(self):
        """Put the keys back as an older rule set left them (a raw write, as on disk)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET lub_name_key = 'stale', lub_phone_key = 'stale'"
            " WHERE id IN %s",
            [(self.partner.id, self.archived.id)],
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET lub_name_key = 'stale' WHERE id = %s", [self.lead.id]
        )
        self.env.invalidate_all()

    def test_migration_rekeys_partners_and_leads(self):
        expected = {
            "partner_name": self.partner.lub_name_key,
            "partner_phone": self.partner.lub_phone_key,
            "archived_name": self.archived.lub_name_key,
            "lead_name": self.lead.lub_name_key,
        }
        # the keys the current rules give (checked by hand against lib.dedup)
        self.assertEqual(expected["partner_name"], "上海华泰润滑科技")
        self.assertEqual(expected["lead_name"], "上海华泰润滑科技")
        self.assertEqual(expected["partner_phone"], "02155886677")
        self._age_keys()
        self.assertEqual(self.partner.lub_name_key, "stale")
        _load_migration().migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.partner.lub_name_key, expected["partner_name"])
        self.assertEqual(self.partner.lub_phone_key, expected["partner_phone"])
        self.assertEqual(self.archived.lub_name_key, expected["archived_name"])
        self.assertNotEqual(self.archived.lub_name_key, "stale")
        self.assertEqual(self.lead.lub_name_key, expected["lead_name"])

    def test_fresh_install_does_nothing(self):
        self._age_keys()
        _load_migration().migrate(self.env.cr, None)
        self.env.invalidate_all()
        self.assertEqual(self.partner.lub_name_key, "stale")

    def test_recompute_chunks(self):
        """Chunks smaller than the data re-key every record, each once."""
        from ..models.crm_lead import recompute_lub_keys

        self._age_keys()
        counts = recompute_lub_keys(self.env, chunk=2)
        partners = (
            self.env["res.partner"].with_context(active_test=False).search_count([])
        )
        self.assertEqual(counts["res.partner"], partners)
        self.assertEqual(
            counts["crm.lead"],
            self.env["crm.lead"].with_context(active_test=False).search_count([]),
        )
        self.env.invalidate_all()
        self.assertEqual(self.partner.lub_name_key, "上海华泰润滑科技")
        self.assertEqual(self.lead.lub_name_key, "上海华泰润滑科技")
