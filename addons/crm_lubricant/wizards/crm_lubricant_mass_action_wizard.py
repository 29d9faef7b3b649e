# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mass actions of the managers (issue 16, item 3): a dialog says what will happen and to how
many customers; above a threshold (setting) the job runs in the background through its
scheduled action (Odoo's cron trigger), so that no request waits on a long batch."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.res_config_settings import get_setting

MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"

OPERATIONS = [
    ("tiers", "Recompute Value Tiers"),
    ("care", "Plan Care Activities"),
]
# the scheduled action that runs each operation in the background
CRONS = {
    "tiers": "crm_lubricant.ir_cron_compute_tiers",
    "care": "crm_lubricant.ir_cron_plan_care",
}


class CrmLubricantMassActionWizard(models.TransientModel):
    _name = "crm.lubricant.mass.action.wizard"
    _description = "Lubricant Mass Action"

    operation = fields.Selection(OPERATIONS, required=True, readonly=True)
    record_count = fields.Integer(
        string="Customers", compute="_compute_summary", readonly=True
    )
    background = fields.Boolean(compute="_compute_summary", readonly=True)
    summary = fields.Text(compute="_compute_summary", readonly=True)

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only Lubricant CRM managers may run mass actions.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        return super().create(vals_list)

    def _count(self):
        # sudo: the operations run over every customer of the lubricant business
        Partner = self.env["res.partner"].sudo()
        if self.operation == "tiers":
            return Partner.search_count(
                [("parent_id", "=", False), ("customer_rank", ">", 0)]
            )
        return len(Partner._lub_care_todo()[1])

    @api.depends("operation")
    def _compute_summary(self):
        threshold = get_setting(self.env, "lub_background_threshold")
        for wizard in self:
            if not wizard.operation:
                wizard.record_count = 0
                wizard.background = False
                wizard.summary = False
                continue
            count = wizard._count()
            wizard.record_count = count
            wizard.background = count > threshold
            if wizard.operation == "tiers":
                text = self.env._(
                    "The value tiers and churn risk of %(count)s customers will be recomputed "
                    "from the lubricant sales of the last 12 months; customers changing tier "
                    "get a line in the tier history.",
                    count=count,
                )
            else:
                text = self.env._(
                    "%(count)s customers at churn risk have no open care activity: one "
                    "activity will be planned for the owner of each.",
                    count=count,
                )
            if wizard.background:
                text += "\n" + self.env._(
                    "More than %(threshold)s customers: the job runs in the background; "
                    "the results appear when it is done.",
                    threshold=threshold,
                )
            wizard.summary = text

    def action_run(self):
        self.ensure_one()
        self._check_manager()
        if self.background:
            self.env.ref(CRONS[self.operation]).sudo()._trigger()
            message = self.env._("Started in the background.")
            follow = {"type": "ir.actions.act_window_close"}
        elif self.operation == "tiers":
            return self.env["res.partner"].action_lub_recompute_tiers()
        else:
            return self.env["res.partner"].action_lub_plan_care_activities()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "info", "message": message, "next": follow},
        }
