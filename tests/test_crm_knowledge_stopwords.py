"""Tier 1: stop words and the text score of suggestions (issue 14, item 3)."""

from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.search import (
    STOP_WORDS,
    is_stop_word,
    keywords_query,
    query_words,
    suggestion_text_score,
)
import pytest


@pytest.mark.parametrize(
    "word",
    ["的", "了", "是", "导致", "我们", "这是", "the", "and", "for", "50", "2024", "a"],
)
def test_stop_words(word):
    assert is_stop_word(word)


@pytest.mark.parametrize(
    "word", ["水泵", "发动机", "煤价", "chairs", "ch 4", "15 w 40", "p 0087"]
)
def test_subject_words_are_kept(word):
    assert not is_stop_word(word)


def test_every_stop_word_is_one_query_word():
    """Each entry is spelled as the query cuts it (folded, one word), else it would
    never be recognised."""
    for word in STOP_WORDS:
        assert [w.text for w in query_words(word)] == [word], word


def test_keywords_without_stop_words():
    # a lead named "Quotation for 50 Chairs" is about quotations and chairs
    assert keywords_query("Quotation for 50 Chairs", drop_stop_words=True) == (
        "quotation chairs"
    )
    assert keywords_query("Quotation for 50 Chairs") == "quotation for 50 chairs"
    # 导致 and the function characters say nothing of a water-pump claim
    assert (
        keywords_query("水泵漏水导致发动机过热，的 了 是", drop_stop_words=True)
        == "水泵 漏水 发动机 过热"
    )
    # grades and codes are not numbers alone
    assert (
        keywords_query("The oil and the 15W-40 grade P0087", drop_stop_words=True)
        == "oil 15-w-40 grade p-0087"
    )
    assert keywords_query("的 了 是 the and 50", drop_stop_words=True) == ""


def test_stop_words_do_not_use_up_the_terms():
    text = "the and for of " * 10 + "润滑油 粘度"
    assert keywords_query(text, max_terms=4, drop_stop_words=True) == "润滑油 粘度"


def test_suggestion_text_score():
    assert suggestion_text_score(0, 0) == 0
    assert suggestion_text_score(1, 0) == 1  # one word in the body: under 2
    assert suggestion_text_score(1, 1) == 2  # one word, in the title
    assert suggestion_text_score(2, 0) == 2
    assert suggestion_text_score(4, 3) == 7


@pytest.mark.parametrize(
    "coverage, in_title", [(1, 2), (-1, 0), (0, -1), (1.5, 0), (True, 0), ("1", 0)]
)
def test_suggestion_text_score_refuses_bad_counts(coverage, in_title):
    with pytest.raises(DomainError) as caught:
        suggestion_text_score(coverage, in_title)
    assert caught.value.code == "bad_coverage"


def test_is_stop_word_refuses_non_text():
    with pytest.raises(DomainError) as caught:
        is_stop_word(12)
    assert caught.value.code == "not_text"
