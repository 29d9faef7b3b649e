/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The key-account path of a coal salesperson: the Coal CRM app, the key accounts, one
// account (grade, days of supply, credit limit), its on-site reports, one report.
// Data is built by tests/test_tour.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const ACCOUNT = "Tour Coal Plant 16";
const CARD = `.o_kanban_record:contains('${ACCOUNT}')`;
const TAB = ".o_notebook .tab-pane.active";

registry.category("web_tour.tours").add("crm_coal_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_coal.menu_root", "Open the Coal CRM app"),
        {
            content: "Open the Key Accounts menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_coal.menu_accounts']",
            run: "click",
        },
        {
            content: "Open the key accounts",
            trigger: ".dropdown-item[data-menu-xmlid='crm_coal.res_partner_menu']",
            run: "click",
        },
        {
            content: "The account's card sits in the grade A column",
            trigger: `.o_kanban_group:has(.o_column_title:contains('A - Strategic partner')) ${CARD}`,
        },
        {
            content: "The card shows the supply level and the days of supply",
            trigger: `${CARD}:contains('Watch'):contains('16.00')`,
        },
        {
            content: "Open the account",
            trigger: CARD,
            run: "click",
        },
        {
            content: "The account's form is open",
            trigger: `.o_form_view .o_breadcrumb .active:contains('${ACCOUNT}')`,
        },
        {
            content: "Open the Coal Key Account tab",
            trigger: ".o_notebook a.nav-link[name='coal_key_account']",
            run: "click",
        },
        {
            content: "The tab shows the grade",
            trigger: `${TAB} .o_field_widget[name='coal_grade']:contains('A - Strategic partner')`,
        },
        {
            content: "The tab shows the days of supply",
            trigger: `${TAB} .o_field_widget[name='coal_days_of_supply']:contains('16.00')`,
        },
        {
            content: "The tab shows the latest stockpile",
            trigger: `${TAB} .o_field_widget[name='coal_stockpile']:contains('8,000')`,
        },
        {
            content: "The tab shows the average daily burn",
            trigger: `${TAB} .o_field_widget[name='coal_avg_burn']:contains('500')`,
        },
        {
            content: "The tab shows the supply level",
            trigger: `${TAB} .o_field_widget[name='coal_supply_level']:contains('Watch')`,
        },
        {
            content: "The tab shows the credit limit of grade A",
            trigger: `${TAB} .o_field_widget[name='coal_credit_limit']:contains('12,345,678.00')`,
        },
        stepUtils.autoExpandMoreButtons(),
        {
            content: "The account counts its two on-site reports",
            trigger: "button[name='action_coal_view_site_reports']:contains('2')",
        },
        {
            content: "Open the account's on-site reports",
            trigger: "button[name='action_coal_view_site_reports']",
            run: "click",
        },
        {
            content: "Open the latest report (8,000 t in stock)",
            trigger: ".o_list_view .o_data_row:contains('8,000.0') .o_data_cell[name='burn_t']",
            run: "click",
        },
        {
            content: "The report is the account's",
            trigger: `.o_form_view .o_field_widget[name='partner_id'] input:value('${ACCOUNT}')`,
        },
        {
            content: "The report shows the burn of the day",
            trigger: ".o_form_view .o_field_widget[name='burn_t'] input:value('600.0')",
        },
        {
            content: "The report shows the quality complaint",
            trigger: ".o_form_view .o_field_widget[name='quality_complaint'] textarea:value('Tour complaint: moisture above the contract')",
        },
    ],
});
