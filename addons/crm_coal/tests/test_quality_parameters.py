# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The quality parameters as declared in lib/quality.py: their labels and messages render in
English and in Chinese, and the selections and lab fields of the models follow them."""

from odoo.tests import TransactionCase, tagged

from ..lib.quality import LAB_FIELDS, MESSAGES, PARAMETER_DECLARATIONS, PRODUCT_FIELDS
from ..models.messages import ERROR_MESSAGES, message_text, template_params


def _has_chinese(text):
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@tagged("post_install", "-at_install")
class TestQualityParameterDeclarations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.ref("base.module_crm_coal")._update_translations(["zh_CN"])
        cls.env_en = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def _messages(self, parameter):
        """(code, English template) of every message about ``parameter``."""
        return [
            ("outside_physical_bounds", MESSAGES["outside_physical_bounds"]),
            (f"{parameter.code}_below_min", MESSAGES["below_min"]),
            (f"{parameter.code}_above_max", MESSAGES["above_max"]),
            ("missing_lab_value", ERROR_MESSAGES["missing_lab_value"]),
            (
                "rejection_limit_without_bound",
                ERROR_MESSAGES["rejection_limit_without_bound"],
            ),
            ("minimum_above_maximum", ERROR_MESSAGES["minimum_above_maximum"]),
        ]

    def test_every_parameter_message_renders_in_english_and_chinese(self):
        for parameter in PARAMETER_DECLARATIONS:
            for code, template in self._messages(parameter):
                with self.subTest(parameter=parameter.code, message=code):
                    params = {
                        name: f"{7301 + index}"
                        for index, name in enumerate(template_params(template))
                    }
                    params["parameter"] = parameter.code
                    english = message_text(self.env_en, code, params)
                    self.assertEqual(
                        english, template % dict(params, parameter=parameter.label)
                    )
                    chinese = message_text(self.env_zh, code, params)
                    self.assertNotEqual(chinese, english)
                    self.assertNotIn(parameter.label, chinese)
                    label_zh = self.env_zh._(parameter.label)  # pylint: disable=translation-not-lazy
                    self.assertTrue(_has_chinese(label_zh), label_zh)
                    # the sentence itself is translated, not only the label inside it
                    self.assertTrue(
                        _has_chinese(chinese.replace(label_zh, "")), chinese
                    )
                    for name, value in params.items():
                        if name != "parameter":
                            self.assertIn(value, chinese)

    def test_every_parameter_is_in_the_selections_in_both_languages(self):
        for model in ("crm.coal.quality.term", "crm.coal.lot.deduction"):
            field = self.env[model]._fields["parameter"]
            english = dict(field._description_selection(self.env_en))
            chinese = dict(field._description_selection(self.env_zh))
            self.assertEqual(list(english), [p.code for p in PARAMETER_DECLARATIONS])
            for parameter in PARAMETER_DECLARATIONS:
                with self.subTest(model=model, parameter=parameter.code):
                    self.assertEqual(english[parameter.code], parameter.label)
                    self.assertTrue(
                        _has_chinese(chinese[parameter.code]), chinese[parameter.code]
                    )

    def test_every_parameter_has_its_stored_fields(self):
        lot_fields = self.env["crm.coal.delivery.lot"]._fields
        product_fields = self.env["product.template"]._fields
        for parameter in PARAMETER_DECLARATIONS:
            with self.subTest(parameter=parameter.code):
                self.assertTrue(lot_fields[LAB_FIELDS[parameter.code]].store)
                self.assertTrue(product_fields[PRODUCT_FIELDS[parameter.code]].store)
