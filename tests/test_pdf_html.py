"""The schedule's rows parsed by expat make the tree WeasyPrint's own parser makes, or are left to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pipeline import check
from generator.render import pdf_html, pdf_typeset
from generator.render.html import html_environment, render_html
from generator.render.pdf import _stylesheet_text
from generator.render.weasyprint_loader import weasyprint

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "plan_data").glob("*/*.yaml"))


def _html_tree(html: str):
    return weasyprint.tinyhtml5.parse(html, namespace_html_elements=False)


def _differences(a, b, path: str = "") -> list[str]:
    """Where two trees differ: tag, attributes (and their order), text, tail, children."""
    here = f"{path}/{a.tag}"
    mine = (a.tag, list(a.attrib.items()), a.text or "", a.tail or "", len(a))
    theirs = (b.tag, list(b.attrib.items()), b.text or "", b.tail or "", len(b))
    if mine != theirs:
        return [f"{here}: {mine!r} != {theirs!r}"]
    return [d for x, y in zip(a, b) for d in _differences(x, y, here)]


def _page(rows: str, tail: str = "") -> str:
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>'
            '<table class="schedule"><thead><tr><th>(a)</th></tr></thead>'
            f"<tbody>{rows}</tbody>{tail}</table><p>after</p></body></html>")


@pytest.mark.parametrize("plan", EXAMPLES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_example_is_parsed_fast_into_the_same_tree(plan):
    outcome = check(plan)
    html = render_html(outcome.filing, html_environment(None), "pdf")
    fast = pdf_html.fast_tree(html)
    assert fast is not None, "the bundled templates' schedule rows are plain markup"
    assert _differences(fast, _html_tree(html)) == []


def test_the_same_pdf_either_way(example_path, monkeypatch):
    outcome = check(example_path)
    env = html_environment(None)
    html, css = render_html(outcome.filing, env, "pdf"), _stylesheet_text(env)
    day = dt.date(2002, 5, 30)
    fast = pdf_typeset.typeset(html, css, None, None, day)
    monkeypatch.setattr(pdf_html, "fast_tree", lambda html: None)
    assert pdf_typeset.typeset(html, css, None, None, day) == fast


@pytest.mark.parametrize("rows", [
    "<tr><td>A &nbsp; B</td></tr>",  # a named entity expat does not know
    "<tr><td>&#128;</td></tr>",  # a reference the HTML parser reads as a Windows-1252 character
    "<tr><td>one<br>two</td></tr>",  # a void element
    "<tr><!-- kept by the HTML parser, dropped by expat --><td>x</td></tr>",
    "<tr><TD>x</TD></tr>",
    '<tr><td class="a\nb">x</td></tr>',  # expat folds a line break in an attribute into a space
    "<tr><td>x</td>stray text</tr>",  # moved before the table by the HTML parser
    "<tr><td><p>x<div>y</div></p></td></tr>",  # the HTML parser closes the p
    "<tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr>",
    "<tr><td>x</tr>",  # not well formed
    "<tr><td>\x0c</td></tr>",
])
def test_rows_that_are_not_plain_markup_are_left_to_the_html_parser(rows):
    assert pdf_html.fast_tree(_page(rows)) is None


def test_a_document_without_a_schedule_is_left_to_the_html_parser():
    assert pdf_html.fast_tree("<html><body><p>x</p></body></html>") is None


_TEXT = st.lists(st.sampled_from(list("abcdef gh ;>\"'#1\n\t\xa0\u2013") + ["&", "<", "&amp;", "&lt;", "&#39;", "&#34;", "&gt;",
                                                                       "&quot;", "&nbsp;", "&#128;", "&am"]),
                 max_size=12).map("".join)
_ATTRIBUTE = st.sampled_from(["", "", "", ' class="identity"', ' class="identity"', ' class="money dollar" colspan="2"', " colspan=2",
                              ' CLASS="x"', ' class="a" class="b"', ' data-x="&amp;"', " hidden"])
_INLINE = st.sampled_from(["", "", "", "<span>{}</span>", "<span>{}</span>", "<b>{}</b>", "<sup>{}</sup>", "<em><i>{}</i></em>",
                           "<br>{}", "<span>{}", "<!--{}-->"])


@st.composite
def _cells(draw) -> str:
    cells = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(st.sampled_from(["td"] * 6 + ["th", "div"]))
        inner = draw(_INLINE).format(draw(_TEXT)) if draw(st.booleans()) else draw(_TEXT)
        cells.append(f"<{tag}{draw(_ATTRIBUTE)}>{inner}</{tag}>" + draw(st.sampled_from(["", "", "\n", " ", "x"])))
    return "".join(cells)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(_cells(), min_size=1, max_size=4), between=st.sampled_from(["", "\n", "  ", "x"]))
def test_any_rows_give_the_html_parsers_tree_or_are_left_to_it(rows, between):
    html = _page(between.join(f"<tr>{cells}</tr>" for cells in rows), tail='<tbody class="k"><tr><td>t</td></tr></tbody>')
    fast = pdf_html.fast_tree(html)
    if fast is not None:
        assert _differences(fast, _html_tree(html)) == []


def test_plain_rows_with_escaped_text_and_phrasing_are_parsed_fast():
    rows = ('\n<tr><td class="identity spans-a" colspan="2">Smith &amp; Sons &lt;A&gt; &#39;B&#34; \u2013 \xa0</td>'
            '<td><span class="x">1</span><sup>a</sup></td>\n<th>h</th></tr><tr> <td></td></tr>')
    html = _page(rows, tail='<tbody class="keep-together"><tr><td>Total</td></tr></tbody>')
    fast = pdf_html.fast_tree(html)
    assert fast is not None
    assert _differences(fast, _html_tree(html)) == []
