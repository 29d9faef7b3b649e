"""Tier 1: text normalisation and HTML to text (crm_knowledge)."""

from crm_knowledge_lib.common import DomainError
from crm_knowledge_lib.text import (
    fold,
    html_to_lines,
    html_to_text,
    is_blank_html,
    normalize,
    starting_body,
)
import pytest


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１５Ｗ－４０", "15w-40"),  # full-width letters, digits, hyphen
        ("ＡＰＩ　ＳＮ", "api sn"),  # ideographic space
        ("  Engine\tOIL \n", "engine oil"),
        ("lubri\u00adcant", "lubricant"),  # soft hyphen removed
        ("zero\u200bwidth", "zerowidth"),  # zero-width space removed
        ("Straße", "strasse"),  # case folding, not only lower()
        ("cafe\u0301", "café"),  # decomposed accent composed
        ("ｶﾞｿﾘﾝ", "ガソリン"),  # half-width katakana with sound mark
        ("润滑油，粘度。", "润滑油,粘度。"),
        (None, ""),
        (False, ""),  # an empty Odoo field
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_refuses_non_text():
    with pytest.raises(DomainError) as err:
        normalize(42)
    assert err.value.code == "not_text"
    assert "must be text" in str(err.value)


def test_fold_maps_back_to_original():
    original = "ＳＡＥ ﬁne"
    folded, starts, ends = fold(original)
    assert folded == "sae fine"
    assert len(starts) == len(ends) == len(folded)
    # "f" and "i" both come from the ligature at index 4
    assert original[starts[4] : ends[5]] == "ﬁ"
    assert original[starts[0] : ends[2]] == "ＳＡＥ"


def test_html_to_text_blocks_entities_and_hidden_content():
    body = (
        "<h1>Engine&nbsp;oil</h1><p>Grade <b>15W-40</b> &amp; API&#160;CH-4</p>"
        "<script>alert('x')</script><style>p {color: red}</style>"
        "<ul><li>润滑油的粘度</li><li>a &lt; b</li></ul>line<br/>break"
        "<table><tr><td>VG</td><td>46</td></tr></table>"
    )
    assert html_to_lines(body) == [
        "Engine oil",
        "Grade 15W-40 & API CH-4",
        "润滑油的粘度",
        "a < b",
        "line",
        "break",
        "VG 46",
    ]
    assert html_to_text(body).count("\n") == 6
    assert "alert" not in html_to_text(body)
    assert "color" not in html_to_text(body)


def test_html_to_text_images_and_empty():
    body = (
        '<p>Chart: <img src="/web/image/1" alt="viscosity  chart"/></p>'
        '<p><img src="x"></p>'
    )
    assert html_to_text(body) == "Chart:"
    assert html_to_text(body, images=True) == "Chart: [image: viscosity chart]\n[image]"
    assert html_to_text(None) == ""
    assert html_to_text(False) == ""
    assert html_to_text("<p> </p><div></div>") == ""


def test_html_to_text_plain_text_and_unclosed_tags():
    assert html_to_text("just   text") == "just text"
    assert html_to_text("<p>open <b>bold") == "open bold"


def test_html_to_text_refuses_bytes():
    with pytest.raises(DomainError) as err:
        html_to_text(b"<p>x</p>")
    assert err.value.code == "not_text"


def test_is_blank_html():
    assert is_blank_html(None)
    assert is_blank_html(False)
    assert is_blank_html("")
    assert is_blank_html("<p><br></p>")
    assert is_blank_html("<p> &nbsp; </p><div></div>")
    assert not is_blank_html("<p>故障现象</p>")
    assert not is_blank_html('<p><img src="/web/image/1"></p>')


def test_starting_body_takes_the_nearest_template_of_an_empty_body():
    case = "<h2>故障现象</h2><p><br></p>"
    parent = "<h2>Summary</h2>"
    # an empty body starts from the category's own template, else the nearest parent's
    assert starting_body("", [case, parent]) == case
    assert starting_body("<p><br></p>", [None, "<p></p>", parent]) == parent
    # a body that shows anything is kept; no template: nothing to start from
    assert starting_body("<p>已写好的正文</p>", [case]) is None
    assert starting_body(None, []) is None
    assert starting_body(None, [None, "<p> </p>"]) is None
    with pytest.raises(DomainError):
        starting_body(b"<p></p>", [case])
