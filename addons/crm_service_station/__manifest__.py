# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Engine After-Sales Service Network",
    "summary": "Authorized service stations, engine archive, warranty policies, "
    "repair orders, warranty claims with automatic validation and settlement",
    "version": "18.0.1.0.0",
    "category": "Industry CRM/Service Network",
    "author": "Industry CRM Suite",
    "website": "https://github.com/industry-crm-suite/industry-crm-suite",
    "license": "LGPL-3",
    "depends": ["crm", "repair", "stock", "account", "portal", "mail", "crm_knowledge"],
    "data": [
        "security/crm_service_station_security.xml",
        "security/ir.model.access.csv",
        "data/crm_service_station_data.xml",
        "report/crm_service_settlement_report.xml",
        "views/res_partner_views.xml",
        "views/crm_service_config_views.xml",
        "views/stock_lot_views.xml",
        "views/repair_order_views.xml",
        "views/crm_service_claim_views.xml",
        "wizards/crm_service_claim_decision_views.xml",
        "views/crm_service_settlement_views.xml",
        "views/crm_service_request_views.xml",
        "views/crm_service_analysis_views.xml",
        "views/crm_service_portal_templates.xml",
        "views/knowledge_suggestion_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/crm_service_config_demo.xml",
        "demo/crm_service_engine_demo.xml",
        "demo/crm_service_request_demo.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "application": True,
}
