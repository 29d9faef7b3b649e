# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_service_request import SATISFACTION
from .service_chain import open_linked

RETURN_VISIT_ACTIVITY = "crm_service_station.mail_activity_type_return_visit"


class CrmServiceReturnVisit(models.Model):
    _name = "crm.service.return.visit"
    _description = "Return Visit"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "visit_date desc, id desc"
    _check_company_auto = True
    # The complaint request is opened by the visit itself, never linked by hand.
    _workflow_fields = ("request_id",)

    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        required=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    station_id = fields.Many2one(related="repair_id.station_id", store=True, index=True)
    lot_id = fields.Many2one(
        related="repair_id.lot_id", string="Engine Serial", store=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    visit_date = fields.Date(
        required=True, default=fields.Date.context_today, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Visited By", default=lambda self: self.env.user
    )
    satisfaction = fields.Selection(SATISFACTION, required=True, tracking=True)
    comments = fields.Text()
    complaint = fields.Boolean(
        string="Follow-up Complaint",
        help="The customer complains: a complaint request is opened.",
    )
    request_id = fields.Many2one(
        "crm.service.request", string="Complaint Request", readonly=True, copy=False
    )
    service_request_id = fields.Many2one(
        related="repair_id.service_request_id",
        string="Service Request",
        store=True,
        index="btree_not_null",
    )

    @api.depends("repair_id.partner_id", "repair_id.lot_id.engine_end_user_id")
    def _compute_partner_id(self):
        for visit in self:
            visit.partner_id = (
                visit.repair_id.lot_id.engine_end_user_id or visit.repair_id.partner_id
            )

    def _compute_display_name(self):
        for visit in self:
            visit.display_name = f"{visit.repair_id.name} / {visit.visit_date}"

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits.filtered("complaint")._create_complaints()
        # the return visit planned when the repair was done is made
        visits.repair_id.activity_feedback([RETURN_VISIT_ACTIVITY])
        return visits

    def write(self, vals):
        result = super().write(vals)
        if vals.get("complaint"):
            self.filtered(
                lambda v: v.complaint and not v.request_id
            )._create_complaints()
        return result

    def _create_complaints(self):
        todo = self.filtered(lambda v: not v.request_id)
        if not todo:
            return
        # The user may write these visits; the link fields are workflow fields (see the guard
        # mixin), so the request is created and linked with sudo (the uid stays the user's).
        self.check_access("write")
        requests = (
            self.env["crm.service.request"]
            .sudo()
            .create(
                [
                    {
                        "request_type": "complaint",
                        "channel": "phone",
                        "partner_id": visit.partner_id.id,
                        "lot_id": visit.lot_id.id,
                        "station_id": visit.station_id.id,
                        "description": visit.comments
                        or self.env._(
                            "Complaint raised during the return visit of %(repair)s.",
                            repair=visit.repair_id.name,
                        ),
                        "return_visit_id": visit.id,
                    }
                    for visit in todo
                ]
            )
        )
        for visit, request in zip(todo, requests, strict=True):
            visit.sudo().request_id = request

    def action_view_request(self):
        self.ensure_one()
        if not self.request_id:
            raise UserError(
                self.env._("No complaint request was opened for this visit.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_station.crm_service_request_action"
        )
        action.update({"res_id": self.request_id.id, "views": [(False, "form")]})
        return action

    def action_view_repair(self):
        return open_linked(self, "repair_id")

    def action_view_service_request(self):
        return open_linked(self, "service_request_id")
