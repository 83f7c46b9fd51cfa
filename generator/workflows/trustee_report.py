"""Read the holdings of a trustee's year-end report: the rows under the heading row, with section headings,
subtotals, a grand total and a footer told apart, every amount parsed strictly and every total checked.

Problems are located findings (file:row:column); nothing here touches the plan-year file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import ERROR, Finding, Location
from ..money import ZERO, AmountError, parse_printed_amount
from .holdings_columns import ColumnMap

TOTAL = re.compile(r"^\s*(grand\s+)?(sub-?\s*)?totals?\b", re.I)
GRAND = re.compile(r"^\s*(grand\s+total|total\s+(investments|assets|plan|holdings|portfolio|market value|all)\b)",
                   re.I)
YES = {"*", "y", "yes", "x", "true", "1"}
NO = {"", "n", "no", "false", "0", "-"}
SHARES = re.compile(r"^\d[\d,]*(\.\d+)?$")


@dataclass
class ReportRow:
    """One holding as the trustee reports it; row is the file's 1-based row number."""

    row: int
    identity: str
    current: Decimal
    description: str = ""
    shares: str = ""
    cost: Decimal | None = None
    party_in_interest: bool | None = None  # None: the report does not say
    category: str = ""  # the type column, else the section heading above the row

    @property
    def key(self) -> tuple[str, str]:
        return normal_name(self.identity), normal_name(self.description)


