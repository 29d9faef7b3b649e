# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

# The claim line kinds a settlement bill has one line of per claim, each with its product and
# expense account of the company's configuration.
SETTLEMENT_KINDS = ("labor", "part", "travel", "other")

# The suite's demo company (crm_knowledge's demo/demo_company.xml): one Chinese company in
# CNY holding the four stories, in base's namespace as Odoo's own localized demo companies.
DEMO_COMPANY = "base.demo_company_crm_suite"


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_service_labor_product_id = fields.Many2one(
        "product.product", string="Settlement Product: Labor", check_company=True
    )
    crm_service_part_product_id = fields.Many2one(
        "product.product", string="Settlement Product: Parts", check_company=True
    )
    crm_service_travel_product_id = fields.Many2one(
        "product.product", string="Settlement Product: Travel", check_company=True
    )
    crm_service_other_product_id = fields.Many2one(
        "product.product", string="Settlement Product: Other", check_company=True
    )
    crm_service_labor_account_id = fields.Many2one(
        "account.account", string="Settlement Account: Labor", check_company=True
    )
    crm_service_part_account_id = fields.Many2one(
        "account.account", string="Settlement Account: Parts", check_company=True
    )
    crm_service_travel_account_id = fields.Many2one(
        "account.account", string="Settlement Account: Travel", check_company=True
    )
    crm_service_other_account_id = fields.Many2one(
        "account.account", string="Settlement Account: Other", check_company=True
    )
    crm_service_settlement_tax_ids = fields.Many2many(
        "account.tax",
        "crm_service_company_settlement_tax_rel",
        "company_id",
        "tax_id",
        string="Settlement Taxes",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        help="Purchase taxes put on every settlement bill line (none: untaxed bills).",
    )

    def _crm_service_settlement_accounting(self, default_account):
        """``{kind: (product, account)}`` of the settlement bill lines: the configured
        product and account of each kind; without an account, the product's expense account,
        else ``default_account`` (the purchase journal's)."""
        self.ensure_one()
        result = {}
        for kind in SETTLEMENT_KINDS:
            product = self[f"crm_service_{kind}_product_id"]
            account = self[f"crm_service_{kind}_account_id"]
            if not account and product:
                accounts = product.product_tmpl_id.with_company(
                    self
                )._get_product_accounts()
                account = accounts.get("expense") or account
            result[kind] = (product, account or default_account)
        return result

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
