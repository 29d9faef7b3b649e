# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Refresh Days of Supply, a mass action of the coal managers (issue 16, item 3): the
dialog says what will happen and to how many key accounts; above a threshold (setting) the
refresh runs in the background through its daily scheduled action (Odoo's cron trigger),
so that no request waits on a long batch."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.res_config_settings import get_setting

MANAGER_GROUP = "crm_coal.group_crm_coal_manager"
REFRESH_CRON = "crm_coal.ir_cron_refresh_supply"


class CrmCoalSupplyRefreshWizard(models.TransientModel):
    _name = "crm.coal.supply.refresh.wizard"
    _description = "Refresh Days of Supply"

    record_count = fields.Integer(
        string="Key Accounts", compute="_compute_summary", readonly=True
    )
    background = fields.Boolean(compute="_compute_summary", readonly=True)
    summary = fields.Text(compute="_compute_summary", readonly=True)

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only Coal CRM managers may refresh the days of supply.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        return super().create(vals_list)

    def _compute_summary(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            # nothing is counted for a user who may not run the refresh
            self.update({"record_count": 0, "background": False, "summary": False})
            return
        threshold = get_setting(self.env, "coal_background_threshold")
        count = len(self.env["res.partner"]._coal_refresh_supply_targets())
        text = self.env._(
            "The days of supply and supply level of %(count)s key accounts will be "
            "recomputed from their on-site reports with the current settings; the owner "
            "of each account turning red gets a low-stock activity.",
            count=count,
        )
        background = count > threshold
        if background:
            text += "\n" + self.env._(
                "More than %(threshold)s key accounts: the refresh runs in the background; "
                "the figures change when it is done.",
                threshold=threshold,
            )
        self.update({"record_count": count, "background": background, "summary": text})

    def action_run(self):
        self.ensure_one()
        self._check_manager()
        if self.background:
            # sudo: a coal manager triggers the scheduled action without technical rights
            self.env.ref(REFRESH_CRON).sudo()._trigger()
            message = self.env._("Started in the background.")
        else:
            count = self.record_count
            turned_red = self.env["res.partner"]._coal_refresh_supply()
            message = self.env._(
                "Days of supply of %(count)s key accounts refreshed; %(red)s turned red.",
                count=count,
                red=len(turned_red),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
