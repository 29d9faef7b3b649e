"""Keep the addons' translation files in step with their code (no Odoo import).

    python tests/i18n_tool.py update ADDON EXPORTED.pot
        Replace addons/ADDON/i18n/ADDON.pot with the template Odoo exported and
        merge it into zh_CN.po: translations of unchanged entries are kept, new
        entries come in empty, entries gone from the code are dropped.  Prints
        the entries still to translate.
    python tests/i18n_tool.py fill ADDON TRANSLATIONS.json
        Set zh_CN translations from a JSON object {"msgid": "msgstr", ...}.
    python tests/i18n_tool.py missing ADDON
        List the msgids of zh_CN.po that have no translation yet.
    python tests/i18n_tool.py compare ADDON EXPORTED.pot
        Exit 1 when the committed ADDON.pot lacks entries of the exported one
        (the Odoo tier uses it: a string added to the code without being
        translated fails the tests).

``make pot`` exports fresh templates from a database with the addons
installed and runs ``update`` for each addon.
"""

import json
import pathlib
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PO_HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "zh_CN",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def paths(addon):
    i18n = ROOT / "addons" / addon / "i18n"
    return i18n / f"{addon}.pot", i18n / "zh_CN.po"


def key(entry):
    return entry.msgctxt, entry.msgid


def is_demo(entry):
    """Terms that only demo records use (xml ids ending in ``_demo``) stay out of
    the templates: demo data is written in the language of its story."""
    places = [occurrence for occurrence, _line in entry.occurrences]
    return bool(places) and all(
        p.startswith(("model:", "model_terms:")) and p.endswith("_demo") for p in places
    )


def entry_keys(pofile):
    return {key(e) for e in pofile if not e.obsolete}


def update(addon, exported):
    pot_path, po_path = paths(addon)
    pot_path.parent.mkdir(parents=True, exist_ok=True)
    pot = polib.pofile(str(exported))
    for entry in [e for e in pot if is_demo(e)]:
        pot.remove(entry)
    pot.metadata = {k: v for k, v in pot.metadata.items() if k != "POT-Creation-Date"}
    pot.metadata.pop("PO-Revision-Date", None)
    pot.save(str(pot_path))
    old = {}
    if po_path.exists():
        old = {key(e): e for e in polib.pofile(str(po_path)) if not e.obsolete}
    po = polib.POFile()
    po.metadata = dict(PO_HEADER)
    for entry in pot:
        previous = old.get(key(entry))
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgstr=previous.msgstr if previous else "",
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    po.save(str(po_path))
    return missing(addon)


def fill(addon, translations):
    _pot_path, po_path = paths(addon)
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    po.save(str(po_path))
    return missing(addon)


def missing(addon):
    _pot_path, po_path = paths(addon)
    return [
        e.msgid
        for e in polib.pofile(str(po_path))
        if not e.obsolete and not e.msgstr.strip()
    ]


def compare(addon, exported):
    pot_path, _po_path = paths(addon)
    committed = entry_keys(polib.pofile(str(pot_path))) if pot_path.exists() else set()
    fresh = {
        key(e) for e in polib.pofile(str(exported)) if not e.obsolete and not is_demo(e)
    }
    return sorted(fresh - committed, key=lambda k: (k[0] or "", k[1]))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, addon = argv[0], argv[1]
    if command == "update":
        todo = update(addon, argv[2])
    elif command == "fill":
        todo = fill(
            addon, json.loads(pathlib.Path(argv[2]).read_text(encoding="utf-8"))
        )
    elif command == "missing":
        todo = missing(addon)
    elif command == "compare":
        stale = compare(addon, argv[2])
        for _ctx, msgid in stale:
            print(f"{addon}: not in the committed .pot: {msgid!r}")
        return 1 if stale else 0
    else:
        print(__doc__)
        return 2
    for msgid in todo:
        print(f"{addon}: untranslated: {json.dumps(msgid, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
