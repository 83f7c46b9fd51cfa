"""The widths of Schedule H's columns in the PDF: figures as wide as their figures, text on one line where it can.

The schedule's columns are fixed (every page of a long schedule, however it is rendered, has the same
ones), so they come from the whole filing, never from the rows at hand. The figures' columns fit their
widest figure; what is left goes to the identity (b) and the description (c). Where those two split
decides how many rows wrap: a split that leaves the most common description a hair too narrow wraps
every row. So the split is chosen from the rows' text, measured in the package's typeface.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont

from ..model.compute import Filing
from ..money import accounting
from .templating import ASSETS

# Geometry of the schedule's pages in pdf/print.css, in em of its 10pt type: change them together.
MEASURE = 50.4  # the text width of a schedule page: 7in (@page schedule)
CELL_PADDING = 0.6  # right padding of the (b) and (c) cells: 6pt (.schedule td)
PII = 1.6  # column (a): "*" and its heading
DOLLAR = 1.0  # room for "$" before a figure
PAREN = 0.45  # room for a closing parenthesis after it (td.money's right padding)
GAP = 0.8  # between the cost and the current value
COST_HEADING = 2.6  # "Cost" of the heading "(d) Cost", which may wrap after "(d)"
VALUE_HEADING = 4.6  # "(e) Current" of "(e) Current value", which may wrap before "value"

FONT = ASSETS / "fonts" / "Caladea-Regular.ttf"
SAFETY = 1.02  # kerning and rounding: a text measured right at the edge may wrap in the layout
NARROWEST = 0.3  # neither text column gets less than this share of their width
SAMPLE = 2000  # rows measured at most: the split follows the rows' kinds, not their number


@dataclass(frozen=True)
class ScheduleColumns:
    """Widths in em of the schedule's columns, left to right; description takes what is left."""

    pii: float
    identity: float
    cost_dollar: float  # 0 when no "$" is printed in the cost column
    cost_figure: float
    paren: float
    gap: float
    dollar: float
    figure: float

    @property
    def cost(self) -> float:
        """The PDF's one cell of the cost column: its "$", figure and closing parenthesis."""
        return round(self.cost_dollar + self.cost_figure + self.paren, 2)

    @property
    def value(self) -> float:
        """The PDF's one cell of the current value: its "$", figure and closing parenthesis."""
        return round(self.dollar + self.figure + self.paren, 2)


@lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float]:
    """Advance width of each character in em, and the widest one (for characters the font lacks).

    Digits are measured as the stylesheet sets them, tabular (the font's `.tf` glyphs).
    """
    font = TTFont(FONT, lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    glyphs = {code: glyph + ".tf" if chr(code).isdigit() and glyph + ".tf" in metrics else glyph
              for code, glyph in font.getBestCmap().items()}
    advances = {code: metrics[glyph][0] / per_em for code, glyph in glyphs.items()}
    return advances, max(advances.values())


def text_width(text: str) -> float:
    """The width of text on one line, in em of the package's regular face."""
    advances, widest = _advances()
    return sum(advances.get(ord(c), widest) for c in text) * SAFETY


def identity_width(pairs: Iterable[tuple[str, str]], available: float, padding: float) -> float:
    """The width in em of column (b), given (identity, description) of each row.

    available: the width in em that (b) and (c) share, their padding included; padding: each cell's.
    A row is on one line for every width of (b) from what its identity needs to what its description
    leaves; the stretch of widths that holds the most rows wins (the widest of equals), and (b) takes
    its middle, so that both columns keep room to spare.
    """
    low, high = available * NARROWEST, available * (1 - NARROWEST)
    events: list[tuple[float, int]] = []
    for identity, description in pairs:
        start, end = text_width(identity) + padding, available - text_width(description) - padding
        if start <= end:
            events += [(start, 1), (end, -1)]
    events.sort()
    stretches: list[list[float]] = []  # [left, right, rows on one line]
    count, i = 0, 0
    positions = sorted({low, high, *(x for x, _ in events if low < x < high)})
    for left, right in zip(positions, positions[1:]):
        while i < len(events) and events[i][0] <= left:
            count += events[i][1]
            i += 1
        if stretches and stretches[-1][2] == count:
            stretches[-1][1] = right
        else:
            stretches.append([left, right, count])
    left, right, _ = max(stretches, key=lambda s: (s[2], s[1] - s[0]))
    return round((left + right) / 2, 2)


def _figure_width(value, places: int) -> float:
    """The printed figure's width: its digits, commas and opening parenthesis (the closing one hangs)."""
    return math.ceil(text_width(accounting(value, places).rstrip(")")) * 100) / 100


def schedule_columns(f: Filing) -> ScheduleColumns:
    """The PDF schedule's column widths for the whole filing."""
    show_cost = f.plan_year.schedule_h.cost_column == "shown"
    figure = max(VALUE_HEADING, _figure_width(f.schedule_total, f.places))
    costs = [c for c in (f.schedule_cost_total, f.schedule_largest_cost) if c is not None]
    cost_figure = max([COST_HEADING] + [_figure_width(c, f.places) for c in costs]) if show_cost else 0.0
    rows = f.schedule_rows
    dollar_on_cost = f.schedule_cost_total is not None or bool(rows and rows[0].cost is not None)
    cost_dollar = DOLLAR if show_cost and dollar_on_cost else 0.0  # "$" goes on the first row and the total
    gap = GAP if show_cost else 0.0
    fixed = PII + cost_dollar + cost_figure + (PAREN if show_cost else 0.0) + gap + DOLLAR + figure + PAREN
    sample = rows[::math.ceil(len(rows) / SAMPLE)] if rows else []
    identity = identity_width(((r.identity, r.description) for r in sample), MEASURE - fixed, CELL_PADDING)
    return ScheduleColumns(pii=PII, identity=identity, cost_dollar=cost_dollar, cost_figure=cost_figure,
                           paren=PAREN, gap=gap, dollar=DOLLAR, figure=figure)
