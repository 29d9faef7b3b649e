"""Full-text search that works for Chinese, English and mixed text.

Technique
---------
PostgreSQL's text-search parser splits words at spaces and punctuation, so a
Chinese sentence, written without spaces, becomes one huge "word" and a
query for a word inside it finds nothing.  As Lucene's ``CJKAnalyzer`` does,
this module cuts the text itself, into tokens the default parser keeps
intact, and stores them as a space-separated *token string* per article.
PostgreSQL then only has to split that string at spaces
(``to_tsvector('simple', tokens)``), which it does, and a GIN index over that
expression answers the search.  The query goes through the very same
tokenizer and becomes a ``tsquery`` (:func:`build_tsquery`).

Tokenizer (both sides, after :func:`text.normalize` folding -- NFKC, so
full-width ``１５Ｗ－４０`` is ``15w-40``, and case folding):

* A run of CJK characters (Han ideographs, kana, Hangul) becomes its
  overlapping **bigrams**: ``润滑油`` -> ``润滑 滑油``.  A run of one character
  is a **unigram**.  When *indexing*, the last character of every longer run
  is also emitted as a unigram (``润滑油`` -> ``润滑 滑油 油``), so that every
  character of the text starts some token: a one-character query ``油`` is
  the prefix query ``'油':*`` and finds every text containing 油.
* A run of other letters and digits is split at every non-alphanumeric
  character *and* at every letter/digit boundary into lower-case **atoms**:
  ``15W-40`` -> ``15 w 40``, ``ISO VG46`` -> ``iso vg 46``, ``CH-4`` -> ``ch 4``,
  ``API SN`` -> ``api sn``.
  Decision on joined grade forms (``15w40``): they are *not* emitted.
  Because both sides are split into the same atoms, every spelling of a
  grade -- ``15W-40``, ``15W40``, ``15w/40``, ``15W 40``, ``１５Ｗ－４０`` --
  gives ``15 w 40`` and matches every other; a joined lexeme would only add
  index size, and would *miss* the spelled-apart forms if used in queries.
  Precision is restored by ranking: ``ts_rank_cd`` (cover density) prefers
  texts where the atoms are adjacent.
* Atoms longer than :data:`MAX_TOKEN_LENGTH` (hashes, base64 pasted as text)
  are dropped on both sides.

Every token is made only of alphanumeric characters, so the PostgreSQL
parser keeps it as one lexeme and no token can carry tsquery syntax.

Storage and SQL contract (implemented by the Odoo model)
--------------------------------------------------------
:func:`index_document` gives two token strings, stored on the article
(e.g. ``search_title_tokens`` and ``search_body_tokens``, recomputed when the
title, body, tags or products change), and the index is over::

    setweight(to_tsvector('simple', coalesce(search_title_tokens, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(search_body_tokens, '')), 'B')

The Odoo model keeps that expression in a generated ``tsvector`` column
(``search_vector``, ``GENERATED ALWAYS AS (<expression>) STORED``) and puts the
GIN index on the column: ranking then reads the stored vector instead of
parsing the tokens of every matching article again (an expression index
answers the match but not the rank).

The search is ``<that expression> @@ to_tsquery('simple', %s)`` with the
string of :func:`build_tsquery` passed as a query *parameter*, ordered by
``(state = 'published') DESC, ts_rank_cd(<expression>, <query>) DESC, id DESC``
(``crm.knowledge.article._search_knowledge_sql``; its order is tested in the Odoo
tier, ``tests/test_search.py``).  Only a bounded candidate set is ranked: the first
matches in the order published first, newest first (issue 11); :func:`match_share`
and :func:`prefer_ordered_scan` tell the model when a query is frequent enough for
PostgreSQL to walk that order rather than read every match through the GIN index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
import html
import re
from typing import NamedTuple
import unicodedata

from . import segment
from .common import DomainError, QueryError, ensure_text
from .text import CJK_CHARS, fold, html_to_text

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "MAX_TOKEN_LENGTH",
    "IndexedDocument",
    "QueryTerm",
    "QueryWord",
    "SearchQuery",
    "tokenize",
    "query_words",
    "build_search_query",
    "query_terms",
    "quote_lexeme",
    "build_tsquery",
    "keywords_query",
    "STOP_WORDS",
    "is_stop_word",
    "suggestion_text_score",
    "index_document",
    "snippet",
    "match_share",
    "prefer_ordered_scan",
]

MAX_QUERY_LENGTH = 500
"""Longest accepted query, in characters."""
MAX_QUERY_TERMS = 32
"""Most distinct tokens in one query (a pasted paragraph is refused)."""
MAX_TOKEN_LENGTH = 64
"""Longer letter/digit atoms are not indexed nor searched."""
MIN_SNIPPET_WIDTH = 20

_TOKEN_RE = re.compile(f"(?P<cjk>[{CJK_CHARS}]+)|(?P<word>[^\\W_{CJK_CHARS}]+)")
_ATOM_RE = re.compile(r"\d+|\D+")
_CJK_CHAR_RE = re.compile(f"[{CJK_CHARS}]")


class _Token(NamedTuple):
    text: str
    start: int  # offsets in the folded text
    end: int
    tail: bool  # the extra unigram closing a CJK run (index side only)


class QueryTerm(NamedTuple):
    """A query token; a ``prefix`` term (lone CJK character) matches as a prefix."""

    text: str
    prefix: bool = False

    def matches(self, token: str) -> bool:
        """Whether this term matches the indexed ``token`` (as ``@@`` would)."""
        if self.prefix:
            return token.startswith(self.text)
        return token == self.text


@dataclass(frozen=True)
class IndexedDocument:
    """Token strings of one article, stored and weighted A (title) and B (body)."""

    title_tokens: str
    body_tokens: str

    @property
    def all_tokens(self) -> str:
        """Both strings, for a single unweighted ``to_tsvector``."""
        return " ".join(s for s in (self.title_tokens, self.body_tokens) if s)


def _fold(text: str | None) -> tuple[str, list[int], list[int]]:
    """:func:`text.fold`, then traditional script folded to simplified (same length)."""
    folded, starts, ends = fold(text)
    return segment.fold_script(folded), starts, ends


def _scan(folded: str, for_query: bool) -> Iterator[_Token]:
    """Yield the tokens of already folded text (see the module docstring)."""
    for match in _TOKEN_RE.finditer(folded):
        start, end = match.span()
        run = match.group()
        if match.lastgroup == "cjk":
            if len(run) == 1:
                yield _Token(run, start, end, False)
                continue
            # words of three characters or more, at their start (two-character
            # words are bigrams already): rank and title matches see them
            long_words: dict[int, list[str]] = {}
            if not for_query:
                for word, w_start, w_end in segment.words(run):
                    if w_end - w_start > 2:
                        long_words.setdefault(w_start, []).append(word)
            for k in range(len(run) - 1):
                for word in long_words.get(k, ()):
                    yield _Token(word, start + k, start + k + len(word), False)
                yield _Token(run[k : k + 2], start + k, start + k + 2, False)
            if not for_query:
                yield _Token(run[-1], end - 1, end, True)
        else:
            for atom in _ATOM_RE.finditer(run):
                if len(atom.group()) <= MAX_TOKEN_LENGTH:
                    yield _Token(
                        atom.group(), start + atom.start(), start + atom.end(), False
                    )


def tokenize(text: str | None, *, for_query: bool = False) -> list[str]:
    """Return the search tokens of ``text``, in text order, duplicates kept.

    :param for_query: tokenize a query: no closing unigram after CJK runs.

    >>> tokenize("润滑油的粘度 SAE １５Ｗ－４０")
    ['润滑', '滑油', '油的', '的粘', '粘度', '度', 'sae', '15', 'w', '40']

    :raises DomainError: ``not_text`` if ``text`` is not a string.
    """
    return [tok.text for tok in _scan(_fold(text)[0], for_query)]


def _term(token: str) -> QueryTerm:
    return QueryTerm(token, prefix=len(token) == 1 and bool(_CJK_CHAR_RE.match(token)))


class QueryWord(NamedTuple):
    """One word of a query: it matches when any of its ``alternatives`` (each a
    tuple of terms that must all match) does.

    A Chinese word of three characters or more matches as itself (the indexed
    jieba word) or as all its parts (found even when the article was cut
    otherwise, see ``_parts_of``); a word of two characters is one term; a Latin or grade word
    (``15w-40``) is the AND of its atoms.
    """

    text: str
    alternatives: tuple[tuple[QueryTerm, ...], ...]
    partial: tuple[QueryTerm, ...] = ()
    """Words inside a long word (项目经理 -> 项目, 经理): an article holding only
    some of them still matches the search (ranked after the full matches)."""

    def terms(self) -> list[QueryTerm]:
        return list(dict.fromkeys(t for alt in self.alternatives for t in alt))

    def tsquery(self, weight: str = "") -> str:
        """This word as a tsquery; ``weight="A"`` matches only title tokens."""

        def lexeme(term):
            suffix = ":*" if term.prefix else ":" if weight else ""
            return quote_lexeme(term.text) + suffix + weight

        alts = [" & ".join(lexeme(t) for t in alt) for alt in self.alternatives]
        if len(alts) == 1 and len(self.alternatives[0]) == 1:
            return alts[0]
        if len(alts) == 1:
            return f"( {alts[0]} )"
        return "( " + " | ".join(alts) + " )"


STOP_CHARACTERS = frozenset("的了和与及或在是对把被等之也都而并向从为以于着过")
"""One-character function words dropped from a query cut into several words."""


def _cjk_words(run: str, whole_part: bool) -> Iterator[QueryWord]:
    """Query words of a run of Chinese characters (jieba, default mode).

    A one-character word that is a function word (:data:`STOP_CHARACTERS`: 的, 和,
    与...) is dropped, unless it is the whole query part (``油``, a prefix term as
    before); any other one-character word is joined to the next word (大 + 客户 ->
    大客户), or to the previous one at the end of the run, and the joined word is
    matched as itself or by its parts.
    """
    if len(run) == 1:
        yield QueryWord(run, ((_term(run),),))
        return
    pieces: list[str] = []
    pending = ""
    for word, _start, _end in segment.words(run, search_mode=False):
        if len(word) == 1:
            if word not in STOP_CHARACTERS:
                pending += word
            continue
        pieces.append(pending + word)
        pending = ""
    if pending:
        if pieces and len(pending) == 1:
            pieces[-1] += pending
        else:
            pieces.append(pending)
    if not pieces and whole_part:
        pieces = [run] if len(run) > 1 else []
    for piece in pieces:
        if len(piece) == 1:
            yield QueryWord(piece, ((_term(piece),),))
        elif len(piece) == 2:
            yield QueryWord(piece, ((QueryTerm(piece),),))
        else:
            yield QueryWord(
                piece, ((QueryTerm(piece),), _parts_of(piece)), _inner_words(piece)
            )


def _inner_words(word: str) -> tuple[QueryTerm, ...]:
    """The words of two characters or more jieba finds inside ``word``."""
    return tuple(
        dict.fromkeys(
            QueryTerm(w)
            for w, start, end in segment.words(word)
            if 2 <= end - start < len(word)
        )
    )


def _parts_of(word: str) -> tuple[QueryTerm, ...]:
    """The terms that must all match for a long word written apart: the shorter
    words jieba finds inside it when they cover every character (配件管理 ->
    配件 管理, which 配件的管理 also has), else its bigrams (知识库 -> 知识 识库)."""
    inner = [
        (w, start, end)
        for w, start, end in segment.words(word)
        if 2 <= end - start < len(word)
    ]
    covered = {k for _w, start, end in inner for k in range(start, end)}
    if len(covered) == len(word):
        return tuple(dict.fromkeys(QueryTerm(w) for w, _s, _e in inner))
    return tuple(QueryTerm(word[k : k + 2]) for k in range(len(word) - 1))


def _part_words(part: str) -> Iterator[QueryWord]:
    """Query words of one white-space separated part of the folded query."""
    atoms: list[QueryTerm] = []
    last_end = None
    for match in _TOKEN_RE.finditer(part):
        if match.lastgroup == "cjk":
            if atoms:
                yield QueryWord(" ".join(a.text for a in atoms), (tuple(atoms),))
                atoms = []
            yield from _cjk_words(match.group(), whole_part=match.group() == part)
        else:
            atoms.extend(
                QueryTerm(atom.group())
                for atom in _ATOM_RE.finditer(match.group())
                if len(atom.group()) <= MAX_TOKEN_LENGTH
            )
        last_end = match.end()
    if atoms and last_end is not None:
        yield QueryWord(" ".join(a.text for a in atoms), (tuple(dict.fromkeys(atoms)),))


def query_words(query: str | None) -> list[QueryWord]:
    """Return the distinct words of a search query, in query order (validated).

    ``None``, ``False`` and text without letters or digits give ``[]``.

    >>> [w.text for w in query_words("煤炭需求下降原因 CH-4")]
    ['煤炭', '需求', '下降', '原因', 'ch 4']

    :raises DomainError: ``not_text`` if ``query`` is not a string.
    :raises QueryError: ``query_too_long``; ``too_many_terms`` when the words have
        more than :data:`MAX_QUERY_TERMS` distinct terms.
    """
    query = ensure_text(query, "The search query")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            "query_too_long",
            f"The search query is {len(query)} characters long; "
            f"at most {MAX_QUERY_LENGTH} are allowed.",
            length=len(query),
            max=MAX_QUERY_LENGTH,
        )
    found: dict[str, QueryWord] = {}
    for part in _fold(query)[0].split():
        for word in _part_words(part):
            found.setdefault(word.text, word)
    words = list(found.values())
    distinct = {term for word in words for term in word.terms()}
    if len(distinct) > MAX_QUERY_TERMS:
        raise QueryError(
            "too_many_terms",
            f"The search query has {len(distinct)} different terms; "
            f"at most {MAX_QUERY_TERMS} are allowed.",
            count=len(distinct),
            max=MAX_QUERY_TERMS,
        )
    return words


def query_terms(query: str | None) -> list[QueryTerm]:
    """Return the distinct terms of a search query's words, in query order.

    :raises DomainError: ``not_text`` if ``query`` is not a string.
    :raises QueryError: ``query_too_long`` / ``too_many_terms``.
    """
    return list(
        dict.fromkeys(term for word in query_words(query) for term in word.terms())
    )


def quote_lexeme(lexeme: str) -> str:
    """Quote one lexeme for a tsquery: ``'...'``, with ``'`` doubled and ``\\`` escaped.

    Tokens never contain either character; this is the second line of defence.
    """
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class SearchQuery:
    """The tsqueries of one user query (see ``_search_knowledge_sql``).

    ``words`` holds one tsquery per query word, ``title_words`` the same
    restricted to the title weight (A), ``partial`` the words found inside long
    words (matched, scored at half weight, not counted as covered): the model
    counts, per candidate, how many words it matches (coverage) and whether all
    are in the title.
    """

    words: tuple[str, ...]
    title_words: tuple[str, ...]
    partial: tuple[str, ...] = ()

    @property
    def any(self) -> str:
        """Match at least one word, or one word inside a long word (OR semantics: the
        search)."""
        return " | ".join(self.words + self.partial)

    @property
    def all(self) -> str:
        """Match every word (the first candidates taken)."""
        return " & ".join(self.words)


def build_search_query(query: str | None) -> SearchQuery | None:
    """The :class:`SearchQuery` of a user query, ``None`` when it has no word.

    >>> build_search_query("秦皇岛 煤价").any
    "( '秦皇岛' | '秦皇' & '皇岛' ) | '煤价' | '秦皇'"

    :raises DomainError: ``not_text`` if ``query`` is not a string.
    :raises QueryError: ``query_too_long`` / ``too_many_terms``.
    """
    words = query_words(query)
    if not words:
        return None
    return SearchQuery(
        tuple(word.tsquery() for word in words),
        tuple(word.tsquery("A") for word in words),
        tuple(
            dict.fromkeys(
                quote_lexeme(term.text) for word in words for term in word.partial
            )
        ),
    )


def build_tsquery(query: str | None, *, match_all: bool = True) -> str | None:
    """Turn a user query into a tsquery string for ``to_tsquery('simple', %s)``.

    Every term is quoted with :func:`quote_lexeme`; a lone CJK character is a
    prefix term (``'油':*``).  Words (:class:`QueryWord`) are joined with ``&``
    (all must match) or, with ``match_all=False``, ``|`` (any may match: the
    search and suggestions).  Returns ``None`` when the query has no term
    (empty, only punctuation...).

    >>> build_tsquery("润滑油 粘度")
    "( '润滑油' | '润滑' & '滑油' ) & '粘度'"

    :raises DomainError: ``not_text`` if ``query`` is not a string.
    :raises QueryError: ``query_too_long`` / ``too_many_terms``.
    """
    search_query = build_search_query(query)
    if search_query is None:
        return None
    return search_query.all if match_all else search_query.any


STOP_WORDS = frozenset(
    # Chinese function words and words that say nothing of a subject: pronouns,
    # conjunctions, auxiliaries, generic verbs and nouns of any complaint or request
    """
    我们 你们 他们 她们 它们 自己 大家 这个 那个 这些 那些 这样 那样
    这种 那种 这里 那里 哪里 什么 怎么 怎样 如何 为何 为什么 一个 一些 一下 一直 一般
    这是 也是 都是 只是 于是 有些 没有 不是 就是 还是 或者 以及 并且
    而且 而是 但是 可是 不过 然而 因为 所以
    因此 由于 导致 造成 如果 假如 虽然 即使 只要 只有 除了 关于 对于 通过 根据 按照
    其中 其他 其它 以上 以下 之后 之前 以后 以前 然后 同时 已经 正在 现在 目前 当时
    时候 非常 比较 特别 可能 应该 能够 可以 不能 需要 希望 要求 进行 出现 发生 存在
    使用 问题 情况 方面 原因 结果 相关 有关 还有 经常 总是 马上 立即 请问 您好 你好
    谢谢 麻烦
    """.split()
    # English function words
    + """
    a an the and or but nor if then else so than as of for to in on at by with from
    into onto over under about after before between through during without within
    is are was were be been being am do does did done have has had having not no
    yes it its this that these those there here we you they he she him her his them
    our ours your yours their i me my mine us can could would should will shall may
    might must also any all each every some such very more most other others only
    just too via per etc please thanks thank hi hello dear regards re fw fwd
    """.split()
)
"""Words that do not make an article suggested (:func:`keywords_query` with
``drop_stop_words``): sharing 的, 导致, "the" or "for" with a record says nothing of
their subject.  One-character words (the function characters of
:data:`STOP_CHARACTERS` included) and numbers alone are dropped as well."""


def is_stop_word(word: str) -> bool:
    """Whether a query word (its folded text, as :func:`query_words` gives it) says
    nothing of a subject: a :data:`STOP_WORDS` entry, one character, or a number
    alone (``50``, ``2024``) -- a grade or a code (``15w-40``, ``p 0087``) is kept.

    :raises DomainError: ``not_text`` if ``word`` is not a string.
    """
    word = ensure_text(word, "The word")
    compact = word.replace(" ", "")
    return len(compact) <= 1 or compact.isdigit() or word in STOP_WORDS


SUGGESTION_TITLE_BONUS = 1
"""What a shared word found in the article's title (or its tags, products) adds to
its text score, beside the 1 of the word itself."""


def suggestion_text_score(coverage: int, in_title: int) -> int:
    """Text score of an article for a suggestion: the number of the record's keywords
    it holds (``coverage``), plus :data:`SUGGESTION_TITLE_BONUS` for each of them in
    its title (``in_title``).  With the default minimum of 2, one word shared in the
    body is not enough; two words, or one in the title, are.

    >>> suggestion_text_score(1, 0), suggestion_text_score(1, 1), suggestion_text_score(3, 0)
    (1, 2, 3)

    :raises DomainError: ``bad_coverage`` unless ``0 <= in_title <= coverage`` are
        integers (a word in the title is a word of the article).
    """
    if (
        isinstance(coverage, bool)
        or isinstance(in_title, bool)
        or not isinstance(coverage, int)
        or not isinstance(in_title, int)
        or not 0 <= in_title <= coverage
    ):
        raise DomainError(
            "bad_coverage",
            "The words matched must be integers with 0 <= words in the title <= words,"
            f" got {coverage!r} and {in_title!r}.",
            coverage=coverage,
            in_title=in_title,
        )
    return coverage + SUGGESTION_TITLE_BONUS * in_title


def keywords_query(
    text: str | None, max_terms: int = MAX_QUERY_TERMS, *, drop_stop_words: bool = False
) -> str:
    """Turn any text (a lead's description, a claim's notes) into a valid query.

    The distinct words of ``text`` (as a query cuts them) are kept in order
    while they hold at most ``max_terms`` distinct terms, joined by spaces: the
    result always passes the limits of :func:`build_tsquery` (use it with
    ``match_all=False`` to find articles sharing any of the words, best ranked
    first).

    >>> keywords_query("润滑油 润滑 API CK-4", max_terms=4)
    '润滑油 润滑 api'

    With ``drop_stop_words`` (suggestions), the words :func:`is_stop_word` names are
    left out: ``keywords_query("Quotation for 50 Chairs", drop_stop_words=True)`` is
    ``'quotation chairs'``.

    :raises DomainError: ``not_text`` if ``text`` is not a string;
        ``bad_max_terms`` if ``max_terms`` is not between 1 and
        :data:`MAX_QUERY_TERMS`.
    """
    if (
        isinstance(max_terms, bool)
        or not isinstance(max_terms, int)
        or not 1 <= max_terms <= MAX_QUERY_TERMS
    ):
        raise DomainError(
            "bad_max_terms",
            f"max_terms must be an integer from 1 to {MAX_QUERY_TERMS}, got {max_terms!r}.",
        )
    text = ensure_text(text, "The text")
    kept: list[str] = []
    terms: set[QueryTerm] = set()
    length = 0
    seen: set[str] = set()
    for part in _fold(text)[0].split():
        for word in _part_words(part):
            if word.text in seen or (drop_stop_words and is_stop_word(word.text)):
                continue
            new_terms = terms | set(word.terms())
            spelled = word.text.replace(" ", "-")
            if (
                len(new_terms) > max_terms
                or length + len(spelled) + 1 > MAX_QUERY_LENGTH
            ):
                return " ".join(kept)
            seen.add(word.text)
            terms = new_terms
            kept.append(spelled)
            length += len(spelled) + 1
    return " ".join(kept)


def _doc_tokens(texts: Iterable[str | None]) -> list[_Token]:
    tokens: list[_Token] = []
    for text in texts:
        tokens.extend(_scan(_fold(text)[0], for_query=False))
    return tokens


def _keyword_texts(extra_keywords: Iterable[str | None] | None) -> list[str]:
    if extra_keywords is None or extra_keywords is False:
        return []
    if isinstance(extra_keywords, str):
        raise DomainError(
            "not_a_list", "Keywords must be a list of texts, not one text."
        )
    return [ensure_text(keyword, "A keyword") for keyword in extra_keywords]


def index_document(
    title: str | None,
    body: str | None,
    extra_keywords: Iterable[str | None] = (),
    *,
    body_is_html: bool = True,
) -> IndexedDocument:
    """Return the token strings to store for an article.

    The title and the ``extra_keywords`` (tag names, product names and
    codes, industries: curated labels that deserve title weight) form
    ``title_tokens``; the body forms ``body_tokens``.  Token order and
    repetitions are kept, so ``ts_rank_cd`` sees frequencies and proximity.

    :param body: the article body, HTML (``fields.Html``) unless ``body_is_html``
        is false.
    :raises DomainError: ``not_text`` / ``not_a_list`` for bad arguments.
    """
    keywords = _keyword_texts(extra_keywords)
    body_text = html_to_text(body) if body_is_html else ensure_text(body, "The body")
    title_tokens = [
        tok.text for tok in _doc_tokens([ensure_text(title, "The title"), *keywords])
    ]
    body_tokens = [tok.text for tok in _doc_tokens([body_text])]
    return IndexedDocument(" ".join(title_tokens), " ".join(body_tokens))


def _merge_spans(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Merge overlapping spans and spans parted by one punctuation mark (``CH-4``)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged:
            last_start, last_end = merged[-1]
            gap = text[last_end:start]
            if start <= last_end or (
                len(gap) == 1 and not gap.isalnum() and not gap.isspace()
            ):
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def _cuts_word(text: str, pos: int) -> bool:
    return (
        0 < pos < len(text)
        and text[pos - 1].isalnum()
        and text[pos].isalnum()
        and not (_CJK_CHAR_RE.match(text[pos - 1]) or _CJK_CHAR_RE.match(text[pos]))
    )


_TSQUERY_TERM_RE = re.compile(r"'((?:[^'\\]|''|\\.)*)'(:\*)?")


def match_share(
    tsquery: str, frequencies: dict[str, float], floor: float = 0.0
) -> float:
    """Upper estimate of the share of documents a :func:`build_tsquery` string matches.

    ``frequencies`` maps lexemes to the share of documents holding them (PostgreSQL's
    ``pg_stats.most_common_elems`` of the search vector); a lexeme not listed weighs
    ``floor``, a prefix term the most frequent listed lexeme it starts.  All terms
    (``&``) match at most as often as the rarest; any term (``|``) at most as often as
    their sum; parentheses group (``( '润滑油' | '润滑' & '滑油' )``).  Unlike
    PostgreSQL's estimate, which multiplies the shares as if the terms were
    independent, this holds for the bigrams of one word (``润滑 & 滑油``), which
    always occur together.

    >>> match_share("'润滑' & '滑油'", {"润滑": 0.5, "滑油": 0.6})
    0.5
    """
    return _share(tsquery or "", frequencies, floor)


def _split_top(expr: str, operator: str) -> list[str]:
    """Parts of ``expr`` joined by `` operator `` outside parentheses and quotes."""
    parts, depth, quoted, start, k = [], 0, False, 0, 0
    sep = f" {operator} "
    while k < len(expr):
        char = expr[k]
        if quoted:
            if char == "\\":
                k += 1
            elif char == "'":
                quoted = False
        elif char == "'":
            quoted = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and expr.startswith(sep, k):
            parts.append(expr[start:k])
            start = k = k + len(sep)
            continue
        k += 1
    parts.append(expr[start:])
    return parts


def _share(expr: str, frequencies: dict[str, float], floor: float) -> float:
    expr = expr.strip()
    if not expr:
        return 0.0
    alternatives = _split_top(expr, "|")
    if len(alternatives) > 1:
        return min(1.0, sum(_share(p, frequencies, floor) for p in alternatives))
    required = _split_top(expr, "&")
    if len(required) > 1:
        return min(_share(p, frequencies, floor) for p in required)
    if expr.startswith("(") and expr.endswith(")"):
        return _share(expr[1:-1], frequencies, floor)
    match = _TSQUERY_TERM_RE.match(expr)
    if not match:
        return 0.0
    lexeme = match.group(1).replace("''", "'").replace("\\\\", "\\")
    if match.group(2):
        found = [f for word, f in frequencies.items() if word.startswith(lexeme)]
        return max(found, default=floor)
    return frequencies.get(lexeme, floor)


def prefer_ordered_scan(share: float, rows: float, candidates: int) -> bool:
    """Whether reading the documents in a fixed order until ``candidates`` matches are
    found (about ``candidates / share`` documents) costs less than reading every match
    (``share * rows`` documents) and sorting them: when ``share`` exceeds
    ``sqrt(candidates / rows)``, and the matches are at least twice ``candidates``.

    >>> prefer_ordered_scan(0.5, 10000, 200), prefer_ordered_scan(0.01, 10000, 200)
    (True, False)
    """
    if rows <= 0 or share <= 0:
        return False
    return share * rows >= 2 * candidates and share * share * rows >= candidates


def snippet(
    body_text: str | None,
    query: str | None,
    width: int = 160,
    *,
    mark: tuple[str, str] = ("<mark>", "</mark>"),
    escape: bool = True,
) -> str:
    """Return an excerpt of ``body_text`` around the first match of ``query``.

    The excerpt is about ``width`` characters of the text (white space
    collapsed), centred on the first match, cut at a space rather than inside
    a word when one is near, with ``…`` where text was cut.  Every match
    inside the excerpt is wrapped in ``mark``; the rest is HTML-escaped
    (unless ``escape`` is false), so the result can be shown as HTML.
    Without a match, the excerpt is the start of the text.

    :raises DomainError: ``not_text`` for non-text arguments,
        ``bad_width`` if ``width`` is not an integer >= 20.
    :raises QueryError: ``query_too_long`` / ``too_many_terms``.
    """
    if (
        isinstance(width, bool)
        or not isinstance(width, int)
        or width < MIN_SNIPPET_WIDTH
    ):
        raise DomainError(
            "bad_width",
            "The snippet width must be an integer of at least "
            f"{MIN_SNIPPET_WIDTH}, got {width!r}.",
        )
    terms = query_terms(query)
    text = " ".join(
        unicodedata.normalize("NFC", ensure_text(body_text, "The body")).split()
    )
    if not text:
        return ""

    folded, starts, ends = _fold(text)
    spans = []
    for tok in _scan(folded, for_query=False):
        term = next((term for term in terms if term.matches(tok.text)), None)
        if term is not None:
            # a prefix term marks only its own character, not the whole bigram
            last = tok.start + len(term.text) if term.prefix else tok.end
            spans.append((starts[tok.start], ends[last - 1]))
    spans = _merge_spans(spans, text)

    if spans:
        first_start, first_end = spans[0]
        start = max(0, first_start - max(0, width - (first_end - first_start)) // 2)
        end = min(len(text), start + width)
        start = min(first_start, max(0, end - width))
    else:
        first_start = first_end = 0
        start, end = 0, min(len(text), width)
    if _cuts_word(text, start):
        space = text.find(
            " ", start, min(first_start, start + 20) if spans else start + 20
        )
        if space != -1:
            start = space + 1
    if _cuts_word(text, end):
        space = text.rfind(" ", max(first_end, end - 20), end)
        if space != -1:
            end = space

    quote = html.escape if escape else (lambda s: s)
    out = ["…" if start > 0 else ""]
    pos = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(quote(text[pos:span_start]))
        out.append(mark[0] + quote(text[span_start:span_end]) + mark[1])
        pos = span_end
    out.append(quote(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
