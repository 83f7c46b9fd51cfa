"""Fixed-width layout for the EDGAR text filing: wrapping, justification, money columns, pages.

Templates call these as filters and globals; templates mark pages with the MARK directives,
which `paginate` turns into pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import accounting

PAGE_LINES = 62  # body lines of a printed page (66-line form less the page-number footer)


# ---------------------------------------------------------------- lines and paragraphs


def center(text: str, width: int = 80) -> str:
    """Centre text in width columns (an odd remainder goes to the left)."""
    text = text.strip()
    return " " * max(0, (width - len(text) + 1) // 2) + text


def _words_to_lines(words: list[str], width: int) -> list[list[str]]:
    # A word longer than the line (a URL, say) is cut, so no line ever exceeds its width.
    words = [w[i:i + width] for w in words for i in range(0, len(w), max(1, width))]
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0
    for word in words:
        extra = len(word) + (1 if current else 0)
        if current and used + extra > width:
            lines.append(current)
            current, used = [word], len(word)
        else:
            current.append(word)
            used += extra
    if current:
        lines.append(current)
    return lines


def _spread(words: list[str], width: int) -> str:
    if len(words) == 1:
        return words[0]
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, word in enumerate(words[:-1]):
        out += word + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def paragraph(text: str, width: int = 80, indent: int = 0, first: str = "", justify: bool = True) -> str:
    """Wrap text to width columns at indent; `first` replaces the indent of line one (a hanging label).

    Lines but the last are fully justified when justify is true, as in a typeset filing.
    """
    words = text.split()
    room = width - indent
    if not words:
        return first.rstrip()
    lines = _words_to_lines(words, room)
    out = []
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        body = " ".join(line) if (last or not justify) else _spread(line, room)
        lead = first.ljust(indent) if (i == 0 and first) else " " * indent
        out.append(lead + body)
    return "\n".join(out)


def wrap_cell(text: str, width: int, continuation_indent: int = 1) -> list[str]:
    """Wrap a table cell; continuation lines are indented, as in the reference schedule."""
    words = text.split()
    if not words:
        return [""]
    lines = _words_to_lines(words, width)
    out = [" ".join(lines[0])]
    for line in lines[1:]:
        for sub in _words_to_lines(line, width - continuation_indent):
            out.append(" " * continuation_indent + " ".join(sub))
    return out


def rule(width: int, char: str = "-") -> str:
    return char * width


# ---------------------------------------------------------------- money columns


def amount(value: Decimal | None, width: int, dollar: bool = False, places: int = 0,
           room_for_paren: bool = True) -> str:
    """A money cell right-aligned on the units digit: $ at the left when asked, negatives in
    parentheses, zero as --. Positive figures leave a column for the closing parenthesis."""
    if value is None:
        return " " * width
    text = accounting(value, places)
    if room_for_paren and not text.endswith(")"):
        text += " "
    if dollar:
        return "$" + text.rjust(width - 1)
    return text.rjust(width)


def money_width(values: list, places: int = 0, minimum: int = 11) -> int:
    """The width of a money column that holds every value with its $ (negatives carry no $)."""
    widths = [len(accounting(v, places)) + (0 if v < 0 else 2) for v in values if v is not None]
    return max([minimum] + widths)


def row(label: str, cells: list[str], label_width: int, gap: int = 2) -> str:
    """A statement line: the label padded to label_width, then the cells separated by gap spaces."""
    text = label.ljust(label_width) if cells else label
    return (text + (" " * gap).join(cells)).rstrip() if cells else text.rstrip()


def money_row(label: str, values: list, label_width: int, col_width: int, dollar: bool | list[bool] = False,
              indent: int = 0, right: bool = False, gap: int = 2, places: int = 0) -> str:
    """A labelled line of amounts; a long label wraps and the amounts sit on its last line.

    values may hold None for an empty cell; right=True right-aligns the label (total lines);
    dollar is one flag for every cell or a flag per cell.
    """
    dollars = list(dollar) if isinstance(dollar, (list, tuple)) else [dollar] * len(values)
    cells = [amount(v, col_width, d, places) for v, d in zip(values, dollars)]
    room = label_width - indent - (3 if right else 1)
    lines = wrap_cell(label, room, continuation_indent=2) if label else [""]
    out = []
    for i, text in enumerate(lines):
        text = (text.rjust(room) if right else " " * indent + text)
        out.append(row(text, cells, label_width, gap) if i == len(lines) - 1 else text.rstrip())
    return "\n".join(out)


def rules(values: list, col_width: int, label_width: int, char: str = "-", gap: int = 2) -> str:
    """A rule under each column that has a value (None leaves the column blank)."""
    cells = [(char * col_width) if v is not None else " " * col_width for v in values]
    return row("", cells, label_width, gap)


# ---------------------------------------------------------------- pages

_MARK = "\x1e"


class MARK:
    """Directives a template writes on a line of its own."""

    page = _MARK + "page"  # start a new page before the next content
    chunk = _MARK + "chunk"  # a place where a page may break
    header = _MARK + "header"  # the lines up to end_header head every page of the section
    end_header = _MARK + "end_header"
    continued = _MARK + "continued"  # the lines up to end_continued follow the header after a break
    end_continued = _MARK + "end_continued"
    clear_continued = _MARK + "clear_continued"


@dataclass
class Page:
    section: str
    lines: list[str] = field(default_factory=list)


def paginate(section: str, text: str, page_lines: int = PAGE_LINES) -> list[Page]:
    """Split a section's text into pages following its MARK directives."""
    pages: list[Page] = []
    header: list[str] = []
    continued: list[str] = []
    capture: list[str] | None = None
    chunk: list[str] = []
    state = {"page": None, "pending": True}

    def new_page(with_continued: bool) -> None:
        page = Page(section, list(header) + (list(continued) if with_continued else []))
        pages.append(page)
        state["page"] = page

    def flush() -> None:
        if not chunk or not any(line.strip() for line in chunk):
            chunk.clear()
            return
        page = state["page"]
        if state["pending"] or page is None:
            new_page(with_continued=page is not None)
            state["pending"] = False
        elif len(page.lines) + len(chunk) > page_lines and len(page.lines) > len(header) + len(continued):
            new_page(with_continued=True)
        if len(state["page"].lines) == len(header) + len(continued):
            while chunk and not chunk[0].strip():  # a page's content starts at its first printed line
                chunk.pop(0)
        state["page"].lines.extend(chunk)
        chunk.clear()

    for line in text.split("\n"):
        if line.startswith(_MARK):
            directive = line.rstrip()  # not strip(): Python counts \x1e as whitespace
            if directive == MARK.header:
                flush()
                header, capture = [], []
            elif directive == MARK.end_header:
                header, capture = capture or [], None
            elif directive == MARK.continued:
                flush()
                capture = []
            elif directive == MARK.end_continued:
                continued, capture = capture or [], None
            elif directive == MARK.clear_continued:
                flush()
                continued = []
            elif directive == MARK.page:
                flush()
                state["pending"] = True
            elif directive == MARK.chunk:
                flush()
            continue
        (capture if capture is not None else chunk).append(line)
    flush()
    for page in pages:
        while page.lines and not page.lines[-1].strip():
            page.lines.pop()
    return pages


def join_pages(pages: list[Page], width: int = 80) -> str:
    """The whole document: each page followed by its centred number; <PAGE> between pages."""
    out = []
    for number, page in enumerate(pages, start=1):
        body = "\n".join(line.rstrip() for line in page.lines)
        out.append(f"{body}\n\n\n{center(str(number), width)}\n")
    return "\n<PAGE>\n".join(out)
