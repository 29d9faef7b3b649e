# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coal Sales CRM",
    "summary": "Key-account archives, on-site stock reports, coal price and "
    "port-stock series, quality-adjusted lot pricing and collections",
    "version": "18.0.1.0.0",
    "category": "Industry CRM/Coal",
    "author": "Industry CRM Suite",
    "website": "https://github.com/industry-crm-suite/industry-crm-suite",
    "license": "LGPL-3",
    "depends": ["crm", "sale_management", "account", "mail"],
    "data": [
        "security/crm_coal_security.xml",
        "security/ir.model.access.csv",
        "data/res_partner_industry_data.xml",
        "data/crm_coal_data.xml",
        "views/res_partner_views.xml",
        "views/crm_coal_key_account_config_views.xml",
        "views/crm_coal_site_report_views.xml",
        "views/crm_coal_market_views.xml",
        "views/crm_coal_contract_views.xml",
        "views/crm_coal_dashboard_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/crm_coal_wizard_views.xml",
        "report/crm_coal_contract_report.xml",
        "report/crm_coal_delivery_lot_report.xml",
        "report/res_partner_key_account_report.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/demo_company.xml",
        "demo/res_partner_demo.xml",
        "demo/crm_coal_key_account_demo.xml",
        "demo/crm_coal_site_report_demo.xml",
        "demo/crm_coal_market_demo.xml",
        "demo/crm_coal_contract_demo.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "images": [
        "static/description/screenshot_key_accounts.png",
        "static/description/screenshot_key_account_form.png",
        "static/description/screenshot_price_trend.png",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_coal/static/src/fields/**/*",
        ],
        "web.assets_tests": [
            "crm_coal/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
