"""Find the heading row of a trustee's holdings report and which column holds each Schedule H field.

The words trustees use for each column are a table below; a mapping saved in the plan-year file
(`imports.holdings.columns`) comes first, and names a column by its heading or its letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# field -> headings that name it, normalised (lower case, words only); the first match in a row wins.
HEADINGS: dict[str, tuple[str, ...]] = {
    "identity": ("identity of issue", "identity of issuer", "identity", "issuer", "issuer name", "security name",
                 "security", "fund name", "fund", "investment name", "investment", "asset name", "asset",
                 "name"),
    "description": ("description of investment", "description", "investment description", "security description",
                    "asset description"),
    "shares": ("shares", "units", "shares units", "shares par", "par shares", "shares or par value", "par value",
               "par", "quantity", "shares held", "units held", "number of shares"),
    "cost": ("cost", "cost basis", "total cost", "book value", "historical cost"),
    "current": ("current value", "market value", "fair value", "ending market value", "ending value",
                "ending balance", "value", "end of year value", "year end value"),
    "party_in_interest": ("party in interest", "party in interest indicator", "pii", "a"),
    "type": ("asset type", "investment type", "security type", "asset class", "asset category", "category", "type"),
}
REQUIRED = ("identity", "current")
SEARCH_ROWS = 60  # the heading row is looked for in the first rows of the file
_DATE = re.compile(r"\b(as of|at|on)?\s*(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|(19|20)\d\d)\b", re.I)


def normal(heading: str) -> str:
    """A heading as matched: lower case, dates and years dropped, words only."""
    text = _DATE.sub(" ", heading.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _letter_index(text: str) -> int | None:
    if not re.fullmatch(r"[A-Z]{1,2}", text.strip()):
        return None
    n = 0
    for ch in text.strip():
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class ColumnMap:
    """Where the table's heading row is (0-based) and the column (0-based) of each field found."""

    header_row: int
    columns: dict[str, int]
    headings: list[str]
    ignored: list[int] = field(default_factory=list)  # columns with a heading that no field uses

    def heading(self, name: str) -> str:
        """The heading of a field's column as printed (its letter when the heading is blank)."""
        i = self.columns[name]
        text = self.headings[i] if i < len(self.headings) else ""
        return text or letter(i)

    def describe(self, name: str) -> str:
        i = self.columns[name]
        return f'"{self.heading(name)}" ({letter(i)})'


class MappingError(ValueError):
    """No heading row fits; the message says what was looked for."""


def find_columns(rows: list[list[str]], saved: dict[str, str] | None = None) -> ColumnMap:
    """The heading row and the column of each field: the saved mapping first, then the heading words."""
    saved = {k: v for k, v in (saved or {}).items() if v}
    best: ColumnMap | None = None
    for r, row in enumerate(rows[:SEARCH_ROWS]):
        found = _match_row(row, saved)
        if found is None:
            continue
        if all(f in found for f in REQUIRED):
            used = set(found.values())
            ignored = [i for i, cell in enumerate(row) if cell.strip() and i not in used]
            return ColumnMap(r, found, list(row), ignored)
        if best is None or len(found) > len(best.columns):
            best = ColumnMap(r, found, list(row))
    wanted = ", ".join(f'{f} ("{saved[f]}")' if f in saved else f for f in REQUIRED)
    near = f"; row {best.header_row + 1} comes closest ({', '.join(sorted(best.columns))})" if best else ""
    raise MappingError(f"no heading row names the columns {wanted} in the first {SEARCH_ROWS} rows{near}")


def _match_row(row: list[str], saved: dict[str, str]) -> dict[str, int] | None:
    names = [normal(cell) for cell in row]
    if sum(1 for n in names if n) < 2:
        return None
    found: dict[str, int] = {}
    for name, heading in saved.items():
        index = _letter_index(heading)
        if index is None:
            index = next((i for i, n in enumerate(names) if n and n == normal(heading)), None)
        if index is None:
            return None  # a saved heading must be in the heading row
        found[name] = index
    taken = set(found.values())
    for name, words in HEADINGS.items():
        if name in found:
            continue
        for word in words:
            index = next((i for i, n in enumerate(names) if n == word and i not in taken), None)
            if index is not None:
                found[name] = index
                taken.add(index)
                break
    if "identity" not in found and "description" in found and "description" not in saved:
        found["identity"] = found.pop("description")  # a report whose one name column says "Description"
    return found
