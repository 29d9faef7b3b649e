# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import market
from .crm_coal_tools import change_columns, check_new_keys_unique, check_series_unused
from .res_config_settings import get_setting

MOVES = [("up", "Up"), ("down", "Down")]


class CrmCoalPriceQuote(models.Model):
    _name = "crm.coal.price.quote"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Coal Price Quote"
    _order = "date desc, index_id, grade_cv desc"
    _rec_names_search = ["index_id"]
    # stored by _refresh_changes from the series, never written by a user
    _workflow_fields = ("wow_change", "wow_pct", "mom_change", "mom_pct", "alert")

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
        string="Price (CNY/t)", currency_field="currency_id", required=True, aggregator="avg"
    )
    # market quotes are published in CNY, whatever the company's currency
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    wow_change = fields.Monetary(
        string="Week-over-Week (CNY/t)", currency_field="currency_id", readonly=True,
        aggregator="avg",
    )
    wow_pct = fields.Float(
        string="Week-over-Week (%)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    mom_change = fields.Monetary(
        string="Month-over-Month (CNY/t)", currency_field="currency_id", readonly=True,
        aggregator="avg",
    )
    mom_pct = fields.Float(
        string="Month-over-Month (%)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    alert = fields.Selection(
        MOVES,
        string="Move Alert",
        readonly=True,
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
        ("price_not_negative", "CHECK (price >= 0)", "A coal price cannot be negative."),
        ("grade_positive", "CHECK (grade_cv > 0)", "The grade (kcal/kg) must be above zero."),
    ]

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.CNY")

    @api.depends("index_id", "grade_cv", "date")
    def _compute_display_name(self):
        for quote in self:
            quote.display_name = "%s Q%s %s" % (
                quote.index_id.name or "",
                quote.grade_cv or "",
                quote.date or "",
            )

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
                    self.env._("A price quote cannot be dated in the future (%(date)s).", date=quote.date)
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_new_keys_unique(
            self,
            vals_list,
            ("index_id", "grade_cv", "date"),
            self.env._("There is already a quote of this source for this grade and date."),
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

    @api.model
    def _refresh_changes(self, series=None):
        """Store the week-over-week / month-over-month changes of whole series.

        ``series`` is a set of (index id, grade) pairs; None refreshes every series
        (``self`` non-empty: the series of ``self``).  One query reads the series, the
        changes come from lib.market.series_changes, one query writes them.
        """
        if series is None and self:
            series = self._series_keys()
        if series is not None and not series:
            return
        self.flush_model(["index_id", "grade_cv", "date", "price", "active"])
        if series is None:
            scope = SQL()
        else:
            index_ids, grades = zip(*sorted(series))
            scope = SQL(
                "AND (index_id, grade_cv) IN (SELECT * FROM unnest(%s::int[], %s::int[]))",
                list(index_ids),
                list(grades),
            )
        # Raw SQL over whole series: it stores derived changes and returns nothing to the
        # caller; quotes are shared market data readable by every coal user.
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id, index_id, grade_cv, date, price FROM crm_coal_price_quote"
                " WHERE active %s"
                " ORDER BY index_id, grade_cv, date",
                scope,
            )
        )
        grouped = {}
        for quote_id, index_id, grade, day, price in cr.fetchall():
            grouped.setdefault((index_id, grade), []).append((quote_id, day, price))
        threshold = get_setting(self.env, "coal_price_alert_pct")
        ids, wow, wow_pct, mom, mom_pct, alerts = [], [], [], [], [], []
        for rows in grouped.values():
            observations = [(day, price) for _id, day, price in rows]
            weekly = market.series_changes(observations, market.WEEK_DAYS)
            monthly = market.series_changes(observations, market.MONTH_DAYS)
            ids += [row[0] for row in rows]
            changes, pcts = change_columns(weekly)
            wow += changes
            wow_pct += pcts
            alerts += [market.move_alert(pct, threshold) for pct in pcts]
            changes, pcts = change_columns(monthly)
            mom += changes
            mom_pct += pcts
        if not ids:
            return
        cr.execute(
            SQL(
                """
                UPDATE crm_coal_price_quote q
                   SET wow_change = v.wow, wow_pct = v.wow_pct,
                       mom_change = v.mom, mom_pct = v.mom_pct, alert = v.alert
                  FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::float8[]) AS wow,
                               unnest(%s::float8[]) AS wow_pct, unnest(%s::float8[]) AS mom,
                               unnest(%s::float8[]) AS mom_pct, unnest(%s::varchar[]) AS alert) v
                 WHERE q.id = v.id
                """,
                ids,
                wow,
                wow_pct,
                mom,
                mom_pct,
                alerts,
            )
        )
        self.invalidate_model(["wow_change", "wow_pct", "mom_change", "mom_pct", "alert"])
