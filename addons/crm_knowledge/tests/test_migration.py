# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import KnowledgeCase

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations"
    / "18.0.1.1.0"
    / "post-migrate.py"
)


def _load_migration():
    spec = importlib.util.spec_from_file_location(
        "crm_knowledge_mig_18_0_1_1_0", MIGRATION
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestSearchMigration(KnowledgeCase):
    """Upgrading to 18.0.1.1.0 re-indexes articles stored with the older tokens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.traditional = cls._published("營銷策劃方案", "知識庫的項目經理能力要求")
        cls.archived = cls._published("旧的润滑油选型", "液压油选型")
        cls.archived.with_user(cls.manager).action_archive_article()

    def _age_tokens(self):
        """Put old tokens back, as an older release stored them (a raw write, as on disk)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_knowledge_article SET search_title_tokens = 'stale',"
            " search_body_tokens = 'stale' WHERE id IN %s",
            [(self.traditional.id, self.archived.id)],
        )
        self.env.invalidate_all()

    def _found(self, query):
        return self.Article._search_knowledge(query)

    def test_migration_reindexes(self):
        expected = {
            article: (article.search_title_tokens, article.search_body_tokens)
            for article in self.traditional | self.archived
        }
        self.assertIn(self.traditional, self._found("营销策划"))
        self._age_tokens()
        self.assertNotIn(self.traditional, self._found("营销策划"))
        _load_migration().migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for article, tokens in expected.items():
            self.assertEqual(
                (article.search_title_tokens, article.search_body_tokens), tokens
            )
        # the simplified query finds the traditional text again
        self.assertIn(self.traditional, self._found("营销策划"))

    def test_fresh_install_does_nothing(self):
        self._age_tokens()
        _load_migration().migrate(self.env.cr, None)
        self.env.invalidate_all()
        self.assertEqual(self.traditional.search_title_tokens, "stale")

    def test_reindex_in_chunks(self):
        self._age_tokens()
        count = self.Article._reindex_search(chunk=1)
        self.assertEqual(
            count, self.Article.with_context(active_test=False).search_count([])
        )
        self.env.invalidate_all()
        self.assertNotEqual(self.archived.search_title_tokens, "stale")
