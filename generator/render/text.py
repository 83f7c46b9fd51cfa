"""Render the EDGAR text filing from the computed filing, through the text templates."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import jinja2

from ..model.ascii import transliterate
from ..model.compute import Filing
from . import document
from . import text_layout as tl
from .templating import referenced_templates


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    page: int


TABLE_WIDTH = 132  # EDGAR's limit for a line of a table; prose lines stop at 80
MIN_LABEL = 24  # a wide table's first column wraps down to this width before the table is split
MAX_TEXT_CELL = 20  # a text cell of a wide table wraps at this width (a figure never does)


def text_table(columns: list[str], rows: list[list[str]], indent: int, width: int = 80) -> str:
    """A small note table: first column left at indent, the others right-aligned, the last at width.

    A table too wide for width is laid out as EDGAR filers do: its first column and long text cells wrap,
    it may move left and widen to 132 columns, and if it still does not fit its columns are split into parts
    that each repeat the first column, one below the other.
    """
    n = len(columns)
    first_w = max([len(columns[0])] + [len(r[0]) for r in rows if r])
    other_w = [max([len(columns[i]) if len(columns[i]) <= 12 else 10] +
                   [len(r[i]) for r in rows if len(r) > i]) for i in range(1, n)]
    if indent + first_w + sum(other_w) + 2 * (n - 1) <= width:
        gap = max(2, (width - indent - first_w - sum(other_w)) // max(1, n - 1))
        return _table(columns, rows, indent, first_w, other_w, gap)
    return _wide_table(columns, rows, indent, width, first_w)


def _table(columns: list[str], rows: list[list[str]], indent: int, first_w: int, other_w: list[int],
           gap: int) -> str:
    """Headings (wrapped, bottom-aligned), a rule, then the rows; a cell wider than its column wraps, the
    first column's lines from the top, the others' on the row's last lines (as figures sit in a statement)."""

    def line(cells: list[str]) -> str:
        out = " " * indent + cells[0].ljust(first_w)
        for i, w in enumerate(other_w, start=1):
            out += " " * gap + (cells[i] if i < len(cells) else "").rjust(w)
        return out.rstrip()

    heads = [tl.wrap_cell(columns[0], first_w, 0)] + [tl.wrap_cell(c, w, 0) for c, w in zip(columns[1:], other_w)]
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]
    out = []
    for k in range(depth):
        cells = [heads[0][k].center(first_w).rstrip()] + [heads[i][k].center(w) for i, w in enumerate(other_w, 1)]
        out.append(line(cells))
    out.append(line(["-" * first_w] + ["-" * w for w in other_w]))
    for r in rows:
        widths = [first_w] + other_w
        cells = [[c] if len(c) <= w else _wrap(c, w, 1 if i == 0 else 0)
                 for i, (c, w) in enumerate(zip(list(r) + [""] * (len(widths) - len(r)), widths))]
        height = max(len(c) for c in cells)
        cells = [cells[0] + [""] * (height - len(cells[0]))] + [[""] * (height - len(c)) + c for c in cells[1:]]
        out += [line([c[k] for c in cells]) for k in range(height)]
    return "\n".join(out)


def _wrap(text: str, width: int, hang: int) -> list[str]:
    """A cell's lines within width, lines after the first indented by hang."""
    lines = tl.wrap_cell(text, width - hang, 0)
    return lines[:1] + [" " * hang + line for line in lines[1:]]


def _wide_table(columns: list[str], rows: list[list[str]], indent: int, width: int, first_natural: int) -> str:
    n = len(columns)
    cells = [[r[i] if len(r) > i else "" for r in rows] for i in range(n)]
    # A text column wraps at MAX_TEXT_CELL, never below its longest word; a figure keeps its width.
    other_w = [max([min(len(columns[i]), 10) if len(columns[i]) > 12 else len(columns[i])]
                   + [max([len(w) for c in cells[i] for w in c.split()] or [0])]
                   + [min(len(c), MAX_TEXT_CELL) for c in cells[i]]) for i in range(1, n)]
    label = min(first_natural, MIN_LABEL)
    for limit in (width, TABLE_WIDTH):
        for ind in (indent, 0):
            room = limit - ind - sum(other_w) - 2 * (n - 1)
            if room >= label:
                return _table(columns, rows, ind, min(first_natural, room), other_w, 2)
    # Split: as many columns in each part as fit beside the first column at MIN_LABEL, within 132.
    parts, part, used = [], [], label
    for i, w in enumerate(other_w, start=1):
        if part and used + 2 + w > TABLE_WIDTH:
            parts.append(part)
            part, used = [], label
        part.append(i)
        used += 2 + w
    parts.append(part)
    return "\n\n".join(
        _table([columns[0]] + [columns[i] for i in part], [[r[0] if r else ""] + [r[i] if len(r) > i else ""
                                                                              for i in part] for r in rows],
               0, label, [other_w[i - 1] for i in part], 2)
        for part in parts)


def column_heads(heads: list[tuple[list[str], int, str]], gap: int = 0) -> str:
    """Multi-line column headings, aligned to the bottom line."""
    depth = max(len(lines) for lines, _, _ in heads)
    out = []
    for k in range(depth):
        line = ""
        for lines, width, align in heads:
            padded = [""] * (depth - len(lines)) + list(lines)
            text = padded[k]
            line += (text.center(width) if align == "center" else text.rjust(width)) + " " * gap
        out.append(line.rstrip())
    return "\n".join(out)


