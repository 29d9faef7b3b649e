# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests.common import TransactionCase, new_test_user


class KnowledgeCase(TransactionCase):
    """Users of every audience and a small category tree, built here (not demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Article = cls.env["crm.knowledge.article"]
        cls.Category = cls.env["crm.knowledge.category"]
        cls.reader = new_test_user(
            cls.env,
            login="kb_reader",
            groups="crm_knowledge.group_crm_knowledge_reader",
        )
        cls.editor = new_test_user(
            cls.env,
            login="kb_editor",
            groups="crm_knowledge.group_crm_knowledge_editor",
        )
        cls.reviewer = new_test_user(
            cls.env,
            login="kb_reviewer",
            groups="crm_knowledge.group_crm_knowledge_editor",
        )
        cls.manager = new_test_user(
            cls.env,
            login="kb_manager",
            groups="crm_knowledge.group_crm_knowledge_manager",
        )
        cls.portal = new_test_user(
            cls.env, login="kb_portal", groups="base.group_portal"
        )
        cls.dealer_group = cls.env["res.groups"].create({"name": "KB test dealers"})
        cls.dealer = new_test_user(
            cls.env, login="kb_dealer", groups="base.group_portal"
        )
        cls.dealer.groups_id = [(4, cls.dealer_group.id)]
        cls.category = cls.Category.create(
            {"name": "Engine faults", "reviewer_ids": [(6, 0, cls.reviewer.ids)]}
        )

    @classmethod
    def _published(
        cls, name, body="", category=None, audience="internal", author=None, **vals
    ):
        """An article published the normal way: draft, review, approval."""
        article = cls.Article.with_user(author or cls.editor).create(
            {
                "name": name,
                "body": body,
                "category_id": (category or cls.category).id,
                "audience": audience,
                **vals,
            }
        )
        article.action_submit_review()
        article.with_user(cls.manager).action_publish()
        return article.with_user(cls.env.user)
