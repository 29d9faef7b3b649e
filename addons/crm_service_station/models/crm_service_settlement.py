# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time
import io

from dateutil.relativedelta import relativedelta
from xlsxwriter.utility import xl_range

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import xlsxwriter

from .res_config_settings import get_setting
from .service_chain import open_linked, send_template

MANAGER_GROUP = "crm_service_station.group_crm_service_station_manager"


class CrmServiceSettlement(models.Model):
    _name = "crm.service.settlement"
    _description = "Warranty Settlement"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # Settlements are made by the settlement run and paid by their bill's payment only.
    _workflow_fields = (
        "name",
        "station_id",
        "date_from",
        "date_to",
        "move_id",
        "state",
        "claim_count",
        "amount_total",
        "company_id",
    )
    _locked_states = ("paid", "cancel")

    name = fields.Char(
        required=True, copy=False, readonly=True, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    station_id = fields.Many2one(
        "res.partner",
        string="Service Station",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    date_from = fields.Date(string="Period From", required=True, readonly=True)
    date_to = fields.Date(string="Period To", required=True, readonly=True)
    claim_ids = fields.One2many(
        "crm.service.claim", "settlement_id", string="Claims", readonly=True
    )
    claim_count = fields.Integer(compute="_compute_amount_total", store=True)
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True, aggregator="sum"
    )
    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        check_company=True,
    )
    repair_count = fields.Integer(string="Repairs", compute="_compute_repair_count")
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment")
    state = fields.Selection(
        [("billed", "Billed"), ("paid", "Paid"), ("cancel", "Cancelled")],
        default="billed",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )

    @api.depends("claim_ids.approved_amount")
    def _compute_amount_total(self):
        for settlement in self:
            settlement.claim_count = len(settlement.claim_ids)
            settlement.amount_total = sum(
                settlement.claim_ids.mapped("approved_amount")
            )

    @api.model
    def _settle_period(self, date_from, date_to, stations=None):
        """Settle every approved, unsettled claim decided up to the period end (earlier periods
        included, so that no approved claim is left behind): one settlement and one vendor bill
        per station. Settled claims are left out, so re-running a period settles nothing twice.
        Queries grow with the number of stations, not of claims."""
        self._check_settle_period(date_from, date_to)
        # The run writes the claims' settlement and state, which only the system writes.
        return self.sudo()._create_settlements(date_from, date_to, stations).sudo(False)

    @api.model
    def _check_settle_access(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may settle warranty claims.")
            )

    @api.model
    def _check_settle_period(self, date_from, date_to):
        """Refuse a settlement run by a non-manager or over a bad period."""
        self._check_settle_access()
        if not date_from or not date_to:
            raise UserError(self.env._("Give the period start and end."))
        if date_from > date_to:
            raise UserError(self.env._("The period start must be before its end."))

    @api.model
    def _settlement_claim_domain(self, date_to, stations=None):
        """The claims that a run up to ``date_to`` settles in the current company: the
        approved ones not settled yet (of ``stations``, else of every station)."""
        domain = [
            ("state", "in", ("approved", "partially_approved")),
            ("settlement_id", "=", False),
            ("decision_date", "<=", date_to),
            ("company_id", "=", self.env.company.id),
        ]
        if stations:
            domain.append(("station_id", "in", stations.ids))
        return domain

    @api.model
    def _create_settlements(self, date_from, date_to, stations):
        domain = self._settlement_claim_domain(date_to, stations)
        claims = self.env["crm.service.claim"].search(domain, order="station_id, id")
        if not claims:
            return self.browse()
        ids_by_station = {}
        for claim in claims:
            ids_by_station.setdefault(claim.station_id, []).append(claim.id)
        by_station = {
            station: claims.browse(ids) for station, ids in ids_by_station.items()
        }
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._("Create a purchase journal before settling claims.")
            )
        account = journal.default_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Give the purchase journal %(journal)s a default expense account before"
                    " settling claims.",
                    journal=journal.display_name,
                )
            )
        company = self.env.company
        accounting = company._crm_service_settlement_accounting(account)
        taxes = company.crm_service_settlement_tax_ids
        sequence = self.env["ir.sequence"]
        settlements = self.create(
            [
                {
                    "name": sequence.next_by_code("crm.service.settlement") or "/",
                    "station_id": station.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "company_id": self.env.company.id,
                }
                for station in by_station
            ]
        )
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": settlement.station_id.id,
                    "journal_id": journal.id,
                    "invoice_date": date_to,
                    "ref": settlement.name,
                    "invoice_line_ids": [
                        Command.create(vals)
                        for claim in by_station[settlement.station_id]
                        for vals in self._bill_line_vals(claim, accounting, taxes)
                    ],
                }
                for settlement in settlements
            ]
        )
        for settlement, move in zip(settlements, moves, strict=True):
            settlement.move_id = move
            by_station[settlement.station_id].write(
                {"settlement_id": settlement.id, "state": "settled"}
            )
        if not get_setting(self.env, "crm_service_keep_bills_draft"):
            moves.action_post()
        settlements._notify_issued()
        return settlements

    @api.model
    def _bill_line_vals(self, claim, accounting, taxes):
        """The bill lines of one claim: one per claim line kind with an approved amount, with
        the kind's product and account (``accounting``) and the settlement taxes."""
        amounts = dict.fromkeys(accounting, 0.0)
        for line in claim.line_ids:
            amounts[line.kind] += line.approved_subtotal
        labels = dict(claim.line_ids._fields["kind"]._description_selection(self.env))
        head = f"{claim.name} {claim.lot_id.name or ''}".strip()
        return [
            {
                "name": f"{head} - {labels[kind]}",
                "product_id": accounting[kind][0].id or False,
                "quantity": 1.0,
                "price_unit": amount,
                "tax_ids": [Command.set(taxes.ids)],
                # The account is always given: Odoo would otherwise guess one per line
                # (2 queries a line, issue 11).
                "account_id": accounting[kind][1].id,
            }
            for kind, amount in amounts.items()
            if not claim.currency_id.is_zero(amount)
        ]

    def _notify_issued(self):
        """E-mail each station its settlement (mail template, station's language, queued)."""
        send_template(
            self.filtered(lambda settlement: settlement.station_id.email),
            "crm_service_station.mail_template_settlement_issued",
        )

    @api.depends("claim_ids.repair_id")
    def _compute_repair_count(self):
        counts = dict(
            self.env["crm.service.claim"]._read_group(
                [("settlement_id", "in", self.ids), ("repair_id", "!=", False)],
                ["settlement_id"],
                ["repair_id:count_distinct"],
            )
        )
        for settlement in self:
            settlement.repair_count = counts.get(settlement, 0)

    def action_view_claims(self):
        return open_linked(self, "claim_ids")

    def action_view_repairs(self):
        return open_linked(self, "claim_ids.repair_id")

    @api.model
    def _cron_settle_last_month(self):
        """Scheduled action: settle the previous calendar month of every company."""
        today = fields.Date.context_today(self)
        date_to = today.replace(day=1) - relativedelta(days=1)
        date_from = date_to.replace(day=1)
        settlements = self.browse()
        companies = self.env["res.company"].search([])  # pylint: disable=no-search-all
        for company in companies:
            settlements |= self.with_company(company)._settle_period(date_from, date_to)
        return settlements

    def action_cancel(self):
        """Cancel the settlement and its bill; its claims become approved again."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only service managers may cancel settlements.")
            )
        self.check_access("write")
        for settlement in self:
            move = settlement.move_id
            if settlement.state == "paid" or (
                move and move.payment_state in ("paid", "in_payment", "partial")
            ):
                raise UserError(
                    self.env._(
                        "The settlement %(name)s is paid: reverse the payment first.",
                        name=settlement.name,
                    )
                )
            if settlement.state == "cancel":
                raise UserError(
                    self.env._(
                        "The settlement %(name)s is already cancelled.",
                        name=settlement.name,
                    )
                )
        moves = self.move_id
        posted = moves.filtered(lambda m: m.state == "posted")
        if posted:
            posted.button_draft()
        moves.filtered(lambda m: m.state == "draft").button_cancel()
        # Releasing the claims and cancelling are system writes, checked above.
        claims = self.sudo().claim_ids
        partial = claims.filtered(lambda c: c.approved_amount < c.amount_total)
        (claims - partial).write({"state": "approved", "settlement_id": False})
        partial.write({"state": "partially_approved", "settlement_id": False})
        self.sudo().write({"state": "cancel"})
        return True

    def _mark_paid(self):
        """The bill of these settlements is paid: they and their claims become paid."""
        billed = self.sudo().filtered(lambda s: s.state == "billed")
        if billed:
            billed.claim_ids.write({"state": "paid"})
            billed.write({"state": "paid"})
            send_template(
                billed.filtered(lambda s: s.station_id.email),
                "crm_service_station.mail_template_settlement_paid",
            )

    def _mark_unpaid(self):
        """The payment of the bill was reverted: back to billed, the claims to settled."""
        paid = self.sudo().filtered(lambda s: s.state == "paid")
        if paid:
            paid.claim_ids.write({"state": "settled"})
            paid.write({"state": "billed"})

    def _pay_bills_in_full(self):
        """Post the settlements' vendor bills and pay them in full through Odoo's payment
        wizard (default journal and method); the settlements and their claims become paid.
        Used by the demo data; in daily work the accountant registers the payment on the bill."""
        moves = self.move_id
        moves.filtered(lambda m: m.state == "draft").action_post()
        if moves:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=moves.ids
            ).create({})._create_payments()
        return True

    def _statement_breakdown(self):
        """The statement's figures per claim line kind, in the kinds' order: ``[(label,
        claimed, approved)]`` summed over the settlement's claim lines (one read of the
        lines, no query per claim)."""
        self.ensure_one()
        lines = self.claim_ids.line_ids
        kinds = lines._fields["kind"]._description_selection(self.env)
        totals = {kind: [0.0, 0.0] for kind, _label in kinds}
        for line in lines:
            totals[line.kind][0] += line.subtotal
            totals[line.kind][1] += line.approved_subtotal
        return [(label, *totals[kind]) for kind, label in kinds]

    def _statement_bank(self):
        """The payee's bank account: the bill's, else the station's first."""
        self.ensure_one()
        return self.move_id.partner_bank_id or self.station_id.bank_ids[:1]

    def action_view_bill(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action.update(
            {"res_id": self.move_id.id, "views": [(False, "form")], "view_mode": "form"}
        )
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/crm_service_station/settlement/{self.id}/xlsx",
            "target": "download",
        }

    def _export_xlsx(self):
        """The settlement statement as an XLSX workbook (bytes): a title block, then one row
        per claim under a frozen header with an autofilter, dates as real date cells, and a
        totals row (SUM formulas, their values cached for viewers that do not calculate)."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.name[:31].replace("/", "-"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_total = workbook.add_format(
            {"num_format": "#,##0.00", "bold": True, "top": 1}
        )
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        header_format = workbook.add_format(
            {"bold": True, "bottom": 1, "bg_color": "#EEEEEE"}
        )
        total_label = workbook.add_format({"bold": True, "top": 1})
        sheet.write(0, 0, self.env._("Settlement"), bold)
        sheet.write(0, 1, self.name)
        sheet.write(1, 0, self.env._("Service Station"), bold)
        sheet.write(1, 1, self.station_id.display_name)
        sheet.write(2, 0, self.env._("Period"), bold)
        sheet.write_datetime(2, 1, _as_datetime(self.date_from), date_format)
        sheet.write_datetime(2, 2, _as_datetime(self.date_to), date_format)
        headers = [
            self.env._("Claim Number"),
            self.env._("Engine Serial"),
            self.env._("Engine Model"),
            self.env._("Failure Code"),
            self.env._("Repair Date"),
            self.env._("Decided On"),
            self.env._("Labor"),
            self.env._("Parts"),
            self.env._("Travel"),
            self.env._("Other"),
            self.env._("Claimed Amount"),
            self.env._("Approved Amount"),
        ]
        header_row = 4
        first_amount_col = 6
        sheet.write_row(header_row, 0, headers, header_format)
        row = header_row + 1
        claims = self.claim_ids.sorted("name")
        for claim in claims:
            sheet.write_row(
                row,
                0,
                [
                    claim.name,
                    claim.lot_id.name or "",
                    claim.product_id.display_name or "",
                    claim.failure_code_id.display_name or "",
                ],
            )
            for col, value in ((4, claim.repair_date), (5, claim.decision_date)):
                if value:
                    sheet.write_datetime(row, col, _as_datetime(value), date_format)
                else:
                    sheet.write_blank(row, col, None)
            amounts = [
                claim.amount_labor,
                claim.amount_parts,
                claim.amount_travel,
                claim.amount_other,
                claim.amount_total,
                claim.approved_amount,
            ]
            for col, value in enumerate(amounts, start=first_amount_col):
                sheet.write_number(row, col, value, money)
            row += 1
        last_data_row = row - 1
        sheet.write(row, 0, self.env._("Total"), total_label)
        for col in range(1, first_amount_col):
            sheet.write_blank(row, col, None, total_label)
        for offset, field in enumerate(
            (
                "amount_labor",
                "amount_parts",
                "amount_travel",
                "amount_other",
                "amount_total",
                "approved_amount",
            )
        ):
            col = first_amount_col + offset
            cells = xl_range(
                header_row + 1, col, max(last_data_row, header_row + 1), col
            )
            sheet.write_formula(
                row,
                col,
                f"=SUM({cells})",
                money_total,
                sum(claims.mapped(field)),
            )
        sheet.freeze_panes(header_row + 1, 1)
        sheet.autofilter(
            header_row, 0, max(last_data_row, header_row), len(headers) - 1
        )
        sheet.set_column(0, 3, 18)
        sheet.set_column(4, 5, 12)
        sheet.set_column(first_amount_col, len(headers) - 1, 14)
        workbook.close()
        return output.getvalue()


def _as_datetime(day):
    """A date as the naive datetime xlsxwriter writes as a date cell."""
    return datetime.combine(day, time.min)
