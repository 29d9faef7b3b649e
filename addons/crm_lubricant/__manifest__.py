# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Lubricant Sales CRM",
    "summary": "Customer value tiers, dealer channel with end customers, funnel, "
    "customer ownership and anti-collision, campaign budgets, big-deal board",
    "version": "18.0.1.0.0",
    "category": "Industry CRM/Lubricants",
    "author": "Industry CRM Suite",
    "website": "https://github.com/industry-crm-suite/industry-crm-suite",
    "license": "LGPL-3",
    "depends": ["crm", "sale_management", "portal", "mail"],
    "data": [
        "security/crm_lubricant_security.xml",
        "security/ir.model.access.csv",
        "views/crm_lubricant_pack_size_views.xml",
        "views/product_template_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
    ],
    "application": True,
    "installable": True,
}
