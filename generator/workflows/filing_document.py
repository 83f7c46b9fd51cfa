"""A filed Form 11-K being read: its lines page by page, where each part starts, the plan-year data read so
far and what could not be read. The modules that read each part share it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Read:
    """What was read: the plan-year data, and what could not be read, in words."""

    data: dict = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)
    parts: tuple[str, ...] = ()  # the parts of a Form 11-K found, by name


@dataclass
class Line:
    """A line of the filing and the page it is on."""

    page: int
    text: str


class Document:
    """The filing's lines and parts, and what each part's reader leaves for the others."""

    def __init__(self, out: Read, lines: list[Line], parts: dict[str, int]):
        self.out, self.lines, self.parts = out, lines, parts
        self.d = out.data
        self.heading_name = ""  # the plan's name as the statements' headings print it
        self.schedule_rows: list[dict] = []
        self.breakdowns: list[tuple[list[tuple[str, Decimal]], Decimal, dict]] = []  # note tables of amounts

    def unread(self, text: str) -> None:
        self.out.unread.append(text)

    def part(self, name: str) -> list[Line]:
        """The lines of a part, up to the next part's heading."""
        if name not in self.parts:
            return []
        start = self.parts[name]
        later = [i for i in self.parts.values() if i > start]
        return self.lines[start:min(later) if later else len(self.lines)]

    def heading_above(self, part: str) -> str:
        """The plan's name as the statements' heading prints it: the line above a statement's title."""
        i = self.parts.get(part)
        if i is None:
            return ""
        above = [ln.text.strip() for ln in self.lines[:i] if ln.page == self.lines[i].page and ln.text.strip()]
        return above[-1] if above else ""



def is_page_number(text: str) -> bool:
    """A page number alone on its line, centred."""
    return bool(re.fullmatch(r"\s*-?\s*\d{1,4}\s*-?\s*", text)) and len(text) - len(text.lstrip()) > 20
