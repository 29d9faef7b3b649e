"""Errors raised by the crm_knowledge domain functions.

Every error is a :class:`ValueError` (so callers that only know about
``ValueError`` still catch it) and carries a stable, machine-readable ``code``
next to its English message.  The Odoo layer turns them into ``UserError`` /
``ValidationError`` with a translated message chosen by ``code``.
"""

from __future__ import annotations


class KnowledgeError(ValueError):
    """Bad input to a crm_knowledge domain function.

    :param code: stable reason code, e.g. ``"not_text"`` or ``"query_too_long"``
    :param message: clear English explanation for logs and tests
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {str(self)!r})"


class QueryError(KnowledgeError):
    """A search query that cannot be turned into a full-text query."""


class TransitionError(KnowledgeError):
    """A refused article state transition (see :mod:`.lifecycle`)."""


def ensure_text(value: object, what: str) -> str:
    """Return ``value`` as text; ``None`` and ``False`` (empty Odoo field) give ``""``.

    :raises KnowledgeError: ``not_text`` when ``value`` is neither text nor empty.
    """
    if value is None or value is False:
        return ""
    if not isinstance(value, str):
        raise KnowledgeError(
            "not_text", f"{what} must be text, got {type(value).__name__}."
        )
    return value
