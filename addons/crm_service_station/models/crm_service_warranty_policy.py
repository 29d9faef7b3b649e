# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.common import DomainError
from ..lib.warranty import WarrantyPolicy
from .crm_service_engine_reading import MAX_HOURS, MAX_MILEAGE_KM
from .messages import raise_domain_error
from .res_config_settings import household_rules

# The longest warranty or first-service window a policy may give (20 years), the most free
# maintenances it may pay.
MAX_MONTHS = 240
MAX_FREE_SERVICES = 50


class CrmServiceWarrantyPolicy(models.Model):
    _name = "crm.service.warranty.policy"
    _description = "Warranty Policy"
    _inherit = ["crm.knowledge.guard.mixin", "mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    category_id = fields.Many2one(
        "product.category",
        string="Product Line",
        required=True,
        index=True,
        tracking=True,
        domain="[('service_product_line', '=', True)]",
        help="Engines of this product category (and its sub-categories) get this policy.",
    )
    household = fields.Boolean(
        string="Household Vehicles",
        tracking=True,
        help="Applies to engines of household vehicles: the statutory minimums (3 years / 60,000 km"
        " repair warranty) and the replacement/refund triggers apply.",
    )
    free_service_count = fields.Integer(
        string="Free Maintenances",
        default=1,
        tracking=True,
        help="Number of free maintenances (走保) paid by the maker.",
    )
    first_service_min_km = fields.Float(string="First Service from (km)", tracking=True)
    first_service_max_km = fields.Float(
        string="First Service up to (km)", tracking=True
    )
    first_service_max_months = fields.Integer(
        string="First Service within (months)", tracking=True
    )
    repair_months = fields.Integer(string="Warranty Months", default=12, tracking=True)
    repair_km = fields.Float(
        string="Warranty Mileage (km)", tracking=True, help="0 means no mileage limit."
    )
    repair_hours = fields.Float(
        string="Warranty Engine Hours",
        tracking=True,
        help="0 means no engine-hours limit.",
    )
    note = fields.Text(translate=True)

    @api.constrains(
        "free_service_count",
        "first_service_min_km",
        "first_service_max_km",
        "first_service_max_months",
        "repair_months",
        "repair_km",
        "repair_hours",
    )
    def _check_limits(self):
        bounds = {
            "free_service_count": MAX_FREE_SERVICES,
            "first_service_min_km": MAX_MILEAGE_KM,
            "first_service_max_km": MAX_MILEAGE_KM,
            "first_service_max_months": MAX_MONTHS,
            "repair_months": MAX_MONTHS,
            "repair_km": MAX_MILEAGE_KM,
            "repair_hours": MAX_HOURS,
        }
        for policy in self:
            policy._to_lib()
            for name, high in bounds.items():
                if not 0 <= (policy[name] or 0) <= high:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of the warranty policy %(policy)s must be between 0 and"
                            " %(max)s.",
                            field=self._fields[name]._description_string(self.env),
                            policy=policy.display_name,
                            max=f"{high:,}",
                        )
                    )

    def _to_lib(self, rules=None):
        """The policy as the pure :class:`lib.warranty.WarrantyPolicy` (translated error if
        invalid); ``rules``: the household thresholds, read from the settings if not given."""
        self.ensure_one()
        if rules is None:
            rules = household_rules(self.env)
        try:
            return WarrantyPolicy(
                free_service_count=self.free_service_count,
                first_service_min_km=self.first_service_min_km or None,
                first_service_max_km=self.first_service_max_km or None,
                first_service_max_months=self.first_service_max_months or None,
                repair_months=self.repair_months,
                repair_km=self.repair_km or None,
                repair_hours=self.repair_hours or None,
                household=self.household,
                household_rules=rules,
            )
        except DomainError as error:
            raise_domain_error(self.env, error)

    @api.model
    def _find_for_engines(self, lots):
        """Policy per engine lot id: the first active policy of the nearest category, matching the
        household flag when one does. One search for the whole batch."""
        categories = lots.product_id.categ_id
        if not categories:
            return {}
        policies = self.search([("category_id", "parent_of", categories.ids)])
        result = {}
        for lot in lots:
            categ = lot.product_id.categ_id
            chain = []
            while categ:
                chain.append(categ)
                categ = categ.parent_id
            found = self.browse()
            for categ in chain:
                candidates = policies.filtered(lambda p, c=categ: p.category_id == c)
                if not candidates:
                    continue
                matching = candidates.filtered(
                    lambda p, household=lot.engine_household: p.household == household
                )
                found = (matching or candidates)[:1]
                break
            result[lot.id] = found
        return result
