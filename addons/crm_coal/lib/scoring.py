"""Key-account (大户) score, grade and credit limit.

Score
    Each criterion (ownership, credit, production scale, operating condition,
    cooperation history by default — any names may be configured) is scored
    0–100.  Weights are any non-negative numbers with a positive total; they
    are normalised, so ``{a: 3, b: 1}`` means 75 % / 25 %.  A criterion with
    weight 0 is disabled and need not be scored.  Every weighted criterion
    must be scored, and a score for a criterion without a weight is refused
    (it would silently not count).  The score is rounded half up to 2
    decimals.

Grade
    ``A`` (strategic partner) when score ≥ ``a_min`` (default 80), ``B`` (key
    account) when score ≥ ``b_min`` (default 60), else ``C`` (market
    customer).  A score equal to a threshold gets the higher grade.

Credit limit
    Looked up from a ``{grade: limit}`` mapping configured per company; a
    limit of ``None`` means "no limit".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .common import (
    DECIMAL_PRECISION,
    DomainError,
    Number,
    check_non_negative,
    round_half_up,
    to_decimal,
)

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "GRADE_A",
    "GRADE_B",
    "GRADE_C",
    "GRADES",
    "AccountRating",
    "key_account_score",
    "grade_for_score",
    "credit_limit_for_grade",
    "rate_key_account",
]

#: Default criteria, in display order.
CRITERIA = (
    "ownership",
    "credit",
    "production_scale",
    "operating_condition",
    "cooperation_history",
)
#: Default weights: all criteria count equally.
DEFAULT_WEIGHTS: Mapping[str, float] = {name: 1.0 for name in CRITERIA}

GRADE_A = "A"
GRADE_B = "B"
GRADE_C = "C"
GRADES = (GRADE_A, GRADE_B, GRADE_C)


def _check_score(value: Number, name: str) -> Decimal:
    dec = to_decimal(value, name)
    if dec < 0 or dec > 100:
        raise DomainError(
            "score_out_of_range",
            f"{name} must be between 0 and 100, got {value}",
            field=name,
            value=value,
        )
    return dec


def key_account_score(
    scores: Mapping[str, Number], weights: Mapping[str, Number] | None = None
) -> float:
    """Weighted average of the criterion ``scores`` (0–100) with normalised ``weights``.

    ``weights`` defaults to :data:`DEFAULT_WEIGHTS`.  Rounded half up to 2 decimals.
    """
    weights = DEFAULT_WEIGHTS if weights is None else weights
    if not weights:
        raise DomainError(
            "no_criterion_weight", "at least one criterion weight is required"
        )
    checked = {
        name: check_non_negative(weight, f"weight of {name}")
        for name, weight in weights.items()
    }
    total_weight = sum(checked.values(), Decimal(0))
    if total_weight == 0:
        raise DomainError(
            "zero_criterion_weights", "the criterion weights must not all be zero"
        )
    unknown = sorted(set(scores) - set(checked))
    if unknown:
        raise DomainError(
            "unknown_criterion",
            f"no weight for criterion {', '.join(unknown)}",
            criteria=tuple(unknown),
        )
    missing = [
        name for name, weight in checked.items() if weight > 0 and name not in scores
    ]
    if missing:
        raise DomainError(
            "missing_criterion_score",
            f"missing score for criterion {', '.join(missing)}",
            criteria=tuple(missing),
        )
    with localcontext() as ctx:
        ctx.prec = DECIMAL_PRECISION
        weighted = sum(
            (
                _check_score(scores[name], f"score of {name}") * weight
                for name, weight in checked.items()
                if name in scores
            ),
            Decimal(0),
        )
        return round_half_up(weighted / total_weight)


def _check_thresholds(a_min: Number, b_min: Number) -> tuple[Decimal, Decimal]:
    a = _check_score(a_min, "grade A threshold")
    b = _check_score(b_min, "grade B threshold")
    if b > a:
        raise DomainError(
            "grade_thresholds_inverted",
            f"grade B threshold {b_min} must not be above grade A threshold {a_min}",
            a_min=a_min,
            b_min=b_min,
        )
    return a, b


def grade_for_score(score: Number, a_min: Number = 80, b_min: Number = 60) -> str:
    """Grade ``'A'``, ``'B'`` or ``'C'`` of a 0–100 score (thresholds inclusive)."""
    a, b = _check_thresholds(a_min, b_min)
    value = _check_score(score, "score")
    if value >= a:
        return GRADE_A
    if value >= b:
        return GRADE_B
    return GRADE_C


def credit_limit_for_grade(
    grade: str, limits: Mapping[str, Number | None]
) -> float | None:
    """Credit limit configured for ``grade``; ``None`` means unlimited.

    Raises if the grade is unknown or has no entry in ``limits``, or if a
    limit is negative.
    """
    if grade not in GRADES:
        raise DomainError(
            "unknown_grade",
            f"grade must be one of A, B, C, got {grade!r}",
            grade=repr(grade),
        )
    if grade not in limits:
        raise DomainError(
            "no_credit_limit",
            f"no credit limit configured for grade {grade}",
            grade=grade,
        )
    limit = limits[grade]
    if limit is None:
        return None
    return float(check_non_negative(limit, f"credit limit of grade {grade}"))


@dataclass(frozen=True)
class AccountRating:
    """Score, grade and credit limit of a key account."""

    score: float
    grade: str
    credit_limit: float | None


def rate_key_account(
    scores: Mapping[str, Number],
    limits: Mapping[str, Number | None],
    weights: Mapping[str, Number] | None = None,
    a_min: Number = 80,
    b_min: Number = 60,
) -> AccountRating:
    """Score, grade (on the rounded score) and credit limit in one call."""
    score = key_account_score(scores, weights)
    grade = grade_for_score(score, a_min, b_min)
    return AccountRating(score, grade, credit_limit_for_grade(grade, limits))
