"""Text normalisation and HTML-to-text conversion.

``normalize`` is the single definition of "the same text" used by search
(indexing and querying must fold text identically):

1. NFC, so that composed and decomposed accents are one spelling;
2. per character cluster (a base character and its combining marks):
   NFKC, case folding, NFKC again -- full-width letters, digits and
   punctuation become their ASCII forms (``１５Ｗ－４０`` -> ``15w-40``),
   the ideographic space becomes a space, ``ﬁ`` becomes ``fi``;
3. invisible format characters (zero-width space, soft hyphen, BOM, ...)
   are removed, so ``lubri\\u00adcant`` is ``lubricant``;
4. runs of white space become one space, leading/trailing space is dropped.

Steps 1-3 are done by :func:`fold`, which also returns where each folded
character came from, so that a match found in folded text can be marked in
the original (see ``search.snippet``).

``html_to_text`` turns an article body (Odoo ``fields.Html``) into readable
plain text, one block element per line, with entities decoded and the
content of ``script``/``style``/``template`` elements dropped.
"""

from __future__ import annotations

import html.parser
import unicodedata

from .common import ensure_text

__all__ = ["CJK_CHARS", "fold", "normalize", "html_to_text", "html_to_lines"]

# Characters of scripts written without spaces between words, as ranges for
# regular expression classes (search tokens, diff pieces): Han (unified
# ideographs, extension A, compatibility ideographs, extensions B-H), the
# iteration marks 々〆〇, hiragana, katakana (without the ゠ double hyphen and
# the ・ middle dot, which are punctuation) and Hangul syllables.
CJK_CHARS = (
    "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U000323af"
)

# Halfwidth katakana voiced / semi-voiced sound marks: not combining marks in
# Unicode, but NFKC composes them with the preceding kana.
_KANA_SOUND_MARKS = {"\uff9e", "\uff9f"}


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or char in _KANA_SOUND_MARKS


def _fold_cluster(cluster: str) -> str:
    folded = unicodedata.normalize("NFKC", cluster).casefold()
    folded = unicodedata.normalize("NFKC", folded)
    return "".join(c for c in folded if unicodedata.category(c) != "Cf")


def fold(text: str | None) -> tuple[str, list[int], list[int]]:
    """Fold ``text`` for matching and keep the way back to the original.

    Returns ``(folded, starts, ends)``: ``folded[i]`` comes from
    ``original[starts[i]:ends[i]]`` where ``original`` is ``text`` after NFC
    normalisation (equal to ``text`` for all usual input).  White space is
    kept as is (not collapsed) so that offsets stay simple.

    :raises DomainError: ``not_text`` if ``text`` is not a string.
    """
    text = unicodedata.normalize("NFC", ensure_text(text, "Text"))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and _is_mark(text[j]):
            j += 1
        piece = _fold_cluster(text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), starts, ends


def normalize(text: str | None) -> str:
    """Return ``text`` folded for matching (NFKC, case-folded, spaces collapsed).

    ``None`` and ``False`` (an empty Odoo field) give ``""``.

    >>> normalize("  １５Ｗ－４０　ＡＰＩ  ")
    '15w-40 api'

    :raises DomainError: ``not_text`` if ``text`` is not a string.
    """
    return " ".join(fold(text)[0].split())


# Elements whose start and end break the line.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br dd details div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav
    ol p pre section summary table tbody tfoot thead tr ul""".split()
)
# Table cells and similar inline-but-separating elements: a space.
_SPACE_TAGS = frozenset({"td", "th", "option"})
# Elements whose content is not readable text.
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})


class _TextExtractor(html.parser.HTMLParser):
    def __init__(self, images: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.images = images
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _SPACE_TAGS:
            self.parts.append(" ")
        elif tag == "img" and self.images:
            alt = " ".join((dict(attrs).get("alt") or "").split())
            self.parts.append(f" [image: {alt}] " if alt else " [image] ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img/>: a start without content; never enters a skip block.
        if tag in _SKIP_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if self.skip_depth:
                self.skip_depth -= 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _SPACE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_lines(html: str | None, *, images: bool = False) -> list[str]:
    """Return the readable lines of an HTML fragment (see :func:`html_to_text`)."""
    html = ensure_text(html, "HTML")
    if not html:
        return []
    parser = _TextExtractor(images=images)
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def html_to_text(html: str | None, *, images: bool = False) -> str:
    """Convert an HTML body to plain text, one block (paragraph, item, row) per line.

    Tags are removed, character references (``&amp;``, ``&nbsp;``, ``&#20013;``)
    are decoded, the content of ``script``, ``style``, ``template``,
    ``noscript`` and ``head`` is dropped, white space inside a line is
    collapsed and empty lines are left out.  The text keeps its case (this
    is for display and diffs; use :func:`normalize` for matching).

    :param images: write ``[image: alt]`` for ``<img>`` tags (used by diffs so
        that an added picture shows as a change).
    :raises DomainError: ``not_text`` if ``html`` is not a string.
    """
    return "\n".join(html_to_lines(html, images=images))


def is_blank_html(html: str | None) -> bool:
    """Whether an HTML body shows nothing: no text and no picture (``<p><br></p>``, the
    editor's empty paragraph, is blank)."""
    return not html_to_text(html, images=True)


def starting_body(body: str | None, templates: list[str | None]) -> str | None:
    """The body a new article starts from: its own if it shows anything, else the first
    template that does (``templates``: the category's, then its parents', nearest first),
    else ``None`` (the article keeps its empty body)."""
    if not is_blank_html(body):
        return None
    for template in templates:
        if not is_blank_html(template):
            return template
    return None
