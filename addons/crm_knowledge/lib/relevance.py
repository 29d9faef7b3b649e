"""Measures of search quality over a judged collection, and a BM25 baseline.

Used by the relevance test of the Odoo tier (``tests/test_relevance.py``) to
compare the addon's search with a jieba + BM25 ranking computed in the same
test.  Judgments are graded 0 (not relevant) to 3 (what the query asks for);
an article without a judgment counts 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
import math

from .common import DomainError

__all__ = [
    "BM25_B",
    "BM25_K1",
    "bm25_rank",
    "dcg",
    "ndcg_at",
    "precision_at",
    "reciprocal_rank",
]

BM25_K1 = 1.2
BM25_B = 0.75


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise DomainError(
            "bad_cutoff", f"The cut-off must be an integer >= 1, got {k!r}."
        )


def precision_at(ranked: Sequence[str], judgments: Mapping[str, int], k: int) -> float:
    """Share of the first ``k`` places holding a relevant (grade >= 1) article;
    missing places count as not relevant.

    >>> precision_at(["a", "b", "c"], {"a": 3, "c": 1}, 5)
    0.4
    """
    _check_k(k)
    return sum(1 for key in ranked[:k] if judgments.get(key, 0) > 0) / k


def reciprocal_rank(ranked: Sequence[str], judgments: Mapping[str, int]) -> float:
    """1 / place of the first relevant article, 0 when none is found.

    >>> reciprocal_rank(["x", "a"], {"a": 2})
    0.5
    """
    for place, key in enumerate(ranked, start=1):
        if judgments.get(key, 0) > 0:
            return 1 / place
    return 0.0


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulated gain, gain ``2**grade - 1`` at ``log2(place + 1)``."""
    return sum(
        (2**grade - 1) / math.log2(place + 1) for place, grade in enumerate(grades, 1)
    )


def ndcg_at(ranked: Sequence[str], judgments: Mapping[str, int], k: int) -> float:
    """DCG of the first ``k`` results over the DCG of the ideal order of the
    judged articles; 0.0 when no article is relevant.

    >>> round(ndcg_at(["b", "a"], {"a": 3, "b": 1}, 10), 4)
    0.7098
    """
    _check_k(k)
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg([judgments.get(key, 0) for key in ranked[:k]]) / ideal


def bm25_rank(
    documents: Mapping[str, Sequence[str]],
    query: Sequence[str],
    *,
    k1: float = BM25_K1,
    b: float = BM25_B,
) -> list[str]:
    """Keys of the documents holding at least one query token, best BM25 score
    first (ties: key order).  ``documents`` maps a key to its tokens.

    ``idf = ln(1 + (N - df + 0.5) / (df + 0.5))`` (Lucene's, never negative);
    a query token counts once.
    """
    count = len(documents)
    if not count:
        return []
    frequencies = {key: Counter(tokens) for key, tokens in documents.items()}
    average = sum(len(tokens) for tokens in documents.values()) / count or 1.0
    terms = list(dict.fromkeys(query))
    document_frequency = {
        term: sum(1 for tf in frequencies.values() if term in tf) for term in terms
    }
    scores = []
    for key, tf in frequencies.items():
        length = len(documents[key])
        score = 0.0
        for term in terms:
            f = tf.get(term, 0)
            if not f:
                continue
            df = document_frequency[term]
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            score += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * length / average))
        if score > 0:
            scores.append((-score, key))
    return [key for _score, key in sorted(scores)]
