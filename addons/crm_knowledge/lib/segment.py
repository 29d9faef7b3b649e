"""Chinese word segmentation and simplified/traditional script folding for search.

Both are applied identically to the indexed article and to the query
(``search.py``), so only their *consistency* matters for matching; their
quality decides the ranking.

* **Script folding** (:func:`fold_script`): traditional characters become
  their simplified form with OpenCC's conversion tables (``opencc-purepy``,
  configuration ``t2s``: phrases first, then characters), so that 營銷策劃
  and 营销策划 are one text.  The result always has the length of the input
  (a character maps to one character): offsets found in the folded text
  still point into the original (``search.snippet``).
* **Segmentation** (:func:`words`): ``jieba`` (its own dictionary, HMM for
  unknown words) in *search* mode, which also yields the shorter words inside
  a long one (项目经理 -> 项目 经理 项目经理), plus the suite's vocabulary
  (``search_words.txt`` beside this module: coal and oil grades, engine
  models, failure vocabulary) and the words other modules add through
  :func:`add_user_words` (product and failure-code names).

Both libraries are pure Python and load their dictionaries once per process,
on first use (about 1 s for jieba), behind a lock.
"""

from __future__ import annotations

from collections.abc import Iterable
import functools
import logging
from pathlib import Path
import threading

from .common import DomainError, ensure_text

__all__ = [
    "SEARCH_WORDS_FILE",
    "MAX_USER_WORD_LENGTH",
    "add_user_words",
    "fold_script",
    "user_words",
    "words",
]

SEARCH_WORDS_FILE = Path(__file__).with_name("search_words.txt")
"""The suite's vocabulary, one word per line, ``#`` starts a comment."""
MAX_USER_WORD_LENGTH = 32
"""Longer user words are ignored (a pasted sentence is not a word)."""
_USER_WORD_FREQUENCY = 50_000
"""jieba frequency of user words: high enough to win over the default
segmentation of their parts (煤价 stays one word)."""

_LOCK = threading.RLock()
_ADDED: set[str] = set()


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc_purepy

    return opencc_purepy.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def fold_script(text: str) -> str:
    """Return ``text`` with traditional Chinese written in simplified characters.

    Same length as ``text``, character for character: a phrase conversion
    that would change the length is replaced by the per-character one.

    >>> fold_script("營銷策劃與知識庫")
    '营销策划与知识库'
    """
    text = ensure_text(text, "Text")
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_fold_char(char) for char in text)


def _read_word_file(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w for w in (line.split("#", 1)[0].strip() for line in lines) if w]


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    with _LOCK:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in _read_word_file(SEARCH_WORDS_FILE):
            _add(tokenizer, word)
        for word in _ADDED:
            _add(tokenizer, word)
        return tokenizer


def _add(tokenizer, word: str) -> None:
    tokenizer.add_word(fold_script(word.casefold()), _USER_WORD_FREQUENCY)


def _clean_words(new_words: Iterable[str | None]) -> list[str]:
    if isinstance(new_words, str):
        raise DomainError("not_a_list", "Words must be a list of texts, not one text.")
    cleaned = []
    for word in new_words:
        word = " ".join(ensure_text(word, "A word").split())
        if word and " " not in word and len(word) <= MAX_USER_WORD_LENGTH:
            cleaned.append(word)
    return cleaned


def add_user_words(new_words: Iterable[str | None]) -> int:
    """Teach the segmenter more words (product names, failure-code labels).

    Words with spaces, empty or longer than :data:`MAX_USER_WORD_LENGTH`
    characters are ignored.  Returns how many words were new.  Articles
    indexed before keep their tokens until they are indexed again; their
    bigrams still match.

    :raises DomainError: ``not_a_list`` for one string, ``not_text`` for a
        non-text word.
    """
    cleaned = _clean_words(new_words)
    with _LOCK:
        fresh = [word for word in cleaned if word not in _ADDED]
        _ADDED.update(fresh)
        if _tokenizer.cache_info().currsize:
            tokenizer = _tokenizer()
            for word in fresh:
                _add(tokenizer, word)
    return len(fresh)


def user_words() -> list[str]:
    """The vocabulary file's words and the added ones, sorted."""
    return sorted(set(_read_word_file(SEARCH_WORDS_FILE)) | _ADDED)


def words(run: str, *, search_mode: bool = True) -> list[tuple[str, int, int]]:
    """``[(word, start, end)]`` of a run of Chinese text (already folded).

    :param search_mode: also yield the words inside longer words (the index
        side); ``False`` gives one segmentation without overlaps (the query).

    >>> [w for w, _s, _e in words("秦皇岛煤价", search_mode=False)]
    ['秦皇岛', '煤价']
    """
    mode = "search" if search_mode else "default"
    return list(_tokenizer().tokenize(ensure_text(run, "Text"), mode=mode))