def money_table(heads: list[str], rows: list[tuple], indent: int, width: int = 80, places: int = 0,
                min_label: int = 22, gap: int = 2) -> str:
    """A note table of a label and money columns, e.g. the fair value hierarchy.

    rows are (label, values, marks): values hold a Decimal or None per column; marks may hold "$" (dollar
    signs on this row), "-" (a rule above it), "=" (a double rule below it) and ">" (the label indented two
    spaces, under a caption). Column widths come from
    the figures; the table moves left, down to column 0, before its labels get narrower than min_label.
    """
    n = len(heads)
    col = tl.money_width([v for _, values, _ in rows for v in values], places, minimum=10)
    columns = n * (col + gap) - gap
    indent = max(0, min(indent, width - columns - gap - min_label))
    label_width = max(min_label + indent, width - columns - gap)
    head_cells = [tl.wrap_cell(h, col - 1, 0) for h in heads]
    depth = max(len(c) for c in head_cells)
    out = []
    for k in range(depth):
        cells = [((([""] * (depth - len(c)) + c)[k]) + " ").rjust(col) for c in head_cells]
        out.append(tl.row("", cells, label_width, gap))
    out.append(tl.rules([True] * n, col, label_width, gap=gap))
    for label, values, marks in rows:
        if "-" in marks:
            out.append(tl.rules(values, col, label_width, gap=gap))
        out.append(tl.money_row(label, values, label_width, col, dollar="$" in marks,
                                indent=indent + (2 if ">" in marks else 0), gap=gap, places=places))
        if "=" in marks:
            out.append(tl.rules(values, col, label_width, "=", gap=gap))
    return "\n".join(out)


def _ljust_dots(text: str, width: int) -> str:
    return text + "." * max(0, width - len(text))


def environment(env: jinja2.Environment) -> jinja2.Environment:
    """Add the text-layout helpers to a template environment."""
    env.globals.update(
        MARK=tl.MARK, center=tl.center, paragraph=tl.paragraph, wrap_cell=tl.wrap_cell, rule=tl.rule,
        amount=tl.amount, row=tl.row, money_row=tl.money_row, rules=tl.rules,
        text_table=text_table, column_heads=column_heads, money_table=money_table, money_width=tl.money_width,
    )
    env.filters["ljust_dots"] = _ljust_dots
    env.filters["ljust"] = lambda s, w: str(s).ljust(w)
    env.filters["rjust"] = lambda s, w: str(s).rjust(w)
    return env


def render_text(f: Filing, env: jinja2.Environment) -> str:
    """The complete EDGAR text filing: paginated, page-numbered, printable ASCII."""
    env = environment(env)
    places = f.places
    env.globals.update(  # every money cell prints the filing's precision
        amount=functools.partial(tl.amount, places=places), money_row=functools.partial(tl.money_row, places=places),
        money_width=functools.partial(tl.money_width, places=places),
        money_table=functools.partial(money_table, places=places))
    sections = [(name, f"text/{name}.txt.j2", title) for name, title in document.sections(f)]
    base = document.base_context(f, env)
    settled: dict[str, list[tl.Page]] = {}  # sections that do not print the contents: laid out once

    def layout(contents: list[ContentsEntry]) -> list[tl.Page]:
        pages: list[tl.Page] = []
        for name, template, _ in sections:
            if name in settled:
                pages += settled[name]
                continue
            text = env.get_template(template).render({**base, "contents": contents})
            section_pages = tl.paginate(name, text)
            if not _uses_name(env, template, "contents"):
                settled[name] = section_pages
            pages += section_pages
        return pages

    def start_pages(pages: list[tl.Page]) -> list[ContentsEntry]:
        first = {}
        for number, page in enumerate(pages, start=1):
            first.setdefault(page.section, number)
        return [ContentsEntry(title, first[name]) for name, _, title in sections
                if title and name in first]

    pages = layout([ContentsEntry(title, 0) for _, _, title in sections if title])
    for _ in range(3):  # the contents may itself grow a page; settle in a few passes
        contents = start_pages(pages)
        pages = layout(contents)
        if start_pages(pages) == contents:
            break
    text = tl.join_pages(pages)
    if _NOT_EDGAR.search(text):  # the character-by-character pass only when something needs it
        text, _bad = transliterate(text)
    return text + "\n"


# Anything but TAB, LF, FF, CR and printable ASCII less '^' (ascii.is_edgar_char, as one pattern).
_NOT_EDGAR = re.compile(r"[^\t\n\f\r\x20-\x5d\x5f-\x7e]")


def _uses_name(env: jinja2.Environment, template: str, name: str, seen: frozenset = frozenset()) -> bool:
    """Whether a template, or one it includes, may read a context variable (by its name in the source).

    Conservative: a dynamic include, or the word anywhere in the source, counts as a use.
    """
    source = env.loader.get_source(env, template)[0]
    if re.search(rf"\b{re.escape(name)}\b", source):
        return True
    for ref in referenced_templates(env, source):
        if ref is None or (ref not in seen and _uses_name(env, ref, name, seen | {template})):
            return True
    return False
