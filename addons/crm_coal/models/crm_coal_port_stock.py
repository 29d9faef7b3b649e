# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import market
from .crm_coal_tools import (
    check_new_keys_unique,
    check_series_unused,
    mark_to_recompute,
    series_changes_by_date,
)
from .res_config_settings import get_setting


class CrmCoalPortStock(models.Model):
    _name = "crm.coal.port.stock"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Port Coal Stock"
    _order = "date desc, port_id"
    # computed from the series (_compute_changes), never written by a user
    _workflow_fields = CHANGE_FIELDS = ("wow_change", "wow_pct")

    port_id = fields.Many2one(
        "crm.coal.port", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    stock_10kt = fields.Float(
        string="Stock (10 kt)",
        digits=(16, 2),
        required=True,
        aggregator="avg",
        help="Coal stock at the port in ten-thousand tonnes (万吨).",
    )
    ship_arrivals = fields.Integer(aggregator="sum")
    ships_waiting = fields.Integer(string="Ships at Anchor", aggregator="avg")
    # Stored computes without @api.depends: a figure changes the changes of the later figures
    # of its port too, so create/write/unlink mark whole series (_refresh_changes) and the ORM
    # recomputes them in one batch.
    wow_change = fields.Float(
        string="Week-over-Week (10 kt)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        compute="_compute_changes",
        store=True,
    )
    wow_pct = fields.Float(
        string="Week-over-Week (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        compute="_compute_changes",
        store=True,
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
            stock.display_name = f"{stock.port_id.name or ''} {stock.date or ''}"

    def _compute_changes(self):
        """Week-over-week change of each figure in its port's series (active figures), from
        one _read_group of the ports concerned; lib.market computes."""
        ports = self.port_id
        rows = []
        if ports:
            groups = self.with_context(active_test=True)._read_group(
                [("port_id", "in", ports.ids)],
                ["port_id", "date:day"],
                ["stock_10kt:max"],
            )
            rows = [(port.id, day, stock) for port, day, stock in groups]
        weekly = series_changes_by_date(
            rows, market.WEEK_DAYS, get_setting(self.env, "coal_price_max_gap_days")
        )
        for stock in self:
            week = weekly.get((stock.port_id.id, stock.date))
            stock.wow_change = week.change if week else False
            stock.wow_pct = (
                week.change_pct if week and week.change_pct is not None else False
            )

    @api.constrains("stock_10kt", "ship_arrivals", "ships_waiting", "date")
    def _check_values(self):
        for stock in self:
            if (
                stock.stock_10kt < 0
                or stock.ship_arrivals < 0
                or stock.ships_waiting < 0
            ):
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
        """Recompute the week-over-week changes of the stock series of ``port_ids`` (all if
        None): one search marks the series' active figures, the ORM recomputes them in one
        batch (_compute_changes: one _read_group)."""
        if port_ids is not None and not port_ids:
            return
        # sudo: port stocks are shared market data; the changes are derived for every reader
        # ordered by series: the ORM recomputes in chunks of 1,000 records (see price quotes)
        stocks = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [] if port_ids is None else [("port_id", "in", list(port_ids))],
                order="port_id, date, id",
            )
        )
        mark_to_recompute(stocks, self.CHANGE_FIELDS)
