# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import KnowledgeCase


@tagged("post_install", "-at_install")
class TestAudience(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        managers = cls.env.ref("crm_knowledge.group_crm_knowledge_manager")
        cls.staff_only = cls.Category.create(
            {"name": "Staff only", "group_ids": [(6, 0, managers.ids)]}
        )
        cls.dealer_cat = cls.Category.create(
            {"name": "Dealer policies", "group_ids": [(6, 0, cls.dealer_group.ids)]}
        )
        cls.dealer_sub = cls.Category.create(
            {"name": "Rebates", "parent_id": cls.dealer_cat.id}
        )
        cls.internal = cls._published("Internal price list", audience="internal")
        cls.for_portal = cls._published("Dealer oil guide", audience="portal")
        cls.public = cls._published("Public spec sheet", audience="public")
        cls.draft_portal = cls.Article.with_user(cls.editor).create(
            {
                "name": "Draft for dealers",
                "category_id": cls.category.id,
                "audience": "portal",
            }
        )
        cls.dealer_only = cls._published(
            "Dealer rebate",
            category=cls.dealer_sub,
            audience="portal",
            author=cls.manager,
        )
        cls.staff_secret = cls._published(
            "Board decision", category=cls.staff_only, author=cls.manager
        )
        cls.all_articles = (
            cls.internal
            | cls.for_portal
            | cls.public
            | cls.draft_portal
            | cls.dealer_only
            | cls.staff_secret
        )

    def visible(self, user):
        return self.Article.with_user(user).search(
            [("id", "in", self.all_articles.ids)]
        )

    def test_effective_groups_inherit(self):
        self.assertEqual(self.dealer_sub.effective_group_ids, self.dealer_group)
        self.assertFalse(self.category.effective_group_ids)

    def test_reader(self):
        self.assertEqual(
            self.visible(self.reader), self.internal | self.for_portal | self.public
        )

    def test_editor(self):
        self.assertEqual(
            self.visible(self.editor),
            self.internal | self.for_portal | self.public | self.draft_portal,
        )

    def test_manager(self):
        self.assertEqual(self.visible(self.manager), self.all_articles)

    def test_portal_user(self):
        self.assertEqual(self.visible(self.portal), self.for_portal | self.public)
        for article in (
            self.internal,
            self.draft_portal,
            self.dealer_only,
            self.staff_secret,
        ):
            with self.assertRaises(AccessError):
                article.with_user(self.portal).read(["name", "body"])
        # not through a related path either
        self.assertFalse(
            self.Article.with_user(self.portal).search(
                [("name", "=", "Internal price list")]
            )
        )
        self.assertFalse(
            self.env["crm.knowledge.category"]
            .with_user(self.portal)
            .search([("id", "=", self.dealer_cat.id)])
        )

    def test_dealer_sees_dealer_category(self):
        self.assertEqual(
            self.visible(self.dealer), self.for_portal | self.public | self.dealer_only
        )

    def test_category_groups_restrict_staff(self):
        staff_member = new_test_user(
            self.env,
            login="kb_staff_in_group",
            groups="crm_knowledge.group_crm_knowledge_reader",
        )
        staff_member.groups_id = [(4, self.dealer_group.id)]
        self.assertIn(self.dealer_only, self.visible(staff_member))
        self.assertNotIn(self.dealer_only, self.visible(self.reader))
        self.assertNotIn(self.staff_secret, self.visible(self.reader))

    def test_portal_cannot_write_or_vote_for_others(self):
        with self.assertRaises(AccessError):
            self.for_portal.with_user(self.portal).write({"name": "hacked"})
        with self.assertRaises(AccessError):
            self.env["crm.knowledge.vote"].with_user(self.portal).create(
                {
                    "article_id": self.for_portal.id,
                    "user_id": self.reader.id,
                    "helpful": True,
                }
            )

    def test_public_token(self):
        self.assertTrue(self.public.access_token)
        self.assertIn(
            f"/knowledge/article/{self.public.id}?access_token=", self.public.public_url
        )
        self.assertFalse(self.internal.public_url)
        self.assertFalse(self.internal.access_token)
        self.internal.with_user(self.editor).audience = "public"
        self.assertTrue(self.internal.access_token)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.internal.sudo().company_id = other_company
        self.assertNotIn(self.internal, self.visible(self.reader))
