# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

PAGE_SIZE = 20


class ComplaintPortal(CustomerPortal):
    """A customer's complaints, suggestions and needs in the portal: the reply and the
    messages. Portal users have no access right on complaints; a complaint is shown to the
    portal users of its customer company, or to whoever holds its share link (access
    token), and read with sudo() only after that check. Messages go through Odoo's portal
    chatter with the complaint's token."""

    def _lub_complaint_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "lub_complaint_count" in counters:
            # sudo: portal users have no access right on complaints; the domain is theirs
            values["lub_complaint_count"] = (
                request.env["crm.lubricant.complaint"]
                .sudo()
                .search_count(self._lub_complaint_domain())
                if request.env.user.share
                else 0
            )
        return values

    @http.route(
        ["/my/lubricant/complaints", "/my/lubricant/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def lub_complaints(self, page=1, **kw):
        if not request.env.user.share:
            # internal users work on complaints in the back end
            return request.redirect(
                "/odoo/action-crm_lubricant.crm_lubricant_complaint_action"
            )
        # sudo: portal users have no access right on complaints; the domain is theirs
        Complaint = request.env["crm.lubricant.complaint"].sudo()
        domain = self._lub_complaint_domain()
        pager = portal_pager(
            url="/my/lubricant/complaints",
            total=Complaint.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        complaints = Complaint.search(
            domain,
            limit=PAGE_SIZE,
            offset=pager["offset"],
            order="received_date desc, id desc",
        )
        request.session["my_lub_complaints_history"] = complaints.ids[:100]
        return request.render(
            "crm_lubricant.portal_my_complaints",
            {
                "complaints": complaints,
                "pager": pager,
                "page_name": "lub_complaints",
                "default_url": "/my/lubricant/complaints",
            },
        )

    @http.route(
        "/my/lubricant/complaints/<int:complaint_id>",
        type="http",
        auth="public",
        website=True,
    )
    def lub_complaint(self, complaint_id, access_token=None, **kw):
        # sudo: read only after the ownership or token check below
        complaint = (
            request.env["crm.lubricant.complaint"].sudo().browse(complaint_id).exists()
        )
        if not complaint:
            raise request.not_found()
        user = request.env.user
        owner = (
            not user._is_public()
            and user.share
            and user.partner_id.commercial_partner_id == complaint._lub_portal_owner()
        )
        by_token = bool(
            access_token
            and complaint.access_token
            and consteq(complaint.access_token, access_token)
        )
        if not (owner or by_token):
            raise request.not_found()
        values = self._get_page_view_values(
            complaint,
            access_token if by_token else None,
            {"complaint": complaint, "page_name": "lub_complaint"},
            "my_lub_complaints_history",
            False,
            **kw,
        )
        # the portal chatter reads and posts with the complaint's token
        values["token"] = complaint._portal_ensure_token()
        return request.render("crm_lubricant.portal_my_complaint", values)
