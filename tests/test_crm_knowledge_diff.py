"""Tier 1: readable diff of article revisions (crm_knowledge)."""

import re

from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.diff import (
    CHANGED,
    FORMATTING_ONLY,
    IDENTICAL,
    DiffLine,
    diff_html,
    diff_lines,
    inline_diff,
    render_diff_table,
)
import pytest


def rows_of(table):
    """(css op, old no, new no, content) of every row of a rendered table."""
    return re.findall(
        r'<tr class="o_knowledge_diff_(\w+)"><td class="o_knowledge_diff_no">(\d*)</td>'
        r'<td class="o_knowledge_diff_no">(\d*)</td>'
        r'<td class="o_knowledge_diff_text">(.*?)</td></tr>',
        table,
    )


def test_identical_revisions_have_no_changes():
    body = "<p>润滑油的粘度等级</p><p>SAE 15W-40</p>"
    result = diff_html(body, body)
    assert (result.code, result.added, result.removed, result.html) == (
        IDENTICAL,
        0,
        0,
        "",
    )
    assert not result.changed
    assert result.summary == "No changes"
    assert diff_html(None, False).code == IDENTICAL


def test_formatting_only_change_shows_no_lines():
    result = diff_html("<p>Engine oil</p>", '<p class="lead"><b>Engine</b>  oil</p>')
    assert result.code == FORMATTING_ONLY
    assert (result.added, result.removed, result.html) == (0, 0, "")
    assert not result.changed
    assert result.summary == "Formatting changes only"


def test_added_and_removed_lines_are_counted_and_numbered():
    old = "<p>一、适用范围</p><p>二、粘度等级</p><p>三、注意事项</p>"
    new = "<p>一、适用范围</p><p>三、注意事项</p><p>四、储存</p><p>五、包装</p>"
    result = diff_html(old, new, context=None)
    assert result.code == CHANGED and result.changed
    assert (result.added, result.removed) == (2, 1)
    assert result.summary == "2 lines added, 1 line removed"
    assert rows_of(result.html) == [
        ("equal", "1", "1", "一、适用范围"),
        ("delete", "2", "", "<del>二、粘度等级</del>"),
        ("equal", "3", "2", "三、注意事项"),
        ("insert", "", "3", "<ins>四、储存</ins>"),
        ("insert", "", "4", "<ins>五、包装</ins>"),
    ]


def test_changed_line_is_shown_inline_word_by_word():
    result = diff_html(
        "<p>Viscosity grade 15W-40, API CH-4</p>",
        "<p>Viscosity grade 10W-40, API CH-4</p>",
    )
    assert (result.added, result.removed) == (1, 1)
    assert rows_of(result.html) == [
        (
            "replace",
            "1",
            "1",
            "Viscosity grade <del>15W</del><ins>10W</ins>-40, API CH-4",
        ),
    ]


def test_chinese_line_is_diffed_per_character():
    assert (
        inline_diff("适用于柴油机", "适用于汽油机")
        == "适用于<del>柴</del><ins>汽</ins>油机"
    )


def test_unrelated_lines_are_delete_plus_insert_not_inline():
    result = diff_html("<p>Coal quality FAQ</p>", "<p>润滑油选用指南</p>")
    assert [row[0] for row in rows_of(result.html)] == ["delete", "insert"]
    assert (result.added, result.removed) == (1, 1)


def test_everything_from_the_revisions_is_escaped():
    old = "<p>Use &lt;b&gt; for bold &amp; more</p><script>alert('old')</script>"
    new = '<p>Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"</p><p>x < y</p>'
    result = diff_html(old, new, context=None)
    table = result.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table
    assert "&amp;" in table
    assert "&quot;quotes&quot;" in table
    assert "x &lt; y" in table
    assert "alert('old')" not in table  # script content is not text
    # the only tags are the ones the renderer writes
    assert set(re.findall(r"</?([a-z]+)", table)) <= {"table", "tr", "td", "del", "ins"}


def test_inline_diff_escapes_both_sides():
    assert inline_diff("a <b>", "a <i>") == "a &lt;<del>b</del><ins>i</ins>&gt;"


def test_added_picture_is_a_change():
    result = diff_html(
        "<p>Chart</p>", '<p>Chart</p><p><img src="/x.png" alt="粘温曲线"/></p>'
    )
    assert result.code == CHANGED
    assert "<ins>[image: 粘温曲线]</ins>" in result.html


def test_context_collapses_long_unchanged_stretches():
    old = "".join(f"<p>line {i}</p>" for i in range(1, 21))
    new = old.replace("<p>line 10</p>", "<p>line ten</p>")
    table = diff_html(old, new, context=2).html
    assert '<td colspan="3">… 7 unchanged lines …</td>' in table
    assert '<td colspan="3">… 8 unchanged lines …</td>' in table
    assert [row[1] for row in rows_of(table)] == ["8", "9", "10", "11", "12"]
    assert len(rows_of(diff_html(old, new, context=None).html)) == 20
    one_hidden = diff_html(old, new, context=8).html
    assert "… 1 unchanged line …" in one_hidden


def test_diff_lines_keeps_every_line_once_in_order():
    old = ["a", "b", "c", "d", "e"]
    new = ["a", "B", "c", "x", "y", "e", "f"]
    rows = diff_lines(old, new)
    assert [r.old_text for r in rows if r.old_no is not None] == old
    assert [r.new_text for r in rows if r.new_no is not None] == new
    assert [r.old_no for r in rows if r.old_no] == [1, 2, 3, 4, 5]
    assert [r.new_no for r in rows if r.new_no] == [1, 2, 3, 4, 5, 6, 7]


def test_render_diff_table_of_handmade_rows():
    table = render_diff_table([DiffLine("equal", 1, 1, "a & b", "a & b")], context=None)
    assert rows_of(table) == [("equal", "1", "1", "a &amp; b")]


@pytest.mark.parametrize("context", [-1, 1.5, "3", True])
def test_bad_context_is_refused(context):
    with pytest.raises(DomainError) as err:
        diff_html("<p>a</p>", "<p>b</p>", context=context)
    assert err.value.code == "bad_context"


def test_non_text_revision_is_refused():
    with pytest.raises(DomainError) as err:
        diff_html("<p>a</p>", 3)
    assert err.value.code == "not_text"
