# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.evaluation import EvaluationConfig, StationFigures, evaluate_station
from .res_config_settings import get_setting

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"


class CrmServiceStationEvaluation(models.Model):
    _name = "crm.service.station.evaluation"
    _description = "Station Evaluation"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread"]
    _order = "date_to desc, score desc, id desc"
    _check_company_auto = True
    # Evaluations are made by the evaluation run from the period's records: their figures,
    # score and level are never typed in.
    _workflow_fields = (
        "station_id",
        "company_id",
        "date_from",
        "date_to",
        "claims",
        "first_pass_approved",
        "rejected",
        "overridden",
        "repairs",
        "turnaround_days_total",
        "return_visits",
        "satisfaction_total",
        "complaints",
        "score",
        "recommended_level",
        "station_status",
        "applied",
        "enough_data",
        "active",
    )

    station_id = fields.Many2one(
        "res.partner",
        string="Service Station",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="Period From", required=True, readonly=True)
    date_to = fields.Date(string="Period To", required=True, readonly=True, index=True)
    claims = fields.Integer(string="Claims Decided", readonly=True)
    first_pass_approved = fields.Integer(
        string="Approved at First Review", readonly=True
    )
    rejected = fields.Integer(readonly=True)
    overridden = fields.Integer(
        string="Approved Over Failed Checks",
        readonly=True,
        help="Claims approved by a manager's override although automatic checks failed; they"
        " do not count as approved at first review.",
    )
    station_status = fields.Selection(
        [
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("terminated", "Terminated"),
        ],
        readonly=True,
        help="The station's status when it was evaluated: a station that is not active gets the"
        " lowest level whatever its score.",
    )
    repairs = fields.Integer(string="Repairs Completed", readonly=True)
    turnaround_days_total = fields.Float(
        string="Turnaround Days (total)", readonly=True
    )
    return_visits = fields.Integer(readonly=True)
    satisfaction_total = fields.Integer(string="Satisfaction (total)", readonly=True)
    complaints = fields.Integer(readonly=True)
    score = fields.Float(readonly=True, digits=(16, 2), aggregator="avg")
    recommended_level = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")], readonly=True, tracking=True
    )
    current_level = fields.Selection(
        related="station_id.station_level", string="Current Level"
    )
    applied = fields.Boolean(readonly=True, tracking=True)
    enough_data = fields.Boolean(
        readonly=True,
        default=True,
        help="Unset when the station had fewer claims and repairs than the minimum sample of"
        " the settings: it gets no score and no level.",
    )
    # A rerun of the period archives the station's earlier evaluation of it: one current
    # evaluation per station and period, the earlier ones kept as history.
    active = fields.Boolean(default=True, readonly=True)

    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = (
                f"{evaluation.station_id.display_name}"
                f" {evaluation.date_from} - {evaluation.date_to}"
            )

    @api.model
    def _evaluate_period(self, date_from, date_to, stations=None):
        """One evaluation per station for the period, from a fixed number of grouped reads."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may evaluate stations.")
            )
        if not date_from or not date_to:
            raise UserError(self.env._("Give the period start and end."))
        if date_from > date_to:
            raise UserError(self.env._("The period start must be before its end."))
        if stations is None:
            stations = self.env["res.partner"].search(
                [("is_service_station", "=", True)]
            )
        if not stations:
            return self.browse()
        ids = stations.ids
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        claim_groups = self.env["crm.service.claim"]._read_group(
            [
                ("station_id", "in", ids),
                ("decision_date", ">=", date_from),
                ("decision_date", "<=", date_to),
            ],
            ["station_id", "state", "resubmitted", "override_user_id"],
            ["__count"],
        )
        figures = defaultdict(lambda: defaultdict(float))
        for station, state, resubmitted, override_user, count in claim_groups:
            data = figures[station.id]
            data["claims"] += count
            if state == "rejected":
                data["rejected"] += count
            elif override_user:
                data["overridden"] += count
            elif not resubmitted:
                data["first_pass_approved"] += count
        repairs = self.env["repair.order"].search_read(
            [
                ("station_id", "in", ids),
                ("service_completed_date", ">=", date_from),
                ("service_completed_date", "<=", date_to),
            ],
            ["station_id", "schedule_date", "service_completed_date"],
        )
        for row in repairs:
            data = figures[row["station_id"][0]]
            data["repairs"] += 1
            started = row["schedule_date"].date()
            data["turnaround_days_total"] += max(
                (row["service_completed_date"] - started).days, 0
            )
        visits = self.env["crm.service.return.visit"].search_read(
            [
                ("station_id", "in", ids),
                ("visit_date", ">=", date_from),
                ("visit_date", "<=", date_to),
            ],
            ["station_id", "satisfaction"],
        )
        for row in visits:
            data = figures[row["station_id"][0]]
            data["return_visits"] += 1
            data["satisfaction_total"] += int(row["satisfaction"])
        complaints = self.env["crm.service.request"]._read_group(
            [
                ("station_id", "in", ids),
                ("request_type", "=", "complaint"),
                ("create_date", ">=", start),
                ("create_date", "<=", end),
            ],
            ["station_id"],
            ["__count"],
        )
        for station, count in complaints:
            figures[station.id]["complaints"] += count
        config = EvaluationConfig(
            min_sample=get_setting(self.env, "crm_service_evaluation_min_sample")
        )
        vals_list = []
        lowest = self._fields["recommended_level"].selection[-1][0]
        for station in stations:
            data = figures[station.id]
            station_figures = StationFigures(
                claims=int(data["claims"]),
                first_pass_approved=int(data["first_pass_approved"]),
                rejected=int(data["rejected"]),
                repairs=int(data["repairs"]),
                turnaround_days_total=data["turnaround_days_total"],
                return_visits=int(data["return_visits"]),
                satisfaction_total=int(data["satisfaction_total"]),
                complaints=int(data["complaints"]),
            )
            result = evaluate_station(station_figures, config)
            level = result.level.lower() if result.level else False
            status = station.station_status or "terminated"
            if status != "active":
                level = lowest
            vals_list.append(
                {
                    "station_id": station.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "claims": station_figures.claims,
                    "first_pass_approved": station_figures.first_pass_approved,
                    "rejected": station_figures.rejected,
                    "repairs": station_figures.repairs,
                    "turnaround_days_total": station_figures.turnaround_days_total,
                    "return_visits": station_figures.return_visits,
                    "satisfaction_total": station_figures.satisfaction_total,
                    "complaints": station_figures.complaints,
                    "score": result.score or 0.0,
                    "overridden": int(data["overridden"]),
                    "station_status": status,
                    "recommended_level": level,
                    "enough_data": not result.insufficient,
                }
            )
        earlier = self.sudo().search(
            [
                ("station_id", "in", ids),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
                ("company_id", "=", self.env.company.id),
            ]
        )
        earlier.write({"active": False})
        return self.sudo().create(vals_list).sudo(False)

    def action_apply_level(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may change station levels.")
            )
        self.check_access("write")
        for evaluation in self.filtered("recommended_level"):
            evaluation.station_id.station_level = evaluation.recommended_level
        self.sudo().write({"applied": True})
        return True
