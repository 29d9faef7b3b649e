"""Tier 1: Chinese and mixed search: tokens, tsquery, snippets (ranked order: Odoo tier)."""

import re

from crm_knowledge_lib.common import DomainError, QueryError
from crm_knowledge_lib.search import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    MAX_TOKEN_LENGTH,
    QueryTerm,
    build_tsquery,
    index_document,
    keywords_query,
    match_share,
    prefer_ordered_scan,
    query_terms,
    quote_lexeme,
    snippet,
    tokenize,
)
import pytest

# A tsquery made only of quoted lexemes (no quote or backslash inside), each
# optionally a prefix, joined by one operator, words grouped in parentheses.
_LEXEME = r"'[^'\\\s]+'(:\*)?"
_GROUP = rf"(\( {_LEXEME}( [&|] {_LEXEME})* \)|{_LEXEME})"
SAFE_TSQUERY = re.compile(rf"^{_GROUP}( [&|] {_GROUP})*$")


# ------------------------------------------------------------------ tokenizer


def test_cjk_run_becomes_bigrams_plus_closing_unigram_when_indexing():
    # issue 14: jieba words of three characters or more are indexed too, at their start
    assert tokenize("润滑油") == ["润滑油", "润滑", "滑油", "油"]
    assert tokenize("润滑油", for_query=True) == ["润滑", "滑油"]
    assert tokenize("粘度") == ["粘度", "度"]  # a two-character word is its bigram


def test_isolated_ideograph_is_a_unigram():
    assert tokenize("A 级 B") == ["a", "级", "b"]
    assert tokenize("级", for_query=True) == ["级"]


def test_punctuation_splits_cjk_runs():
    assert tokenize("粘度，等级。", for_query=True) == ["粘度", "等级"]


def test_latin_words_are_lowercased_and_split_at_letter_digit_boundaries():
    assert tokenize("API SN Plus, ISO VG46") == ["api", "sn", "plus", "iso", "vg", "46"]
    assert tokenize("snake_case x86-64") == ["snake", "case", "x", "86", "64"]


def test_mixed_chinese_and_english_without_spaces():
    assert tokenize("CH-4柴油机油", for_query=True) == [
        "ch",
        "4",
        "柴油",
        "油机",
        "机油",
    ]
    assert tokenize("使用SAE15W-40机油") == [
        "使用",
        "用",
        "sae",
        "15",
        "w",
        "40",
        "机油",
        "油",
    ]


def test_full_width_input_is_folded():
    assert tokenize("１５Ｗ－４０　ＡＰＩ　ＣＨ－４") == [
        "15",
        "w",
        "40",
        "api",
        "ch",
        "4",
    ]


@pytest.mark.parametrize(
    "spelling", ["15W-40", "15W40", "15w/40", "15W 40", "１５Ｗ－４０", "15 w-40"]
)
def test_every_grade_spelling_gives_the_same_atoms(spelling):
    assert tokenize(spelling, for_query=True) == ["15", "w", "40"]


def test_tokens_are_alphanumeric_only():
    text = "a'b \"c\" d&e|f!g:h(i)j\\k <-> *l* 润滑'油 ＡＢ－１ 10.5% e-mail@host.com ½"
    tokens = tokenize(text) + tokenize(text, for_query=True)
    assert tokens
    assert all(token.isalnum() for token in tokens), tokens


def test_overlong_atoms_are_dropped():
    blob = "a" * (MAX_TOKEN_LENGTH + 1)
    assert tokenize(f"oil {blob} grease") == ["oil", "grease"]
    assert tokenize("b" * MAX_TOKEN_LENGTH) == ["b" * MAX_TOKEN_LENGTH]


def test_tokenize_empty_and_bad_input():
    assert tokenize(None) == []
    assert tokenize("") == []
    assert tokenize("!!! ---") == []
    with pytest.raises(DomainError) as err:
        tokenize(["润滑油"])
    assert err.value.code == "not_text"


# ------------------------------------------------------------------ tsquery


def test_build_tsquery_chinese_and_mixed():
    # issue 14: one group per word; a long word matches as itself or as all its parts
    assert build_tsquery("润滑油 粘度") == "( '润滑油' | '润滑' & '滑油' ) & '粘度'"
    assert build_tsquery("CH-4 柴油机油") == (
        "( 'ch' & '4' ) & ( '柴油机油' | '柴油' & '油机' & '机油' & '柴油机' )"
    )
    assert build_tsquery("１５Ｗ－４０") == "( '15' & 'w' & '40' )"


def test_build_tsquery_lone_ideograph_is_prefix():
    assert build_tsquery("油") == "'油':*"
    assert query_terms("A 油") == [QueryTerm("a"), QueryTerm("油", prefix=True)]


def test_build_tsquery_dedupes_and_any_mode():
    assert build_tsquery("Oil OIL oil ｏｉｌ") == "'oil'"
    # any: the words, then the words inside long words (润滑 in 润滑油)
    assert build_tsquery("润滑油 柴油", match_all=False) == (
        "( '润滑油' | '润滑' & '滑油' ) | '柴油' | '润滑'"
    )


