"""Lay an EDGAR HTML filing out as fixed-width text, the way the text form prints it, so one reader serves both.

Block elements become lines (centred ones indented), paragraphs one long line, a sub-heading is underlined,
a page break (`page-break-before/after: always`) is a <PAGE> line, and a table is laid out in columns: the
first cell on the left, every other column right-aligned at a fixed place, a rule where a border is drawn.
An amount split over cells (`$`, `(545,303`, `)`) is put back together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

WIDTH = 80
LABEL = 64  # a table's first column
COLUMN = 15  # each further column, right-aligned
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "blockquote", "pre", "title"}
ASCII = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\xa0": " ",
         "\u2022": "*", "\u2026": "..."}


def _ascii(text: str) -> str:
    for k, v in ASCII.items():
        text = text.replace(k, v)
    return text


class _Cell:
    def __init__(self, style: str, span: int, header: bool):
        self.text = ""
        self.style = style
        self.span = span
        self.header = header


class _Layout(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text = ""
        self.centre: list[bool] = []
        self.heading = False
        self.rows: list[list[_Cell]] | None = None
        self.cell: _Cell | None = None
        self.skip = 0

    # -- text

    def flush(self) -> None:
        text = " ".join(_ascii(self.text).split())
        self.text = ""
        if not text:
            return
        if self.centre and self.centre[-1] and len(text) < WIDTH - 8:
            text = " " * ((WIDTH - len(text)) // 2) + text
        self.lines.append(text)
        if self.heading:
            self.lines.append(" " * (len(text) - len(text.lstrip())) + "-" * len(text.strip()))

    def gap(self) -> None:
        self.flush()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def page(self) -> None:
        self.gap()
        if any(ln.strip() for ln in self.lines) and self.lines[-2:] != ["<PAGE>", ""]:
            self.lines += ["<PAGE>", ""]

    # -- events

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        style = (a.get("style") or "").lower().replace(" ", "")
        if tag in ("script", "style", "head"):
            self.skip += 1
            return
        if self.cell is not None:
            if tag == "br":
                self.cell.text += "\n"
            return
        if "page-break-before:always" in style or (tag == "hr" and "page-break" in style):
            self.page()
        if tag == "table":
            self.gap()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.cell = _Cell(style, int(a.get("colspan") or 1), tag == "th")
        elif tag == "br":
            self.flush()
        elif tag in BLOCKS:
            self.gap()
            self.centre.append("text-align:center" in style or tag == "center" or
                               (self.centre[-1] if self.centre and tag not in ("p",) else False))
            self.heading = tag in ("h3", "h4") or tag == "u"
        elif tag == "u":
            self.heading = True
        self._after = "page-break-after:always" in style

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None and self.rows is not None:
            self.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.lines += _table(self.rows)
            self.lines.append("")
            self.rows = None
        elif tag in BLOCKS and self.cell is None:
            self.gap()
            if self.centre:
                self.centre.pop()
            self.heading = False
        if getattr(self, "_after", False) and tag in BLOCKS | {"hr"}:
            self.page()
            self._after = False

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.text += data
        else:
            self.text += data


def _merged(row: list[_Cell]) -> list[tuple[int, str, str]]:
    """(column index, text, style) of a row's cells, a `$` and a closing `)` joined to the amount beside them."""
    out: list[list] = []
    col = 0
    for cell in row:
        text = "\n".join(" ".join(part.split()) for part in _ascii(cell.text).split("\n") if part.strip())
        if out and text == ")" and out[-1][1].startswith(("(", "$ (", "$(")):
            out[-1][1] += ")"
        elif out and out[-1][1] in ("$",) and text:
            out[-1][1] = "$" + text
            out[-1][0] = col
            out[-1][2] += cell.style
        elif text:
            out.append([col, text, cell.style])
        elif out and out[-1][1] == "$":
            pass
        col += cell.span
    return [tuple(x) for x in out]


def _table(rows: list[list[_Cell]]) -> list[str]:
    """A table as fixed-width lines: first column left, the others right-aligned, rules where borders are."""
    laid = [(_merged(r), r) for r in rows if r]
    if not laid:
        return []
    columns = sorted({c for cells, _ in laid for c, _, _ in cells if c > 0})
    place = {c: LABEL + COLUMN * (i + 1) for i, c in enumerate(columns)}
    wide = any(len(t) > 30 for cells, _ in laid for c, t, _ in cells if c > 0 and not re.search(r"\d", t[-1:]))
    out: list[str] = []
    for cells, raw in laid:
        if any("border-top" in c.style for c in raw) and out:
            out.append(_rule(cells, place))
        if wide:
            out += [" ".join(t for _, t, _ in cells), ""] if any(c.header for c in raw) else _wrapped(cells)
            continue
        line = ""
        cells = [(col, text.replace("\n", " "), style) for col, text, style in cells]
        for col, text, _ in cells:
            if col == 0 or col not in place:
                line = (line + "  " + text).strip() if line else text
                line = line.ljust(LABEL)
            else:
                end = place[col]
                line = line.ljust(end - len(text)) if len(line) < end - len(text) else line + "  "
                line += text
        out.append(line.rstrip())
        if any(c.header and "border-bottom" in c.style for c in raw):
            out.append(_rule(cells, place))
    return out


def _rule(cells, place) -> str:
    line = ""
    for col, text, _ in cells:
        if col == 0 or col not in place:
            line = line.ljust(LABEL)
            if col == 0 and text:
                line = "-" * min(len(text), LABEL - 2)
                line = line.ljust(LABEL)
            continue
        width = max(len(text), 8)
        line = line.ljust(place[col] - width) + "-" * width
    return line.rstrip() if line.strip() else "-" * 12


AMOUNTISH = re.compile(r"[$()\d,.\-* ]+")


def _wrapped(cells) -> list[str]:
    """A row of a table with text columns (Schedule H): the party-in-interest mark, identity and description
    each wrapped in its own column, the amounts right-aligned on the row's last line."""
    star, texts, amounts = "", [], []
    for _, text, _ in cells:
        if not texts and not amounts and text in ("*", "**"):
            star = text
        elif len(texts) < 2 and not AMOUNTISH.fullmatch(text):
            texts.append(_wrap(text, 40))
        else:
            amounts.append(text)
    height = max([len(t) for t in texts] + [1])
    lines = []
    for i in range(height):
        line = ("   " + star) if i == 0 and star else ""
        for start, parts in zip((11, 52), texts):
            if i < len(parts):
                line = line.ljust(start) + parts[i]
        if i == height - 1:
            for k, text in enumerate(amounts):
                end = 108 - 15 * (len(amounts) - 1 - k)
                line = line.ljust(max(len(line) + 2, end - len(text))) + text
        lines.append(line.rstrip())
    return lines + [""]


def _wrap(text: str, width: int) -> list[str]:
    """Text in lines of at most width characters; a line break in the cell (<br>) is kept."""
    out = []
    for part in text.split("\n"):
        line = ""
        for word in part.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = (line + " " + word).strip()
        out += [line] if line else []
    return out


def html_as_text(html: str) -> str:
    """The fixed-width text layout of an HTML filing."""
    layout = _Layout()
    layout.feed(html)
    layout.close()
    layout.gap()
    return "\n".join(layout.lines) + "\n"
