"""Checks: the tie-outs, dates and consistency rules a preparer and auditor apply.

Each check is a pure function of the computed filing returning findings; errors stop a build, warnings
do not (unless --strict). Findings carry dotted paths; the pipeline adds file locations. The families
run are the ones listed in FAMILIES, in that order: a new family is a module here and a line there.
"""

from __future__ import annotations

from typing import Callable

from ..findings import Finding
from ..model.compute import Filing
from . import (
    audit,
    contracts,
    edgar,
    fair_value,
    flux,
    form5500,
    master_trust,
    notes,
    plausibility,
    review,
    statement_length,
    statements,
    wording,
    xbrl,
    years,
)

Check = Callable[[Filing], list[Finding]]

FAMILIES = (years, statements, statement_length, contracts, master_trust, fair_value, form5500, audit, plausibility,
            notes, wording, edgar, flux, review, xbrl)


def registry() -> dict[str, Check]:
    """Every check by name, family by family, in the order they run."""
    return {name: fn for family in FAMILIES for name, fn in family.CHECKS.items()}


def run_checks(filing: Filing) -> list[Finding]:
    """Run every check of every family."""
    findings: list[Finding] = []
    for family in FAMILIES:
        for fn in family.CHECKS.values():
            findings.extend(fn(filing))
    return findings
