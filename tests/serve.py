"""``make run`` and ``make pot``: the suite on a demo database of a real Odoo 18.

    python tests/serve.py --db crm_suite_demo               # install/update, then serve :8069
    python tests/serve.py --db crm_suite_demo --export-pot  # install/update, then refresh i18n/

The database is created when missing and gets the demo data (odoo.conf says
``without_demo = False``); the four addons are installed, or updated when they
already are.  Odoo is found as for the tests (ODOO_BIN, else ``odoo`` on PATH).
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import ADDONS  # noqa: E402
import i18n_tool  # noqa: E402
from odoo_tier import ROOT, TierError, base_args, find_odoo, resolve_odoo  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="crm_suite_demo")
    parser.add_argument("--export-pot", action="store_true")
    args = parser.parse_args(argv)
    odoo = find_odoo()
    if not odoo:
        print(
            "No Odoo 18 found: set ODOO_BIN or put an `odoo` command on PATH (see README.md)."
        )
        return 2
    try:
        _version, addons_path = resolve_odoo(odoo)
    except TierError as err:
        print(f"Cannot use {' '.join(odoo)}: {err}")
        return 2
    modules = ",".join(ADDONS)
    cmd = base_args(odoo, addons_path) + ["-d", args.db, "-i", modules, "-u", modules]
    if not args.export_pot:
        cmd += [f"--db-filter=^{args.db}$"]
        print(
            f"Serving the suite on http://localhost:8069 (database {args.db}, login admin/admin)"
        )
        os.chdir(ROOT)
        os.execvp(cmd[0], cmd)
    code = subprocess.call(cmd + ["--stop-after-init"], cwd=ROOT)
    if code:
        return code
    with tempfile.TemporaryDirectory() as tmp:
        for addon in ADDONS:
            exported = pathlib.Path(tmp) / f"{addon}.pot"
            subprocess.check_call(
                base_args(odoo, addons_path)
                + [
                    "-d",
                    args.db,
                    f"--i18n-export={exported}",
                    f"--modules={addon}",
                    "--stop-after-init",
                    "--log-level=warn",
                ],
                cwd=ROOT,
            )
            for msgid in i18n_tool.update(addon, exported):
                print(f"{addon}: untranslated: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
