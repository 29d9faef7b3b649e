"""Article lifecycle: states, allowed transitions and the periodic review.

States: ``draft`` -> ``in_review`` -> ``published`` -> ``archived``.

Allowed transitions (action code; who may do it; why):

* draft -> in_review: ``submit``; anyone who may edit; the author asks for review.
* in_review -> published: ``approve``; reviewers only; category reviewers approve.
* in_review -> draft: ``return_to_draft``; anyone; a reviewer sends it back or
  the author withdraws it.
* published -> draft: ``unpublish``; reviewers only; taken off the shelves for
  rework (readers, dealers included, stop seeing it).
* published -> archived: ``archive``; reviewers only; retiring visible knowledge.
* draft -> archived: ``archive``; anyone; discarding a draft hides nothing.
* archived -> draft: ``restore``; anyone; a revival, publishing needs a review again.

Everything else is refused:

* ``draft``/``archived`` -> ``published``: ``review_required`` (always through
  ``in_review``, reviewers too, so that every publication is an explicit,
  logged approval);
* ``in_review`` -> ``archived``, ``published`` -> ``in_review``,
  ``archived`` -> ``in_review``: ``transition_not_allowed`` (go through draft;
  small corrections of a published article are edits in place, each one
  kept as a revision, and the periodic review only renews the review date);
* a reviewer-only transition by someone else: ``reviewer_required``;
* same state: ``same_state``; a state not in :data:`STATES`: ``unknown_state``.

Whether a user may edit the article at all is the job of access rights and
record rules; this module only decides the workflow.

Changes to a published article (:func:`edit_goes_live`): readers keep seeing the
published text while a change waits for review.  Each category has an edit policy:
``review_all`` (every change is a proposal a reviewer approves, reviewers' own
included), ``minor_by_reviewers`` (a reviewer's change of at most the category's
minor-edit size, counted in changed characters of title and text, goes live at
once: typo fixes by reviewers only; every other change is a proposal) and
``reviewers`` (reviewers edit in place, others propose).  Drafts and articles in
review are edited in place by anyone who may edit them.

Periodic review (:func:`review_due`): an article reviewed on day *L* with an
interval of *N* days is due on *L + N*: from that day on it is ``stale``;
from *R* days before it (the reminder setting) it is ``reminder``; before
that ``ok``.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from .common import DomainError, TransitionError

__all__ = [
    "DRAFT",
    "IN_REVIEW",
    "PUBLISHED",
    "ARCHIVED",
    "STATES",
    "REVIEW_OK",
    "REVIEW_REMINDER",
    "REVIEW_STALE",
    "Transition",
    "TRANSITIONS",
    "check_transition",
    "can_transition",
    "allowed_transitions",
    "next_review_date",
    "EDIT_POLICIES",
    "EDIT_REVIEW_ALL",
    "EDIT_MINOR_BY_REVIEWERS",
    "EDIT_REVIEWERS",
    "edit_goes_live",
    "review_due",
]

DRAFT = "draft"
IN_REVIEW = "in_review"
PUBLISHED = "published"
ARCHIVED = "archived"
STATES = (DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED)

EDIT_REVIEW_ALL = "review_all"
EDIT_MINOR_BY_REVIEWERS = "minor_by_reviewers"
EDIT_REVIEWERS = "reviewers"
EDIT_POLICIES = (EDIT_REVIEW_ALL, EDIT_MINOR_BY_REVIEWERS, EDIT_REVIEWERS)

REVIEW_OK = "ok"
REVIEW_REMINDER = "reminder"
REVIEW_STALE = "stale"


class Transition(NamedTuple):
    """An allowed state change: its action code and whether only reviewers may do it."""

    action: str
    reviewer_only: bool


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (DRAFT, IN_REVIEW): Transition("submit", False),
    (IN_REVIEW, PUBLISHED): Transition("approve", True),
    (IN_REVIEW, DRAFT): Transition("return_to_draft", False),
    (PUBLISHED, DRAFT): Transition("unpublish", True),
    (PUBLISHED, ARCHIVED): Transition("archive", True),
    (DRAFT, ARCHIVED): Transition("archive", False),
    (ARCHIVED, DRAFT): Transition("restore", False),
}


def _check_state(state: object, which: str) -> str:
    if state not in STATES:
        raise TransitionError(
            "unknown_state",
            f"Unknown {which} state {state!r}; expected one of {', '.join(STATES)}.",
            state=state,
        )
    return state  # type: ignore[return-value]


def check_transition(old: str, new: str, is_reviewer: bool) -> str:
    """Return the action code of moving an article from ``old`` to ``new``.

    :param is_reviewer: whether the acting user reviews the article's category
        (or is a knowledge manager).
    :raises TransitionError: with code ``unknown_state``, ``same_state``,
        ``review_required``, ``reviewer_required`` or ``transition_not_allowed``.
    """
    old = _check_state(old, "current")
    new = _check_state(new, "target")
    if old == new:
        raise TransitionError(
            "same_state", f"The article is already in state {old!r}.", old=old, new=new
        )
    transition = TRANSITIONS.get((old, new))
    if transition is None:
        if new == PUBLISHED:
            raise TransitionError(
                "review_required",
                f"An article in state {old!r} cannot be published directly: "
                "submit it for review first.",
                old=old,
                new=new,
            )
        raise TransitionError(
            "transition_not_allowed",
            f"An article cannot go from {old!r} to {new!r}; go through draft.",
            old=old,
            new=new,
        )
    if transition.reviewer_only and not is_reviewer:
        raise TransitionError(
            "reviewer_required",
            "Only a reviewer of the article's category may "
            f"{transition.action.replace('_', ' ')} "
            f"it ({old!r} to {new!r}).",
            old=old,
            new=new,
        )
    return transition.action


def can_transition(old: str, new: str, is_reviewer: bool) -> bool:
    """Whether :func:`check_transition` would accept the move (drives buttons)."""
    try:
        check_transition(old, new, is_reviewer)
    except TransitionError:
        return False
    return True


def allowed_transitions(state: str, is_reviewer: bool) -> tuple[str, ...]:
    """Target states reachable from ``state`` by this user, in :data:`STATES` order.

    :raises TransitionError: ``unknown_state``.
    """
    state = _check_state(state, "current")
    return tuple(
        new
        for new in STATES
        if new != state and can_transition(state, new, is_reviewer)
    )


def _as_date(value: object, what: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise DomainError(
        "not_a_date", f"{what} must be a date, got {type(value).__name__}."
    )


def _as_days(value: object, what: str) -> int:
    if value is None or value is False:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError(
            "bad_days", f"{what} must be a whole number of days >= 0, got {value!r}."
        )
    return value


def next_review_date(
    last_review_date: datetime.date | None, review_interval_days: int | None
) -> datetime.date | None:
    """Date the next review is due; ``None`` when periodic review is off (interval 0).

    An article never reviewed (``last_review_date`` ``None``) is due at once:
    the caller passes the publication date when there was no review yet.

    :raises DomainError: ``not_a_date`` / ``bad_days``.
    """
    interval = _as_days(review_interval_days, "The review interval")
    if not interval:
        return None
    if last_review_date is None or last_review_date is False:
        return datetime.date.min
    return _as_date(last_review_date, "The last review date") + datetime.timedelta(
        days=interval
    )


def review_due(
    last_review_date: datetime.date | None,
    review_interval_days: int | None,
    reminder_days_before: int | None,
    today: datetime.date,
) -> str:
    """Review status of an article on ``today``: ``ok``, ``reminder`` or ``stale``.

    * interval ``0``/``None`` (no periodic review): always ``ok``;
    * never reviewed (``last_review_date`` ``None``): ``stale``;
    * ``today >= last + interval``: ``stale``;
    * ``today >= last + interval - reminder_days_before``: ``reminder``;
    * otherwise ``ok``.

    :raises DomainError: ``not_a_date`` / ``bad_days``.
    """
    today = _as_date(today, "Today")
    reminder = _as_days(reminder_days_before, "The reminder delay")
    due = next_review_date(last_review_date, review_interval_days)
    if due is None:
        return REVIEW_OK
    if today >= due:
        return REVIEW_STALE
    if (due - today).days <= reminder:
        return REVIEW_REMINDER
    return REVIEW_OK


def edit_goes_live(
    policy: str, is_reviewer: bool, changed_chars: int, minor_limit: int
) -> bool:
    """Whether a change of ``changed_chars`` characters to a published article goes
    live at once (``True``) or waits for a reviewer as a proposal (``False``).

    :raises DomainError: ``unknown_edit_policy`` for a policy not in
        :data:`EDIT_POLICIES`; ``bad_size`` for a size or limit that is not a whole
        number >= 0.
    """
    if policy not in EDIT_POLICIES:
        raise DomainError(
            "unknown_edit_policy", f"Unknown edit policy {policy!r}.", policy=policy
        )
    for value, what in (
        (changed_chars, "The changed size"),
        (minor_limit, "The limit"),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DomainError(
                "bad_size", f"{what} must be a whole number >= 0, got {value!r}."
            )
    changed, limit = changed_chars, minor_limit
    if not is_reviewer or policy == EDIT_REVIEW_ALL:
        return False
    if policy == EDIT_REVIEWERS:
        return True
    return changed <= limit
