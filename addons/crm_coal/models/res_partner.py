# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..lib import receivables, scoring, supply
from ..lib.common import DomainError
from .crm_coal_guard_mixin import CrmCoalGuardMixin
from .crm_coal_tools import mark_to_recompute
from .res_config_settings import get_setting

COAL_GROUP = "crm_coal.group_crm_coal_user"

COAL_GRADES = [
    ("a", "A - Strategic partner"),
    ("b", "B - Key account"),
    ("c", "C - Market customer"),
]
SUPPLY_LEVELS = [
    ("red", "Red"),
    ("amber", "Amber"),
    ("watch", "Watch"),
    ("normal", "Normal"),
]
CONTACT_LEVELS = [
    ("top", "Top management"),
    ("plant", "Plant management"),
    ("fuel", "Fuel department"),
    ("purchasing", "Purchasing"),
    ("quality", "Quality / laboratory"),
    ("finance", "Finance"),
    ("other", "Other"),
]
STRICTNESS = [
    ("lenient", "Lenient"),
    ("standard", "Standard"),
    ("strict", "Strict"),
]
# Figures computed from the on-site reports (_compute_coal_supply, marked by _coal_refresh_supply).
COAL_SUPPLY_FIELDS = (
    "coal_days_of_supply",
    "coal_supply_level",
    "coal_avg_burn",
    "coal_stockpile",
    "coal_supply_date",
)
# Derived figures: computed or stored by the system, never written by a user.
COAL_DERIVED_FIELDS = COAL_SUPPLY_FIELDS + (
    "coal_our_annual_volume",
    "coal_score",
    "coal_score_complete",
    "coal_suggested_grade",
    "coal_design_burn_t_day",
)
# The score only suggests a grade here: credit limits by grade are not configured.
_NO_CREDIT_LIMITS = {grade: None for grade in scoring.GRADES}


