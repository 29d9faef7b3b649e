# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "CRM Knowledge Base",
    "summary": "Community knowledge base for staff, dealers and service stations: "
    "reviewed articles, Chinese search, Q&A and suggestions on leads and claims",
    "version": "18.0.1.1.0",
    "category": "Industry CRM/Knowledge",
    "author": "Industry CRM Suite",
    "website": "https://github.com/industry-crm-suite/industry-crm-suite",
    "license": "LGPL-3",
    "depends": ["mail", "portal", "product", "crm", "web_hierarchy"],
    "external_dependencies": {"python": ["jieba", "opencc_purepy"]},
    "data": [
        "security/crm_knowledge_security.xml",
        "security/ir.model.access.csv",
        "data/crm_knowledge_category_data.xml",
        "data/crm_knowledge_data.xml",
        "data/mail_template_data.xml",
        "views/crm_knowledge_article_views.xml",
        "views/crm_knowledge_article_revision_views.xml",
        "views/crm_knowledge_category_views.xml",
        "views/crm_knowledge_tag_views.xml",
        "views/crm_knowledge_vote_views.xml",
        "views/crm_knowledge_question_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "wizards/crm_knowledge_search_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_knowledge/static/src/scss/crm_knowledge.scss",
            "crm_knowledge/static/src/js/article_form_view.js",
        ],
        "web.assets_frontend": ["crm_knowledge/static/src/scss/crm_knowledge.scss"],
        "web.assets_tests": [
            "crm_knowledge/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/demo_company.xml",
        "demo/crm_knowledge_article_demo.xml",
    ],
    "images": [
        "static/description/screenshot_articles.png",
        "static/description/screenshot_article.png",
    ],
    "application": True,
}
