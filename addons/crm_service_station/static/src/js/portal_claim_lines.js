/** @odoo-module **/
// Copyright 2026 Industry CRM Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Portal claim form: "Add a ... line" appends an empty copy of the first row of its kind.
// The server reads the rows of each kind side by side (see controllers/portal.py).

document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-claim-add-line]");
    if (!button) {
        return;
    }
    const kind = button.dataset.claimAddLine;
    const container = button.form?.querySelector(`[data-claim-lines="${kind}"]`);
    const first = container?.querySelector(".o_claim_line");
    if (!first) {
        return;
    }
    const row = first.cloneNode(true);
    for (const input of row.querySelectorAll("input, select")) {
        input.value = "";
    }
    container.appendChild(row);
    row.querySelector("input, select")?.focus();
});
