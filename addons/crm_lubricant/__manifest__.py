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
    "depends": ["crm", "sale_management", "sale_margin", "portal", "mail", "utm"],
    "data": [
        "security/crm_lubricant_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/crm_lubricant_pack_size_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lubricant_tier_history_views.xml",
        "views/crm_lubricant_ownership_log_views.xml",
        "views/crm_lubricant_sellthrough_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_users_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
        "views/crm_lubricant_campaign_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/customer_demo.xml",
        "demo/campaign_demo.xml",
    ],
    "application": True,
    "installable": True,
}
