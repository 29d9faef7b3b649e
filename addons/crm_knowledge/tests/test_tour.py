# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import unittest

from odoo.tests import HttpCase, common as odoo_test_common, new_test_user, tagged


def browser_missing():
    """Why the browser tour cannot run here, or None: said loudly, never skipped."""
    if odoo_test_common.websocket is None:
        return "the websocket-client package is missing from Odoo's environment"
    try:
        odoo_test_common._find_executable()
    except unittest.SkipTest:  # how Odoo says that Chrome is not found
        return "no Chrome or Chromium executable was found"
    return None


@tagged("post_install", "-at_install")
class TestKnowledgeTour(HttpCase):
    """The reading path of a knowledge-base reader in the web client (static/tests/tours):
    the Knowledge Base app, the articles, a search for a Chinese word, one article's
    body."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = new_test_user(
            cls.env,
            login="kb_tour_reader",
            name="Knowledge Tour Reader",
            groups="base.group_user,crm_knowledge.group_crm_knowledge_reader",
        )
        editor = new_test_user(
            cls.env,
            login="kb_tour_editor",
            groups="crm_knowledge.group_crm_knowledge_editor",
        )
        manager = new_test_user(
            cls.env,
            login="kb_tour_manager",
            groups="crm_knowledge.group_crm_knowledge_manager",
        )
        category = cls.env["crm.knowledge.category"].create(
            {"name": "Tour Gearboxes 16"}
        )
        cls.articles = cls.env["crm.knowledge.article"]
        for name, body in (
            ("Tour 变速箱保养 16", "<p>Tour 16: 变速箱油每两万公里更换一次。</p>"),
            ("Tour 发动机积碳 16", "<p>Tour 16: 发动机积碳要定期清洗。</p>"),
        ):
            # published the normal way: draft, review, approval
            article = (
                cls.env["crm.knowledge.article"]
                .with_user(editor)
                .create(
                    {
                        "name": name,
                        "body": body,
                        "category_id": category.id,
                        "audience": "internal",
                    }
                )
            )
            article.action_submit_review()
            article.with_user(manager).action_publish()
            cls.articles |= article

    def test_knowledge_tour(self):
        missing = browser_missing()
        if missing:
            self.fail(f"The knowledge browser tour cannot run: {missing}.")
        # what the tour relies on: the search finds the first article, not the second
        found = (
            self.env["crm.knowledge.article"]
            .with_user(self.reader)
            .search(
                [("search_text", "ilike", "变速箱"), ("id", "in", self.articles.ids)]
            )
        )
        self.assertEqual(found, self.articles[0])
        self.start_tour("/odoo", "crm_knowledge_tour", login=self.reader.login)
