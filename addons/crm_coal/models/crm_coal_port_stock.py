# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import market
from .crm_coal_tools import change_columns, check_new_keys_unique, check_series_unused


class CrmCoalPortStock(models.Model):
    _name = "crm.coal.port.stock"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Port Coal Stock"
    _order = "date desc, port_id"
    # stored by _refresh_changes from the series, never written by a user
    _workflow_fields = ("wow_change", "wow_pct")

    port_id = fields.Many2one(
        "crm.coal.port", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    stock_10kt = fields.Float(
        string="Stock (10 kt)", digits=(16, 2), required=True, aggregator="avg",
        help="Coal stock at the port in ten-thousand tonnes (万吨).",
    )
    ship_arrivals = fields.Integer(aggregator="sum")
    ships_waiting = fields.Integer(string="Ships at Anchor", aggregator="avg")
    wow_change = fields.Float(
        string="Week-over-Week (10 kt)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    wow_pct = fields.Float(
        string="Week-over-Week (%)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "port_date_unique",
            "UNIQUE (port_id, date)",
            "There is already a stock figure of this port for this date.",
        ),
    ]

    @api.depends("port_id", "date")
    def _compute_display_name(self):
        for stock in self:
            stock.display_name = "%s %s" % (stock.port_id.name or "", stock.date or "")

    @api.constrains("stock_10kt", "ship_arrivals", "ships_waiting", "date")
    def _check_values(self):
        for stock in self:
            if stock.stock_10kt < 0 or stock.ship_arrivals < 0 or stock.ships_waiting < 0:
                raise ValidationError(
                    self.env._("Port stock and ship counts cannot be negative.")
                )
            if stock.date and stock.date > fields.Date.context_today(stock):
                raise ValidationError(
                    self.env._(
                        "A port stock figure cannot be dated in the future (%(date)s).",
                        date=stock.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_new_keys_unique(
            self,
            vals_list,
            ("port_id", "date"),
            self.env._("There is already a stock figure of this port for this date."),
        )
        stocks = super().create(vals_list)
        self._refresh_changes(set(stocks.port_id.ids))
        return stocks

    def write(self, vals):
        ports = set(self.port_id.ids)
        res = super().write(vals)
        if {"port_id", "date", "stock_10kt", "active"} & set(vals):
            self._refresh_changes(ports | set(self.port_id.ids))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        check_series_unused(
            self,
            ("port_id",),
            self.env._(
                "%(records)s are compared with by later stock figures of their port "
                "(week-over-week changes): archive them instead of deleting them."
            ),
        )

    def unlink(self):
        ports = set(self.port_id.ids)
        res = super().unlink()
        self._refresh_changes(ports)
        return res

    @api.model
    def _refresh_changes(self, port_ids=None):
        """Store the week-over-week change of the stock series of ``port_ids`` (all if None)."""
        if port_ids is not None and not port_ids:
            return
        self.flush_model(["port_id", "date", "stock_10kt", "active"])
        scope = SQL() if port_ids is None else SQL("AND port_id = ANY(%s)", list(port_ids))
        # Raw SQL over whole series: it stores derived changes and returns nothing to the
        # caller; port stocks are shared market data readable by every coal user.
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id, port_id, date, stock_10kt FROM crm_coal_port_stock WHERE active %s"
                " ORDER BY port_id, date",
                scope,
            )
        )
        grouped = {}
        for stock_id, port_id, day, value in cr.fetchall():
            grouped.setdefault(port_id, []).append((stock_id, day, value))
        ids, changes, pcts = [], [], []
        for rows in grouped.values():
            weekly = market.series_changes([(d, v) for _i, d, v in rows], market.WEEK_DAYS)
            ids += [row[0] for row in rows]
            series_changes, series_pcts = change_columns(weekly)
            changes += series_changes
            pcts += series_pcts
        if not ids:
            return
        cr.execute(
            SQL(
                """
                UPDATE crm_coal_port_stock s SET wow_change = v.change, wow_pct = v.pct
                  FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::float8[]) AS change,
                               unnest(%s::float8[]) AS pct) v
                 WHERE s.id = v.id
                """,
                ids,
                changes,
                pcts,
            )
        )
        self.invalidate_model(["wow_change", "wow_pct"])
