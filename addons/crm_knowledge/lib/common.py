"""Shared helpers of the crm_knowledge domain layer: the error types and the text check.

Everything here is standard library only.  Every error is a :class:`DomainError` (a
:class:`ValueError`) with a stable, machine-readable ``code``, an English message (for logs
and tier-1 tests) and the ``params`` the message refers to.  The Odoo layer shows a
translated sentence chosen by ``code`` (``models/messages.py``), never ``str(error)``.
"""

from __future__ import annotations

from typing import Any


def _lt(text: str) -> str:
    """Mark an English message template for translation and return it unchanged.

    The library imports nothing from Odoo; Odoo's .pot extractor picks up literal ``_lt()``
    calls in every Python file of the module, so the templates declared with it are exported
    and translated.  The model layer renders them with ``env._(template, **params)``.
    """
    return text


class DomainError(ValueError):
    """Bad input given to a domain function: a stable ``code``, an English ``message``
    (``str(error)``, for logs and tier-1 tests) and the ``params`` the message refers to."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {str(self)!r})"


class QueryError(DomainError):
    """A search query that cannot be turned into a full-text query."""


class TransitionError(DomainError):
    """A refused article state transition (see :mod:`.lifecycle`)."""


def ensure_text(value: object, what: str) -> str:
    """Return ``value`` as text; ``None`` and ``False`` (empty Odoo field) give ``""``.

    :raises DomainError: ``not_text`` when ``value`` is neither text nor empty.
    """
    if value is None or value is False:
        return ""
    if not isinstance(value, str):
        raise DomainError(
            "not_text", f"{what} must be text, got {type(value).__name__}."
        )
    return value
