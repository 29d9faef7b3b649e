"""Tier 1: crm_coal key-account score, grade and credit limit (spec §1.1)."""

import re

from crm_coal_lib.common import DomainError
from crm_coal_lib.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    AccountRating,
    credit_limit_for_grade,
    grade_for_score,
    key_account_score,
    rate_key_account,
)
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


POWER_PLANT = {
    "ownership": 90,  # state-owned group
    "credit": 80,
    "production_scale": 70,
    "operating_condition": 85,
    "cooperation_history": 75,
}
WEIGHTS = {
    "ownership": 30,
    "credit": 25,
    "production_scale": 20,
    "operating_condition": 15,
    "cooperation_history": 10,
}
LIMITS = {"A": 5_000_000, "B": 2_000_000, "C": 0}


def test_default_criteria_count_equally():
    assert CRITERIA == (
        "ownership",
        "credit",
        "production_scale",
        "operating_condition",
        "cooperation_history",
    )
    assert set(DEFAULT_WEIGHTS) == set(CRITERIA)
    assert key_account_score(POWER_PLANT) == 80.0  # (90+80+70+85+75) / 5


def test_weighted_score():
    # 90×.30 + 80×.25 + 70×.20 + 85×.15 + 75×.10 = 27 + 20 + 14 + 12.75 + 7.5
    assert key_account_score(POWER_PLANT, WEIGHTS) == 81.25


def test_weights_are_normalised():
    assert key_account_score({"a": 100, "b": 0}, {"a": 3, "b": 1}) == 75.0
    assert key_account_score({"a": 100, "b": 0}, {"a": 0.75, "b": 0.25}) == 75.0
    assert (
        key_account_score({"a": 100, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 1}) == 33.33
    )
    assert key_account_score({"a": 100, "b": 0}, {"a": 2, "b": 1}) == 66.67


def test_zero_weight_disables_a_criterion():
    assert key_account_score({"a": 70}, {"a": 1, "b": 0}) == 70.0
    assert key_account_score({"a": 70, "b": 10}, {"a": 1, "b": 0}) == 70.0


@pytest.mark.parametrize(
    "scores, weights, message",
    [
        (
            {"ownership": 90},
            None,
            "missing score for criterion credit, production_scale, operating_condition,"
            " cooperation_history",
        ),
        ({"a": 50, "b": 50, "z": 1}, {"a": 1, "b": 1}, "no weight for criterion z"),
        ({"a": 50}, {"a": -1}, "weight of a must not be negative, got -1"),
        ({"a": 50}, {"a": 0, "b": 0}, "the criterion weights must not all be zero"),
        ({"a": 50}, {}, "at least one criterion weight is required"),
        ({"a": 101}, {"a": 1}, "score of a must be between 0 and 100, got 101"),
        ({"a": -0.5}, {"a": 1}, "score of a must be between 0 and 100, got -0.5"),
        ({"a": None}, {"a": 1}, "score of a must be a number, got None"),
    ],
)
def test_score_bad_input(scores, weights, message):
    with raises(message):
        key_account_score(scores, weights)


@pytest.mark.parametrize(
    "score, grade",
    [(100, "A"), (80, "A"), (79.99, "B"), (60, "B"), (59.99, "C"), (0, "C")],
)
def test_grade_default_thresholds(score, grade):
    assert grade_for_score(score) == grade


def test_grade_custom_thresholds():
    assert grade_for_score(85, a_min=90, b_min=70) == "B"
    assert grade_for_score(90, a_min=90, b_min=70) == "A"
    assert grade_for_score(69.9, a_min=90, b_min=70) == "C"
    assert grade_for_score(50, a_min=50, b_min=50) == "A"  # no B band
    assert grade_for_score(0, a_min=0, b_min=0) == "A"


@pytest.mark.parametrize(
    "args, message",
    [
        ((70, 60, 80), "grade B threshold 80 must not be above grade A threshold 60"),
        ((120,), "score must be between 0 and 100, got 120"),
        ((70, 101), "grade A threshold must be between 0 and 100, got 101"),
        ((70, 80, -1), "grade B threshold must be between 0 and 100, got -1"),
    ],
)
def test_grade_bad_input(args, message):
    with raises(message):
        grade_for_score(*args)


def test_credit_limit_for_grade():
    assert credit_limit_for_grade("A", LIMITS) == 5_000_000.0
    assert credit_limit_for_grade("C", LIMITS) == 0.0
    assert credit_limit_for_grade("A", {"A": None}) is None


@pytest.mark.parametrize(
    "grade, limits, message",
    [
        ("D", LIMITS, "grade must be one of A, B, C, got 'D'"),
        ("a", LIMITS, "grade must be one of A, B, C, got 'a'"),
        ("B", {"A": 1}, "no credit limit configured for grade B"),
        ("B", {"B": -1}, "credit limit of grade B must not be negative, got -1"),
    ],
)
def test_credit_limit_bad_input(grade, limits, message):
    with raises(message):
        credit_limit_for_grade(grade, limits)


def test_rate_key_account():
    assert rate_key_account(POWER_PLANT, LIMITS, WEIGHTS) == AccountRating(
        81.25, "A", 5_000_000.0
    )
    assert rate_key_account(
        POWER_PLANT, LIMITS, WEIGHTS, a_min=85, b_min=70
    ) == AccountRating(81.25, "B", 2_000_000.0)
    # the grade is taken on the rounded score that users see: 79.996 shows as 80.00
    assert rate_key_account({"a": 79.996}, LIMITS, {"a": 1}).grade == "A"
    assert rate_key_account({"a": 40}, LIMITS, {"a": 1}) == AccountRating(
        40.0, "C", 0.0
    )
