/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The customer path of a lubricant salesperson: the Lubricant CRM app, the customer list,
// one customer and its value tier, the pipeline card of the customer's opportunity.
// Data is built by tests/test_tour.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const CUSTOMER = "Tour Lubricant Fleet 16";
const ROW = `.o_list_view .o_data_row:contains('${CUSTOMER}')`;
const TAB = ".o_notebook .tab-pane.active";
const DEAL = "Tour Fleet Oil Tender 16";
const CARD = `.o_kanban_record:contains('${DEAL}')`;

registry.category("web_tour.tours").add("crm_lubricant_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_lubricant.menu_root", "Open the Lubricant CRM app"),
        {
            content: "Open the Customers menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_lubricant.menu_customers']",
            run: "click",
        },
        {
            content: "Open the customer list",
            trigger: ".dropdown-item[data-menu-xmlid='crm_lubricant.res_partner_menu_customers']",
            run: "click",
        },
        {
            content: "Search the customer",
            trigger: ".o_list_view .o_searchview_input",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "Search by name",
            trigger: ".o_searchview_autocomplete .o_menu_item.focus",
            run: "press Enter",
        },
        {
            content: "The customer's row shows its value tier",
            trigger: `${ROW} .o_data_cell[name='lub_tier']:contains(/^A$/)`,
        },
        {
            content: "The customer's row shows its 12-month contribution and its owner",
            trigger: `${ROW}:contains('5,000,000,000.00'):contains('Lubricant Tour Seller')`,
        },
        {
            content: "Open the customer",
            trigger: `${ROW} .o_data_cell[name='complete_name']`,
            run: "click",
        },
        {
            content: "The customer's form is open",
            trigger: `.o_form_view .o_breadcrumb .active:contains('${CUSTOMER}')`,
        },
        {
            content: "Open the Lubricant CRM tab",
            trigger: ".o_notebook a.nav-link[name='lubricant']",
            run: "click",
        },
        {
            content: "The tab shows the value tier",
            trigger: `${TAB} .o_field_widget[name='lub_tier']:contains(/^A$/)`,
        },
        {
            content: "The tab shows the 12-month contribution",
            trigger: `${TAB} .o_field_widget[name='lub_tier_contribution']:contains('5,000,000,000.00')`,
        },
        {
            content: "The tab shows who protects the customer",
            trigger: `${TAB} .o_field_widget[name='lub_owner_id']:contains('Lubricant Tour Seller')`,
        },
        {
            content: "Open the Customers menu again",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_lubricant.menu_customers']",
            run: "click",
        },
        {
            content: "Open the opportunities pipeline",
            trigger: ".dropdown-item[data-menu-xmlid='crm_lubricant.crm_lead_menu']",
            run: "click",
        },
        {
            content: "The opportunity's card shows its customer and expected revenue",
            trigger: `.o_kanban_view ${CARD}:contains('${CUSTOMER}'):contains('876,543')`,
        },
        {
            content: "Open the opportunity",
            trigger: CARD,
            run: "click",
        },
        {
            content: "The opportunity is the customer's",
            trigger: `.o_form_view .o_field_widget[name='partner_id'] input:value('${CUSTOMER}')`,
        },
    ],
});
