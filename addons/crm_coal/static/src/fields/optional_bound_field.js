/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";

/**
 * A quality limit where 0 means "no bound": shown empty (with the view's placeholder)
 * instead of "0.00", so that a rejection term with only a minimum does not read as
 * "maximum 0.00". Typing a number sets the bound; clearing the input removes it.
 */
export class OptionalBoundField extends FloatField {
    get formattedValue() {
        if (!this.state.hasFocus && !this.value) {
            return "";
        }
        return super.formattedValue;
    }
}

registry.category("fields").add("coal_optional_bound", {
    ...floatField,
    component: OptionalBoundField,
});
