# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_amount

from ..lib import pricing
from ..lib.common import DomainError
from .crm_coal_quality import QUALITY_PARAMETERS
from .display import compute_display_names
from .messages import message_text


class CrmCoalQualityTerm(models.Model):
    _name = "crm.coal.quality.term"
    _inherit = ["crm.coal.guard.mixin"]
    _description = "Contract Quality Term"
    _order = "contract_id, kind, id"
    _lock_parent = "contract_id"

    contract_id = fields.Many2one(
        "crm.coal.contract", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("deduction", "Deduction above spec"), ("rejection", "Rejection limit")],
        required=True,
        default="deduction",
    )
    parameter = fields.Selection(QUALITY_PARAMETERS, required=True)
    spec = fields.Float(
        digits=(16, 2), help="Highest value without deduction (percent)."
    )
    method = fields.Selection(
        [("percent", "% of price per step"), ("fixed", "Amount per t per step")],
        default="percent",
    )
    rate = fields.Float(digits=(16, 2), default=1.0)
    step = fields.Float(
        digits=(16, 2), default=1.0, help="Size of a step in percentage points."
    )
    step_rounding = fields.Selection(
        [
            ("prorata", "Pro rata"),
            ("up", "Every started step"),
            ("down", "Completed steps"),
        ],
        default="prorata",
    )
    minimum = fields.Float(
        digits=(16, 2), help="Lowest accepted value; empty (0) means no lower limit."
    )
    maximum = fields.Float(
        digits=(16, 2), help="Highest accepted value; empty (0) means no upper limit."
    )

    def _report_rule(self):
        """The deduction rule in words, for the printed contract ("" for a limit)."""
        self.ensure_one()
        if self.kind != "deduction":
            return ""
        if self.method == "fixed":
            rate = format_amount(self.env, self.rate, self.contract_id.currency_id)
            text = self.env._(
                "%(rate)s per t for each step of %(step)s above spec",
                rate=rate,
                step=f"{self.step:g}",
            )
        else:
            text = self.env._(
                "%(rate)s of the price for each step of %(step)s above spec",
                rate=f"{self.rate:g}%",
                step=f"{self.step:g}",
            )
        rounding = dict(self._fields["step_rounding"]._description_selection(self.env))
        return f"{text} ({rounding[self.step_rounding or 'prorata']})"

    def _to_rule(self):
        return pricing.DeductionRule(
            parameter=self.parameter,
            spec=self.spec,
            method=self.method or "percent",
            rate=self.rate,
            step=self.step,
            step_rounding=self.step_rounding or "prorata",
        )

    def _to_limit(self):
        return pricing.RejectionLimit(
            parameter=self.parameter,
            minimum=self.minimum or None,
            maximum=self.maximum or None,
        )

    @api.constrains(
        "kind", "parameter", "spec", "method", "rate", "step", "minimum", "maximum"
    )
    def _check_term(self):
        for term in self:
            if min(term.spec, term.rate, term.step, term.minimum, term.maximum) < 0:
                raise ValidationError(
                    self.env._(
                        "The quality terms of %(contract)s cannot have a negative spec, rate, "
                        "step, minimum or maximum.",
                        contract=term.contract_id.display_name,
                    )
                )
            try:
                if term.kind == "deduction":
                    term._to_rule()
                else:
                    term._to_limit()
            except DomainError as err:
                raise ValidationError(
                    self.env._(
                        "Invalid quality term of %(contract)s: %(detail)s",
                        contract=term.contract_id.display_name,
                        detail=message_text(self.env, err.code, err.params),
                    )
                ) from err

    @api.model_create_multi
    def create(self, vals_list):
        terms = super().create(vals_list)
        terms.contract_id.lot_ids._coal_reprice()  # provisional lots follow the terms
        return terms

    def write(self, vals):
        contracts = self.contract_id
        res = super().write(vals)
        (contracts | self.contract_id).lot_ids._coal_reprice()
        return res

    def unlink(self):
        contracts = self.contract_id
        res = super().unlink()
        contracts.lot_ids._coal_reprice()
        return res

    @api.depends("contract_id", "kind", "parameter")
    def _compute_display_name(self):
        compute_display_names(self, ("contract_id", "kind", "parameter"))
