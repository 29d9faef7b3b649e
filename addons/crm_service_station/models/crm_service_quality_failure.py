# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_knowledge.models.display import compute_display_names

from .crm_service_claim import CLAIM_STATES
from .crm_service_quality_cohort import COUNTED_STATES


class CrmServiceQualityFailure(models.Model):
    """Top failures: one row per filed, not rejected claim with a failure code, to rank the
    failure codes by claim count and approved amount per engine model. The approved amounts
    are money: service managers only (access rights). A read-only SQL query restricted to the
    user's companies (and by the multi-company record rule)."""

    _name = "crm.service.quality.failure"
    _description = "Top Failures"
    _auto = False
    _order = "decision_date desc, id desc"
    _depends = {
        "crm.service.claim": [
            "company_id",
            "failure_code_id",
            "product_id",
            "product_categ_id",
            "station_id",
            "state",
            "repair_date",
            "decision_date",
            "approved_amount",
        ],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    claim_id = fields.Many2one("crm.service.claim", readonly=True)
    failure_code_id = fields.Many2one("crm.service.failure.code", readonly=True)
    system = fields.Selection(
        related="failure_code_id.system", string="System", readonly=True
    )
    product_id = fields.Many2one(
        "product.product", string="Engine Model", readonly=True
    )
    categ_id = fields.Many2one("product.category", string="Product Line", readonly=True)
    station_id = fields.Many2one("res.partner", string="Service Station", readonly=True)
    state = fields.Selection(CLAIM_STATES, string="Status", readonly=True)
    repair_date = fields.Date(readonly=True)
    decision_date = fields.Date(string="Decided On", readonly=True)
    claims = fields.Integer(readonly=True)
    approved_amount = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT claim.id AS id, claim.id AS claim_id, claim.company_id,
                   company.currency_id, claim.failure_code_id, claim.product_id,
                   claim.product_categ_id AS categ_id, claim.station_id, claim.state,
                   claim.repair_date, claim.decision_date,
                   1 AS claims, COALESCE(claim.approved_amount, 0) AS approved_amount
              FROM crm_service_claim claim
              JOIN res_company company ON company.id = claim.company_id
             WHERE claim.failure_code_id IS NOT NULL
               AND claim.state IN %(states)s
               AND claim.company_id IN %(companies)s
            """,
            states=COUNTED_STATES,
            companies=tuple(self.env.companies.ids) or (0,),
        )

    @api.depends("failure_code_id", "product_id")
    def _compute_display_name(self):
        compute_display_names(self, ("failure_code_id", "product_id"))
