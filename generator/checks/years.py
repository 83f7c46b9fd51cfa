"""Years that agree: the file's name and fiscal_year_end; a date rule set aside only on purpose."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..findings import WARNING, Finding
from ..model.compute import Filing

YEAR = re.compile(r"(19|20)\d\d")


def accept(f: Filing, name: str, finding: Finding) -> Finding:
    """The finding as the plan year's `exceptions:` entry `name` accepts it (a warning saying why), or as it is."""
    reason = f.plan_year.exceptions.get(name)
    if reason is None:
        deliberate = f'if it is deliberate, add exceptions: {{{name}: "<why>"}} (the build\'s manifest records it)'
        return replace(finding, hint=f"{finding.hint}; {deliberate}" if finding.hint else deliberate)
    return replace(finding, severity=WARNING, exception=name, hint="",
                   message=f"{finding.message} (accepted: exceptions.{name}: {reason})")


def file_year(source: str) -> tuple[int, str] | None:
    """The plan year a file's name gives (2001.yaml, or a folder named 2001), with the name that gives it."""
    path = Path(source)
    for name in (path.stem, path.parent.name):
        if YEAR.fullmatch(name):
            return int(name), (path.name if name == path.stem else f"{name}/")
    return None


def broken_rules(f: Filing) -> dict[str, bool]:
    """Which of the rules an `exceptions:` entry may set aside the plan year breaks, by the entry's name."""
    py = f.plan_year
    report, consent, named = py.auditor.report, py.auditor.consent, file_year(f.source) if f.source else None
    return {
        "file_year": named is not None and named[0] != f.year,
        "report_before_year_end": report.date <= f.fiscal_year_end,
        "consent_before_report": consent is not None and consent.date < report.date,
        "filing_after_deadline": py.filing.filing_date is not None and py.filing.filing_date > f.deadline,
    }


def stale_exceptions(f: Filing) -> list[Finding]:
    """An exception that sets aside a rule the plan year keeps says something false: it goes."""
    broken = broken_rules(f)
    return [Finding("years", WARNING, "an exception for a rule this plan year keeps", f"exceptions.{name}",
                    hint="remove it: the dates it accepted are no longer there")
            for name in f.plan_year.exceptions if not broken[name]]


def named_year(f: Filing) -> list[Finding]:
    """A file named for a plan year (2001.yaml, or in a folder named 2001) holds that year: fiscal_year_end is in it.

    Otherwise `build` would write this file's filing into another year's output folder.
    """
    if not broken_rules(f)["file_year"]:
        return []
    year, name = file_year(f.source)
    finding = Finding("years", "error", f"fiscal_year_end {f.fiscal_year_end.isoformat()} is in {f.year}, but the "
                      f"file is named for {year} ({name}): the build would write {f.year}'s filing",
                      "filing.fiscal_year_end")
    return [accept(f, "file_year", replace(finding, hint="correct the year, or rename the file for its plan year"))]


CHECKS = {
    "years": named_year,
    "stale-exceptions": stale_exceptions,
}
