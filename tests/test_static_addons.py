"""Tier 1: static checks of the four addons, and proof that the checks bite."""

import shutil
import subprocess
import sys

from addon_checks import check_addon
from conftest import ADDONS, ADDONS_DIR, ROOT
from gen_readme import render_index, render_readme
import pytest

PYLINTRC = ROOT / "tests" / "pylintrc-mandatory"
PYLINTRC_FULL = ROOT / "tests" / "pylintrc"
PRETTIER_DIR = ROOT / ".cache" / "prettier" / "node_modules"


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_passes_static_checks(addon):
    problems = check_addon(ADDONS_DIR / addon)
    assert not problems, "\n".join(str(p) for p in problems)


def test_every_addon_folder_is_checked():
    found = sorted(
        p.name for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").exists()
    )
    assert found == sorted(ADDONS)


def _run(args):
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)


def test_pylint_odoo_mandatory_and_optional_checks():
    """Every check of pylint-odoo's odoolint checker, as OCA runs them (tests/pylintrc)."""
    result = _run(
        [sys.executable, "-m", "pylint", f"--rcfile={PYLINTRC_FULL}"]
        + [str(ADDONS_DIR / a) for a in ADDONS]
    )
    assert "No module named pylint" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint():
    result = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "."])
    assert "No module named ruff" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."]
    )
    assert result.returncode == 0, result.stdout + result.stderr + "\nrun `make format`"


def test_xml_prettier_format():
    """The addons' XML as prettier's XML plugin writes it (installed by `make` from npm)."""
    prettier = PRETTIER_DIR / ".bin" / "prettier"
    if not prettier.exists():
        if shutil.which("npm"):
            pytest.fail("prettier is not installed: run `make prettier` (npm install)")
        pytest.skip("npm is not on this machine: XML formatting cannot be checked")
    plugin = PRETTIER_DIR / "@prettier" / "plugin-xml" / "src" / "plugin.js"
    result = _run(
        [str(prettier), "--check", "--plugin", str(plugin), "addons/**/*.xml"]
    )
    assert result.returncode == 0, result.stdout + result.stderr + "\nrun `make format`"


def test_ruff_flags_a_long_unformatted_file(tmp_path):
    """The lint tests bite: an unsorted import, an unused one and a 120-column line."""
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nimport os\nX = '" + "x" * 120 + "'\n")
    lint = _run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            ".ruff.toml",
            str(bad),
        ]
    )
    assert lint.returncode == 1
    for code in ("F401", "I001", "E501"):
        assert code in lint.stdout, lint.stdout
    fmt = _run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "--no-cache",
            "--config",
            ".ruff.toml",
            str(bad),
        ]
    )
    assert fmt.returncode == 1, fmt.stdout


# --- a deliberately broken addon must make the checks fail -------------------------

MANIFEST = """{
    "name": "Tiny",
    "summary": "A tiny addon",
    "version": "18.0.1.0.0",
    "category": "Industry CRM/Tiny",
    "author": "Industry CRM Suite",
    "website": "https://example.com",
    "license": "LGPL-3",
    "depends": ["mail"],
    "data": ["security/tiny_security.xml", "security/ir.model.access.csv", "views/tiny_views.xml"],
}
"""
MODEL = """from odoo import fields, models


class TinyThing(models.Model):
    _name = "tiny.thing"
    _description = "Tiny Thing"

    name = fields.Char()
"""
SECURITY = """<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="group_tiny_user" model="res.groups"><field name="name">User</field></record>
</odoo>
"""
ACCESS = """id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink
access_tiny_thing_user,tiny.thing user,model_tiny_thing,group_tiny_user,1,1,1,0
"""
VIEWS = """<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="tiny_thing_view_list" model="ir.ui.view">
        <field name="model">tiny.thing</field>
        <field name="arch" type="xml"><list><field name="name"/></list></field>
    </record>
</odoo>
"""
POT = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. module: tiny
#: code:addons/tiny/models/tiny_thing.py:0
msgid "Thing %(name)s is broken"
msgstr ""

#. module: tiny
#: model:res.groups,name:tiny.group_tiny_user
msgid "User"
msgstr ""
"""
PO = """msgid ""
msgstr ""
"Language: zh_CN\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. module: tiny
#: code:addons/tiny/models/tiny_thing.py:0
msgid "Thing %(name)s is broken"
msgstr "物品 %(name)s 坏了"

