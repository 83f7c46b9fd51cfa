"""The Form 5500 crosswalk ties to the statements through the reconciliation, both ways."""

from __future__ import annotations

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing, change_lines
from ..model.form5500 import SEVERAL_KINDS, gain_line


def form5500_ties(f: Filing) -> list[Finding]:
    """The Form 5500 Schedule H lines tie to the statements through the reconciliation, both ways."""
    cw, rec = f.form5500, f.reconciliation
    if cw is None or rec is None:
        return []
    out = []
    ties = [("net assets (line 1l) at the end of the year", cw.end("1l"), rec.net_assets_5500[0]),
            ("net assets (line 1l) at the beginning of the year", cw.beginning("1l"), rec.net_assets_5500[1]),
            ("net income (line 2k)", cw.amount("2k"), rec.income_5500)]
    for what, line, reconciled in ties:
        if line != reconciled:
            out.append(Finding("form5500", ERROR, f"Form 5500 {what} does not agree with the statements as "
                               "reconciled", "form5500", expected=reconciled, actual=line,
                               labels=("reconciled", "Form 5500")))
    rolled = cw.beginning("1l") + cw.amount("2k") + cw.amount("2l(1)") - cw.amount("2l(2)")
    if f.net_assets_end == f.net_assets.current and rolled != cw.end("1l"):
        out.append(Finding("form5500", ERROR, "Form 5500 net assets do not roll: beginning 1l plus net income "
                           "2k and transfers 2l is not the ending 1l", "form5500.reconciling",
                           expected=cw.end("1l"), actual=rolled, labels=("line 1l", "rolled"),
                           hint="a reconciling item's prior amount must be last year's current amount"))
    placed = [f"notes[{n}].blocks[{b}]" for n, note in enumerate(f.plan_year.notes)
              for b, block in enumerate(note.blocks) if block.breakdown == "form5500_reconciliation"]
    if placed and not rec.differs:
        out.append(Finding("form5500", WARNING, "a note reconciles to Form 5500 but nothing differs",
                           placed[0], hint="remove the block, or list the items under form5500.reconciling"))
    loans = f.notes_receivable.amount if f.notes_receivable else None
    for item in rec.items:
        if item.kind == "deemed_distributions" and (loans is None or item.current > loans.current
                                                    or item.prior > loans.prior):
            out.append(Finding("form5500", ERROR, "deemed distributions exceed the notes receivable they are "
                               "part of", dotted(item.path), hint="deemed loans stay in notes receivable "
                               "on the statements until they are offset"))
    return out


def appreciation_lines(f: Filing) -> list[Finding]:
    """Net appreciation given as one amount over holdings whose gains belong on different Schedule H lines
    (2b(10) for registered investment companies, 2b(6) for common/collective trusts, ...) is not split by guess."""
    out = []
    for path, line in change_lines(f.plan_year):
        if line.kind != "net_appreciation" or line.by_type or line.form5500_line:
            continue
        code, why = gain_line(f.plan_year, f.plan_year.investments)
        if why.startswith(SEVERAL_KINDS):
            held = why[len(SEVERAL_KINDS):].rsplit("), no breakdown", 1)[0]
            out.append(Finding("form5500", WARNING, f"net appreciation goes to Form 5500 line {code} as one amount, "
                               f"but the plan's holdings are on {held}, whose gains belong on different lines",
                               dotted(path + ("amount",)),
                               hint="give net appreciation by_type (each part goes to its group's line), or "
                                    "form5500_line"))
    return out


CHECKS = {
    "form5500": form5500_ties,
    "form5500-appreciation": appreciation_lines,
}
