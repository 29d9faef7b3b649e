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

MOVES = [("up", "Up"), ("down", "Down")]


class CrmCoalPriceQuote(models.Model):
    _name = "crm.coal.price.quote"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Coal Price Quote"
    _order = "date desc, index_id, grade_cv desc"
    _rec_names_search = ["index_id"]
    # computed from the series (_compute_changes), never written by a user
    _workflow_fields = CHANGE_FIELDS = (
        "wow_change",
        "wow_pct",
        "mom_change",
        "mom_pct",
        "alert",
    )

    index_id = fields.Many2one(
        "crm.coal.price.index",
        string="Source / Index",
        required=True,
        index=True,
        ondelete="restrict",
    )
    port_id = fields.Many2one(related="index_id.port_id", store=True)
    grade_cv = fields.Integer(
        string="Grade (kcal/kg NAR)",
        required=True,
        index=True,
        aggregator=False,
        help="Net calorific value as received the price refers to, e.g. 5500.",
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    price = fields.Monetary(
        string="Price (CNY/t)",
        currency_field="currency_id",
        required=True,
        aggregator="avg",
    )
    # market quotes are published in CNY, whatever the company's currency
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    # Stored computes without @api.depends: a quote changes the figures of the later quotes
    # of its series too, so create/write/unlink and the settings mark whole series
    # (_refresh_changes) and the ORM recomputes them in one batch.
    wow_change = fields.Monetary(
        string="Week-over-Week (CNY/t)",
        currency_field="currency_id",
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
    mom_change = fields.Monetary(
        string="Month-over-Month (CNY/t)",
        currency_field="currency_id",
        readonly=True,
        aggregator="avg",
        compute="_compute_changes",
        store=True,
    )
    mom_pct = fields.Float(
        string="Month-over-Month (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        compute="_compute_changes",
        store=True,
    )
    alert = fields.Selection(
        MOVES,
        string="Move Alert",
        readonly=True,
        compute="_compute_changes",
        store=True,
        index=True,
        help="Set when the week-over-week change is beyond the alert threshold of the settings.",
    )
    note = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "source_grade_date_unique",
            "UNIQUE (index_id, grade_cv, date)",
            "There is already a quote of this source for this grade and date.",
        ),
        (
            "price_not_negative",
            "CHECK (price >= 0)",
            "A coal price cannot be negative.",
        ),
        (
            "grade_positive",
            "CHECK (grade_cv > 0)",
            "The grade (kcal/kg) must be above zero.",
        ),
    ]

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.CNY")

    def _compute_changes(self):
        """Week and month-over-month changes of each quote in its series (active quotes of
        the same source and grade), from one _read_group of the series; lib.market computes."""
        series = self._series_keys()
        rows = []
        if series:
            groups = self.with_context(active_test=True)._read_group(
                self._series_domain(series),
                ["index_id", "grade_cv", "date:day"],
                ["price:max"],
            )
            rows = [
                ((index.id, grade), day, price)
                for index, grade, day, price in groups
                if (index.id, grade) in series
            ]
        gap = get_setting(self.env, "coal_price_max_gap_days")
        weekly = series_changes_by_date(rows, market.WEEK_DAYS, gap)
        monthly = series_changes_by_date(rows, market.MONTH_DAYS, gap)
        threshold = get_setting(self.env, "coal_price_alert_pct")
        for quote in self:
            key = ((quote.index_id.id, quote.grade_cv), quote.date)
            week, month = weekly.get(key), monthly.get(key)
            week_pct = week.change_pct if week else None
            quote.wow_change = week.change if week else False
            quote.wow_pct = week_pct if week_pct is not None else False
            quote.mom_change = month.change if month else False
            quote.mom_pct = (
                month.change_pct if month and month.change_pct is not None else False
            )
            quote.alert = market.move_alert(week_pct, threshold) or False

    @api.depends("index_id", "grade_cv", "date")
    def _compute_display_name(self):
        for quote in self:
            index = quote.index_id.name or ""
            quote.display_name = f"{index} Q{quote.grade_cv or ''} {quote.date or ''}"

    @api.constrains("price", "grade_cv")
    def _check_figures(self):
        for quote in self:
            if quote.price < 0 or quote.grade_cv <= 0:
                raise ValidationError(
                    self.env._(
                        "A coal price cannot be negative and the grade (kcal/kg) must be above "
                        "zero (%(quote)s).",
                        quote=quote.display_name,
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        for quote in self:
            if quote.date and quote.date > fields.Date.context_today(quote):
                raise ValidationError(
                    self.env._(
                        "A price quote cannot be dated in the future (%(date)s).",
                        date=quote.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_new_keys_unique(
            self,
            vals_list,
            ("index_id", "grade_cv", "date"),
            self.env._(
                "There is already a quote of this source for this grade and date."
            ),
        )
        quotes = super().create(vals_list)
        quotes._refresh_changes()
        return quotes

    def write(self, vals):
        series = self._series_keys()
        res = super().write(vals)
        if {"index_id", "grade_cv", "date", "price", "active"} & set(vals):
            self._refresh_changes(series | self._series_keys())
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        check_series_unused(
            self,
            ("index_id", "grade_cv"),
            self.env._(
                "%(records)s are compared with by later quotes of their series (week and "
                "month-over-month changes): archive them instead of deleting them."
            ),
        )

    def unlink(self):
        series = self._series_keys()
        res = super().unlink()
        self._refresh_changes(series)
        return res

    def action_convert_price(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_coal.crm_coal_price_convert_wizard_action"
        )
        action["context"] = {"default_quote_id": self.id}
        return action

    def _series_keys(self):
        return {(quote.index_id.id, quote.grade_cv) for quote in self}

    @staticmethod
    def _series_domain(series):
        """A domain covering the quotes of ``series`` ((index id, grade) pairs; a superset)."""
        return [
            ("index_id", "in", sorted({index_id for index_id, _grade in series})),
            ("grade_cv", "in", sorted({grade for _index_id, grade in series})),
        ]

    @api.model
    def _refresh_changes(self, series=None):
        """Recompute the week-over-week / month-over-month changes of whole series.

        ``series`` is a set of (index id, grade) pairs; None refreshes every series
        (``self`` non-empty: the series of ``self``).  One search marks the series' active
        quotes; the ORM recomputes them in one batch (_compute_changes: one _read_group).
        """
        if series is None and self:
            series = self._series_keys()
        if series is not None and not series:
            return
        # sudo: quotes are shared market data; the changes are derived for every reader
        # ordered by series: the ORM recomputes in chunks of 1,000 records, each chunk then
        # reads and computes one or two series, not all of them (bench: 10 years x 6 series)
        quotes = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [] if series is None else self._series_domain(series),
                order="index_id, grade_cv, date, id",
            )
        )
        if series is not None:
            quotes = quotes.filtered(
                lambda quote: (quote.index_id.id, quote.grade_cv) in series
            )
        mark_to_recompute(quotes, self.CHANGE_FIELDS)