@functools.lru_cache(maxsize=1 << 16)  # each name is compared many times over in matching 20,000 rows
def normal_name(text: str) -> str:
    """A name as compared: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@dataclass
class Report:
    """What the report holds and how it was read."""

    file: str
    columns: ColumnMap
    rows: list[ReportRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    subtotals: int = 0
    grand_total: Decimal | None = None
    grand_total_row: int | None = None
    sections: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows of text that are neither holdings nor totals
    footer: int = 0  # rows after the grand total

    counted: list[ReportRow] = field(default_factory=list)  # every row a grand total covers, duplicates too


def read_report(file: str, rows: list[list[str]], columns: ColumnMap) -> Report:
    """The holdings of rows below the heading row of columns; every problem a located finding."""
    return _Reader(Report(file, columns)).read(rows)


class _Reader:
    def __init__(self, report: Report):
        self.report = report
        self.cols = report.columns.columns
        self.section = ""
        self.section_rows: list[ReportRow] = []
        self.seen: dict[tuple[str, str], int] = {}

    def problem(self, row: int, column: int | None, message: str, hint: str = "") -> None:
        loc = Location(self.report.file, row, (column or 0) + 1)
        self.report.findings.append(Finding("import", ERROR, message, "", loc, hint=hint))

    def cell(self, cells: list[str], name: str) -> str:
        i = self.cols.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def where(self, name: str) -> str:
        return self.report.columns.describe(name)

    def read(self, rows: list[list[str]]) -> Report:
        for index in range(self.report.columns.header_row + 1, len(rows)):
            cells, row = rows[index], index + 1
            if not any(c.strip() for c in cells):
                continue
            if self.report.grand_total_row is not None:
                self.report.footer += 1
                continue
            label = self.cell(cells, "identity") or next(c.strip() for c in cells if c.strip())
            if TOTAL.match(label):
                self.total(row, cells, label)
            elif not self.cell(cells, "current"):
                self.text_row(row, cells, label)
            else:
                self.holding(row, cells)
        return self.report

    def amount(self, row: int, cells: list[str], name: str) -> Decimal | None:
        text = self.cell(cells, name)
        try:
            return parse_printed_amount(text)
        except AmountError as exc:
            self.problem(row, self.cols[name], f"{self.where(name)}: {exc}")
            return None

    def text_row(self, row: int, cells: list[str], label: str) -> None:
        """A row with no value: a section heading (one cell of text), or a holding whose value is missing."""
        filled = [i for i, c in enumerate(cells) if c.strip()]
        data = [n for n in ("description", "shares", "cost") if self.cell(cells, n)]
        if self.cell(cells, "identity") and data:
            self.problem(row, self.cols["current"], f"{self.where('current')}: no value for "
                         f"\"{self.cell(cells, 'identity')}\"", hint="enter the value, or 0 for a holding sold")
        elif len(filled) == 1:
            self.section, self.section_rows = label.strip().rstrip(":"), []
            self.report.sections.append(self.section)
        else:
            self.report.skipped.append(row)

    def holding(self, row: int, cells: list[str]) -> None:
        identity = self.cell(cells, "identity")
        if not identity:
            self.problem(row, self.cols["identity"], f"{self.where('identity')}: a value with no identity")
            return
        current = self.amount(row, cells, "current")
        cost = self.amount(row, cells, "cost") if "cost" in self.cols else None
        pii = self.party(row, cells)
        if identity.startswith("*"):
            identity, pii = identity.lstrip("* ").strip(), True
        shares = self.shares(row, cells)
        if current is None:
            return
        found = ReportRow(row, identity, current, " ".join(self.cell(cells, "description").split()), shares, cost,
                          pii, self.cell(cells, "type") or self.section)
        first = self.seen.get(found.key)
        if first is not None:
            self.problem(row, self.cols["identity"], f"\"{identity}\" repeats row {first} (same identity and "
                         "description)", hint="delete the duplicate, or tell the two holdings apart in the "
                                              "description")
            self.section_rows.append(found)  # still counted, so the totals below it say nothing more
            self.report.counted.append(found)
            return
        self.seen[found.key] = row
        self.report.rows.append(found)
        self.report.counted.append(found)
        self.section_rows.append(found)

    def party(self, row: int, cells: list[str]) -> bool | None:
        if "party_in_interest" not in self.cols:
            return None
        text = self.cell(cells, "party_in_interest").lower()
        if text in YES:
            return True
        if text in NO:
            return False
        self.problem(row, self.cols["party_in_interest"], f"{self.where('party_in_interest')}: expected * or Y "
                     f"for a party-in-interest, or a blank, got \"{self.cell(cells, 'party_in_interest')}\"")
        return None

    def shares(self, row: int, cells: list[str]) -> str:
        text = self.cell(cells, "shares")
        if not text or text in ("-", "--"):
            return ""
        if not SHARES.match(text) or ("," in text and not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", text)):
            self.problem(row, self.cols["shares"], f"{self.where('shares')}: expected a number of shares or "
                         f"units, got \"{text}\"")
            return ""
        whole, _, frac = text.replace(",", "").partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac.strip("0") else "")

    def total(self, row: int, cells: list[str], label: str) -> None:
        stated = self.amount(row, cells, "current")
        if stated is None:
            if not self.cell(cells, "current"):
                self.problem(row, self.cols["current"], f"{self.where('current')}: \"{label}\" has no amount")
            return
        # A total with no section open (or in a report without sections) totals every row above it.
        grand = bool(GRAND.match(label)) or not self.section_rows or not self.report.sections
        rows = self.report.counted if grand else self.section_rows
        computed = _sum(rows)
        if stated != computed:
            what = "grand total" if grand else "subtotal"
            first = rows[0].row if rows else row
            self.report.findings.append(Finding(
                "import", ERROR, f"{self.where('current')}: {what} \"{label}\" does not agree with the "
                f"rows it totals (rows {first}-{row - 1})", "",
                Location(self.report.file, row, self.cols["current"] + 1), expected=computed, actual=stated,
                labels=("rows add to", "stated"), hint="correct the amounts or the total in the report"))
        if grand:
            self.report.grand_total, self.report.grand_total_row = stated, row
        else:
            self.report.subtotals += 1
            self.section_rows = []


def _sum(rows: list[ReportRow]) -> Decimal:
    return sum((r.current for r in rows), ZERO)

