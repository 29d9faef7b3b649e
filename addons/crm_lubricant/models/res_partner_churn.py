# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Churn risk from the customer's own order rhythm (lib.churn) and the care activities
planned for the customers at risk."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import churn
from .computed_run import run_values, store_run
from .lub_scope import scoped_sales_sql
from .res_config_settings import get_setting
from .res_partner import CHURN_FIELDS

EMPTY_CHURN_VALUES = {"lub_churn_risk": False, "lub_usual_order_interval": 0.0}
# key of the cursor cache holding the values of a churn run for the stored computes
CHURN_RUN_KEY = "crm_lubricant.churn_run"


# res.partner is extended in one file per concern (issue 10), on purpose
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    lub_churn_risk = fields.Boolean(
        compute="_compute_lub_churn_fields",
        store=True,
        string="Churn Risk",
        readonly=True,
        copy=False,
        index=True,
        help="No order for longer than the customer's usual interval between orders times the "
        "factor set in the settings; refreshed with the tiers.",
    )
    lub_usual_order_interval = fields.Float(
        compute="_compute_lub_churn_fields",
        store=True,
        string="Usual Order Interval (Days)",
        readonly=True,
        copy=False,
        aggregator=None,
    )

    def _compute_lub_churn_fields(self):
        """Values of the run of ``_lub_compute_churn`` (same pattern as the tiers)."""
        run = run_values(self, CHURN_RUN_KEY)
        for partner in self:
            partner.update(run.get(partner.id, EMPTY_CHURN_VALUES))

    @api.model
    def _lub_compute_churn(self, today=None):
        """Churn risk of every customer from its own order rhythm (lib.churn_risk): one aggregate
        query of the distinct order dates per customer (a reporting SELECT), the results stored
        through the ORM (``computed_run.store_run``). Returns the ids at risk."""
        self._lub_ensure_superuser()
        today = today or fields.Date.context_today(self)
        factor = get_setting(self.env, "lub_churn_factor")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
WITH %(lub_sales)s
SELECT buyer.commercial_partner_id, array_agg(DISTINCT (so.date_order)::date)
  FROM lub_sales so
  JOIN res_partner buyer ON buyer.id = so.partner_id
 GROUP BY buyer.commercial_partner_id
""",
                # the orders of the lubricant business (their amounts are not used)
                lub_sales=scoped_sales_sql(
                    self.env,
                    amount_line=SQL("0"),
                    amount_order=SQL("0"),
                    end="infinity",  # every confirmed order, as before the scope
                ),
            )
        )
        values = {}
        for pid, dates in self.env.cr.fetchall():
            assessment = churn.churn_risk(dates, today, factor=factor)
            values[pid] = {
                "lub_churn_risk": assessment.at_risk,
                "lub_usual_order_interval": assessment.usual_interval or 0.0,
            }
        store_run(self, CHURN_RUN_KEY, CHURN_FIELDS, values)
        return [pid for pid, row in values.items() if row["lub_churn_risk"]]

    def action_lub_plan_care_activities(self):
        """Manager button: plan care activities for the customers at churn risk."""
        if not self.env.user.has_group("crm_lubricant.group_crm_lubricant_manager"):
            raise AccessError(
                self.env._("Only Lubricant CRM managers may plan care activities.")
            )
        count = (
            self.env["res.partner"].sudo()._lub_plan_care_activities()
        )  # sudo: all owners
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s care activities planned.", count=count
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_lub_plan_care_activities(self):
        self._lub_plan_care_activities()

    @api.model
    def _lub_care_todo(self):
        """(care activity type, the customers at churn risk with an active owner and no open
        care activity): three queries whatever the number of customers."""
        activity_type = get_setting(
            self.env, "lub_care_activity_type_id"
        ) or self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        if not activity_type:
            raise UserError(
                self.env._("Set the care activity type in the Lubricant CRM settings.")
            )
        candidates = self.search(
            [
                ("lub_churn_risk", "=", True),
                ("lub_owner_id", "!=", False),
                ("lub_owner_id.active", "=", True),
            ]
        )
        if not candidates:
            return activity_type, candidates
        Activity = self.env["mail.activity"]
        planned = {
            res_id
            for [res_id] in Activity._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", candidates.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        return activity_type, candidates.filtered(
            lambda partner: partner.id not in planned
        )

    @api.model
    def _lub_plan_care_activities(self):
        """One care activity for the owner of each customer at churn risk without an open one.

        Candidates, their open activities of the care type and the activity creation are each one
        batch: the number of queries does not grow with the number of customers (Odoo subscribes
        the owners as followers in one batch per owner)."""
        activity_type, todo = self._lub_care_todo()
        if not todo:
            return 0
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = fields.Date.context_today(self) + timedelta(
            days=get_setting(self.env, "lub_care_days")
        )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner.lub_owner_id.id,
                    "date_deadline": deadline,
                    "summary": self.env._(
                        "Customer care: usual order interval of %(days)s days exceeded",
                        days=round(partner.lub_usual_order_interval or 0),
                    ),
                }
                for partner in todo
            ]
        )
        return len(todo)
