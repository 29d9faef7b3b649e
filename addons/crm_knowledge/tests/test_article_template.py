# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Templates per category (issue 14 item 5): a new article without a body starts from its
category's template (or the nearest parent's); the four templates of the data (case, FAQ,
procedure, policy) in English and in Chinese; only managers change a template."""

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from ..lib.text import html_to_lines
from .common import KnowledgeCase

CASE_TEMPLATE = "<h2>故障现象</h2><p><br></p><h2>解决方法</h2><p><br></p>"


@tagged("post_install", "-at_install")
class TestArticleTemplate(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category.article_template = CASE_TEMPLATE
        cls.subcategory = cls.Category.create(
            {"name": "Fuel system", "parent_id": cls.category.id}
        )

    def _new(self, category, **vals):
        return self.Article.with_user(self.editor).create(
            {"name": "新文章", "category_id": category.id, **vals}
        )

    def test_new_article_starts_from_the_template(self):
        article = self._new(self.category)
        self.assertEqual(html_to_lines(article.body), ["故障现象", "解决方法"])
        # a subcategory without its own template takes its parent's
        self.assertEqual(
            html_to_lines(self._new(self.subcategory).body), ["故障现象", "解决方法"]
        )
        # its own template wins over the parent's
        self.subcategory.article_template = "<h2>燃油压力</h2>"
        self.assertEqual(html_to_lines(self._new(self.subcategory).body), ["燃油压力"])

    def test_a_written_body_is_kept(self):
        article = self._new(self.category, body="<p>喷油器雾化不良</p>")
        self.assertEqual(html_to_lines(article.body), ["喷油器雾化不良"])

    def test_blank_template_or_none_leaves_the_body_empty(self):
        plain = self.Category.create(
            {"name": "Misc", "article_template": "<p><br></p>"}
        )
        self.assertFalse(html_to_lines(self._new(plain).body))
        bare = self.Category.create({"name": "Bare"})
        self.assertFalse(self._new(bare).body)

    def test_form_takes_the_template_of_the_category_chosen(self):
        form = Form(self.Article.with_user(self.editor))
        form.name = "表单新文章"
        form.category_id = self.category
        self.assertEqual(html_to_lines(form.body), ["故障现象", "解决方法"])
        # a body already written is not replaced when the category changes
        form.body = "<p>已写的内容</p>"
        form.category_id = self.subcategory
        self.assertEqual(html_to_lines(form.body), ["已写的内容"])
        article = form.save()
        self.assertEqual(html_to_lines(article.body), ["已写的内容"])

    def test_data_templates_in_english_and_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_crm_knowledge")._update_translations(["zh_CN"])
        expected = {
            "crm_knowledge.category_case_library": (
                ["Symptom", "Cause Analysis", "Resolution", "Parts Used", "Model"],
                ["故障现象", "原因分析", "解决方法", "所用配件", "机型"],
            ),
            "crm_knowledge.category_faq": (
                ["Question", "Short Answer", "Details", "Related Products"],
                ["问题", "简要回答", "详情", "相关产品"],
            ),
            "crm_knowledge.category_technical_documents": (
                [
                    "Purpose",
                    "Scope",
                    "Tools and Materials",
                    "Steps",
                    "Safety Notes",
                    "Checks",
                ],
                [
                    "目的",
                    "适用范围",
                    "工具和材料",
                    "操作步骤",
                    "安全注意事项",
                    "检查与验收",
                ],
            ),
            "crm_knowledge.category_policies": (
                ["Purpose", "Applies To", "Rules", "Effective Date", "Owner"],
                ["目的", "适用对象", "规定", "生效日期", "负责人"],
            ),
        }
        for xmlid, (english, chinese) in expected.items():
            with self.subTest(category=xmlid):
                category = self.env.ref(xmlid)
                headings_en = html_to_lines(self._new(category).body)[::2]
                self.assertEqual(headings_en, english)
                # the user's language is the context's (the web client sends it)
                article_zh = (
                    self.Article.with_user(self.editor)
                    .with_context(lang="zh_CN")
                    .create({"name": "新文章", "category_id": category.id})
                )
                self.assertEqual(html_to_lines(article_zh.body)[::2], chinese)

    def test_only_managers_change_a_template(self):
        for user in (self.reader, self.editor):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.category.with_user(user).write(
                        {"article_template": "<p>x</p>"}
                    )
                self.assertEqual(
                    html_to_lines(self.category.article_template),
                    ["故障现象", "解决方法"],
                )
        self.category.with_user(self.manager).write({"article_template": "<h2>新</h2>"})
        self.assertEqual(html_to_lines(self._new(self.category).body), ["新"])
