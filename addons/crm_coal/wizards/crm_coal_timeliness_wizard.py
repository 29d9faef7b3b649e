# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import supply
from ..models.res_config_settings import get_setting


class CrmCoalTimelinessWizard(models.TransientModel):
    """Timeliness of on-site reports per representative and account over a period."""

    _name = "crm.coal.timeliness.wizard"
    _description = "On-site Report Timeliness"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=30),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Representatives",
        help="Leave empty for every representative assigned to a key account.",
    )
    line_ids = fields.One2many("crm.coal.timeliness.line", "wizard_id", string="Lines")

    def _local(self, value):
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    def action_compute(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        end = min(self.date_to, today)
        if end < self.date_from:
            raise UserError(
                self.env._("The period must start on or before its end and today.")
            )
        domain = [("coal_representative_ids", "!=", False)]
        if not self.env.user.has_group("crm_coal.group_crm_coal_manager"):
            # as the record rule of the reports: the accounts the user owns or is stationed at
            domain += [
                "|",
                ("user_id", "=", self.env.uid),
                ("coal_representative_ids", "in", [self.env.uid]),
            ]
        accounts = self.env["res.partner"].search(domain)
        assignments = {}
        for account in accounts:
            for user in account.coal_representative_ids:
                if not self.user_ids or user in self.user_ids:
                    assignments[(user.id, account.id)] = (self.date_from, end)
        reports = self.env["crm.coal.site.report"].search_read(
            [
                ("partner_id", "in", accounts.ids),
                ("date", ">=", self.date_from),
                ("date", "<=", end),
            ],
            ["user_id", "partner_id", "date", "filed_at"],
        )
        filings = []
        for report in reports:
            # A filing is never earlier than the start of its own day (a report entered
            # under another time zone than the reader's could seem so).
            filed_at = max(
                self._local(report["filed_at"]),
                datetime.combine(report["date"], time.min),
            )
            filings.append(
                (
                    (report["user_id"][0], report["partner_id"][0]),
                    report["date"],
                    filed_at,
                )
            )
        summaries = supply.timeliness_by_representative(
            assignments,
            filings,
            every_days=1,
            grace_hours=get_setting(self.env, "coal_report_grace_hours"),
            now=self._local(fields.Datetime.now()),
        )
        self.line_ids.unlink()
        self.env["crm.coal.timeliness.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "user_id": user_id,
                    "partner_id": partner_id,
                    "expected": summary.expected,
                    "on_time": summary.on_time,
                    "late": summary.late,
                    "missing": summary.missing,
                    "pending": summary.pending,
                    "on_time_rate": summary.on_time_rate or 0.0,
                }
                for (user_id, partner_id), summary in summaries.items()
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_coal.crm_coal_timeliness_line_action"
        )
        action["domain"] = [("wizard_id", "=", self.id)]
        return action
