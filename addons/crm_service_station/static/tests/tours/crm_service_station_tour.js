/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The station main path of a service manager: the Service Network app, the station kanban,
// a station's form, its claims, one claim. Data is built by tests/test_tour.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const STATION = "Tour Station 16";
const CARD = `.o_crm_service_station_kanban .o_kanban_record:contains('${STATION}')`;

registry.category("web_tour.tours").add("crm_service_station_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "crm_service_station.menu_root",
            "Open the Service Network app",
        ),
        {
            content: "Open the Network menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_service_station.menu_network']",
            run: "click",
        },
        {
            content: "Open the service stations",
            trigger: ".dropdown-item[data-menu-xmlid='crm_service_station.res_partner_menu']",
            run: "click",
        },
        {
            content: "The station card shows its code, level and region",
            trigger: `${CARD}:contains('TS-16'):contains('B - Standard station'):contains('Tour City')`,
        },
        {
            content: "The station card counts its two open claims",
            trigger: `${CARD} .o_station_open_claims:contains('2')`,
        },
        {
            content: "Open the station",
            trigger: CARD,
            run: "click",
        },
        {
            content: "The station form is open",
            trigger: `.o_form_view .o_field_widget[name='name']:has(input:value('${STATION}'))`,
        },
        stepUtils.autoExpandMoreButtons(),
        {
            content: "Open the station's claims",
            trigger: "button[name='action_view_station_claims']",
            run: "click",
        },
        {
            content: "Open the claim of engine TOUR-ENG-16A",
            trigger: ".o_list_view .o_data_row:contains('TOUR-ENG-16A') .o_data_cell",
            run: "click",
        },
        {
            content: "The claim (a draft) shows its station",
            trigger: `.o_form_view .o_field_widget[name='station_id'] input:value('${STATION}')`,
        },
        {
            content: "The claim shows its engine",
            trigger: ".o_form_view .o_field_widget[name='lot_id'] input:value('TOUR-ENG-16A')",
        },
    ],
});