@pytest.mark.parametrize(
    "query", [None, False, "", "   ", "!!!", "&|!():*", "''", "\\", "<->", "。，、"]
)
def test_build_tsquery_without_terms_is_none(query):
    assert build_tsquery(query) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("oil' | 'x", "'oil' & 'x'"),
        ("a:*", "'a'"),
        ("!(润滑)&|油:*", "'润滑' & '油':*"),
        ("'; DROP TABLE x; --", "'drop' & 'table' & 'x'"),
        ("a\\' & b", "'a' & 'b'"),
        ("(oil | grease) & !water", "'oil' & 'grease' & 'water'"),
        ("1<2>3 <-> 4", "( '1' & '2' & '3' ) & '4'"),
        ("it's", "( 'it' & 's' )"),
    ],
)
def test_build_tsquery_neutralises_hostile_input(query, expected):
    result = build_tsquery(query)
    assert result == expected
    assert SAFE_TSQUERY.match(result)


@pytest.mark.parametrize(
    "query",
    [
        "oil\"''\\\\'&|!:()<->*grease",
        "a''b\\\\c",
        "润滑'油\\粘度:*",
        "ＣＨ－４ & (柴油机油 | !汽油)",
        "x\u0000y\u200bz",
    ],
)
def test_build_tsquery_output_is_always_well_formed(query):
    result = build_tsquery(query)
    assert result is not None and SAFE_TSQUERY.match(result), result


def test_quote_lexeme_escapes_quotes_and_backslashes():
    assert quote_lexeme("a'b\\c") == "'a''b\\\\c'"
    assert quote_lexeme("润滑") == "'润滑'"


def test_query_limits():
    with pytest.raises(QueryError) as err:
        build_tsquery("a" * (MAX_QUERY_LENGTH + 1))
    assert err.value.code == "query_too_long"
    assert build_tsquery("a" * MAX_QUERY_LENGTH) is None  # one over-long atom: no term
    with pytest.raises(QueryError) as err:
        build_tsquery(" ".join(f"w{i}x" for i in range(40)))
    assert err.value.code == "too_many_terms"
    assert isinstance(err.value, ValueError)


def test_query_must_be_text():
    with pytest.raises(DomainError) as err:
        build_tsquery(123)
    assert err.value.code == "not_text"


# ------------------------------------------------------------------ indexing


def test_index_document_separates_title_and_body():
    doc = index_document(
        "柴油机油 CH-4",
        "<p>粘度&nbsp;15W-40</p><script>secret()</script>",
        ["Diesel", None, "ＡＰＩ"],
    )
    assert doc.title_tokens == "柴油机 柴油机油 柴油 油机 机油 油 ch 4 diesel api"
    assert doc.body_tokens == "粘度 度 15 w 40"
    assert doc.all_tokens == doc.title_tokens + " " + doc.body_tokens
    assert "secret" not in doc.all_tokens


def test_index_document_plain_body_and_empty_fields():
    doc = index_document(False, "a <b> c", body_is_html=False)
    assert doc.title_tokens == ""
    assert doc.body_tokens == "a b c"
    assert doc.all_tokens == "a b c"


def test_index_document_refuses_a_single_string_as_keywords():
    with pytest.raises(DomainError) as err:
        index_document("t", "b", "oil")
    assert err.value.code == "not_a_list"
    with pytest.raises(DomainError) as err:
        index_document("t", "b", [42])
    assert err.value.code == "not_text"


def test_indexed_tokens_match_their_query():
    doc = index_document(
        "", "<p>本品为 <b>API CH-4</b> 级柴油机油，粘度等级 １５Ｗ－４０。</p>"
    )
    indexed = set(doc.body_tokens.split())
    for query in ("CH-4 柴油机油", "15w40", "柴油", "级", "粘度等级"):
        terms = query_terms(query)
        assert all(any(t.matches(tok) for tok in indexed) for t in terms), query


# ------------------------------------------------------------------ snippets


def test_snippet_marks_chinese_match_in_context():
    body = "前言。" * 40 + "关于润滑油的粘度等级，请参考标准。" + "附录。" * 40
    result = snippet(body, "润滑油 粘度", width=40)
    assert "<mark>润滑油</mark>的<mark>粘度</mark>等级" in result
    assert result.startswith("…") and result.endswith("…")
    visible = result.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert len(visible) <= 40


def test_snippet_marks_original_full_width_text_and_joins_grade():
    result = snippet("推荐粘度 １５Ｗ－４０ 与 API CH-4。", "15w40 ch4")
    assert result == "推荐粘度 <mark>１５Ｗ－４０</mark> 与 API <mark>CH-4</mark>。"


def test_snippet_lone_ideograph_marks_one_character():
    assert snippet("柴油机", "油") == "柴<mark>油</mark>机"


