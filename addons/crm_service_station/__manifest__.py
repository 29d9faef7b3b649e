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
    "depends": ["crm", "repair", "stock", "account", "portal", "mail"],
    "data": [
        "security/crm_service_station_security.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "application": True,
    "installable": True,
}
