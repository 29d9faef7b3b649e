# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The after-sales chain: request → repair order → claim → settlement → return visit.

Each document opens the others through its smart buttons with :func:`open_records`."""

# The window action of each document of the chain.
CHAIN_ACTIONS = {
    "crm.service.request": "crm_service_station.crm_service_request_action",
    "repair.order": "crm_service_station.repair_order_action",
    "crm.service.claim": "crm_service_station.crm_service_claim_action",
    "crm.service.settlement": "crm_service_station.crm_service_settlement_action",
    "crm.service.return.visit": "crm_service_station.crm_service_return_visit_action",
}


def open_records(records, context=None):
    """The window action of the chain document ``records``: their form when there is one,
    else a list restricted to them (``context`` gives the defaults of a new record)."""
    env = records.env
    action = env["ir.actions.act_window"]._for_xml_id(CHAIN_ACTIONS[records._name])
    action["context"] = dict(context or {})
    if len(records) == 1:
        action.update(
            {"res_id": records.id, "views": [(False, "form")], "view_mode": "form"}
        )
    else:
        action["domain"] = [("id", "in", records.ids)]
    return action


def open_linked(record, path, context=None):
    """The action of a smart button: the records at ``path`` (a field path) of ``record``."""
    record.ensure_one()
    return open_records(record.mapped(path), context)


def send_template(records, template_xmlid):
    """Queue the mail template ``template_xmlid`` for ``records`` (rendered in batch in each
    recipient's language); nothing when the template was deleted."""
    template = records.env.ref(template_xmlid, raise_if_not_found=False)
    if template and records:
        # sudo: the template and its rendering are configuration the user may not read
        template.sudo().send_mail_batch(
            records.ids, email_layout_xmlid="mail.mail_notification_light"
        )
