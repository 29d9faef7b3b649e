# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Display names everywhere (issue 16, item 2): no model of the suite shows a technical
name such as ``crm.lubricant.sellthrough,3`` in a breadcrumb, a many2one or a dialog,
over every app of the suite that is installed (here for the reason the crawler is)."""

import re

from odoo.models import BaseModel
from odoo.tests import TransactionCase, tagged

SUITE = ("crm_coal", "crm_lubricant", "crm_service_station", "crm_knowledge")


@tagged("post_install", "-at_install", "crm_suite_zh_cn")
class TestDisplayNames(TransactionCase):
    def _installed(self):
        return set(
            self.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )

    def _suite_models(self):
        installed = self._installed()
        for name in sorted(self.env.registry):
            Model = self.env[name]
            if Model._abstract or Model._original_module not in installed:
                continue
            yield Model

    def test_every_model_has_a_readable_display_name(self):
        models = list(self._suite_models())
        # the walk finds the models: the ten of crm_knowledge alone (its own tier),
        # more than twenty with the whole suite
        self.assertGreaterEqual(len(models), 10)
        if len(self._installed()) == len(SUITE):
            self.assertGreater(len(models), 20)
        # a wizard (a dialog) is titled by its action; a transient model listed in a
        # window (a report) needs a display name like any other
        listed = set(
            self.env["ir.actions.act_window"]
            .search([("view_mode", "ilike", "list")])
            .mapped("res_model")
        )
        technical = []
        for Model in models:
            if Model._transient and Model._name not in listed:
                continue
            named = Model._rec_name in Model._fields or (
                type(Model)._compute_display_name is not BaseModel._compute_display_name
            )
            if not named:
                technical.append(Model._name)
        self.assertEqual(technical, [], "models without a display name")

    def test_records_do_not_show_their_technical_name(self):
        checked, technical = 0, []
        for Model in self._suite_models():
            if Model._transient:
                continue
            pattern = re.compile(rf"^{re.escape(Model._name)},\d+$")
            for record in Model.search([], limit=5):
                checked += 1
                if not record.display_name or pattern.match(record.display_name):
                    technical.append(
                        f"{Model._name}({record.id}): {record.display_name!r}"
                    )
        self.assertGreater(checked, 10)
        self.assertEqual(technical, [])
