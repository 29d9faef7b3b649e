"""Static checks of an Odoo 18 addon, made without Odoo.

``check_addon(path)`` returns a list of ``Problem`` (empty when the addon is
clean).  Each problem has a stable ``code`` so that tests can assert which
check fired, and a human message naming the file.

The checks:

* ``manifest-*``: the manifest is a literal dict with the keys we require,
  an ``18.0.x.y.z`` version and the LGPL-3 licence; every ``data``/``demo``
  file exists.
* ``xml-syntax``: every XML file parses.
* ``odoo17-syntax``: no ``<tree>`` element, no ``attrs=`` or ``states=``
  attribute (Odoo 17 removed them), no ``<tree>`` view mode in actions.
* ``model-without-access``: every concrete model declared in Python
  (``_name`` on a ``models.Model`` / ``models.TransientModel`` class) has a
  line in ``security/ir.model.access.csv``.
* ``csv-*``: the access CSV parses, its ids are unique, every local model it
  names is declared in the addon and every local group it names is defined
  in the addon's XML; a prefixed reference names a declared dependency.
* ``i18n-*``: ``i18n/<addon>.pot`` and ``i18n/zh_CN.po`` parse, the ``.po``
  translates every entry of the ``.pot``, with no fuzzy or empty ``msgstr``,
  and keeps the ``%(name)s`` / ``%s`` placeholders of its ``msgid``.
* ``i18n-data``: every translatable field written by a data file (``name`` of a
  port, of a menu, of a group, a mail template's subject...) has its zh_CN value
  in ``zh_CN.po`` (an entry naming that record and field), and every one written
  by a demo file is in Chinese already or has its zh_CN value.  A field is
  translatable when the addon declares it with ``translate=`` or when it is one
  of Odoo's in ``CORE_TRANSLATABLE`` (the Odoo tier checks that table against
  Odoo's registry).
* ``action-without-help``: every window action that opens a list of records (not
  a dialog, a settings page or a single form) has an empty-state ``help``.
* ``lib-imports-odoo``: the pure-Python ``lib/`` package imports nothing
  from Odoo (so that tier 1 can test it anywhere).
* ``readme-*`` / ``index-stale``: the ``readme/`` fragments exist and ``README.rst``
  and the Apps page ``static/description/index.html`` are the ones generated from
  them (``python tests/gen_readme.py``); the manifest's ``images`` exist.
* ``missing-icon`` / ``icon-size`` / ``missing-tests``: the addon has tests and a
  square PNG icon of at least 256 px.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import io
import pathlib
import re

try:  # polib is a test requirement; the checks say so clearly when it is absent
    import polib
except ImportError:  # pragma: no cover - exercised only on a broken setup
    polib = None

from xml.etree import ElementTree

REQUIRED_MANIFEST_KEYS = (
    "name",
    "summary",
    "version",
    "category",
    "author",
    "website",
    "license",
    "depends",
    "data",
)
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sdfr]|%[sdfr]")
README_FRAGMENTS = ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md")
# Odoo's own translatable fields that the addons' data and demo files write; the
# Odoo tier (crm_knowledge TestZhCnScreens) asserts that each is translatable in
# Odoo's registry and that no translatable field our files write is missing here.
CORE_TRANSLATABLE = {
    "ir.actions.act_window": ("name", "help"),
    "ir.actions.report": ("name", "print_report_name"),
    "ir.model.constraint": ("message",),
    "ir.actions.server": ("name",),
    "ir.cron": ("name",),
    "ir.ui.menu": ("name",),
    "res.groups": ("name", "comment"),
    "mail.activity.type": ("name", "summary"),
    "mail.template": ("name", "subject", "body_html", "description"),
    "res.partner.industry": ("name", "full_name"),
    "crm.stage": ("name",),
    "crm.team": ("name",),
    "crm.tag": ("name",),
    "crm.lost.reason": ("name",),
    "product.template": ("name", "description", "description_sale"),
    "product.product": ("name", "description", "description_sale"),
    "utm.campaign": ("title",),
    "utm.stage": ("name",),
    "uom.uom": ("name",),
}
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a word of three letters or more: unit symbols (kg, L, MW) and grade codes pass
LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")
# fields Odoo translates term by term (html_translate): their entries are "model_terms:"
TERM_TRANSLATED = {("ir.actions.act_window", "help")}


@dataclasses.dataclass(frozen=True)
class Problem:
    code: str
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: [{self.code}] {self.message}"


class _Checker:
    def __init__(self, addon_dir):
        self.dir = pathlib.Path(addon_dir)
        self.name = self.dir.name
        self.problems = []
        self.manifest = {}

    def add(self, code, path, message):
        rel = pathlib.Path(path)
        try:
            rel = rel.relative_to(self.dir.parent)
        except ValueError:
            pass
        self.problems.append(Problem(code, str(rel), message))

    # -- manifest ---------------------------------------------------------
    def check_manifest(self):
        path = self.dir / "__manifest__.py"
        if not path.exists():
            self.add("manifest-missing", path, "no __manifest__.py")
            return
        try:
            manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
        except (ValueError, SyntaxError) as err:
            self.add("manifest-syntax", path, f"not a literal dict: {err}")
            return
        if not isinstance(manifest, dict):
            self.add("manifest-syntax", path, "not a dict")
            return
        self.manifest = manifest
        for key in REQUIRED_MANIFEST_KEYS:
            if key not in manifest or manifest[key] in ("", None, []):
                self.add("manifest-key", path, f"missing or empty key {key!r}")
        version = manifest.get("version", "")
        if version and not VERSION_RE.match(str(version)):
            self.add("manifest-version", path, f"version {version!r} is not 18.0.x.y.z")
        if manifest.get("license") not in (None, "LGPL-3"):
            self.add(
                "manifest-license",
                path,
                f"license {manifest['license']!r} is not LGPL-3",
            )
        if manifest.get("installable") is False:
            self.add("manifest-key", path, "the addon is not installable")
        for key in ("data", "demo"):
            files = manifest.get(key) or []
            if len(set(files)) != len(files):
                self.add("manifest-data", path, f"{key} lists a file twice")
            for rel in files:
                if not (self.dir / rel).is_file():
                    self.add("manifest-data", path, f"{key} file {rel} does not exist")

    # -- XML ----------------------------------------------------------------
    def xml_files(self):
        return sorted(p for p in self.dir.rglob("*.xml") if "static/lib" not in str(p))

    def check_xml(self):
        self.group_ids = set()
        for path in self.xml_files():
            try:
                tree = ElementTree.parse(path)
            except ElementTree.ParseError as err:
                self.add("xml-syntax", path, f"XML does not parse: {err}")
                continue
            for node in tree.iter():
                tag = node.tag if isinstance(node.tag, str) else ""
                if tag == "tree":
                    self.add("odoo17-syntax", path, "<tree> is <list> in Odoo 18")
                for attr in ("attrs", "states"):
                    if attr in node.attrib:
                        self.add(
                            "odoo17-syntax",
                            path,
                            f"attribute {attr}= on <{tag}> was removed in Odoo 17",
                        )
                if tag == "field" and node.get("name") == "view_mode":
                    modes = (node.text or "").split(",")
                    if "tree" in (m.strip() for m in modes):
                        self.add(
                            "odoo17-syntax",
                            path,
                            "view_mode 'tree' is 'list' in Odoo 18",
                        )
                if (
                    tag == "record"
                    and node.get("model") == "res.groups"
                    and node.get("id")
                ):
                    self.group_ids.add(node.get("id"))

    # -- Python models and access rules --------------------------------------
    def declared_models(self):
        models = {}
        for path in sorted(self.dir.rglob("*.py")):
            if "tests" in path.relative_to(self.dir).parts:
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            except SyntaxError as err:
                self.add("python-syntax", path, f"does not parse: {err}")
                continue
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef):
                    continue
                kinds = {
                    base.attr
                    for base in node.bases
                    if isinstance(base, ast.Attribute)
                    and isinstance(base.value, ast.Name)
                }
                if not kinds & {"Model", "TransientModel"}:
                    continue
                name, inherits = None, set()
                for stmt in node.body:
                    if not (
                        isinstance(stmt, ast.Assign)
                        and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], ast.Name)
                    ):
                        continue
                    target, value = stmt.targets[0].id, stmt.value
                    if target == "_name" and isinstance(value, ast.Constant):
                        if isinstance(value.value, str):
                            name = value.value
                    elif target == "_inherit":
                        items = (
                            value.elts
                            if isinstance(value, (ast.List, ast.Tuple))
                            else [value]
                        )
                        inherits = {
                            item.value
                            for item in items
                            if isinstance(item, ast.Constant)
                            and isinstance(item.value, str)
                        }
                # `_name = "res.partner"` with `_inherit = ["res.partner", "some.mixin"]`
                # extends an existing model (adding a mixin): no new access rule needed.
                if name and name not in inherits:
                    models[name] = path
        return models

    def check_access(self):
        models = self.declared_models()
        csv_path = self.dir / "security" / "ir.model.access.csv"
        covered = set()
        if csv_path.exists():
            text = csv_path.read_text(encoding="utf-8")
            rows = list(csv.DictReader(io.StringIO(text)))
            expected = [
                "id",
                "name",
                "model_id:id",
                "group_id:id",
                "perm_read",
                "perm_write",
                "perm_create",
                "perm_unlink",
            ]
            header = text.splitlines()[0].split(",") if text.strip() else []
            if header != expected:
                self.add("csv-header", csv_path, f"header must be {','.join(expected)}")
                rows = []
            ids = [row["id"] for row in rows]
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                self.add("csv-duplicate-id", csv_path, f"id {dup} appears twice")
            depends = set(self.manifest.get("depends", [])) | {"base"}
            local_model_refs = {"model_" + m.replace(".", "_"): m for m in models}
            for row in rows:
                model_ref = row.get("model_id:id") or ""
                group_ref = row.get("group_id:id") or ""
                for perm in ("perm_read", "perm_write", "perm_create", "perm_unlink"):
                    if row.get(perm) not in ("0", "1"):
                        self.add(
                            "csv-perm", csv_path, f"{row['id']}: {perm} must be 0 or 1"
                        )
                module, _dot, ref = model_ref.rpartition(".")
                if module and module != self.name:
                    if module not in depends:
                        self.add(
                            "csv-unknown-model",
                            csv_path,
                            f"{row['id']}: {model_ref} is from {module}, not a dependency",
                        )
                elif ref not in local_model_refs:
                    self.add(
                        "csv-unknown-model",
                        csv_path,
                        f"{row['id']}: model {model_ref} is not declared in this addon",
                    )
                else:
                    covered.add(local_model_refs[ref])
                if group_ref:
                    module, _dot, ref = group_ref.rpartition(".")
                    if module and module != self.name:
                        if module not in depends:
                            self.add(
                                "csv-unknown-group",
                                csv_path,
                                f"{row['id']}: group {group_ref} is from {module},"
                                " not a dependency",
                            )
                    elif ref not in self.group_ids:
                        self.add(
                            "csv-unknown-group",
                            csv_path,
                            f"{row['id']}: group {group_ref} is not defined in this addon",
                        )
        for model, path in sorted(models.items()):
            if model not in covered:
                self.add(
                    "model-without-access",
                    path,
                    f"model {model} has no line in security/ir.model.access.csv",
                )

    # -- translations ------------------------------------------------------------
    def check_i18n(self):
        pot_path = self.dir / "i18n" / f"{self.name}.pot"
        po_path = self.dir / "i18n" / "zh_CN.po"
        if polib is None:
            self.add("i18n-tooling", pot_path, "polib is not installed")
            return
        for path in (pot_path, po_path):
            if not path.exists():
                self.add("i18n-missing", path, "file is missing")
        if not (pot_path.exists() and po_path.exists()):
            return
        try:
            pot = polib.pofile(str(pot_path))
            po = polib.pofile(str(po_path))
        except (OSError, ValueError) as err:
            self.add("i18n-syntax", po_path, f"does not parse: {err}")
            return
        if not len(pot):
            self.add("i18n-empty", pot_path, "the template has no entry")
        translated = {}
        for entry in po:
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid)
            if "fuzzy" in entry.flags:
                self.add("i18n-fuzzy", po_path, f"fuzzy translation of {entry.msgid!r}")
            if not entry.msgstr.strip():
                self.add(
                    "i18n-untranslated", po_path, f"no translation of {entry.msgid!r}"
                )
                continue
            if sorted(PLACEHOLDER_RE.findall(entry.msgid)) != sorted(
                PLACEHOLDER_RE.findall(entry.msgstr)
            ):
                self.add(
                    "i18n-placeholders",
                    po_path,
                    f"placeholders of {entry.msgid!r} differ in its translation",
                )
            translated[key] = entry
        for entry in pot:
            if (entry.msgctxt, entry.msgid) not in translated:
                self.add(
                    "i18n-untranslated",
                    po_path,
                    f"the template entry {entry.msgid!r} is not translated",
                )

    # -- translations of data records --------------------------------------------
    def translatable_fields(self):
        """(model, field) pairs translatable in this addon: its own fields declared
        with ``translate=`` (on a model it defines or inherits) and Odoo's table."""
        pairs = {(m, f) for m, fields in CORE_TRANSLATABLE.items() for f in fields}
        for path in sorted(self.dir.rglob("*.py")):
            if "tests" in path.relative_to(self.dir).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    pairs |= _class_translatable(node)
        return pairs

    def check_data_translations(self):
        if polib is None or not self.manifest:
            return
        po_path = self.dir / "i18n" / "zh_CN.po"
        if not po_path.exists():
            return
        try:
            po = polib.pofile(str(po_path))
        except (OSError, ValueError):
            return  # check_i18n reports it
        known = _po_model_entries(po)
        pairs = self.translatable_fields()
        for key in ("data", "demo"):
            for rel in self.manifest.get(key) or []:
                path = self.dir / rel
                if path.suffix != ".xml" or not path.is_file():
                    continue
                try:
                    root = ElementTree.parse(path).getroot()
                except ElementTree.ParseError:
                    continue  # check_xml reports it
                for model, xmlid, field, text, markup in _translatable_values(
                    root, self.name, pairs
                ):
                    if key == "demo" and CJK_RE.search(text):
                        continue  # demo data is written in the language of its story
                    if _has_zh_value(known, model, xmlid, field, text, markup):
                        continue
                    self.add(
                        "i18n-data",
                        path,
                        f"{model} {xmlid}: {field} {text!r} has no zh_CN value in "
                        "i18n/zh_CN.po",
                    )

    # -- empty-state help of the actions -----------------------------------------
    def check_action_help(self):
        for path in self.xml_files():
            try:
                root = ElementTree.parse(path).getroot()
            except ElementTree.ParseError:
                continue  # check_xml reports it
            for rec in root.iter("record"):
                if rec.get("model") != "ir.actions.act_window":
                    continue
                values = {
                    f.get("name"): (f.text or "").strip() for f in rec.findall("field")
                }
                if (
                    "help" in values
                    or values.get("target") in ("new", "inline")
                    or values.get("view_mode") == "form"
                    or values.get("res_model") == "res.config.settings"
                ):
                    continue
                self.add(
                    "action-without-help",
                    path,
                    f"the action {rec.get('id')} has no empty-state help",
                )

    # -- pure-Python lib -----------------------------------------------------------
    def check_lib(self):
        lib = self.dir / "lib"
        if not lib.is_dir():
            return
        for path in sorted(lib.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                for name in names:
                    if name == "odoo" or name.startswith("odoo."):
                        self.add(
                            "lib-imports-odoo",
                            path,
                            f"line {node.lineno}: lib/ must not import {name}",
                        )

    # -- readme, icon, tests ---------------------------------------------------------
    def check_readme_icon_tests(self):
        from gen_readme import render_index, render_readme  # local module of tests/

        for fragment in README_FRAGMENTS:
            path = self.dir / "readme" / fragment
            if not path.is_file() or not path.read_text(encoding="utf-8").strip():
                self.add("readme-fragment", path, "readme fragment is missing or empty")
        rst = self.dir / "README.rst"
        if not rst.exists():
            self.add(
                "readme-missing",
                rst,
                "README.rst is missing (python tests/gen_readme.py)",
            )
        elif self.manifest and rst.read_text(encoding="utf-8") != render_readme(
            self.dir
        ):
            self.add(
                "readme-stale",
                rst,
                "README.rst differs from its readme/ fragments (python tests/gen_readme.py)",
            )
        index = self.dir / "static" / "description" / "index.html"
        if self.manifest and (
            not index.exists()
            or index.read_text(encoding="utf-8") != render_index(self.dir)
        ):
            self.add(
                "index-stale",
                index,
                "the Apps page is missing or differs from readme/ (python tests/gen_readme.py)",
            )
        for image in self.manifest.get("images", []):
            if not (self.dir / image).is_file():
                self.add(
                    "manifest-data",
                    self.dir / image,
                    "image in the manifest is missing",
                )
        icon = self.dir / "static" / "description" / "icon.png"
        if not icon.is_file():
            self.add("missing-icon", icon, "no icon")
        else:
            header = icon.read_bytes()[:24]
            size = (int.from_bytes(header[16:20]), int.from_bytes(header[20:24]))
            if (
                header[:8] != b"\x89PNG\r\n\x1a\n"
                or size[0] < 256
                or size[0] != size[1]
            ):
                self.add(
                    "icon-size", icon, f"the icon is not a square PNG of 256 px: {size}"
                )
        tests = self.dir / "tests"
        if not (tests / "__init__.py").is_file() or not list(tests.glob("test_*.py")):
            self.add("missing-tests", tests, "the addon has no Odoo tests")


def _po_model_entries(po):
    """What the .po translates of data records: {(place, msgid)}, {place} of the
    ``model:`` entries and {place} of the ``model_terms:`` ones (place is
    ``model,field:xmlid``)."""
    translated, places, term_places = set(), set(), set()
    for entry in po:
        if entry.obsolete or not entry.msgstr.strip():
            continue
        for occurrence, _line in entry.occurrences:
            kind, _sep, place = occurrence.partition(":")
            if kind == "model":
                translated.add((place, entry.msgid))
                places.add(place)
            elif kind == "model_terms":
                term_places.add(place)
    return translated, places, term_places


def _has_zh_value(known, model, xmlid, field, text, markup):
    translated, places, term_places = known
    if model == "ir.cron":  # its name is its server action's
        model, xmlid = "ir.actions.server", f"{xmlid}_ir_actions_server"
    place = f"{model},{field}:{xmlid}"
    if markup and place in places:
        return True  # a whole HTML value: its msgid is the markup
    if markup and place in term_places:
        return True  # an html_translate field: its terms are translated one by one
    if (model, field) in TERM_TRANSLATED:
        return place in term_places
    return (place, text) in translated


def _class_translatable(node):
    """(model, field) pairs of a model class whose field calls pass ``translate=``
    anything but ``False``."""
    models = []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                value = stmt.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    models.append((target.id, [value.value]))
                elif isinstance(value, ast.List):
                    names = [
                        e.value
                        for e in value.elts
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                    models.append((target.id, names))
    declared = dict(models)
    names = declared.get("_name") and [declared["_name"][0]] or declared.get("_inherit")
    fields = set()
    for stmt in node.body:
        if not (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)
        ):
            continue
        for kw in stmt.value.keywords:
            if kw.arg == "translate" and not (
                isinstance(kw.value, ast.Constant) and kw.value.value is False
            ):
                fields.add(stmt.targets[0].id)
    return {(model, field) for model in names or () for field in fields}


def _translatable_values(root, module, pairs):
    """(model, full xml id, field, text, has markup) of every translatable field value that a
    data file writes as text: ``<field>`` of ``<record>``, ``name`` of ``<menuitem>``."""

    def full(xmlid):
        return xmlid if "." in xmlid else f"{module}.{xmlid}"

    for rec in root.iter("record"):
        model, xmlid = rec.get("model"), rec.get("id")
        if not (model and xmlid):
            continue
        for field in rec.findall("field"):
            name = field.get("name")
            if (model, name) not in pairs:
                continue
            if any(field.get(a) for a in ("ref", "eval", "search", "file")):
                continue
            markup = bool(len(field))
            if markup:
                text = ElementTree.tostring(field, encoding="unicode", method="text")
            else:
                text = field.text or ""
            text = text.strip()
            if text and (LATIN_WORD_RE.search(text) or CJK_RE.search(text)):
                yield model, full(xmlid), name, text, markup
    for menu in root.iter("menuitem"):
        name, xmlid = menu.get("name"), menu.get("id")
        if name and xmlid and LATIN_WORD_RE.search(name):
            yield "ir.ui.menu", full(xmlid), "name", name, False


def check_addon(addon_dir) -> list[Problem]:
    """Run every static check on one addon folder; return the problems found."""
    checker = _Checker(addon_dir)
    checker.check_manifest()
    checker.check_xml()
    checker.check_access()
    checker.check_i18n()
    checker.check_data_translations()
    checker.check_action_help()
    checker.check_lib()
    checker.check_readme_icon_tests()
    return checker.problems
