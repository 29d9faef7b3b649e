# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import usage
from ..lib.common import DomainError
from ..models.messages import raise_domain_error
from ..models.res_config_settings import get_setting, setting_labels

USER_GROUP = "crm_lubricant.group_crm_lubricant_user"
MANAGER_GROUP = "crm_lubricant.group_crm_lubricant_manager"


class CrmLubricantUsageWizard(models.TransientModel):
    """Period of the CRM usage report; managers get every salesperson, users themselves."""

    _name = "crm.lubricant.usage.wizard"
    _description = "CRM Usage Points Report"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.model
    def _lub_weights(self):
        try:
            return usage.UsageWeights(
                records=get_setting(self.env, "lub_usage_points_record"),
                followups=get_setting(self.env, "lub_usage_points_followup"),
                reports=get_setting(self.env, "lub_usage_points_report"),
            )
        except DomainError as error:
            labels = setting_labels(
                self.env,
                {
                    "records points": "lub_usage_points_record",
                    "followups points": "lub_usage_points_followup",
                    "reports points": "lub_usage_points_report",
                },
            )
            raise_domain_error(self.env, error, labels)

    def _lub_counts(self, users):
        """{kind: {user_id: count}} from one aggregate query per source, whatever the number of
        users. sudo: a manager's report counts records the manager may not read; a user's report
        is restricted to the user."""
        start = datetime.combine(self.date_from, time.min)
        end = datetime.combine(self.date_to + timedelta(days=1), time.min)
        uids = users.ids

        def count(model, user_field, date_field, domain=()):
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [
                        (user_field, "in", uids),
                        (date_field, ">=", start),
                        (date_field, "<", end),
                        *domain,
                    ],
                    [user_field],
                    ["__count"],
                )
            )
            return {user.id: total for user, total in groups}

        def merge(*parts):
            result = {}
            for part in parts:
                for user_id, total in part.items():
                    result[user_id] = result.get(user_id, 0) + total
            return result

        return {
            "records": merge(
                count("res.partner", "create_uid", "create_date"),
                count("crm.lead", "create_uid", "create_date"),
            ),
            "followups": count(
                "mail.message",
                "create_uid",
                "date",
                [
                    ("model", "in", ("res.partner", "crm.lead")),
                    "|",
                    ("message_type", "=", "comment"),
                    ("mail_activity_type_id", "!=", False),
                ],
            ),
            "reports": merge(
                count("crm.lubricant.complaint", "replier_id", "reply_date"),
                count("crm.lubricant.sellthrough", "create_uid", "create_date"),
                count("crm.lubricant.campaign.expense", "create_uid", "create_date"),
            ),
        }

    def action_compute(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period must end on or after its start."))
        if self.env.user.has_group(MANAGER_GROUP):
            users = self.env["res.users"].search(
                [
                    ("groups_id", "in", self.env.ref(USER_GROUP).id),
                    ("share", "=", False),
                ]
            )
        elif self.env.user.has_group(USER_GROUP):
            users = self.env.user
        else:
            raise UserError(self.env._("Only Lubricant CRM users have usage points."))
        weights = self._lub_weights()
        rows = usage.usage_points(self._lub_counts(users), weights, users=users.ids)
        lines = self.env["crm.lubricant.usage.point"].create(
            [
                {
                    "user_id": row.user_id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "records_count": row.records,
                    "followups_count": row.followups,
                    "reports_count": row.reports,
                    "points": float(row.points),
                }
                for row in rows
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_lubricant.crm_lubricant_usage_point_action"
        )
        action["domain"] = [("id", "in", lines.ids)]
        return action
