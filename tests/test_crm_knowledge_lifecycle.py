"""Tier 1: article states and periodic review (crm_knowledge)."""

import datetime

from crm_knowledge_lib.common import DomainError, TransitionError
from crm_knowledge_lib.lifecycle import (
    ARCHIVED,
    DRAFT,
    IN_REVIEW,
    PUBLISHED,
    STATES,
    allowed_transitions,
    can_transition,
    check_transition,
    next_review_date,
    review_due,
)
import pytest

# (old, new) -> (editor's outcome, reviewer's outcome): an action or a refusal code
EXPECTED = {
    (DRAFT, IN_REVIEW): ("submit", "submit"),
    (DRAFT, PUBLISHED): ("review_required", "review_required"),
    (DRAFT, ARCHIVED): ("archive", "archive"),
    (IN_REVIEW, DRAFT): ("return_to_draft", "return_to_draft"),
    (IN_REVIEW, PUBLISHED): ("reviewer_required", "approve"),
    (IN_REVIEW, ARCHIVED): ("transition_not_allowed", "transition_not_allowed"),
    (PUBLISHED, DRAFT): ("reviewer_required", "unpublish"),
    (PUBLISHED, IN_REVIEW): ("transition_not_allowed", "transition_not_allowed"),
    (PUBLISHED, ARCHIVED): ("reviewer_required", "archive"),
    (ARCHIVED, DRAFT): ("restore", "restore"),
    (ARCHIVED, IN_REVIEW): ("transition_not_allowed", "transition_not_allowed"),
    (ARCHIVED, PUBLISHED): ("review_required", "review_required"),
}
REFUSALS = {"review_required", "reviewer_required", "transition_not_allowed"}


def outcome(old, new, is_reviewer):
    try:
        return check_transition(old, new, is_reviewer)
    except TransitionError as err:
        return err.code


def test_every_pair_of_states_is_specified():
    pairs = {(a, b) for a in STATES for b in STATES if a != b}
    assert set(EXPECTED) == pairs


@pytest.mark.parametrize(("old", "new"), sorted(EXPECTED))
def test_transition_table(old, new):
    editor, reviewer = EXPECTED[(old, new)]
    assert outcome(old, new, False) == editor
    assert outcome(old, new, True) == reviewer
    assert can_transition(old, new, False) is (editor not in REFUSALS)
    assert can_transition(old, new, True) is (reviewer not in REFUSALS)


def test_refusals_are_value_errors_with_clear_messages():
    with pytest.raises(ValueError, match="Only a reviewer"):
        check_transition(IN_REVIEW, PUBLISHED, is_reviewer=False)
    with pytest.raises(TransitionError, match="submit it for review first"):
        check_transition(DRAFT, PUBLISHED, is_reviewer=True)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (DRAFT, DRAFT, "same_state"),
        (PUBLISHED, PUBLISHED, "same_state"),
        ("done", DRAFT, "unknown_state"),
        (DRAFT, "deleted", "unknown_state"),
        (None, DRAFT, "unknown_state"),
    ],
)
def test_invalid_states(old, new, code):
    with pytest.raises(TransitionError) as err:
        check_transition(old, new, True)
    assert err.value.code == code


def test_allowed_transitions_drive_buttons():
    assert allowed_transitions(DRAFT, False) == (IN_REVIEW, ARCHIVED)
    assert allowed_transitions(IN_REVIEW, False) == (DRAFT,)
    assert allowed_transitions(IN_REVIEW, True) == (DRAFT, PUBLISHED)
    assert allowed_transitions(PUBLISHED, False) == ()
    assert allowed_transitions(PUBLISHED, True) == (DRAFT, ARCHIVED)
    assert allowed_transitions(ARCHIVED, True) == (DRAFT,)
    with pytest.raises(TransitionError) as err:
        allowed_transitions("nope", True)
    assert err.value.code == "unknown_state"


# ------------------------------------------------------------------ review dates

LAST = datetime.date(2025, 1, 1)  # + 90 days = 2025-04-01


def day(month, dom):
    return datetime.date(2025, month, dom)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (day(1, 2), "ok"),
        (day(3, 24), "ok"),  # 8 days before the due date
        (day(3, 25), "reminder"),  # exactly 7 days before
        (day(3, 31), "reminder"),
        (day(4, 1), "stale"),  # due date itself
        (day(6, 1), "stale"),
    ],
)
def test_review_due_boundaries(today, expected):
    assert next_review_date(LAST, 90) == day(4, 1)
    assert review_due(LAST, 90, 7, today) == expected


