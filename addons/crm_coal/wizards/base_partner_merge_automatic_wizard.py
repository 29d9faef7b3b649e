# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..models.res_partner import COAL_GROUP


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        """Carry the coal key-account data of merged partners over like Odoo carries every
        other field (the last non-empty value wins, the destination's first), also when the
        partner manager who merges has no coal group: nobody types the data, it moves.

        The coal values are written first by the system; Odoo's own write then finds them
        unchanged, which the coal guard of res.partner accepts."""
        if not self.env.su and not self.env.user.has_group(COAL_GROUP):
            carried = {}
            for name, field in dst_partner._fields.items():
                if (
                    not name.startswith("coal_")
                    or field.compute is not None
                    or field.type in ("many2many", "one2many")
                ):
                    continue
                for partner in (*src_partners, dst_partner):
                    if partner[name]:
                        carried[name] = field.convert_to_write(
                            partner[name], dst_partner
                        )
            if carried:
                # sudo: moving data between merged partners, checked by the merge wizard itself
                dst_partner.sudo().write(carried)
        return super()._update_values(src_partners, dst_partner)
