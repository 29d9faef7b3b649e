# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Coal quality parameters: labels and the physical bounds of a lab result."""

from odoo.exceptions import ValidationError

QUALITY_PARAMETERS = [
    ("cv", "Calorific value (kcal/kg NAR)"),
    ("moisture", "Total moisture (%)"),
    ("ash", "Ash (%)"),
    ("sulfur", "Sulfur (%)"),
    ("volatile", "Volatile matter (%)"),
]

# Physical bounds of a coal analysis (not business limits, which are contract terms):
# no coal has a net calorific value outside 1,000-8,000 kcal/kg, more than 60 % total
# moisture or ash, 10 % sulfur or 70 % volatile matter.
PHYSICAL_BOUNDS = {
    "cv": (1000.0, 8000.0),
    "moisture": (0.0, 60.0),
    "ash": (0.0, 60.0),
    "sulfur": (0.0, 10.0),
    "volatile": (0.0, 70.0),
}


def parameter_label(env, parameter):
    labels = {
        "cv": env._("Calorific value (kcal/kg NAR)"),
        "moisture": env._("Total moisture (%)"),
        "ash": env._("Ash (%)"),
        "sulfur": env._("Sulfur (%)"),
        "volatile": env._("Volatile matter (%)"),
    }
    return labels[parameter]


def check_quality_bounds(env, what, values):
    """Refuse ``values`` ({parameter: value}) outside the physical bounds."""
    for parameter, value in values.items():
        low, high = PHYSICAL_BOUNDS[parameter]
        if not low <= value <= high:
            raise ValidationError(
                env._(
                    "%(parameter)s of %(what)s is %(value)s, outside the physical bounds "
                    "%(low)s-%(high)s.",
                    parameter=parameter_label(env, parameter),
                    what=what,
                    value=value,
                    low=low,
                    high=high,
                )
            )