class ResPartner(models.Model):
    _inherit = "res.partner"

    coal_key_account = fields.Boolean(
        tracking=True,
        index=True,
        help="Big customer (大户) followed with a key-account archive.",
    )
    coal_grade = fields.Selection(
        COAL_GRADES,
        string="Key-Account Grade",
        tracking=True,
        index=True,
        help="A: strategic partner, B: key account, C: market customer.",
    )
    coal_annual_demand = fields.Float(
        string="Annual Coal Demand (t)",
        digits=(16, 0),
        tracking=True,
        help="Tonnes of coal the customer burns or uses per year.",
    )
    coal_our_share = fields.Float(
        string="Our Supply Share (%)",
        digits=(5, 1),
        tracking=True,
        help="Share of the customer's annual demand supplied by us.",
    )
    coal_our_annual_volume = fields.Float(
        string="Our Annual Volume (t)",
        digits=(16, 0),
        compute="_compute_coal_our_annual_volume",
        store=True,
        aggregator="sum",
    )
    coal_personnel_change_ids = fields.One2many(
        "crm.coal.personnel.change",
        "partner_id",
        string="Personnel Changes",
        groups=COAL_GROUP,
    )
    coal_is_competitor = fields.Boolean(
        string="Coal Competitor",
        compute="_compute_coal_is_competitor",
        compute_sudo=True,
        help="Supplies one of our key accounts (competitor supplies).",
    )
    coal_sales_radius_km = fields.Integer(
        string="Sales Radius (km)",
        help="Distance from our mines or ports within which we serve this account.",
    )
    # Scoring
    coal_score_ids = fields.One2many(
        "crm.coal.account.score",
        "partner_id",
        string="Criterion Scores",
        groups=COAL_GROUP,
    )
    coal_score = fields.Float(
        string="Key-Account Score",
        digits=(5, 2),
        compute="_compute_coal_score",
        store=True,
        aggregator="avg",
        help="Weighted average of the criterion scores (0-100).",
    )
    coal_score_complete = fields.Boolean(
        string="Scoring Complete",
        compute="_compute_coal_score",
        store=True,
        help="Every weighted criterion is scored.",
    )
    coal_suggested_grade = fields.Selection(
        COAL_GRADES,
        string="Suggested Grade",
        compute="_compute_coal_score",
        store=True,
        help="Grade that the score gives with the thresholds of the settings.",
    )
    # Plants and competitors
    coal_plant_ids = fields.One2many(
        "crm.coal.plant", "partner_id", string="Plants / Units", groups=COAL_GROUP
    )
    coal_design_burn_t_day = fields.Float(
        string="Design Burn (t/day)",
        digits=(16, 0),
        compute="_compute_coal_design_burn",
        store=True,
        aggregator="sum",
        help="Sum of the design burn of the account's active plants and units.",
    )
    coal_competitor_supply_ids = fields.One2many(
        "crm.coal.competitor.supply",
        "partner_id",
        string="Competitor Supplies",
        groups=COAL_GROUP,
    )
    # Payment habits and quality
    coal_cash_share = fields.Float(
        string="Paid in Cash (%)", digits=(5, 1), tracking=True
    )
    coal_acceptance_share = fields.Float(
        string="Paid by Bank Acceptance (%)", digits=(5, 1), tracking=True
    )
    coal_prepayment_share = fields.Float(
        string="Prepaid (%)",
        digits=(5, 1),
        tracking=True,
        help="Share of deliveries paid before shipment.",
    )
    coal_quality_strictness = fields.Selection(
        STRICTNESS, string="Quality Strictness", tracking=True
    )
    coal_contact_level = fields.Selection(
        CONTACT_LEVELS,
        string="Contact Level",
        help="Level of this contact at the key account, from top management to buyers.",
    )
    # On-site reports and days of supply
    coal_representative_ids = fields.Many2many(
        "res.users",
        "crm_coal_partner_representative_rel",
        "partner_id",
        "user_id",
        string="On-site Representatives",
        copy=False,
        help="Representatives (驻厂员) stationed at the account; they file its on-site reports.",
    )
    coal_site_report_ids = fields.One2many(
        "crm.coal.site.report",
        "partner_id",
        string="On-site Reports",
        groups=COAL_GROUP,
    )
    coal_days_of_supply = fields.Float(
        string="Days of Supply",
        digits=(16, 2),
        compute="_compute_coal_supply",
        store=True,
        aggregator="avg",
        help="Latest stockpile divided by the average daily burn of the last days "
        "(empty when no burn is reported).",
    )
    coal_supply_level = fields.Selection(
        SUPPLY_LEVELS,
        string="Supply Level",
        compute="_compute_coal_supply",
        store=True,
        index=True,
    )
    coal_avg_burn = fields.Float(
        string="Average Daily Burn (t)",
        digits=(16, 0),
        compute="_compute_coal_supply",
        store=True,
    )
    coal_stockpile = fields.Float(
        string="Stockpile (t)",
        digits=(16, 0),
        compute="_compute_coal_supply",
        store=True,
    )
    coal_supply_date = fields.Date(
        string="Latest Report", compute="_compute_coal_supply", store=True
    )
    coal_site_report_count = fields.Integer(
        string="On-site Report Count", compute="_compute_coal_counts", compute_sudo=True
    )
    coal_plant_count = fields.Integer(
        string="Plant Count", compute="_compute_coal_counts", compute_sudo=True
    )
    coal_competitor_count = fields.Integer(
        string="Competitor Count", compute="_compute_coal_counts", compute_sudo=True
    )

    # Collections (computed from the open receivables, not stored), in the company's
    # currency (currency_id of res.partner, from account)
    coal_credit_limit = fields.Monetary(
        string="Grade Credit Limit",
        compute="_compute_coal_receivables",
        help="Credit limit of the account's grade (settings); empty when no credit hold applies.",
    )
    coal_receivable_total = fields.Monetary(
        string="Open Receivable", compute="_compute_coal_receivables"
    )
    coal_aging_not_due = fields.Monetary(
        string="Not Due", compute="_compute_coal_receivables"
    )
    coal_aging_0_30 = fields.Monetary(
        string="Overdue 1-30 Days", compute="_compute_coal_receivables"
    )
    coal_aging_31_60 = fields.Monetary(
        string="Overdue 31-60 Days", compute="_compute_coal_receivables"
    )
    coal_aging_61_90 = fields.Monetary(
        string="Overdue 61-90 Days", compute="_compute_coal_receivables"
    )
    coal_aging_over_90 = fields.Monetary(
        string="Overdue over 90 Days", compute="_compute_coal_receivables"
    )
    coal_overdue_total = fields.Monetary(
        string="Overdue", compute="_compute_coal_receivables"
    )

    _sql_constraints = [
        (
            "coal_annual_demand_positive",
            "CHECK (coal_annual_demand IS NULL OR coal_annual_demand >= 0)",
            "The annual coal demand cannot be negative.",
        ),
    ]

    @api.depends("coal_annual_demand", "coal_our_share")
    def _compute_coal_our_annual_volume(self):
        for partner in self:
            partner.coal_our_annual_volume = (
                partner.coal_annual_demand * partner.coal_our_share / 100.0
            )

    @api.depends(
        "coal_score_ids.score",
        "coal_score_ids.criterion_id",
        "coal_score_ids.criterion_id.weight",
        "coal_score_ids.criterion_id.active",
    )
    def _compute_coal_score(self):
        a_min = get_setting(self.env, "coal_score_a_min")
        b_min = get_setting(self.env, "coal_score_b_min")
        Criterion = self.env["crm.coal.score.criterion"].with_context(active_test=True)
        # Every active criterion weighs in the score (a short configuration list).
        criteria = Criterion.search([])  # pylint: disable=no-search-all
        weights = {str(criterion.id): criterion.weight for criterion in criteria}
        for partner in self:
            scores = {
                str(line.criterion_id.id): line.score
                for line in partner.coal_score_ids
                if str(line.criterion_id.id) in weights
            }
            rating = None
            if scores:
                try:
                    rating = scoring.rate_key_account(
                        scores,
                        _NO_CREDIT_LIMITS,
                        weights,
                        a_min,
                        b_min,
                    )
                except DomainError:
                    rating = None  # a weighted criterion is not scored yet
            partner.coal_score = rating.score if rating else 0.0
            partner.coal_score_complete = bool(rating)
            partner.coal_suggested_grade = rating.grade.lower() if rating else False

    def _compute_coal_supply(self):
        """Days of supply and supply level from the active on-site reports of the last N days
        (N and the thresholds from the settings) ending on each account's latest report.

        Stored computes without @api.depends: the settings change them too, so the on-site
        reports (create, write, unlink), the settings and the cron mark the accounts
        (_coal_refresh_supply) and the ORM recomputes them in one batch: one query for the
        whole batch, which reads only the last N days of each account.  Computed (not
        plain) fields, so that copy, the merge wizard and imports never carry them from one
        account to another: outside _coal_refresh_supply (a new or copied account, which
        has no report yet) they are empty, without a query.
        """
        if not self.env.context.get("coal_supply_refresh"):
            for partner in self:
                partner.update(dict.fromkeys(COAL_SUPPLY_FIELDS, False))
            return
        window = get_setting(self.env, "coal_supply_window_days")
        thresholds = tuple(
            get_setting(self.env, f"coal_supply_{level}_days")
            for level in ("red", "amber", "normal")
        )
        accounts = self.filtered("id")
        last_date, burns, stock = {}, {}, {}
        # each account's window ends on its own latest active report: one query for the
        # batch, through the (partner_id, date) index (see _coal_supply_window)
        Report = self.env["crm.coal.site.report"]
        for partner_id, last, day, burn, stockpile in Report._coal_supply_window(
            accounts.ids, window
        ):
            last_date[partner_id] = last
            burns.setdefault(partner_id, []).append((day, burn or 0.0))
            if day == last:
                stock[partner_id] = stockpile or 0.0
        for partner in self:
            values = dict.fromkeys(COAL_SUPPLY_FIELDS, False)
            if partner.id in burns:
                avg = supply.average_daily_burn(
                    burns[partner.id], window, last_date[partner.id]
                )
                days = supply.days_of_supply_from_average(stock[partner.id], avg)
                if days is not None and math.isinf(days):
                    days_shown = (
                        False  # no burn: the stock lasts; shown empty, level normal
                    )
                else:
                    days_shown = round(days, 2) if days is not None else False
                values.update(
                    coal_days_of_supply=days_shown,
                    coal_supply_level=supply.supply_level(days, *thresholds) or False,
                    coal_avg_burn=avg if avg is not None else False,
                    coal_stockpile=stock[partner.id],
                    coal_supply_date=last_date[partner.id],
                )
            partner.update(values)

    @api.depends("coal_plant_ids.design_burn_t_day", "coal_plant_ids.active")
    def _compute_coal_design_burn(self):
        for partner in self:
            partner.coal_design_burn_t_day = sum(
                partner.coal_plant_ids.mapped("design_burn_t_day")
            )

    def _compute_coal_is_competitor(self):
        competitors = self._coal_competitors()
        for partner in self:
            partner.coal_is_competitor = partner in competitors

    def _coal_competitors(self):
        """Those of these partners that supply a key account (competitor supplies, any
        company, archived included): one query for the batch."""
        # sudo: whether a partner is a competitor, not the intelligence itself
        groups = (
            self.env["crm.coal.competitor.supply"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("supplier_id", "in", self.ids)], ["supplier_id"])
        )
        return self.browse([supplier.id for (supplier,) in groups])

    def _compute_coal_counts(self):
        counts = {}
        for model, fname in (
            ("crm.coal.site.report", "coal_site_report_count"),
            ("crm.coal.plant", "coal_plant_count"),
            ("crm.coal.competitor.supply", "coal_competitor_count"),
        ):
            groups = self.env[model]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
            counts[fname] = {partner.id: count for partner, count in groups}
        for partner in self:
            for fname, by_partner in counts.items():
                partner[fname] = by_partner.get(partner.id, 0)

    def _coal_aging(self, company=None):
        """{commercial partner id: lib.receivables.AgingReport} of the open receivables
        in ``company`` (default: the user's active companies), in company currency.

        One search_read over the posted, unreconciled receivable lines of all partners.
        """
        commercial = self.commercial_partner_id
        # sudo: coal users follow their accounts' collections without accounting rights
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search_read(
                [
                    ("partner_id", "in", commercial.ids),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("company_id", "in", (company or self.env.companies).ids),
                ],
                ["partner_id", "date_maturity", "date", "amount_residual"],
            )
        )
        items = {partner_id: [] for partner_id in commercial.ids}
        for line in lines:
            items[line["partner_id"][0]].append(
                (line["date_maturity"] or line["date"], line["amount_residual"])
            )
        today = fields.Date.context_today(self)
        return {
            partner_id: receivables.aging_buckets(partner_items, today)
            for partner_id, partner_items in items.items()
        }

    def _coal_credit_limit(self):
        """Credit limit of the (commercial) account's grade, None when no hold applies."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if (
            not get_setting(self.env, "coal_credit_hold")
            or not partner.coal_key_account
            or not partner.coal_grade
        ):
            return None
        return scoring.credit_limit_for_grade(
            partner.coal_grade.upper(),
            {
                grade: get_setting(self.env, f"coal_credit_limit_{grade.lower()}")
                for grade in scoring.GRADES
            },
        )

    def _coal_credit_check(self, amount, company, exclude_orders=None):
        """lib.receivables.CreditCheck of committing ``amount`` more to this account in
        ``company``: its open receivables there, plus its confirmed orders there not yet
        invoiced (``exclude_orders`` aside), plus ``amount``; all in company currency."""
        return self._coal_credit_checks([amount], company, exclude_orders)[0]

    def _coal_credit_checks(self, amounts, company, exclude_orders=None):
        """The CreditCheck of each of ``amounts`` committed in turn to this account in
        ``company``: each one counts the earlier ones as confirmed orders not yet
        invoiced. The receivables and the orders are read once for all of them."""
        self.ensure_one()
        partner = self.commercial_partner_id
        aging = partner._coal_aging(company)[partner.id]
        limit = partner._coal_credit_limit()
        uninvoiced = partner._coal_uninvoiced(company, exclude_orders)
        warn_pct = get_setting(self.env, "coal_credit_warn_pct")
        checks = []
        for amount in amounts:
            checks.append(
                receivables.credit_check(
                    limit, aging.total, amount, uninvoiced=uninvoiced, warn_pct=warn_pct
                )
            )
            uninvoiced += amount
        return checks

    def _coal_uninvoiced(self, company, exclude_orders=None):
        """Amount of this account's confirmed orders in ``company`` not yet invoiced
        (total minus posted invoices net of credit notes, never below zero), in company
        currency. One search; the invoiced amounts are computed for all orders at once."""
        self.ensure_one()
        # sudo: the exposure counts every order of the account, whoever confirms
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.commercial_partner_id.id),
                    ("state", "=", "sale"),
                    ("company_id", "=", company.id),
                    ("id", "not in", (exclude_orders or self.env["sale.order"]).ids),
                ]
            )
        )
        today = fields.Date.context_today(self)
        return sum(
            order.currency_id._convert(
                max(order.amount_total - order.amount_invoiced, 0.0),
                company.currency_id,
                company,
                today,
            )
            for order in orders
        )

    def _compute_coal_receivables(self):
        aging = self._coal_aging()
        for partner in self:
            report = aging[partner.commercial_partner_id.id]
            buckets = report.buckets
            partner.coal_credit_limit = partner._coal_credit_limit() or 0.0
            partner.coal_receivable_total = report.total
            partner.coal_overdue_total = report.overdue
            partner.coal_aging_not_due = buckets[receivables.BUCKET_NOT_DUE]
            partner.coal_aging_0_30 = buckets[receivables.BUCKET_0_30]
            partner.coal_aging_31_60 = buckets[receivables.BUCKET_31_60]
            partner.coal_aging_61_90 = buckets[receivables.BUCKET_61_90]
            partner.coal_aging_over_90 = buckets[receivables.BUCKET_OVER_90]

    @api.constrains("coal_annual_demand", "coal_sales_radius_km")
    def _check_coal_not_negative(self):
        for partner in self:
            if partner.coal_annual_demand < 0 or partner.coal_sales_radius_km < 0:
                raise ValidationError(
                    self.env._(
                        "The annual coal demand and the sales radius of %(partner)s cannot be "
                        "negative.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("coal_our_share")
    def _check_coal_our_share(self):
        for partner in self:
            if not 0.0 <= partner.coal_our_share <= 100.0:
                raise ValidationError(
                    self.env._(
                        "Our supply share of %(partner)s must be between 0 and 100 %%.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("coal_key_account", "coal_grade")
    def _check_coal_grade(self):
        for partner in self:
            if partner.coal_key_account and not partner.coal_grade:
                raise ValidationError(
                    self.env._(
                        "The key account %(partner)s needs a grade (A, B or C).",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("coal_cash_share", "coal_acceptance_share", "coal_prepayment_share")
    def _check_coal_payment_habits(self):
        for partner in self:
            shares = (
                partner.coal_cash_share,
                partner.coal_acceptance_share,
                partner.coal_prepayment_share,
            )
            if any(not 0.0 <= share <= 100.0 for share in shares) or (
                partner.coal_cash_share + partner.coal_acceptance_share > 100.0
            ):
                raise ValidationError(
                    self.env._(
                        "The payment shares of %(partner)s must lie between 0 and 100 %%, and "
                        "cash plus bank acceptance cannot exceed 100 %%.",
                        partner=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _coal_guard_vals(self, vals):
        """Refuse derived coal figures written by a user, and non-finite coal numbers.

        The coal fields are readable by every internal user (copy, export and the merge
        wizard of res.partner read them); what they show is derived by the system.
        """
        coal_vals = {
            name: value for name, value in vals.items() if name.startswith("coal_")
        }
        if not coal_vals:
            return
        # the guard mixin's figure check, applied to the coal fields of the partner only
        CrmCoalGuardMixin._guard_figures(self, coal_vals)
        if self.env.su:
            return
        if not self.env.user.has_group(COAL_GROUP):
            changed = [
                name
                for name, value in coal_vals.items()
                if name in self._fields
                and (
                    any(
                        self._coal_value_changes(partner, name, value)
                        for partner in self
                    )
                    if self
                    else bool(value)
                )
            ]
            if changed:
                raise AccessError(
                    self.env._(
                        "Only coal users change the key-account data of a partner (%(fields)s).",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in changed
                        ),
                    )
                )
        forbidden = [name for name in COAL_DERIVED_FIELDS if name in coal_vals]
        if forbidden:
            raise AccessError(
                self.env._(
                    "%(fields)s of a key account are derived from its scores, plants and "
                    "on-site reports: they cannot be written directly.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in forbidden
                    ),
                )
            )

    @api.model
    def _coal_value_changes(self, partner, name, value):
        """Whether writing ``value`` to ``name`` changes what ``partner`` stores."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return True
        new = field.convert_to_record(field.convert_to_cache(value, partner), partner)
        return new != partner[name]

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not self.env.su and not self.env.user.has_group(COAL_GROUP):
            # a user without the coal groups copies the contact, not its key-account data
            for vals in vals_list:
                for name in [name for name in vals if name.startswith("coal_")]:
                    if not (default and name in default):
                        del vals[name]
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coal_guard_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._coal_guard_vals(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _coal_open(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_coal_view_site_reports(self):
        return self._coal_open("crm_coal.crm_coal_site_report_action")

    def action_coal_view_plants(self):
        return self._coal_open("crm_coal.crm_coal_plant_action")

    def action_coal_view_competitors(self):
        return self._coal_open("crm_coal.crm_coal_competitor_supply_action")

    def action_coal_apply_suggested_grade(self):
        self.check_access("write")
        for partner in self.filtered("coal_suggested_grade"):
            partner.coal_grade = partner.coal_suggested_grade

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _coal_recompute_scores(self):
        """Recompute the stored score of every scored account (criteria or thresholds changed)."""
        # sudo: the scores of all companies' accounts follow the shared configuration.
        partners = (
            self.sudo()
            .with_context(active_test=False)
            .search([("coal_score_ids", "!=", False)])
        )
        fnames = ["coal_score", "coal_score_complete", "coal_suggested_grade"]
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], partners)
        partners._recompute_recordset(fnames)

    @api.model
    def _coal_refresh_supply(self, partner_ids=None, existing=False):
        """Recompute days of supply and supply level of accounts from their on-site reports.

        ``partner_ids``, or every account with a report or with figures when None (accounts
        whose reports were all archived lose their figures).  The accounts are marked and
        recomputed in one batch (_compute_coal_supply), then the "low coal stock" activities of
        the accounts whose level changed are raised or closed in one batch
        (_coal_sync_low_stock_activities: red and amber, at most one open per account and
        level).  Returns the ids of the accounts that have just turned red.
        ``existing``: the ids are those of existing accounts (the accounts of the reports
        just created or written), so their existence is not checked again (one query less
        on the save of a report).
        A fixed number of queries per batch (test_refresh_is_batched).  Private: called from
        the on-site reports' create, write and unlink (the caller's access already checked
        there), from the settings and from the cron.
        """
        # sudo: derived figures of the accounts, whoever filed the report
        Partner = self.sudo().with_context(active_test=False)
        if partner_ids is None:
            partners = self._coal_refresh_supply_targets()
        else:
            partners = Partner.browse(set(partner_ids))
            if not existing:
                partners = partners.exists()
        if not partners:
            return []
        old_levels = {partner.id: partner.coal_supply_level for partner in partners}
        mark_to_recompute(partners, COAL_SUPPLY_FIELDS)
        partners.with_context(coal_supply_refresh=True)._recompute_recordset(
            list(COAL_SUPPLY_FIELDS)
        )
        changed = partners.filtered(
            lambda partner: partner.coal_supply_level != old_levels[partner.id]
        )
        if changed:
            changed._coal_sync_low_stock_activities(old_levels)
        return [
            partner.id
            for partner in changed
            if partner.coal_supply_level == supply.LEVEL_RED
        ]

    @api.model
    def _coal_refresh_supply_targets(self):
        """The accounts that a full refresh recomputes (sudo, archived included): every
        account with a report, and every account with figures (it loses them when all its
        reports were archived). Two queries, whatever the number of accounts."""
        # sudo: derived figures of the accounts, whoever filed the report
        Partner = self.sudo().with_context(active_test=False)
        reported = (
            self.env["crm.coal.site.report"].sudo()._read_group([], ["partner_id"])
        )
        partners = Partner.search([("coal_supply_date", "!=", False)])
        return partners | Partner.browse([partner.id for (partner,) in reported])

    def _coal_low_stock_activity_types(self):
        """{alert level: its "low coal stock" activity type} (a type per level, so that
        the level of an open activity is read from its type)."""
        types = {
            supply.LEVEL_RED: "crm_coal.mail_activity_type_low_stock",
            supply.LEVEL_AMBER: "crm_coal.mail_activity_type_low_stock_amber",
        }
        return {
            level: self.env.ref(xmlid, raise_if_not_found=False)
            for level, xmlid in types.items()
        }

    def _coal_sync_low_stock_activities(self, old_levels):
        """Raise and close the accounts' "low coal stock" activities after a change of
        supply level (lib.supply.low_stock_alerts: at most one open activity per account
        and level; an open amber one closed when the account turns red, every open one
        closed when it is back above the amber threshold).

        ``old_levels``: {account id: level before the refresh}.  One search for the open
        activities of the whole batch, one create; the activities are created without
        Odoo's assignment e-mail (one e-mail, hence queries, per activity): the owner
        finds them in the activity menu and on the account.  A closed activity is marked
        done (Odoo's done message in the account's chatter, with the reason).
        """
        types = self._coal_low_stock_activity_types()
        level_of_type = {t.id: level for level, t in types.items() if t}
        # sudo: the system raises and closes the owner's alerts, whoever filed the report
        Activity = self.env["mail.activity"].sudo()
        open_activities = Activity.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", list(level_of_type)),
            ]
        )
        by_account = {}
        for activity in open_activities:
            level = level_of_type[activity.activity_type_id.id]
            by_account.setdefault(activity.res_id, {})[level] = activity
        to_raise = {level: self.browse() for level in supply.ALERT_LEVELS}
        superseded, recovered = Activity.browse(), Activity.browse()
        for partner in self:
            opened = by_account.get(partner.id, {})
            level, closed = supply.low_stock_alerts(
                old_levels.get(partner.id) or None,
                partner.coal_supply_level or None,
                opened,
            )
            if level:
                to_raise[level] |= partner
            for closed_level in closed:
                if partner.coal_supply_level == supply.LEVEL_RED:
                    superseded |= opened[closed_level]
                else:
                    recovered |= opened[closed_level]
        for activities, reason in (
            (superseded, "superseded"),
            (recovered, "recovered"),
        ):
            if activities:
                activities._action_done(
                    feedback=self._coal_low_stock_closing_note(reason)
                )
        vals_list = []
        for level, partners in to_raise.items():
            vals_list += partners._coal_low_stock_activity_vals(level, types[level])
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def _coal_low_stock_closing_note(self, reason):
        if reason == "superseded":
            return self.env._(
                "Closed by the system: the account turned red, a red alert replaces it."
            )
        return self.env._(
            "Closed by the system: the stock is back above the amber threshold."
        )

    def _coal_low_stock_activity_vals(self, level, activity_type):
        """Values of one activity per account for its owner (else its first
        representative), written in the owner's language."""
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = (
            activity_type._get_date_deadline()
            if activity_type
            else fields.Date.context_today(self)
        )
        vals_list = []
        # sudo: the alert is raised by the system for the account owner, whoever filed
        # the report (a representative may not see the owner's user record).
        for partner in self.sudo():
            user = partner.user_id or partner.coal_representative_ids[:1]
            if not user:
                continue
            # the owner reads the alert in the owner's language, whoever filed the report
            env = self.with_context(lang=user.lang or self.env.lang).env
            days = round(partner.coal_days_of_supply, 1)
            if level == supply.LEVEL_RED:
                summary = env._("Low coal stock: %(days)s days of supply", days=days)
                threshold = env._("the red threshold")
            else:
                summary = env._(
                    "Coal stock getting low: %(days)s days of supply", days=days
                )
                threshold = env._("the amber threshold")
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "date_deadline": deadline,
                    "user_id": user.id,
                    "automated": True,
                    "summary": summary,
                    "note": env._(
                        "The stockpile of %(partner)s (%(stock)s t on %(date)s) lasts less than "
                        "%(threshold)s. Check deliveries with the account.",
                        partner=partner.display_name,
                        stock=round(partner.coal_stockpile),
                        date=partner.coal_supply_date,
                        threshold=threshold,
                    ),
                }
            )
        return vals_list

    @api.model
    def _cron_coal_refresh_supply(self):
        self._coal_refresh_supply()
