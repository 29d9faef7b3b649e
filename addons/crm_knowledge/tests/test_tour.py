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
    body; and the same search on the portal's /knowledge page as a dealer (portal user)."""

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
        cls.dealer = new_test_user(
            cls.env,
            login="kb_tour_dealer",
            name="Knowledge Tour Dealer",
            groups="base.group_portal",
        )
        category = cls.env["crm.knowledge.category"].create(
            {"name": "Tour Gearboxes 16"}
        )
        articles = cls.env["crm.knowledge.article"]
        for name, body, audience in (
            (
                "Tour 变速箱保养 16",
                "<p>Tour 16: 变速箱油每两万公里更换一次。</p>",
                "internal",
            ),
            (
                "Tour 发动机积碳 16",
                "<p>Tour 16: 发动机积碳要定期清洗。</p>",
                "internal",
            ),
            (
                "Tour 经销商变速箱手册 16",
                "<p>Tour 16: 变速箱漏油先查油封。</p>",
                "portal",
            ),
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
                        "audience": audience,
                    }
                )
            )
            article.action_submit_review()
            article.with_user(manager).action_publish()
            articles |= article
        cls.articles, cls.portal_article = articles[:2], articles[2]

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

    def test_knowledge_portal_tour(self):
        missing = browser_missing()
        if missing:
            self.fail(f"The knowledge portal tour cannot run: {missing}.")
        # what the tour relies on: the dealer finds the portal article, not the internal one
        found = (
            self.env["crm.knowledge.article"]
            .with_user(self.dealer)
            .search([("search_text", "ilike", "变速箱"), ("name", "like", "Tour %16")])
        )
        self.assertEqual(found, self.portal_article)
        self.start_tour(
            "/knowledge", "crm_knowledge_portal_tour", login=self.dealer.login
        )
