# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translated texts for the codes returned by the pure ``lib`` package.

The domain functions return stable codes with parameters (rule verdicts, coverage reasons,
``DomainError``).  The English templates of verdicts and coverage reasons are declared in the
library next to their rule (``lib.claims.MESSAGES``, ``lib.warranty.ELIGIBILITY_MESSAGES``); the
templates of the domain errors a user can meet are below.  This module only renders them in the
user's language, through ``env._`` with named parameters.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

from odoo.exceptions import ValidationError

from ..lib.claims import MESSAGES, template_params
from ..lib.common import _lt
from ..lib.warranty import ELIGIBILITY_MESSAGES, PARAM_LABELS

# Domain errors (bad input refused by a lib function) a user can meet.
ERROR_MESSAGES = {
    "negative_value": _lt("A value must not be negative (%(field)s)."),
    "not_a_number": _lt("A value is not a number (%(field)s)."),
    "reading_decreased": _lt(
        "The new reading %(new)s %(unit)s is lower than the previous reading %(previous)s %(unit)s."
    ),
    "line_above_claimed": _lt(
        "The approved amount %(approved)s of a claim line is above its claimed amount"
        " %(claimed)s."
    ),
    "invalid_first_service_window": _lt(
        "The minimum mileage of the first free maintenance (%(min_km)s km) is above its maximum"
        " (%(max_km)s km)."
    ),
}
TEMPLATES = {**ELIGIBILITY_MESSAGES, **MESSAGES, **ERROR_MESSAGES}


def _fmt(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def message_text(env, code, params=None):
    """A translated sentence for a lib message, reason or error code with its params; an
    unknown code gives a generic translated sentence naming the code."""
    template = TEMPLATES.get(code)
    if template is None:
        return env._("Check failed (%(code)s).", code=code)
    params = params or {}
    values = {}
    for name in template_params(template):
        value = params.get(name, "")
        labels = PARAM_LABELS.get(name)
        if labels and value in labels:
            values[name] = env._(labels[value])  # pylint: disable=translation-not-lazy
        else:
            values[name] = _fmt(value)
    return env._(template, **values)  # pylint: disable=translation-not-lazy


def raise_domain_error(env, error):
    """Re-raise a lib ``DomainError`` as a translated ``ValidationError``."""
    raise ValidationError(message_text(env, error.code, error.params)) from error
