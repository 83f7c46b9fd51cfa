"""Check a text or HTML document against EDGAR's rules (DESIGN.md section 5): one finding per violation.

Text: at most 80 characters a line, 132 in a table (a block of lines holding one that ends in a figure,
is a rule or has column gaps); printable ASCII less `^` plus TAB, LF, CR and FF; no byte-order mark;
`<PAGE>` on a line of its own.
HTML: no script (nor event-handler attributes), no <style> or <link>, no forms, frames or objects,
no nested tables, no references outside the document except sec.gov EDGAR archives, images only
local .gif or .jpg, no data: URIs, ASCII only (anything else written as an entity); and every element and
attribute as EDGAR's HTML DTD declares them (the SEC's efm-htm.dtd, shipped in generator/assets/edgar:
no <tbody>, <thead>, <span> or <col>, no scope= or http-equiv=, a table holds rows and nothing else).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

PROSE_WIDTH, TABLE_WIDTH = 80, 132
ALLOWED_CONTROLS = "\t\n\r\f"
FORBIDDEN_ELEMENTS = {
    "script": "scripts are not allowed", "noscript": "scripts are not allowed",
    "style": "no <style> element: use inline style= attributes",
    "link": "no <link>: EDGAR documents cannot load stylesheets or other files",
    "form": "forms are not allowed", "input": "forms are not allowed", "select": "forms are not allowed",
    "textarea": "forms are not allowed", "button": "forms are not allowed",
    "frame": "frames are not allowed", "frameset": "frames are not allowed", "iframe": "frames are not allowed",
    "object": "objects are not allowed", "embed": "objects are not allowed", "applet": "objects are not allowed",
    "base": "no <base>: references must stay within the filing",
}
EDGAR_ARCHIVES = re.compile(r"^https?://(www\.)?sec\.gov/(Archives/edgar/|cgi-bin/browse-edgar)", re.I)
LOCAL_FILE = re.compile(r"^[\w.-]+$")
LOCAL_IMAGE = re.compile(r"^[\w.-]+\.(gif|jpe?g)$", re.I)
FIGURE_END = re.compile(r"\S\s{2,}(\$\s*)?(\(?\d(?:[\d,]*\d)?(\.\d+)?\)?%?|--|-|\*\*)\s*$")
RULE_LINE = re.compile(r"^[\s=_-]*[=_-]{3,}[\s=_-]*$")
COLUMN_GAP = re.compile(r"\S {3,}(?=\S)")


def is_table_line(line: str) -> bool:
    """A line of a table: it ends in a figure, is a rule, or has two or more column gaps (3+ spaces)."""
    return bool(FIGURE_END.search(line) or RULE_LINE.match(line) or len(COLUMN_GAP.findall(line)) >= 2)


def table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines in tables: a block of non-blank lines with a table line in it is a table
    (so its column headings are too)."""
    tables: set[int] = set()
    block: list[int] = []
    for i, line in enumerate(lines + [""]):
        if line.strip():
            block.append(i)
            continue
        if any(is_table_line(lines[j]) for j in block):
            tables.update(block)
        block = []
    return tables


@dataclass(frozen=True)
class Violation:
    """One breach of an EDGAR rule, at a 1-based line and column."""

    line: int
    column: int
    rule: str
    message: str

    def format(self, name: str) -> str:
        return f"{name}:{self.line}:{self.column}: {self.rule}: {self.message}"


