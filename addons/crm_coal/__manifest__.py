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
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "application": True,
    "installable": True,
}
