"""Tier 1: Chinese segmentation, script folding, query words (issue 14)."""

from crm_knowledge_lib import segment
from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.search import (
    build_search_query,
    index_document,
    query_terms,
    query_words,
    snippet,
    tokenize,
)
import pytest

# ------------------------------------------------------------- script folding


def test_traditional_folds_to_simplified_character_for_character():
    assert (
        segment.fold_script("營銷策劃與知識庫，項目經理")
        == "营销策划与知识库，项目经理"
    )
    assert segment.fold_script("营销策划") == "营销策划"  # simplified is kept
    assert segment.fold_script("ISO VG46 15w-40") == "ISO VG46 15w-40"
    text = "髮動機後來乾燥，發動機著火"
    assert len(segment.fold_script(text)) == len(text)


def test_fold_script_refuses_non_text():
    with pytest.raises(DomainError) as err:
        segment.fold_script(42)
    assert err.value.code == "not_text"


def test_both_scripts_give_the_same_tokens_and_queries():
    assert tokenize("營銷策劃") == tokenize("营销策划")
    assert build_search_query("知識庫") == build_search_query("知识库")
    doc = index_document("項目經理的能力", "")
    assert "项目经理" in doc.title_tokens.split()


# ---------------------------------------------------------------- segmentation


def test_words_have_offsets_in_the_run():
    assert segment.words("秦皇岛煤价", search_mode=False) == [
        ("秦皇岛", 0, 3),
        ("煤价", 3, 5),
    ]
    # search mode also yields the words inside a long word
    assert [w for w, _s, _e in segment.words("项目经理")] == [
        "项目",
        "经理",
        "项目经理",
    ]


def test_suite_vocabulary_is_loaded():
    vocabulary = segment.user_words()
    assert "动力煤" in vocabulary and "柴油机油" in vocabulary
    assert [w for w, _s, _e in segment.words("电厂存煤天数", search_mode=False)] == [
        "电厂",
        "存煤天数",
    ]


def test_add_user_words_teaches_the_segmenter():
    before = [w for w, _s, _e in segment.words("玉柴凯龙机", search_mode=False)]
    assert "玉柴凯龙机" not in before
    assert segment.add_user_words(["玉柴凯龙机", "  ", "with space", "x" * 40]) == 1
    assert segment.add_user_words(["玉柴凯龙机"]) == 0  # already known
    after = [w for w, _s, _e in segment.words("玉柴凯龙机", search_mode=False)]
    assert after == ["玉柴凯龙机"]
    assert "玉柴凯龙机" in segment.user_words()
    assert "with space" not in segment.user_words()


def test_add_user_words_refuses_one_string_and_non_text():
    with pytest.raises(DomainError) as err:
        segment.add_user_words("润滑油")
    assert err.value.code == "not_a_list"
    with pytest.raises(DomainError) as err:
        segment.add_user_words([42])
    assert err.value.code == "not_text"


# ---------------------------------------------------------------- query words


def test_query_words_of_the_issue_examples():
    def texts(query):
        return [word.text for word in query_words(query)]

    assert texts("CRM实施阶段") == ["crm", "实施", "阶段"]
    assert texts("煤炭需求下降原因") == ["煤炭", "需求", "下降", "原因"]
    assert texts("秦皇岛 煤价") == ["秦皇岛", "煤价"]
    assert texts("电厂 存煤") == ["电厂", "存煤"]
    assert texts("營銷管理") == ["营销", "管理"]
    assert texts("项目经理 能力") == ["项目经理", "能力"]


def test_a_long_word_matches_itself_or_all_its_parts():
    [word] = query_words("配件管理")  # one word of the suite's vocabulary
    assert [[t.text for t in alt] for alt in word.alternatives] == [
        ["配件管理"],
        ["配件", "管理"],  # 配件的管理 has both
    ]
    [word] = query_words("知识库")  # jieba's parts do not cover 库: bigrams
    assert [[t.text for t in alt] for alt in word.alternatives] == [
        ["知识库"],
        ["知识", "识库"],
    ]


def test_lone_characters_between_words_are_dropped_unless_alone():
    assert [w.text for w in query_words("配件的管理")] == ["配件", "管理"]
    [word] = query_words("油")
    assert word.alternatives[0][0].prefix


def test_search_query_any_all_and_title_forms():
    query = build_search_query("秦皇岛 煤价")
    assert query.words == ("( '秦皇岛' | '秦皇' & '皇岛' )", "'煤价'")
    # any: also the words inside a long word (秦皇 in 秦皇岛), ranked after full matches
    assert query.partial == ("'秦皇'",)
    assert query.any == "( '秦皇岛' | '秦皇' & '皇岛' ) | '煤价' | '秦皇'"
    assert query.all == "( '秦皇岛' | '秦皇' & '皇岛' ) & '煤价'"
    assert query.title_words == ("( '秦皇岛':A | '秦皇':A & '皇岛':A )", "'煤价':A")
    assert build_search_query("油").title_words == ("'油':*A",)
    assert build_search_query("，。") is None


def test_every_query_term_is_indexed_by_its_own_text():
    doc = index_document("CRM实施分为五个阶段", "<p>配件的管理，營銷策劃</p>")
    indexed = set(doc.all_tokens.split())
    for query in ("CRM实施阶段", "营销策划", "配件"):
        for word in query_words(query):
            assert any(
                all(any(t.matches(tok) for tok in indexed) for t in alt)
                for alt in word.alternatives
            ), (query, word.text)
    assert {t.text for t in query_terms("配件管理")} == {"配件管理", "配件", "管理"}


def test_snippet_marks_traditional_text_for_a_simplified_query():
    assert (
        snippet("我們的營銷策劃很好", "营销策划") == "我們的<mark>營銷策劃</mark>很好"
    )