#. module: tiny
#: model:res.groups,name:tiny.group_tiny_user
msgid "User"
msgstr "用户"
"""


@pytest.fixture
def tiny(tmp_path):
    """A small addon that passes every check; tests then break one thing each."""
    addon = tmp_path / "tiny"
    files = {
        "__manifest__.py": MANIFEST,
        "__init__.py": "from . import models\n",
        "models/__init__.py": "from . import tiny_thing\n",
        "models/tiny_thing.py": MODEL,
        "security/tiny_security.xml": SECURITY,
        "security/ir.model.access.csv": ACCESS,
        "views/tiny_views.xml": VIEWS,
        "i18n/tiny.pot": POT,
        "i18n/zh_CN.po": PO,
        "lib/__init__.py": '"""pure"""\nimport math\n',
        "readme/DESCRIPTION.md": "Tiny things.\n",
        "readme/CONFIGURE.md": "Nothing to configure.\n",
        "readme/USAGE.md": "Use it.\n",
        "readme/CONTRIBUTORS.md": "- Tiny people\n",
        "tests/__init__.py": "from . import test_tiny\n",
        "tests/test_tiny.py": "# a test\n",
    }
    for rel, text in files.items():
        path = addon / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (addon / "static/description").mkdir(parents=True)
    shutil.copy(
        ADDONS_DIR / ADDONS[0] / "static/description/icon.png",
        addon / "static/description",
    )
    (addon / "README.rst").write_text(render_readme(addon), encoding="utf-8")
    (addon / "static/description/index.html").write_text(
        render_index(addon), encoding="utf-8"
    )
    return addon


def codes(addon):
    return sorted({p.code for p in check_addon(addon)})


def test_tiny_addon_is_clean(tiny):
    assert check_addon(tiny) == []


def test_model_without_access_rules_fails(tiny):
    (tiny / "security/ir.model.access.csv").write_text(ACCESS.splitlines()[0] + "\n")
    problems = check_addon(tiny)
    assert [p.code for p in problems] == ["model-without-access"]
    assert "tiny.thing" in problems[0].message


def test_transient_model_needs_access_too(tiny):
    (tiny / "models/tiny_wizard.py").write_text(
        "from odoo import models\n\n\nclass W(models.TransientModel):\n"
        '    _name = "tiny.wizard"\n    _description = "W"\n'
    )
    assert codes(tiny) == ["model-without-access"]


def test_csv_unknown_model_and_group(tiny):
    (tiny / "security/ir.model.access.csv").write_text(
        ACCESS
        + "access_ghost,ghost,model_ghost_thing,group_tiny_user,1,0,0,0\n"
        + "access_other,other,model_tiny_thing,group_nobody,1,0,0,0\n"
        + "access_foreign,foreign,sale.model_sale_order,group_tiny_user,1,0,0,0\n"
    )
    assert codes(tiny) == ["csv-unknown-group", "csv-unknown-model"]


def test_missing_data_file_fails(tiny):
    (tiny / "views/tiny_views.xml").unlink()
    assert codes(tiny) == ["manifest-data"]


def test_bad_manifest_fails(tiny):
    text = MANIFEST.replace('"18.0.1.0.0"', '"17.0.1.0.0"').replace(
        '"LGPL-3"', '"Proprietary"'
    )
    text = text.replace('    "website": "https://example.com",\n', "")
    (tiny / "__manifest__.py").write_text(text)
    (tiny / "README.rst").write_text(render_readme(tiny), encoding="utf-8")
    assert codes(tiny) == ["manifest-key", "manifest-license", "manifest-version"]


def test_broken_xml_fails(tiny):
    (tiny / "views/tiny_views.xml").write_text("<odoo><record id='x'></odoo>")
    assert codes(tiny) == ["xml-syntax"]


@pytest.mark.parametrize(
    "arch",
    [
        "<tree><field name='name'/></tree>",
        "<list><field name='name' attrs=\"{'invisible': 1}\"/></list>",
        "<list><button name='x' states='draft'/></list>",
    ],
)
def test_odoo17_syntax_fails(tiny, arch):
    (tiny / "views/tiny_views.xml").write_text(
        VIEWS.replace('<list><field name="name"/></list>', arch)
    )
    assert codes(tiny) == ["odoo17-syntax"]


def test_tree_view_mode_fails(tiny):
    (tiny / "views/tiny_views.xml").write_text(
        VIEWS.replace(
            "</odoo>",
            '<record id="a" model="ir.actions.act_window"><field name="view_mode">tree,form</field>'
            '<field name="target">new</field></record></odoo>',
        )
    )
    assert codes(tiny) == ["odoo17-syntax"]


def test_untranslated_entry_fails(tiny):
    (tiny / "i18n/zh_CN.po").write_text(
        PO.replace('msgstr "物品 %(name)s 坏了"', 'msgstr ""')
    )
    assert codes(tiny) == ["i18n-untranslated"]


def test_pot_entry_missing_from_po_fails(tiny):
    (tiny / "i18n/tiny.pot").write_text(
        POT
        + "\n#. module: tiny\n#: model:ir.model,name:tiny.model_tiny_thing\n"
        + 'msgid "Tiny Thing"\nmsgstr ""\n'
    )
    problems = check_addon(tiny)
    assert [p.code for p in problems] == ["i18n-untranslated"]
    assert "Tiny Thing" in problems[0].message


def test_data_record_without_zh_cn_value_fails(tiny):
    # a translatable field the addon declares, written by a data file, not in the .po
    model = tiny / "models/tiny_thing.py"
    model.write_text(
        MODEL.replace("name = fields.Char()", "name = fields.Char(translate=True)")
    )
    data = tiny / "data/tiny_data.xml"
    data.parent.mkdir()
    data.write_text(
        '<odoo><record id="thing_big" model="tiny.thing">'
        '<field name="name">Big Thing</field></record>'
        '<menuitem id="menu_tiny" name="Tiny Things"/></odoo>'
    )
    manifest = tiny / "__manifest__.py"
    manifest.write_text(
        MANIFEST.replace(
            '"views/tiny_views.xml"]', '"views/tiny_views.xml", "data/tiny_data.xml"]'
        )
    )
    problems = [p for p in check_addon(tiny) if p.code == "i18n-data"]
    assert [p.message for p in problems] == [
        "tiny.thing tiny.thing_big: name 'Big Thing' has no zh_CN value in i18n/zh_CN.po",
        "ir.ui.menu tiny.menu_tiny: name 'Tiny Things' has no zh_CN value in i18n/zh_CN.po",
    ]
    # with their entries (the menu's translated, the thing's left empty) one remains
    po = tiny / "i18n/zh_CN.po"
    po.write_text(
        PO
        + "\n#. module: tiny\n#: model:ir.ui.menu,name:tiny.menu_tiny\n"
        + 'msgid "Tiny Things"\nmsgstr "小物品"\n'
        + "\n#. module: tiny\n#: model:tiny.thing,name:tiny.thing_big\n"
        + 'msgid "Big Thing"\nmsgstr ""\n'
    )
    problems = [p for p in check_addon(tiny) if p.code == "i18n-data"]
    assert [p.message for p in problems] == [
        "tiny.thing tiny.thing_big: name 'Big Thing' has no zh_CN value in i18n/zh_CN.po"
    ]


def test_demo_record_in_chinese_passes_in_english_fails(tiny):
    demo = tiny / "demo/tiny_demo.xml"
    demo.parent.mkdir()
    demo.write_text(
        '<odoo><record id="group_a_demo" model="res.groups">'
        '<field name="name">甲组</field><field name="comment">Group A</field></record>'
        '<record id="group_b_demo" model="res.groups"><field name="name">4 kg</field>'
        "</record></odoo>"
    )
    manifest = tiny / "__manifest__.py"
    manifest.write_text(
        MANIFEST.replace("\n}", '\n    "demo": ["demo/tiny_demo.xml"],\n}')
    )
    problems = [p for p in check_addon(tiny) if p.code == "i18n-data"]
    # Chinese text and a unit symbol pass; the English comment does not
    assert [p.message for p in problems] == [
        "res.groups tiny.group_a_demo: comment 'Group A' has no zh_CN value in "
        "i18n/zh_CN.po"
    ]


def test_cron_name_is_its_server_action_entry(tiny):
    data = tiny / "data/tiny_cron.xml"
    data.parent.mkdir()
    data.write_text(
        '<odoo><record id="ir_cron_tiny" model="ir.cron">'
        '<field name="name">Tiny: tidy up</field></record></odoo>'
    )
    manifest = tiny / "__manifest__.py"
    manifest.write_text(
        MANIFEST.replace(
            '"views/tiny_views.xml"]', '"views/tiny_views.xml", "data/tiny_cron.xml"]'
        )
    )
    assert codes(tiny) == ["i18n-data"]
    (tiny / "i18n/zh_CN.po").write_text(
        PO
        + "\n#. module: tiny\n"
        + "#: model:ir.actions.server,name:tiny.ir_cron_tiny_ir_actions_server\n"
        + 'msgid "Tiny: tidy up"\nmsgstr "小物品：整理"\n'
    )
    assert codes(tiny) == []


def test_action_without_help_fails(tiny):
    views = tiny / "views/tiny_views.xml"
    action = (
        '<record id="tiny_thing_action" model="ir.actions.act_window">'
        '<field name="name">Things</field><field name="res_model">tiny.thing</field>'
        '<field name="view_mode">list,form</field>%s</record>'
    )
    dialog = (
        '<record id="tiny_wizard_action" model="ir.actions.act_window">'
        '<field name="name">Do</field><field name="res_model">tiny.thing</field>'
        '<field name="target">new</field></record>'
    )
    views.write_text(VIEWS.replace("</odoo>", action % "" + dialog + "</odoo>"))
    problems = [p for p in check_addon(tiny) if p.code == "action-without-help"]
    assert [p.message for p in problems] == [
        "the action tiny_thing_action has no empty-state help"
    ]
    help_field = '<field name="help" type="html"><p>No thing yet</p></field>'
    views.write_text(VIEWS.replace("</odoo>", action % help_field + dialog + "</odoo>"))
    assert not [p for p in check_addon(tiny) if p.code == "action-without-help"]


def test_translation_losing_placeholder_fails(tiny):
    (tiny / "i18n/zh_CN.po").write_text(PO.replace("物品 %(name)s 坏了", "物品坏了"))
    assert codes(tiny) == ["i18n-placeholders"]


def test_fuzzy_translation_fails(tiny):
    (tiny / "i18n/zh_CN.po").write_text(PO.replace("#: code:", "#, fuzzy\n#: code:"))
    assert codes(tiny) == ["i18n-fuzzy"]


def test_missing_po_fails(tiny):
    (tiny / "i18n/zh_CN.po").unlink()
    assert codes(tiny) == ["i18n-missing"]


def test_lib_importing_odoo_fails(tiny):
    (tiny / "lib/bad.py").write_text("from odoo import fields\nimport odoo.tools\n")
    problems = check_addon(tiny)
    assert [p.code for p in problems] == ["lib-imports-odoo", "lib-imports-odoo"]


def test_stale_readme_fails(tiny):
    (tiny / "readme/USAGE.md").write_text("Use it well.\n")
    assert codes(tiny) == ["index-stale", "readme-stale"]


def test_stale_apps_page_and_missing_image_fail(tiny):
    (tiny / "readme/DESCRIPTION.md").write_text("Tiny things, *well* made.\n")
    (tiny / "README.rst").write_text(render_readme(tiny), encoding="utf-8")
    assert codes(tiny) == ["index-stale"]
    index = render_index(tiny)
    assert "<p>Tiny things, <em>well</em> made.</p>" in index
    manifest = tiny / "__manifest__.py"
    manifest.write_text(
        MANIFEST.replace("\n}", '\n    "images": ["static/description/shot.png"],\n}')
    )
    (tiny / "README.rst").write_text(render_readme(tiny), encoding="utf-8")
    (tiny / "static/description/index.html").write_text(render_index(tiny))
    assert codes(tiny) == ["manifest-data"]
    assert 'src="shot.png"' in render_index(tiny)


def test_missing_icon_and_tests_fail(tiny):
    (tiny / "static/description/icon.png").unlink()
    shutil.rmtree(tiny / "tests")
    assert codes(tiny) == ["missing-icon", "missing-tests"]


def test_small_icon_fails(tiny):
    icon = tiny / "static/description/icon.png"
    data = bytearray(icon.read_bytes())
    data[16:24] = (128).to_bytes(4, "big") * 2  # the IHDR width and height
    icon.write_bytes(bytes(data))
    assert codes(tiny) == ["icon-size"]


def test_pylint_odoo_flags_a_broken_addon(tiny):
    (tiny / "models/tiny_thing.py").write_text(
        MODEL
        + "\n    def action_go(self):\n        print('go')\n        self.env.cr.commit()\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pylint", f"--rcfile={PYLINTRC}", str(tiny)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "print-used" in result.stdout
    assert "invalid-commit" in result.stdout
