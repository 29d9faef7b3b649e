# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translated texts for the codes returned by the pure ``lib`` package.

The domain functions refuse bad input with ``lib.common.DomainError`` (a stable ``code`` and
named ``params``) and return verdicts with ``lib.common.Reason`` codes.  The English templates of
the codes a user can meet are below (or, for the quality parameters, in their declaration,
``lib.quality``); this module only renders them in the user's language, through ``env._`` with
named parameters.  A model never shows ``str(error)`` to a user.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from odoo.exceptions import ValidationError

from ..lib import quality
from ..lib.common import _lt

# Domain errors (bad input refused by a lib function) a user can meet.  The params are the ones
# the lib passes (lib/common.py, lib/pricing.py, lib/scoring.py, lib/supply.py ...).
ERROR_MESSAGES = {
    "not_a_number": _lt("A value is not a finite number (%(value)s)."),
    "negative_value": _lt("A value must not be negative (got %(value)s)."),
    "not_positive": _lt("A value must be greater than zero (got %(value)s)."),
    "not_a_percentage": _lt(
        "A percentage must lie between 0 and 100 %% (got %(value)s)."
    ),
    "not_an_integer": _lt("A value must be a whole number (got %(value)s)."),
    "below_minimum": _lt("A value must be at least %(minimum)s (got %(value)s)."),
    "invalid_choice": _lt("The value %(value)s is not one of the allowed choices."),
    "missing_lab_value": _lt(
        "The lab result has no value for %(parameter)s, which the contract's quality terms need."
    ),
    "rejection_limit_without_bound": _lt(
        "The rejection limit for %(parameter)s needs a minimum or a maximum."
    ),
    "minimum_above_maximum": _lt(
        "The minimum %(minimum)s of %(parameter)s is above its maximum %(maximum)s."
    ),
    "duplicate_deduction_rule": _lt(
        "There is more than one deduction rule for %(parameter)s."
    ),
    "score_out_of_range": _lt(
        "A score or grade threshold must lie between 0 and 100 (got %(value)s)."
    ),
    "grade_thresholds_inverted": _lt(
        "The grade B threshold %(b_min)s must not be above the grade A threshold %(a_min)s."
    ),
    "supply_thresholds_unordered": _lt(
        "The days-of-supply thresholds must satisfy red <= amber <= normal (red %(red)s, amber"
        " %(amber)s, normal %(normal)s)."
    ),
    "no_credit_limit": _lt("No credit limit is configured for grade %(grade)s."),
    "unknown_criterion": _lt("No weight is configured for the criteria %(criteria)s."),
    "missing_criterion_score": _lt("The criteria %(criteria)s are not scored yet."),
    "zero_criterion_weights": _lt("The criterion weights must not all be zero."),
    "no_criterion_weight": _lt("At least one criterion weight is required."),
}
# Rejection reasons of lib.pricing (``<parameter>_below_min`` / ``<parameter>_above_max``) and
# the other messages of the quality parameters, derived from their declarations.
REASON_MESSAGES = {
    f"{code}_{bound}": quality.MESSAGES[bound]
    for code in quality.QUALITY_PARAMETERS
    for bound in ("below_min", "above_max")
}
TEMPLATES = {**ERROR_MESSAGES, **quality.MESSAGES, **REASON_MESSAGES}


def template_params(template):
    """Names of the named parameters of a template, in order of appearance, without repeats."""
    names = []
    for part in template.split("%(")[1:]:
        name = part.split(")", 1)[0]
        if name not in names:
            names.append(name)
    return tuple(names)


def _param_text(env, name, value):
    """A param as shown: a quality parameter code by its translated label, a list joined."""
    if name == "parameter" and value in quality.PARAMETERS:
        return env._(quality.PARAMETERS[value].label)  # pylint: disable=translation-not-lazy
    if isinstance(value, (list, tuple)):
        return ", ".join(_param_text(env, name, item) for item in value)
    return str(value)


def message_text(env, code, params=None):
    """A translated sentence for a lib error or reason code with its params; an unknown code
    gives a generic translated sentence naming the code."""
    template = TEMPLATES.get(code)
    if template is None:
        return env._("Check failed (%(code)s).", code=code)
    params = params or {}
    values = {
        name: _param_text(env, name, params.get(name, ""))
        for name in template_params(template)
    }
    return env._(template, **values)  # pylint: disable=translation-not-lazy


def raise_domain_error(env, error):
    """Re-raise a lib ``DomainError`` as a translated ``ValidationError``."""
    raise ValidationError(message_text(env, error.code, error.params)) from error