def is_html(name: str, data: bytes) -> bool:
    """An HTML document by its extension, or by how it starts."""
    if name.lower().endswith((".htm", ".html")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _char_name(c: str) -> str:
    return f"U+{ord(c):04X}" + (f" '{c}'" if c.isprintable() else "")


_NOT_TEXT = re.compile(r"[^\t\n\r\f\x20-\x5d\x5f-\x7e]")


def lint_text(text: str) -> list[Violation]:
    """Violations of the EDGAR ASCII document rules."""
    found = []
    if text.startswith("\ufeff"):
        found.append(Violation(1, 1, "bom", "byte-order mark at the start of the document"))
        text = text[1:]
    lines = [line.rstrip("\r") for line in text.split("\n")]
    tables = table_lines(lines)
    characters = bool(_NOT_TEXT.search(text))  # the character-by-character pass only where something needs it
    for number, line in enumerate(lines, start=1):
        for col, c in enumerate(line if characters else "", start=1):
            if not (c in ALLOWED_CONTROLS or ("\x20" <= c <= "\x7e" and c != "^")):
                found.append(Violation(number, col, "character", f"{_char_name(c)} is not allowed in EDGAR text"))
        if "<PAGE>" in line.upper() and line.strip().upper() != "<PAGE>":
            found.append(Violation(number, 1, "page-tag", "<PAGE> must stand on a line of its own"))
        table = number - 1 in tables
        limit = TABLE_WIDTH if table else PROSE_WIDTH
        if len(line) > limit:
            kind = "table line" if table else "line"
            found.append(Violation(number, limit + 1, "line-length",
                                   f"{kind} of {len(line)} characters (at most {limit})"))
    return found


class _HtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Violation] = []
        self.tables = 0

    def _add(self, rule: str, message: str) -> None:
        line, offset = self.getpos()
        self.found.append(Violation(line, offset + 1, rule, message))

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self._add("element", f"<{tag}>: {FORBIDDEN_ELEMENTS[tag]}")
        if tag == "table":
            if self.tables:
                self._add("nested-table", "a table inside a table is not allowed")
            self.tables += 1
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "table":
            self.tables -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self.tables -= 1

    def _attribute(self, tag: str, name: str, value: str) -> None:
        low = value.strip().lower()
        if name.startswith("on"):
            self._add("script", f"{name}= event handler: scripts are not allowed")
        elif low.startswith(("javascript:", "vbscript:")):
            self._add("script", f"{name}= runs a script")
        elif low.startswith("data:"):
            self._add("data-uri", f"<{tag} {name}=...>: data: URIs are not allowed")
        elif name == "http-equiv" and low == "refresh":
            self._add("external", "http-equiv=refresh: the page would load another")
        elif name == "style" and ("url(" in low or "@import" in low or "expression(" in low):
            self._add("external", "style= refers to a resource (url(), @import or expression())")
        elif tag == "img" and name == "src" and not LOCAL_IMAGE.match(value.strip()):
            self._add("image", f"image '{value}': only local .gif or .jpg files")
        elif name.rsplit(":", 1)[-1] in ("href", "src", "action", "background", "cite", "longdesc", "usemap"):
            target = value.strip()
            if not (target.startswith("#") or EDGAR_ARCHIVES.match(target) or LOCAL_FILE.match(target)):
                self._add("external", f"{name}='{value}': only links within the filing or to sec.gov "
                                      "EDGAR archives")


# EDGAR's HTML DTD (CC0, from the SEC's EDGAR plugin for Arelle; see LICENSE-efm-htm.txt beside it).
EDGAR_DTD = Path(__file__).resolve().parent.parent / "assets" / "edgar" / "efm-htm.dtd"
# The DTD validates an XML tree, where whitespace between the rows of a table is content; in HTML it is not.
_DTD_NOISE = "contains white spaces nodes"
_ELEMENT_CONTENT = {"html", "head", "table", "tr", "ul", "ol", "dl", "menu", "dir"}
_NOT_HTML = re.compile(r"[^\t\n\r\x20-\x7e]")


@functools.lru_cache(maxsize=1)
def _edgar_dtd():
    from lxml import etree

    with open(EDGAR_DTD, "rb") as handle:
        return etree.DTD(handle)


KEPT_ROWS = 50  # rows of a table kept for the check of the table itself; the rest are checked one by one


def lint_dtd(text: str) -> list[Violation]:
    """Violations of EDGAR's HTML DTD: elements, attributes and content models it does not declare.

    Read as a stream: past its first KEPT_ROWS rows, each row of a table is validated on its own and let go,
    so a schedule of 20,000 rows never sits in memory as a tree (a row's content model does not depend on
    the rows around it, and the table's own is (caption?, tr+)).
    """
    import io

    from lxml import etree

    dtd = _edgar_dtd()
    found: list[Violation] = []
    rows: dict = {}  # table element -> rows kept in it
    events = etree.iterparse(io.BytesIO(text.encode("ascii", "xmlcharrefreplace")), events=("end",), html=True,
                             huge_tree=True)
    try:
        for _, element in events:
            table = element.getparent() if element.tag == "tr" else None
            if table is None or table.tag != "table":
                continue
            rows[table] = rows.get(table, 0) + 1
            if rows[table] > KEPT_ROWS:
                found += _validate(dtd, element)
                table.remove(element)
    except etree.XMLSyntaxError as exc:
        return [Violation(exc.lineno or 1, 1, "html", str(exc))]
    found = [Violation(e.line, e.column + 1, "html", e.message.strip()) for e in events.error_log] + found
    if events.root is None:
        return found + [Violation(1, 1, "html", "no HTML document to validate")]
    return sorted(found + _validate(dtd, events.root), key=lambda v: (v.line, v.column))


