"""Findings: problems found in a plan year, as data, and their printed form."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: file and 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        if self.line < 1:  # the file as a whole (it could not be read): no line to point at
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Related:
    """Another place a finding points at: a value most likely responsible for it, and why."""

    path: str
    note: str
    location: Location | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.path}: {self.note}" if self.location else f"{self.path}: {self.note}"


@dataclass(frozen=True)
class Finding:
    """One problem: what, where, and (for figures) expected versus actual."""

    check: str
    severity: str
    message: str
    path: str = ""
    location: Location | None = None
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    hint: str = ""
    labels: tuple[str, str] = ("expected", "actual")
    needle: str = ""  # text inside the value the finding is about: it is located there, not at the value's start
    related: tuple[Related, ...] = ()  # the values most likely responsible, with their places
    exception: str = ""  # the name of the plan year's `exceptions:` entry that accepts this finding

    @property
    def difference(self) -> Decimal | None:
        """actual - expected, when both are amounts."""
        if isinstance(self.expected, Decimal) and isinstance(self.actual, Decimal):
            return self.actual - self.expected
        return None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line, loc.column) if loc else ("~", 0, 0)


def _amount(value: Decimal | str) -> str:
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def format_finding(f: Finding, excerpt: str | None = None) -> str:
    """Render a finding the way hledger does: place, message, then the figures."""
    place = str(f.location) if f.location else "<plan>"
    head = f"{place}: {f.severity}: "
    if f.path:
        head += f"{f.path}: "
    lines = [head + f.message]
    if excerpt:
        lines.append(excerpt)
    if f.expected is not None:
        lines.append(f"  {f.labels[0] + ':':<11} {_amount(f.expected)}")
    if f.actual is not None:
        lines.append(f"  {f.labels[1] + ':':<11} {_amount(f.actual)}")
    if f.difference is not None:
        lines.append(f"  difference: {_amount(f.difference)}")
    lines += [f"  likely: {r}" for r in f.related]
    if f.hint:
        lines.append(f"  hint: {f.hint}")
    return "\n".join(lines)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def plural(count: int, word: str) -> str:
    """'1 error', '2 errors', '0 warnings'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def tally(findings: Iterable[Finding]) -> str:
    """The count line after findings: '2 errors, 61 warnings'."""
    severities = [f.severity for f in findings]
    return f"{plural(severities.count(ERROR), 'error')}, {plural(severities.count(WARNING), 'warning')}"


def to_json(f: Finding) -> dict:
    """A JSON-ready dict of a finding."""
    loc = f.location
    out = {
        "check": f.check,
        "severity": f.severity,
        "message": f.message,
        "path": f.path,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
    }
    for key in ("expected", "actual", "difference"):
        value = getattr(f, key)
        out[key] = str(value) if value is not None else None
    if f.hint:
        out["hint"] = f.hint
    if f.related:
        out["related"] = [{"path": r.path, "note": r.note, "file": r.location.file if r.location else None,
                           "line": r.location.line if r.location else None,
                           "column": r.location.column if r.location else None} for r in f.related]
    if f.exception:
        out["exception"] = f.exception
    return out


def internal_error(exc: BaseException) -> str:
    """The one-line message for an unexpected exception: a bug, never the user's fault.

    Set ELEVENK_DEBUG=1 to see the traceback instead.
    """
    if os.environ.get("ELEVENK_DEBUG"):
        return "internal error\n" + "".join(traceback.format_exception(exc))
    return (f"internal error ({type(exc).__name__}: {exc}); this is a bug in elevenk: please report it "
            "with the input file (ELEVENK_DEBUG=1 shows the traceback)")


def os_problem(exc: OSError) -> str:
    """An operating-system failure in one line that names the path: 'output/x: Permission denied'."""
    names = " -> ".join(str(n) for n in (exc.filename, exc.filename2) if n is not None)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{names}: {reason}" if names else reason
