"""Fixed-width text as EDGAR text filings print it: pages, trailing amount columns, labels, dates, wrapped prose.

Small pure helpers for the filing importer; every amount goes through money.parse_printed_amount.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ..money import AmountError, parse_printed_amount

PAGE_NUMBER = re.compile(r"^\s*-?\s*\d{1,4}\s*-?\s*$")
RULE = re.compile(r"^[\s\-=_]+$")
_SEGMENT = re.compile(r"\S+(?: \S+)*")  # text runs separated by two or more spaces
_AMOUNT = re.compile(r"^\$?\s*\(?\s*\$?\s*\d{1,3}(,\d{3})*(\.\d\d)?\s*\)?$|^\$?\s*\(?\d+(\.\d\d)?\)?$|^--?$")
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}
DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\s*,\s*(\d{4})\b", re.I)


def pages(text: str) -> list[list[str]]:
    """The pages of a text filing: split at <PAGE> lines and form feeds, a page number ending a page."""
    out: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\f", "\n<PAGE>\n").split("\n"):
        line = raw.rstrip()
        if line.strip().upper() == "<PAGE>":
            if out[-1]:
                out.append([])
            continue
        out[-1].append(line)
        if PAGE_NUMBER.match(line) and line.strip() and len(line) - len(line.lstrip()) > 20:
            out.append([])
    return [p for p in out if any(line.strip() for line in p)]


@dataclass(frozen=True)
class Cell:
    """A run of text on a line and where it starts and ends (0-based columns)."""

    text: str
    start: int
    end: int


def cells(line: str) -> list[Cell]:
    """The runs of text of a line, split at two or more spaces."""
    return [Cell(m.group(0), m.start(), m.end()) for m in _SEGMENT.finditer(line)]


def rule_spans(line: str) -> list[tuple[int, int]]:
    """The runs of dashes (or equals signs) of a rule line: one per column it underlines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[-=_]+", line)]


def is_amount(text: str) -> bool:
    """Whether text is a printed amount (one the amount parser takes, parentheses paired)."""
    if not _AMOUNT.match(text.strip()):
        return False
    try:
        amount(text)
    except AmountError:
        return False
    return True


def amount(text: str) -> Decimal:
    """A printed amount (`$`, separators, parentheses, a dash for zero)."""
    value = parse_printed_amount(text.replace("$", "").strip() or "--")
    if value is None:
        raise AmountError(f'expected an amount, got "{text}"')
    return value


@dataclass(frozen=True)
class Figures:
    """A line split into its label and the amounts at its end, each with the column its last digit ends at."""

    label: str
    amounts: tuple[tuple[Decimal, int], ...]
    indent: int


def figures(line: str) -> Figures:
    """Label and trailing amounts of a statement line; a `$` on its own belongs to the amount after it."""
    runs = cells(line)
    found: list[tuple[Decimal, int]] = []
    while runs:
        last = runs[-1]
        text = last.text
        if text.startswith("$") and is_amount(text):
            pass
        elif " " in text and is_amount(text.split(" ", 1)[1]) and text.split(" ", 1)[0] in ("$", "$("):
            pass
        elif not is_amount(text):
            # "Interest and dividends 118,470": an amount after a single space still ends the label
            head, _, tail = text.rpartition(" ")
            if head and is_amount(tail) and (re.search(r"[,$()]", tail) or len(tail) <= 3):
                runs[-1] = Cell(head, last.start, last.start + len(head))
                found.insert(0, (amount(tail), last.end))
                continue
            break
        found.insert(0, (amount(text), last.end))
        runs.pop()
        if runs and runs[-1].text == "$":
            runs.pop()
    label = " ".join(" ".join(c.text for c in runs).split())
    return Figures(label, tuple(found), runs[0].start if runs else len(line) - len(line.lstrip()))


def parse_date(text: str) -> dt.date | None:
    """The first 'December 31, 2001' in text, as a date."""
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    except ValueError:
        return None


def prose(lines: list[str]) -> str:
    """Wrapped, justified lines as one paragraph: single spaces, a hyphen at a line's end kept and joined."""
    out = ""
    for line in lines:
        part = " ".join(line.split())
        if not part:
            continue
        out += part if (not out or out.endswith("-") and out[-2:-1].isalpha()) else " " + part
    return out


def sentence_case(text: str) -> str:
    """DESCRIPTION OF PLAN -> Description of plan (text that is not all capitals is kept)."""
    text = " ".join(text.split())
    if not text.isupper():
        return text
    return text[:1] + text[1:].lower()


def title_case(text: str) -> str:
    """INDEPENDENT AUDITORS' REPORT -> Independent Auditors' Report."""
    small = {"of", "and", "the", "to", "for", "in", "on", "a", "an"}
    words = " ".join(text.split()).lower().split(" ")
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))
