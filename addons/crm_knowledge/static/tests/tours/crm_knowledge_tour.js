/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The reading path of a knowledge-base reader: the Knowledge Base app, the articles, a
// search for a Chinese word, one article and its body. Data is built by
// tests/test_tour.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const ARTICLE = "Tour 变速箱保养 16";
const OTHER = "Tour 发动机积碳 16";

registry.category("web_tour.tours").add("crm_knowledge_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_knowledge.menu_root", "Open the Knowledge Base app"),
        {
            content: "Open the articles",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_knowledge.crm_knowledge_article_menu']",
            run: "click",
        },
        {
            content: "Both published articles are listed before the search",
            trigger: `.o_kanban_view:has(.o_kanban_record:contains('${ARTICLE}')):has(.o_kanban_record:contains('${OTHER}'))`,
        },
        {
            content: "Search a Chinese word",
            trigger: ".o_kanban_view .o_searchview_input",
            run: "edit 变速箱",
        },
        {
            content: "Search the articles' text",
            trigger: ".o_searchview_autocomplete .o_menu_item.focus:contains('Text')",
            run: "press Enter",
        },
        {
            content: "The search facet holds the word",
            trigger: `.o_searchview .o_facet_values:contains('变速箱')`,
        },
        {
            content: "Only the article about gearboxes is found",
            trigger: `.o_kanban_view:has(.o_kanban_record:contains('${ARTICLE}')):not(:has(.o_kanban_record:contains('${OTHER}')))`,
        },
        {
            content: "Open the article",
            trigger: `.o_kanban_record:contains('${ARTICLE}')`,
            run: "click",
        },
        {
            content: "The article's form is open",
            trigger: `.o_form_view .o_breadcrumb .active:contains('${ARTICLE}')`,
        },
        {
            content: "The article's body is shown",
            trigger: ".o_form_view .o_field_widget[name='body']:contains('变速箱油每两万公里更换一次')",
        },
    ],
});
