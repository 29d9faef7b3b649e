# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translated texts for the ``DomainError`` codes of the pure ``lib`` package.

The domain functions refuse bad input with ``lib.common.DomainError(code, message, **params)``;
the English ``message`` is for logs and tier-1 tests only.  The templates of the errors a user
can meet are below (marked with the lib-local no-op ``_lt`` so that Odoo's extractor exports
them); this module renders them in the user's language, through ``env._`` with named
parameters.  A model never shows ``str(error)`` to a user.
"""
# pylint: disable=prefer-env-translation
# (``_lt`` only marks English templates for the .pot; the models render them with ``env._``.)

import re

from odoo.exceptions import ValidationError

from ..lib.common import _lt

# Domain errors (bad input refused by a lib function) a user can meet.  ``field`` is the
# translated label of the setting or field, given by the model (``field_labels``).
ERROR_MESSAGES = {
    "not_a_number": _lt("%(field)s must be a number."),
    "negative_value": _lt("%(field)s must not be negative."),
    "not_an_integer": _lt("%(field)s must be a whole number."),
    "below_minimum": _lt("%(field)s must be at least %(minimum)s."),
    "fraction_out_of_range": _lt("%(field)s must be between 0 and 1."),
    "positive_fraction_out_of_range": _lt(
        "%(field)s must be greater than 0 and at most 1."
    ),
    "thresholds_out_of_order": _lt("%(field)s must not be lower than %(other)s."),
    "tier_code_empty": _lt("%(field)s must not be empty."),
    "tier_codes_not_distinct": _lt("The names of the three tiers must be different."),
    "factor_not_positive": _lt("%(field)s must be greater than 0."),
}
TEMPLATES = dict(ERROR_MESSAGES)

_PARAM_RE = re.compile(r"%\((\w+)\)s")


def template_params(template):
    """Names of the ``%(name)s`` parameters of a message template."""
    return _PARAM_RE.findall(template)


def _fmt(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def message_text(env, code, params=None):
    """A translated sentence for a lib error code with its params; an unknown code gives a
    generic translated sentence naming the code."""
    template = TEMPLATES.get(code)
    if template is None:
        return env._("Check failed (%(code)s).", code=code)
    params = params or {}
    values = {name: _fmt(params.get(name, "")) for name in template_params(template)}
    return env._(template, **values)  # pylint: disable=translation-not-lazy


def field_labels(error, labels):
    """``error.params`` with the lib's argument names (``field``, ``other``) replaced by the
    translated labels of ``labels`` ({lib argument name: translated label})."""
    params = dict(error.params)
    for key in ("field", "other"):
        if params.get(key) in labels:
            params[key] = labels[params[key]]
    return params


def raise_domain_error(env, error, labels=None):
    """Re-raise a lib ``DomainError`` as a translated ``ValidationError``; ``labels`` maps the
    lib's argument names to the translated labels the user knows."""
    params = field_labels(error, labels or {})
    raise ValidationError(message_text(env, error.code, params)) from error
