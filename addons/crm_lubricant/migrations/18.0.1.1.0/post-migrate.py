# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: the anti-collision rules catch more spellings ("86 21 …" without "+",
full-width brackets, province/city prefixes): re-key the customers and leads stored with
the older rules, so that existing records collide with new entries."""

from odoo import SUPERUSER_ID, api

from odoo.addons.crm_lubricant.models.crm_lead import recompute_lub_keys


def migrate(cr, version):
    if not version:
        return
    recompute_lub_keys(api.Environment(cr, SUPERUSER_ID, {}))
