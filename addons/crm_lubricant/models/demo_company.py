# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# The suite's demo company (demo/demo_company.xml): one Chinese company in CNY holding the
# four stories, in base's namespace as Odoo's own localized demo companies, so that the
# suite addons installed in any order share it.
DEMO_COMPANY = "base.demo_company_crm_suite"


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _crm_suite_demo_chart(self):
        """Demo data only: give the suite's demo company Odoo's generic chart of accounts
        once (its currency becomes the fiscal country's, CNY), whichever suite addon with
        accounting is installed first; later ones find it loaded. (Odoo's try_loading
        would also load the accounting demo entries into the company: not wanted.)"""
        company = self.env.ref(DEMO_COMPANY, raise_if_not_found=False)
        if not company:
            return
        # the fiscal country is computed once, when the company is created: created
        # while its partner's country was not set yet, it would be Odoo's default one
        if company.account_fiscal_country_id != company.country_id:
            company.account_fiscal_country_id = company.country_id
        if not company.chart_template:
            self.env["account.chart.template"]._load("generic_coa", company, False)
        currency = company.country_id.currency_id
        if currency and company.currency_id != currency:
            company.currency_id = currency
