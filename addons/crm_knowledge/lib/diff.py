"""Readable differences between two revisions of an article body.

Bodies are HTML; what readers care about is the text, so both revisions are
converted to lines of text first (:func:`text.html_to_lines`, one block element
per line, pictures shown as ``[image: alt]``) and the lines are compared with
:mod:`difflib`.  A pair of changed lines that still look alike (similarity
ratio >= :data:`INLINE_RATIO`) is shown as one line with the changed words in
``<del>``/``<ins>``; otherwise the old line is shown deleted and the new one
inserted.  Words are compared as runs of letters/digits, each CJK character
on its own (Chinese has no spaces between words).

All text taken from the revisions is HTML-escaped; the only markup in the
result is the table and the ``<del>``/``<ins>`` elements produced here.

Result codes (:attr:`DiffResult.code`):

* ``identical``: the two HTML strings are equal;
* ``formatting_only``: the HTML differs but the readable text is the same
  (bold, a class, a link target...): no line is shown;
* ``changed``: the text differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
import difflib
import html
import re

from .common import DomainError, ensure_text
from .text import CJK_CHARS, html_to_lines

__all__ = [
    "IDENTICAL",
    "FORMATTING_ONLY",
    "CHANGED",
    "INLINE_RATIO",
    "DiffLine",
    "DiffResult",
    "diff_lines",
    "inline_diff",
    "render_diff_table",
    "diff_html",
    "changed_size",
]

IDENTICAL = "identical"
FORMATTING_ONLY = "formatting_only"
CHANGED = "changed"
INLINE_RATIO = 0.5
"""Changed line pairs at least this similar are shown inline."""

# Inline diff pieces: one CJK character, a run of other word characters, a
# run of white space, or any other single character.
_PIECE_RE = re.compile(f"[{CJK_CHARS}]|[^\\W{CJK_CHARS}]+|\\s+|.", re.S)


@dataclass(frozen=True)
class DiffLine:
    """One row of a line diff.

    ``op`` is ``equal``, ``insert``, ``delete`` or ``replace`` (a changed
    line, shown inline); line numbers are 1-based, ``None`` on the side where
    the line does not exist.
    """

    op: str
    old_no: int | None
    new_no: int | None
    old_text: str
    new_text: str


@dataclass(frozen=True)
class DiffResult:
    """Outcome of :func:`diff_html`: a code, line counts and the HTML table."""

    code: str
    added: int
    removed: int
    html: str

    @property
    def changed(self) -> bool:
        """Whether the readable text changed."""
        return self.code == CHANGED

    @property
    def summary(self) -> str:
        """English one-liner, e.g. ``2 lines added, 1 line removed``."""
        if self.code == IDENTICAL:
            return "No changes"
        if self.code == FORMATTING_ONLY:
            return "Formatting changes only"

        def count(n: int, what: str) -> str:
            return f"{n} line{'' if n == 1 else 's'} {what}"

        return f"{count(self.added, 'added')}, {count(self.removed, 'removed')}"


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= INLINE_RATIO


def diff_lines(old_lines: list[str], new_lines: list[str]) -> list[DiffLine]:
    """Compare two lists of lines; each line of both appears once in the result."""
    rows: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(
                DiffLine("equal", i + 1, j + 1, old_lines[i], new_lines[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        old_block = list(range(i1, i2))
        new_block = list(range(j1, j2))
        deletes: list[DiffLine] = []
        inserts: list[DiffLine] = []
        for i, j in zip(old_block, new_block, strict=False):
            if _similar(old_lines[i], new_lines[j]):
                rows.extend(deletes + inserts)
                deletes, inserts = [], []
                rows.append(
                    DiffLine("replace", i + 1, j + 1, old_lines[i], new_lines[j])
                )
            else:
                deletes.append(DiffLine("delete", i + 1, None, old_lines[i], ""))
                inserts.append(DiffLine("insert", None, j + 1, "", new_lines[j]))
        paired = min(len(old_block), len(new_block))
        deletes.extend(
            DiffLine("delete", i + 1, None, old_lines[i], "")
            for i in old_block[paired:]
        )
        inserts.extend(
            DiffLine("insert", None, j + 1, "", new_lines[j])
            for j in new_block[paired:]
        )
        rows.extend(deletes + inserts)
    return rows


def inline_diff(old: str, new: str) -> str:
    """HTML of ``new``, words removed from ``old`` in ``<del>``, added in ``<ins>``."""
    old_pieces = _PIECE_RE.findall(old)
    new_pieces = _PIECE_RE.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_pieces, new_pieces, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = html.escape("".join(old_pieces[i1:i2]))
        added = html.escape("".join(new_pieces[j1:j2]))
        if op == "equal":
            out.append(added)
            continue
        if removed:
            out.append(f"<del>{removed}</del>")
        if added:
            out.append(f"<ins>{added}</ins>")
    return "".join(out)


def _visible(rows: list[DiffLine], context: int | None) -> Iterator[DiffLine | int]:
    """Rows to show; an ``int`` stands for that many hidden unchanged lines."""
    if context is None:
        yield from rows
        return
    changed = [i for i, row in enumerate(rows) if row.op != "equal"]
    keep = set()
    for i in changed:
        keep.update(range(max(0, i - context), min(len(rows), i + context + 1)))
    hidden = 0
    for i, row in enumerate(rows):
        if i in keep:
            if hidden:
                yield hidden
                hidden = 0
            yield row
        else:
            hidden += 1
    if hidden:
        yield hidden


def _cell(value: int | None) -> str:
    return f'<td class="o_knowledge_diff_no">{"" if value is None else value}</td>'


def render_diff_table(rows: list[DiffLine], context: int | None = 3) -> str:
    """Render diff rows as an HTML table (old no., new no., text).

    :param context: unchanged lines kept around each change; longer unchanged
        stretches collapse into one "N unchanged lines" row.  ``None`` shows all.
    """
    out = ['<table class="o_knowledge_diff">']
    for row in _visible(rows, context):
        if isinstance(row, int):
            label = f"{row} unchanged line{'' if row == 1 else 's'}"
            out.append(
                '<tr class="o_knowledge_diff_skip">'
                f'<td colspan="3">… {label} …</td></tr>'
            )
            continue
        if row.op == "equal":
            content = html.escape(row.new_text)
        elif row.op == "insert":
            content = f"<ins>{html.escape(row.new_text)}</ins>"
        elif row.op == "delete":
            content = f"<del>{html.escape(row.old_text)}</del>"
        else:
            content = inline_diff(row.old_text, row.new_text)
        out.append(
            f'<tr class="o_knowledge_diff_{row.op}">'
            f"{_cell(row.old_no)}{_cell(row.new_no)}"
            f'<td class="o_knowledge_diff_text">{content}</td></tr>'
        )
    out.append("</table>")
    return "\n".join(out)


def diff_html(
    old_html: str | None, new_html: str | None, *, context: int | None = 3
) -> DiffResult:
    """Compare two revisions of an HTML body.

    ``added`` / ``removed`` count text lines (a line changed in place counts
    once in each); ``html`` is the table of :func:`render_diff_table`, empty
    unless the code is ``changed``.

    :raises DomainError: ``not_text`` for non-text revisions,
        ``bad_context`` if ``context`` is not ``None`` or an integer >= 0.
    """
    if context is not None and (
        isinstance(context, bool) or not isinstance(context, int) or context < 0
    ):
        raise DomainError(
            "bad_context",
            f"The diff context must be a whole number >= 0 or None, got {context!r}.",
        )
    old_html = ensure_text(old_html, "The old revision")
    new_html = ensure_text(new_html, "The new revision")
    if old_html == new_html:
        return DiffResult(IDENTICAL, 0, 0, "")
    old_lines = html_to_lines(old_html, images=True)
    new_lines = html_to_lines(new_html, images=True)
    if old_lines == new_lines:
        return DiffResult(FORMATTING_ONLY, 0, 0, "")
    rows = diff_lines(old_lines, new_lines)
    added = sum(1 for row in rows if row.op in ("insert", "replace"))
    removed = sum(1 for row in rows if row.op in ("delete", "replace"))
    return DiffResult(CHANGED, added, removed, render_diff_table(rows, context))


def changed_size(old: str | None, new: str | None) -> int:
    """How many characters a change touches, between two plain texts: for each
    changed run, the longer of what was removed and what was inserted (a CJK
    character, a word piece, a space run or a sign is one piece of its length).

    ``changed_size("配件管理", "配件的管理") == 1``; identical texts give 0.

    :raises DomainError: ``not_text`` when a side is not text.
    """
    old_pieces = _PIECE_RE.findall(ensure_text(old, "The old text"))
    new_pieces = _PIECE_RE.findall(ensure_text(new, "The new text"))
    matcher = difflib.SequenceMatcher(None, old_pieces, new_pieces, autojunk=False)
    size = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            removed = sum(len(p) for p in old_pieces[i1:i2])
            inserted = sum(len(p) for p in new_pieces[j1:j2])
            size += max(removed, inserted)
    return size
