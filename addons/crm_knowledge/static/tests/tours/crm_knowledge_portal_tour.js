/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The portal knowledge base of a dealer: /knowledge, a search for a Chinese word, the
// articles meant for dealers only, one article and its body. Data is built by
// tests/test_tour.py.

import { registry } from "@web/core/registry";

const ARTICLE = "Tour 经销商变速箱手册 16";
const INTERNAL = "Tour 变速箱保养 16";
const RESULTS = ".o_knowledge_results";

registry.category("web_tour.tours").add("crm_knowledge_portal_tour", {
    url: "/knowledge",
    steps: () => [
        {
            content: "The dealer's knowledge base lists the article meant for dealers",
            trigger: `${RESULTS} a:contains('${ARTICLE}')`,
        },
        {
            content: "Search a Chinese word",
            trigger: "form[role='search'] input[name='q']",
            run: "edit 变速箱",
        },
        {
            content: "Run the search",
            trigger: "form[role='search'] button[type='submit']",
            run: "click",
        },
        {
            content: "The search is run",
            trigger: "form[role='search'] input[name='q']:value('变速箱')",
        },
        {
            content: "The article meant for dealers is found, never the internal one",
            trigger: `${RESULTS}:has(a:contains('${ARTICLE}')):not(:has(a:contains('${INTERNAL}')))`,
        },
        {
            content: "Open the article",
            trigger: `${RESULTS} a:contains('${ARTICLE}')`,
            run: "click",
        },
        {
            content: "The article's title is shown",
            trigger: `.o_knowledge_article h1:contains('${ARTICLE}')`,
        },
        {
            content: "The article's body is shown",
            trigger: ".o_knowledge_article .o_knowledge_body:contains('变速箱漏油先查油封')",
        },
    ],
});
