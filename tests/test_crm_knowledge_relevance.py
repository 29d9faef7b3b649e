"""Tier 1: search-quality measures and the BM25 baseline (lib/relevance.py)."""

import math

from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.relevance import (
    bm25_rank,
    dcg,
    ndcg_at,
    precision_at,
    reciprocal_rank,
)
import pytest

JUDGED = {"a": 3, "b": 1, "c": 0}


def test_precision_counts_relevant_places_over_k():
    assert precision_at(["a", "x", "b", "c", "y"], JUDGED, 5) == 2 / 5
    assert precision_at(["a"], JUDGED, 5) == 1 / 5  # missing places are not relevant
    assert precision_at([], JUDGED, 5) == 0.0


def test_reciprocal_rank_is_one_over_the_first_relevant_place():
    assert reciprocal_rank(["c", "x", "b", "a"], JUDGED) == 1 / 3
    assert reciprocal_rank(["c", "x"], JUDGED) == 0.0


def test_ndcg_by_hand():
    # ranked b (grade 1) then a (grade 3): (1/1 + 7/log2 3) / (7/1 + 1/log2 3)
    expected = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg_at(["b", "a"], JUDGED, 10) == pytest.approx(expected)
    assert round(expected, 4) == 0.7098
    assert ndcg_at(["a", "b"], JUDGED, 10) == pytest.approx(1.0)
    assert ndcg_at(["a", "b"], {"z": 0}, 10) == 0.0  # nothing relevant
    # the cut-off drops b's gain: 7 / (7 + 1/log2 3)
    assert ndcg_at(["a", "x", "b"], JUDGED, 2) == pytest.approx(
        7 / (7 + 1 / math.log2(3))
    )
    assert dcg([3, 0, 1]) == pytest.approx(7 + 1 / 2)


def test_bad_cutoff():
    for bad in (0, -1, 2.5, True):
        with pytest.raises(DomainError) as err:
            precision_at([], JUDGED, bad)
        assert err.value.code == "bad_cutoff"


def test_bm25_by_hand():
    docs = {"d1": ["煤价", "下跌", "煤价"], "d2": ["煤价"], "d3": ["电厂", "存煤"]}
    # N = 3, avgdl = 2; idf(煤价) = ln(1 + 1.5/2.5), idf(电厂) = ln(1 + 2.5/1.5)
    idf = math.log(1 + 1.5 / 2.5)
    d1 = idf * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2))
    d2 = idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 1 / 2))
    assert d2 > d1  # the short document wins although d1 repeats the word
    assert bm25_rank(docs, ["煤价"]) == ["d2", "d1"]
    assert bm25_rank(docs, ["电厂", "煤价"]) == ["d3", "d2", "d1"]
    assert bm25_rank(docs, ["无"]) == []
    assert bm25_rank({}, ["煤价"]) == []