def _validate(dtd, element) -> list[Violation]:
    """The DTD's messages about an element and everything in it."""
    # Whitespace between elements that hold only elements is layout, not content: left in, each piece is a
    # message, and a schedule of 20,000 rows takes a minute to validate instead of a second.
    for holder in element.iter(*_ELEMENT_CONTENT):
        if holder.text is not None and not holder.text.strip():
            holder.text = None
        for child in holder:
            if child.tail is not None and not child.tail.strip():
                child.tail = None
    if dtd.validate(element):
        return []
    return [Violation(e.line, e.column + 1, "dtd", e.message.strip()) for e in dtd.error_log.filter_from_errors()
            if _DTD_NOISE not in e.message and not _already_forbidden(e.message)]


def _already_forbidden(message: str) -> bool:
    """A DTD message about an element the element rule already reports (scripts, styles, forms...)."""
    named = re.findall(r"[Ee]lement (\w+)", message)
    return any(name.lower() in FORBIDDEN_ELEMENTS for name in named)


def lint_html(text: str) -> list[Violation]:
    """Violations of the EDGAR HTML document rules."""
    found = []
    if _NOT_HTML.search(text):  # the character-by-character pass only where something needs it
        for number, line in enumerate(text.split("\n"), start=1):
            for col, c in enumerate(line, start=1):
                if ord(c) > 0x7e or (ord(c) < 0x20 and c not in ALLOWED_CONTROLS):
                    found.append(Violation(number, col, "character",
                                           f"{_char_name(c)}: write characters outside ASCII as entities"))
    if _risky(text) or _nested_tables(text):  # the tag-by-tag pass only when something may need it
        checker = _HtmlChecker()
        checker.feed(text)
        checker.close()
        found += checker.found
    return sorted(found + lint_dtd(text), key=lambda v: (v.line, v.column))


# Whatever _HtmlChecker can object to holds one of these words (or an on...= handler, or is a table in a
# table): a document without any is passed without parsing it tag by tag, which takes seconds for a schedule
# of 20,000 rows. Plain substring tests: a regular expression of alternatives takes seconds itself.
_RISKY_WORDS = tuple(f"<{tag}" for tag in FORBIDDEN_ELEMENTS) + (
    "<img", "javascript", "vbscript", "data:", "url(", "@import", "expression(")
_RISKY_ATTRIBUTE = re.compile(r"(?:on[a-z]{2,}|href|src|action|background|cite|longdesc|usemap)\s*=")


def _risky(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _RISKY_WORDS) or bool(_RISKY_ATTRIBUTE.search(low))


_TABLE_TAG = re.compile(r"<\s*(/?)\s*table\b", re.I)


def _nested_tables(text: str) -> bool:
    depth = 0
    for match in _TABLE_TAG.finditer(text):
        depth += -1 if match.group(1) else 1
        if depth > 1:
            return True
    return False


# The formats EDGAR receives, by the name their violations are reported under; the PDF is not filed.
FILED = {"text": "EDGAR text filing", "html": "EDGAR HTML filing"}


def lint_outputs(outputs: dict[str, bytes]) -> dict[str, list[Violation]]:
    """The violations of each rendered format EDGAR receives (text, html), before anything is published."""
    found = {}
    for fmt in FILED:
        if fmt in outputs:
            text = outputs[fmt].decode("ascii", errors="replace")
            found[fmt] = lint_html(text) if fmt == "html" else lint_text(text)
    return {fmt: violations for fmt, violations in found.items() if violations}


def lint(name: str, data: bytes) -> list[Violation]:
    """Lint a document's bytes, as HTML or text depending on its name and content."""
    text = data.decode("utf-8", errors="replace") if not data.startswith(b"\xef\xbb\xbf") \
        else "\ufeff" + data[3:].decode("utf-8", errors="replace")
    return lint_html(text) if is_html(name, data) else lint_text(text)
