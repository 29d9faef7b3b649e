# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""zh_CN of what a user sees, over every app of the suite that is installed (issue 16,
item 4): the data records the addons load, their menus, and the main screens (every
window action of the suite, each of its views as the web client asks for it).

A screen fails when it shows, in zh_CN, an English string of the suite: a source
string of one of the four addons' translation files whose translation differs from it.
Odoo's own strings are Odoo's business and are not judged here.

It lives in crm_knowledge for the reason the crawler does: the one addon every test run
of the suite installs."""

import ast
import logging
import pathlib
import re

from lxml import etree
import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

_logger = logging.getLogger(__name__)
SUITE = ("crm_coal", "crm_lubricant", "crm_service_station", "crm_knowledge")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a word of three letters or more (unit symbols such as kg or MW pass)
LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")
# attributes of a view that the user reads
SHOWN_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "sum", "title")
# records whose translations are checked elsewhere (views: on screen; fields: .pot check)
NOT_DATA = ("ir.ui.view", "ir.model", "ir.model.fields", "ir.model.fields.selection")


def english(text):
    return bool(text) and bool(LATIN_WORD_RE.search(text)) and not CJK_RE.search(text)


@tagged("post_install", "-at_install", "crm_suite_zh_cn")
class TestZhCnScreens(TransactionCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Module = cls.env["ir.module.module"]
        cls.suite = Module.search(
            [("name", "in", SUITE), ("state", "=", "installed")]
        ).mapped("name")
        cls.env["res.lang"]._activate_lang("zh_CN")
        # Odoo's own zh_CN too: the screens mix Odoo's strings with ours
        Module.search([("state", "=", "installed")])._update_translations(["zh_CN"])
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.env_en = cls.env(context=dict(cls.env.context, lang="en_US"))
        # the suite's English strings that have a different zh_CN translation
        cls.suite_terms = set()
        for module in cls.suite:
            path = pathlib.Path(get_module_path(module)) / "i18n" / "zh_CN.po"
            for entry in polib.pofile(str(path)):
                msgid = entry.msgid.strip()
                if english(msgid) and entry.msgstr.strip() not in ("", msgid):
                    cls.suite_terms.add(msgid)

    def _suite_xmlids(self, model=None):
        domain = [("module", "in", self.suite)]
        if model:
            domain.append(("model", "=", model))
        return self.env["ir.model.data"].search(domain)

    def test_suite_terms_are_read(self):
        # the checks below mean something only if the suite's terms were found
        self.assertIn("Knowledge Base", self.suite_terms)
        self.assertGreater(len(self.suite_terms), 100 * len(self.suite))

    def test_data_records_have_zh_cn_values(self):
        """Every translatable field of every record the suite's data and demo files
        load reads in Chinese for a zh_CN user (demo records are written in Chinese)."""
        by_model = {}
        for imd in self._suite_xmlids():
            if imd.model not in NOT_DATA and imd.model in self.env:
                by_model.setdefault(imd.model, set()).add(imd.res_id)
        failures, checked = [], 0
        for model, ids in sorted(by_model.items()):
            Model = self.env[model]
            names = [
                name
                for name, field in Model._fields.items()
                if field.translate and field.store
            ]
            if not names:
                continue
            records = Model.browse(sorted(ids)).exists()
            zh = {r["id"]: r for r in records.with_env(self.env_zh).read(names)}
            for row in records.with_env(self.env_en).read(names):
                for name in names:
                    checked += 1
                    value_en, value_zh = row[name], zh[row["id"]][name]
                    if english(value_en) and not CJK_RE.search(value_zh or ""):
                        failures.append(f"{model}({row['id']}).{name}: {value_zh!r}")
        self.assertGreater(checked, 20 * len(self.suite))
        self.assertEqual(failures, [], "records without a zh_CN value")

    def test_core_translatable_table_of_tier_one(self):
        """Tier 1 knows Odoo's translatable fields through a table (no Odoo there):
        each is translatable here, and none that the suite's records fill is missing."""
        source = (
            pathlib.Path(get_module_path("crm_knowledge")).parent.parent
            / "tests"
            / "addon_checks.py"
        )
        if not source.is_file():
            self.skipTest("tests/addon_checks.py is not beside the addons")
        tree = ast.parse(source.read_text(encoding="utf-8"))
        table = next(
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "CORE_TRANSLATABLE"
        )
        for model, names in table.items():
            for name in names:
                with self.subTest(field=f"{model}.{name}"):
                    self.assertIn(model, self.env)
                    self.assertTrue(self.env[model]._fields[name].translate)
        missing = set()
        for imd in self._suite_xmlids():
            if imd.model in NOT_DATA or imd.model not in self.env:
                continue
            Model = self.env[imd.model]
            if Model._original_module in SUITE:
                continue  # the suite's own models: tier 1 reads their translate=
            record = Model.browse(imd.res_id)
            for name, field in Model._fields.items():
                if field.translate and field.store and field.name != "arch_db":
                    if field._module in SUITE:
                        continue
                    if record[name] and name not in table.get(imd.model, ()):
                        missing.add(f"{imd.model}.{name}")
        self.assertEqual(sorted(missing), [], "missing from CORE_TRANSLATABLE")

    def test_menus_in_chinese(self):
        menus = self.env["ir.ui.menu"].browse(
            self._suite_xmlids("ir.ui.menu").mapped("res_id")
        )
        self.assertTrue(menus)
        english_menus = [
            m.with_env(self.env_en).name
            for m in menus.with_env(self.env_zh)
            if not CJK_RE.search(m.name)
        ]
        self.assertEqual(english_menus, [])

    def _shown(self, arch, fields):
        """The strings a user reads on a view: its texts, the attributes above, the
        labels of its fields (when the view does not set its own)."""
        shown = set()
        root = etree.fromstring(arch)
        for node in root.iter(tag=etree.Element):
            for text in (node.text, node.tail):
                if text and text.strip():
                    shown.add(text.strip())
            for attribute in SHOWN_ATTRIBUTES:
                if node is root and root.tag == "search" and attribute == "string":
                    continue  # the web client does not show it
                if node.get(attribute):
                    shown.add(node.get(attribute).strip())
            if node.tag == "field" and not node.get("string"):
                field = fields.get(node.get("name"), {})
                if field.get("string"):
                    shown.add(field["string"])
        return shown

    def test_main_screens_render_in_chinese(self):
        actions = self.env["ir.actions.act_window"].browse(
            self._suite_xmlids("ir.actions.act_window").mapped("res_id")
        )
        failures, screens = [], 0
        for action in actions:
            if action.res_model not in self.env:
                continue
            views = [(v.view_id.id, v.view_mode) for v in action.view_ids]
            modes = {mode for _id, mode in views}
            for mode in action.view_mode.split(","):
                if mode not in modes:
                    own = action.view_id if action.view_id.type == mode else False
                    views.append((own and own.id, mode))
            if action.target not in ("new", "inline"):  # dialogs have no search bar
                views.append((action.search_view_id.id, "search"))
            result = self.env_zh[action.res_model].get_views(views, {"toolbar": True})
            fields = result["models"][action.res_model]["fields"]
            for mode, view in result["views"].items():
                screens += 1
                shown = self._shown(view["arch"], fields)
                shown |= {
                    item["name"]
                    for items in (view.get("toolbar") or {}).values()
                    for item in items
                }
                shown.add(action.with_env(self.env_zh).name)
                for text in sorted(shown & self.suite_terms):
                    failures.append(f"{action.name} ({mode}): {text!r}")
        _logger.info(
            "zh_CN: %s views of %s window actions checked", screens, len(actions)
        )
        self.assertGreater(screens, 8 * len(self.suite))
        self.assertEqual(failures, [], "English strings of the suite on zh_CN screens")
