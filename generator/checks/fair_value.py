"""The fair value hierarchy table: every holding levelled, the table's total on the statement."""

from __future__ import annotations

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing
from ..model.prose import long_date


def _fair_value_blocks(f: Filing) -> list[str]:
    return [f"notes[{n}].blocks[{b}]" for n, note in enumerate(f.plan_year.notes)
            for b, block in enumerate(note.blocks) if block.breakdown == "fair_value"]


def fair_value(f: Filing) -> list[Finding]:
    """Every holding has a fair value level once any has; the table's total ties to the statement."""
    blocks = _fair_value_blocks(f)
    if not f.fair_value:
        return [Finding("fair-value", ERROR, "a fair value table needs a fair_value_level (1, 2, 3 or nav) on "
                        "each holding; none has one", path) for path in blocks]
    out: list[Finding] = []
    for path in sorted({dotted(p) for table in f.fair_value for p in table.unlevelled}):
        out.append(Finding("fair-value", ERROR, "this holding has no fair value level, but others do",
                           path, hint="add fair_value_level: 1, 2, 3 or nav"))
    for table, pair_column in zip(f.fair_value, ("current", "prior")):
        statement = getattr(f.total_investments - f.outside_hierarchy, pair_column)
        if table.total != statement:
            out.append(Finding("fair-value", ERROR, f"the fair value table at {long_date(table.year_end)} does "
                               "not total to the investments on the statement of net assets",
                               blocks[0] if blocks else "investments", expected=statement, actual=table.total,
                               labels=("statement", "table")))
    if not blocks:
        out.append(Finding("fair-value", WARNING, "the holdings carry fair value levels but no note shows the "
                           "fair value table", "notes", hint="add a note block: {breakdown: fair_value}"))
    return out


CHECKS = {
    "fair-value": fair_value,
}
