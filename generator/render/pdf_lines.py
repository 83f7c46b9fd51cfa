"""How many lines a text takes in a table cell, as WeasyPrint breaks it: what a long schedule's pages are
planned from (pdf_chunks).

Pango lays the text out at the cell's width. A Latin text clearly shorter than the cell is one line without
a layout: Pango shapes such text pair by pair, so its line is at most its characters' advances plus each
pair's kerning where that widens it, and those are measured by Pango once each, in the cell's style.
"""

from __future__ import annotations

import re

from .weasyprint_loader import weasyprint  # noqa: F401 (first: before any other WeasyPrint module)

# Latin text, which Pango shapes pair by pair: a line is at most its characters' advances and each pair's
# kerning where that widens it. A text at most SLACK of a cell's width is on one line without asking Pango.
_LATIN = re.compile(r"[\x20-\x7e\xa0-\u017f\u2010-\u2027]*")
SLACK = 0.98


def line_count(text: str, width: float, style) -> int:
    """The lines text takes in a cell width wide, as WeasyPrint breaks it. A short Latin text is one line
    without laying it out (a schedule's identities and descriptions mostly are: most of the plan's time)."""
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import create_layout

    if not text.strip():
        return 1
    text = " ".join(text.split())
    if _LATIN.fullmatch(text) and _widths(style).at_most(text) < width * SLACK - 1:
        return 1
    layout = create_layout(text, style, None, width, 0)
    lines = 0
    while pango.pango_layout_get_line_readonly(layout.layout, lines) != ffi.NULL:
        lines += 1
    return lines


class _Widths:
    """Widths in one style, as Pango lays them out: each character's advance, and how much wider each pair
    of characters is than their advances (kerning; 0 where it narrows them), each measured once."""

    def __init__(self, style) -> None:
        self.style = style
        self.advance: dict[str, float] = {}
        self.widening: dict[str, float] = {}

    def at_most(self, text: str) -> float:
        """An upper bound of text's width on one line."""
        for character in set(text).difference(self.advance):
            self.advance[character] = self._width(character)
        pairs = list(map(str.__add__, text, text[1:]))
        for pair in set(pairs).difference(self.widening):
            self.widening[pair] = max(0.0, self._width(pair) - self.advance[pair[0]] - self.advance[pair[1]])
        return sum(map(self.advance.__getitem__, text)) + sum(map(self.widening.__getitem__, pairs))

    def _width(self, text: str) -> float:
        from weasyprint.text.ffi import pango
        from weasyprint.text.line_break import create_layout, line_size

        layout = create_layout(text, self.style, None, None, 0)
        return line_size(pango.pango_layout_get_line_readonly(layout.layout, 0), self.style)[0]


_WIDTHS: dict[int, _Widths] = {}


def _widths(style) -> _Widths:
    known = _WIDTHS.get(id(style))
    if known is None or known.style is not style:
        known = _WIDTHS[id(style)] = _Widths(style)
    return known


def forget_widths() -> None:
    """Drop the widths measured so far (their styles belong to a layout that is done with)."""
    _WIDTHS.clear()