def test_review_due_special_cases():
    today = day(2, 1)
    assert review_due(LAST, 0, 7, today) == "ok"  # periodic review off
    assert review_due(LAST, None, 7, today) == "ok"
    assert next_review_date(LAST, 0) is None
    assert review_due(None, 90, 7, today) == "stale"  # never reviewed
    assert review_due(False, 90, 7, today) == "stale"
    assert review_due(LAST, 90, 0, day(3, 31)) == "ok"  # no reminder
    assert review_due(LAST, 30, 60, today) == "stale"
    assert (
        review_due(LAST, 40, 60, today) == "reminder"
    )  # reminder longer than interval
    # datetimes are reduced to their date
    assert (
        review_due(
            datetime.datetime(2025, 1, 1, 23, 0),
            90,
            7,
            datetime.datetime(2025, 4, 1, 0, 1),
        )
        == "stale"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("2025-01-01", 90, 7, day(2, 1)), "not_a_date"),
        ((LAST, 90, 7, None), "not_a_date"),
        ((LAST, -1, 7, day(2, 1)), "bad_days"),
        ((LAST, 90, -7, day(2, 1)), "bad_days"),
        ((LAST, 1.5, 7, day(2, 1)), "bad_days"),
        ((LAST, True, 7, day(2, 1)), "bad_days"),
    ],
)
def test_review_due_bad_input(args, code):
    with pytest.raises(DomainError) as err:
        review_due(*args)
    assert err.value.code == code
    assert isinstance(err.value, ValueError)


# --- changes to a published article: live at once or a proposal for review -----------

from crm_knowledge_lib.diff import changed_size  # noqa: E402
from crm_knowledge_lib.lifecycle import (  # noqa: E402
    EDIT_MINOR_BY_REVIEWERS,
    EDIT_POLICIES,
    EDIT_REVIEW_ALL,
    EDIT_REVIEWERS,
    edit_goes_live,
)


@pytest.mark.parametrize(
    "old, new, size",
    [
        ("配件管理", "配件管理", 0),
        ("配件管理", "配件的管理", 1),  # one character inserted
        ("油压 0.3 MPa", "油压 0.5 MPa", 1),  # the digit 3 -> 5
        ("Check the oil", "Check the oils", 4),  # the word "oil" -> "oils"
        ("", "新的正文", 4),
        ("旧的正文", "", 4),
        (None, "abc", 3),
    ],
)
def test_changed_size(old, new, size):
    assert changed_size(old, new) == size


def test_changed_size_refuses_non_text():
    with pytest.raises(DomainError) as caught:
        changed_size(12, "x")
    assert caught.value.code == "not_text"


@pytest.mark.parametrize(
    "policy, reviewer, changed, limit, live",
    [
        # every change is reviewed, reviewers' own included
        (EDIT_REVIEW_ALL, True, 0, 20, False),
        (EDIT_REVIEW_ALL, False, 1, 20, False),
        # typo fixes by reviewers only: up to the limit, inclusive
        (EDIT_MINOR_BY_REVIEWERS, True, 20, 20, True),
        (EDIT_MINOR_BY_REVIEWERS, True, 21, 20, False),
        (EDIT_MINOR_BY_REVIEWERS, False, 1, 20, False),
        (EDIT_MINOR_BY_REVIEWERS, True, 0, 0, True),
        (EDIT_MINOR_BY_REVIEWERS, True, 1, 0, False),
        # reviewers edit in place, others propose
        (EDIT_REVIEWERS, True, 5000, 0, True),
        (EDIT_REVIEWERS, False, 1, 5000, False),
    ],
)
def test_edit_goes_live(policy, reviewer, changed, limit, live):
    assert edit_goes_live(policy, reviewer, changed, limit) is live


@pytest.mark.parametrize(
    "args, code",
    [
        (("anyone", True, 1, 1), "unknown_edit_policy"),
        ((EDIT_REVIEWERS, True, -1, 1), "bad_size"),
        ((EDIT_REVIEWERS, True, 1, -1), "bad_size"),
        ((EDIT_REVIEWERS, True, 1.5, 1), "bad_size"),
        ((EDIT_REVIEWERS, True, True, 1), "bad_size"),
    ],
)
def test_edit_goes_live_bad_input(args, code):
    with pytest.raises(DomainError) as caught:
        edit_goes_live(*args)
    assert caught.value.code == code


def test_edit_policies_are_the_three():
    assert EDIT_POLICIES == ("review_all", "minor_by_reviewers", "reviewers")
