"""Tier 1: helpful / not-helpful votes (crm_knowledge)."""

from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.feedback import (
    helpfulness_ratio,
    least_useful_score,
    most_useful_score,
    wilson_interval,
    wilson_lower_bound,
)
import pytest


def test_helpfulness_ratio():
    assert helpfulness_ratio(3, 1) == 0.75
    assert helpfulness_ratio(0, 4) == 0.0
    assert helpfulness_ratio(5, 0) == 1.0
    assert helpfulness_ratio(0, 0) is None


def test_wilson_known_values():
    # one helpful vote: lower bound 1 / (1 + z^2) with z = 1.959964
    assert wilson_lower_bound(1, 0) == pytest.approx(0.20654, abs=1e-5)
    assert wilson_lower_bound(5, 0) == pytest.approx(5 / (5 + 1.959964**2), abs=1e-6)
    low, high = wilson_interval(8, 2)
    assert low == pytest.approx(0.49016, abs=1e-5)
    assert high == pytest.approx(0.94332, abs=1e-5)
    assert (
        wilson_lower_bound(8, 2, confidence=0.80) > low
    )  # less confidence, tighter bound


def test_no_votes_means_nothing_is_known():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_lower_bound(0, 0) == 0.0


def test_bounds_stay_in_unit_interval():
    for helpful, not_helpful in [(0, 1), (1, 0), (1000, 0), (0, 1000), (3, 7)]:
        low, high = wilson_interval(helpful, not_helpful)
        assert 0.0 <= low <= helpful / (helpful + not_helpful) <= high <= 1.0


def test_most_useful_prefers_evidence_over_small_perfect_scores():
    assert most_useful_score(95, 5) > most_useful_score(1, 0)
    assert most_useful_score(95, 5) > most_useful_score(9, 1)
    assert most_useful_score(1, 0) > most_useful_score(0, 0)
    assert most_useful_score(50, 50) > most_useful_score(5, 5)


def test_least_useful_is_confidently_unhelpful_first():
    assert least_useful_score(5, 95) > least_useful_score(0, 1)
    assert least_useful_score(0, 1) > least_useful_score(0, 0) == 0.0
    assert least_useful_score(3, 7) == pytest.approx(1 - wilson_interval(3, 7)[1])


@pytest.mark.parametrize(
    ("helpful", "not_helpful"),
    [(-1, 0), (0, -2), (1.5, 0), ("3", 1), (True, 0), (None, 0)],
)
def test_bad_counts_are_refused(helpful, not_helpful):
    with pytest.raises(DomainError) as err:
        helpfulness_ratio(helpful, not_helpful)
    assert err.value.code == "bad_vote_count"
    with pytest.raises(DomainError):
        wilson_interval(helpful, not_helpful)


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1, "0.95", True])
def test_bad_confidence_is_refused(confidence):
    with pytest.raises(DomainError) as err:
        wilson_lower_bound(3, 1, confidence=confidence)
    assert err.value.code == "bad_confidence"
