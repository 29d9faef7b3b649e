/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// A contract's quality terms: a rejection limit with only a minimum shows no maximum
// (not "0.00"), one with only a maximum shows no minimum. Data: tests/test_tour.py.

import { registry } from "@web/core/registry";

const CV_ROW = ".o_field_widget[name='term_ids'] .o_data_row:has(td[name='parameter']:contains('Calorific'))";
const ASH_ROW = ".o_field_widget[name='term_ids'] .o_data_row:has(td[name='parameter']:contains('Ash'))";

registry.category("web_tour.tours").add("crm_coal_quality_term_tour", {
    steps: () => [
        {
            content: "Open the Quality Terms tab",
            trigger: ".o_notebook a.nav-link[name='terms']",
            run: "click",
        },
        {
            content: "The calorific-value limit shows its minimum",
            trigger: `${CV_ROW} td[name='minimum']:contains('4,500.00')`,
        },
        {
            content: "The calorific-value limit shows no maximum",
            trigger: `${CV_ROW} td[name='maximum']:not(:contains('0.00'))`,
            run() {
                const text = this.anchor.textContent.trim();
                if (text !== "") {
                    throw new Error(`the unbounded maximum reads "${text}"`);
                }
            },
        },
        {
            content: "The ash limit shows its maximum and no minimum",
            trigger: `${ASH_ROW} td[name='maximum']:contains('25.00')`,
            run() {
                const row = this.anchor.closest(".o_data_row");
                const minimum = row.querySelector("td[name='minimum']").textContent.trim();
                if (minimum !== "") {
                    throw new Error(`the unbounded minimum reads "${minimum}"`);
                }
            },
        },
    ],
});
