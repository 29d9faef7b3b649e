"""Tier 1 test setup: no Odoo here.

Each addon keeps its domain formulas in ``addons/<addon>/lib/``, a package that
imports nothing from Odoo.  Importing it through the addon package would run
the addon's ``__init__`` (which imports Odoo models), so the ``lib`` folders are
registered here as stand-alone packages named ``<addon>_lib``::

    from crm_coal_lib.pricing import lot_settlement_price
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
ADDONS = ("crm_coal", "crm_lubricant", "crm_service_station", "crm_knowledge")


def _register_lib(addon):
    pkgdir = ADDONS_DIR / addon / "lib"
    init = pkgdir / "__init__.py"
    name = f"{addon}_lib"
    if name in sys.modules or not init.exists():
        return
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(pkgdir)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


for _addon in ADDONS:
    _register_lib(_addon)
