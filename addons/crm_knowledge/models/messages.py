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

from odoo.exceptions import AccessError, ValidationError

from ..lib.common import _lt

# Domain errors a user can meet.  The lifecycle ones get ``title``, ``category`` and the
# translated state labels ``old`` / ``new`` from the article (``_transition_error``).
ERROR_MESSAGES = {
    "reviewer_required": _lt(
        "You are not a reviewer of the category %(category)s: you cannot move"
        " %(title)s from %(old)s to %(new)s."
    ),
    "review_required": _lt(
        "%(title)s must be reviewed before it is published: send it to review first."
    ),
    "same_state": _lt("%(title)s is already %(old)s."),
    "unknown_state": _lt("Unknown article state: %(new)s."),
    "transition_not_allowed": _lt(
        "%(title)s cannot go from %(old)s to %(new)s: set it back to draft first."
    ),
    "query_too_long": _lt("The search text is too long: at most %(max)s characters."),
    "too_many_terms": _lt(
        "The search text has too many different words: at most %(max)s."
    ),
}
TEMPLATES = dict(ERROR_MESSAGES)

# The exception raised for a code, when it is not a ValidationError.
EXCEPTIONS = {"reviewer_required": AccessError}

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


def domain_exception(env, error, params=None):
    """The translated Odoo exception of a lib ``DomainError`` (``params`` completes or
    overrides ``error.params``): an AccessError for a missing right, else a ValidationError."""
    values = dict(error.params, **(params or {}))
    return EXCEPTIONS.get(error.code, ValidationError)(
        message_text(env, error.code, values)
    )


def raise_domain_error(env, error, params=None):
    """Re-raise a lib ``DomainError`` as a translated Odoo exception."""
    raise domain_exception(env, error, params) from error
