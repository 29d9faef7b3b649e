# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every domain error a user can meet (models/messages.py) renders in English and in Chinese,
with its parameters and without the lib's English message."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models.messages import ERROR_MESSAGES, message_text, template_params


def _has_chinese(text):
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@tagged("post_install", "-at_install")
class TestErrorMessages(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_knowledge")._update_translations(["zh_CN"])
        cls.env_en = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_every_error_message_renders_in_english_and_chinese(self):
        for code, template in ERROR_MESSAGES.items():
            with self.subTest(code=code):
                params = {
                    name: f"{7301 + index}"
                    for index, name in enumerate(template_params(template))
                }
                english = message_text(self.env_en, code, params)
                self.assertEqual(english, template % params)
                chinese = message_text(self.env_zh, code, params)
                self.assertNotEqual(chinese, english)
                self.assertTrue(_has_chinese(chinese), chinese)
                for value in params.values():
                    self.assertIn(value, chinese)

    def test_unknown_code_names_the_code(self):
        self.assertEqual(
            message_text(self.env_en, "no_such_code", {}),
            "Check failed (no_such_code).",
        )