def test_snippet_escapes_the_body():
    result = snippet("<script>alert(1)</script> & oil grade", "oil")
    assert (
        result == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>oil</mark> grade"
    )
    assert "<script>" not in result


def test_snippet_without_match_starts_at_the_beginning_and_cuts_at_a_space():
    body = "Engine oil keeps engines clean and cool under heavy load for long hours"
    result = snippet(body, "grease", width=30)
    assert result == "Engine oil keeps engines clean…"
    assert snippet(body, "", width=200) == body


def test_snippet_custom_mark_without_escaping():
    assert snippet("a < b oil", "oil", mark=("[", "]"), escape=False) == "a < b [oil]"


def test_snippet_bad_width_and_empty_body():
    assert snippet("", "oil") == ""
    assert snippet(None, "oil") == ""
    for width in (5, 19, "40", 40.0, True):
        with pytest.raises(DomainError) as err:
            snippet("text", "oil", width=width)
        assert err.value.code == "bad_width"


def test_keywords_may_be_empty_field():
    assert index_document("t", "b", None).title_tokens == "t"
    assert index_document("t", "b", False).title_tokens == "t"
    assert index_document("t", "b", ["T"]).title_tokens == "t t"


# ------------------------------------------------------------ keywords_query


def test_keywords_query_keeps_distinct_terms_in_order():
    # words, not tokens (issue 14): 润滑油 holds three terms (itself, 润滑, 滑油)
    assert keywords_query("润滑油 润滑 API CK-4", max_terms=4) == "润滑油 润滑 api"
    assert keywords_query("润滑油 润滑 API CK-4", max_terms=6) == "润滑油 润滑 api ck-4"
    assert keywords_query("") == ""
    assert keywords_query("，。！") == ""


def test_keywords_query_always_builds_a_valid_query():
    long_text = " ".join(f"word{i}" for i in range(500)) + "冷车启动困难" * 50
    query = keywords_query(long_text)
    assert len(query_terms(query)) <= MAX_QUERY_TERMS
    assert len(query) <= MAX_QUERY_LENGTH
    assert SAFE_TSQUERY.match(build_tsquery(query, match_all=False))
    # every word of the query is one of the text's words
    assert query.split() == [f"word-{i}" for i in range(len(query.split()))]
    long_atoms = " ".join("x" * MAX_TOKEN_LENGTH + str(i) for i in range(40))
    assert len(keywords_query(long_atoms)) <= MAX_QUERY_LENGTH


def test_keywords_query_bad_arguments():
    with pytest.raises(DomainError) as caught:
        keywords_query("oil", max_terms=0)
    assert caught.value.code == "bad_max_terms"
    with pytest.raises(DomainError) as caught:
        keywords_query(42)
    assert caught.value.code == "not_text"


# ------------------------------------------------------- plan choice (issue 11)


def test_match_share_of_all_terms_is_the_rarest():
    shares = {"润滑": 0.5, "滑油": 0.6, "15": 0.4}
    assert match_share(build_tsquery("润滑油"), shares) == 0.5
    assert match_share(build_tsquery("润滑油 15"), shares) == 0.4


def test_match_share_of_any_term_is_the_sum_at_most_one():
    shares = {"润滑": 0.5, "滑油": 0.6, "凸轮": 0.1}
    assert match_share(build_tsquery("凸轮 x", match_all=False), shares, 0.01) == (
        pytest.approx(0.11)
    )
    # one word: itself (not listed: 0), both bigrams (at most the rarer: 0.5) or
    # its inner word 润滑 (0.5)
    assert match_share(build_tsquery("润滑油", match_all=False), shares) == 1.0
    assert match_share(build_tsquery("润滑油"), shares) == 0.5


def test_match_share_of_unlisted_and_prefix_terms():
    shares = {"油的": 0.3, "油品": 0.45}
    # the word or its bigrams: 0.002 + 0.002
    assert match_share(build_tsquery("凸轮轴"), shares, 0.002) == 0.004
    assert match_share(build_tsquery("油"), shares, 0.002) == 0.45
    assert match_share(build_tsquery("煤"), shares, 0.002) == 0.002


def test_match_share_reads_quoted_lexemes_back():
    assert match_share(quote_lexeme("a'b") + " & 'c'", {"a'b": 0.2, "c": 0.7}) == 0.2
    assert match_share(quote_lexeme("x\\y"), {"x\\y": 0.3}) == 0.3
    assert match_share("", {"a": 1.0}) == 0.0


def test_prefer_ordered_scan_only_for_frequent_matches_of_large_tables():
    assert prefer_ordered_scan(0.5, 10_000, 200)
    assert prefer_ordered_scan(0.07, 50_000, 200)
    assert not prefer_ordered_scan(0.01, 50_000, 200)
    assert not prefer_ordered_scan(0.9, 300, 200)  # fewer matches than twice the page
    assert not prefer_ordered_scan(0.5, 0, 200)
    assert not prefer_ordered_scan(0.0, 10_000, 200)
