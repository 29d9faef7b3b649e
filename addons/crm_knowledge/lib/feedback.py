"""Helpful / not-helpful votes: ratio and Wilson score bounds.

The plain ratio is what readers see ("80 % found this helpful"); ranking by
it would put an article with one helpful vote (100 %) above one with 95 out
of 100.  Reports therefore rank by the Wilson score interval of the helpful
share (Wilson, 1927): "most useful" by its lower bound (descending), "least
useful" by the lower bound of the *not helpful* share, which is ``1 -`` the
upper bound of the helpful share (descending).  With no votes the interval
is ``[0, 1]``: nothing is known.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from .common import DomainError

__all__ = [
    "helpfulness_ratio",
    "wilson_interval",
    "wilson_lower_bound",
    "most_useful_score",
    "least_useful_score",
]


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError(
            "bad_vote_count", f"{what} must be a whole number >= 0, got {value!r}."
        )
    return value


def _z(confidence: float) -> float:
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, (int, float))
        or not (0 < confidence < 1)
    ):
        raise DomainError(
            "bad_confidence",
            f"The confidence must be between 0 and 1 (exclusive), got {confidence!r}.",
        )
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def helpfulness_ratio(helpful: int, not_helpful: int) -> float | None:
    """``helpful / (helpful + not_helpful)``, or ``None`` when nobody voted.

    :raises DomainError: ``bad_vote_count`` for negative or non-integer counts.
    """
    helpful = _count(helpful, "The helpful count")
    not_helpful = _count(not_helpful, "The not-helpful count")
    total = helpful + not_helpful
    return helpful / total if total else None


def wilson_interval(
    helpful: int, not_helpful: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Wilson score interval ``(low, high)`` of the helpful share.

    Without votes the interval is ``(0.0, 1.0)``.

    :raises DomainError: ``bad_vote_count`` / ``bad_confidence``.
    """
    helpful = _count(helpful, "The helpful count")
    not_helpful = _count(not_helpful, "The not-helpful count")
    z = _z(confidence)
    n = helpful + not_helpful
    if not n:
        return 0.0, 1.0
    p = helpful / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    # No helpful (no unhelpful) vote: the bound is exactly 0 (1); the
    # formula would leave a rounding residue.
    low = (centre - margin) / denominator if helpful else 0.0
    high = (centre + margin) / denominator if not_helpful else 1.0
    return max(0.0, min(1.0, low)), max(0.0, min(1.0, high))


def wilson_lower_bound(
    helpful: int, not_helpful: int, confidence: float = 0.95
) -> float:
    """Lower bound of the Wilson interval of the helpful share (0.0 without votes)."""
    return wilson_interval(helpful, not_helpful, confidence)[0]


def most_useful_score(
    helpful: int, not_helpful: int, confidence: float = 0.95
) -> float:
    """Sort key, descending, of the "most useful articles" report."""
    return wilson_lower_bound(helpful, not_helpful, confidence)


def least_useful_score(
    helpful: int, not_helpful: int, confidence: float = 0.95
) -> float:
    """Sort key, descending, of the "least useful articles" report.

    Articles confidently found unhelpful come first.
    """
    return wilson_lower_bound(not_helpful, helpful, confidence)
