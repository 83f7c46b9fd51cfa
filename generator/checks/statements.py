"""Statement ties: stated totals, the roll of net assets, Schedule H, notes receivable, breakdowns."""

from __future__ import annotations

from decimal import Decimal

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing, change_lines
from ..model.prose import long_date
from ..money import ZERO


def _stated(name: str, path: str, computed: Decimal, stated: Decimal | None, what: str) -> list[Finding]:
    if stated is None or stated == computed:
        return []
    return [Finding(name, ERROR, f"stated {what} does not agree with the figures", path,
                    expected=computed, actual=stated, labels=("computed", "stated"),
                    hint="a stated total is checked, never used: correct the figures or the total")]


def stated_totals(f: Filing) -> list[Finding]:
    """Every total printed in the YAML equals the total computed from its lines."""
    out: list[Finding] = []
    stated = f.plan_year.net_assets.stated
    for name in ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets"):
        pair = getattr(stated, name)
        if pair is None:
            continue
        computed = getattr(f, name)
        for column, year in (("current", f.year), ("prior", f.prior_year)):
            out += _stated("stated-totals", f"net_assets.stated.{name}.{column}", getattr(computed, column),
                           getattr(pair, column), f"{name.replace('_', ' ')} at {year} year-end")
    cs = f.plan_year.changes.stated
    for name in ("total_additions", "total_deductions", "net_change", "net_assets_beginning", "net_assets_end"):
        out += _stated("stated-totals", f"changes.stated.{name}", getattr(f, name), getattr(cs, name),
                       name.replace("_", " "))
    return out


def net_assets_roll(f: Filing) -> list[Finding]:
    """Beginning net assets plus the net change equals net assets at the end of the year."""
    if f.net_assets_end == f.net_assets.current:
        return []
    return [Finding("net-assets-roll", ERROR,
                    "the statement of changes does not roll to the statement of net assets: beginning "
                    f"net assets {f.net_assets_beginning:,} plus net change {f.net_change:,} is not the "
                    f"{f.year} net assets", "changes",
                    expected=f.net_assets.current, actual=f.net_assets_end,
                    labels=("net assets", "rolled"),
                    hint="an addition or deduction is missing or wrong, or a balance on the statement of "
                         "net assets is wrong")]


def schedule_h(f: Filing) -> list[Finding]:
    """Schedule H, line 4i totals to the investments on the statement of net assets (plus notes
    receivable from participants, when the statement shows them on their own line)."""
    expected, what = f.total_investments.current, "total investments"
    if f.notes_receivable is not None:
        expected, what = expected + f.notes_receivable.amount.current, what + " plus notes receivable"
    if f.schedule_total == expected:
        return []
    return [Finding("schedule-h", ERROR, f"Schedule H, line 4i total does not equal {what}",
                    "investments", expected=expected, actual=f.schedule_total)]


def notes_receivable(f: Filing) -> list[Finding]:
    """Listed loans add up to a stated balance; no listed loan matured before year-end."""
    nr = f.plan_year.net_assets.notes_receivable
    as_investment = [dotted(path) for path, h in _holdings(f) if h.type == "participant_loans"]
    if nr is not None and as_investment:
        return [Finding("notes-receivable", ERROR, "participant loans are both an investment and notes receivable "
                        "from participants: they would be counted twice", as_investment[0],
                        hint="keep them under net_assets.notes_receivable only")]
    if nr is None or not nr.loans:
        return []
    out = _stated("notes-receivable", "net_assets.notes_receivable.current", f.notes_receivable.amount.current,
                  nr.current, "notes receivable balance (the sum of the loans listed)")
    for i, loan in enumerate(nr.loans):
        if loan.maturity <= f.fiscal_year_end:
            out.append(Finding("notes-receivable", WARNING,
                               f"loan {i + 1} matured on {long_date(loan.maturity)} but is still outstanding at "
                               "year-end", f"net_assets.notes_receivable.loans[{i}].maturity",
                               hint="a loan in default is a deemed distribution: check it, or list it under "
                                    "form5500.reconciling"))
    return out


def _holdings(f: Filing):
    for g, group in enumerate(f.plan_year.investments):
        for h, holding in enumerate(group.holdings):
            yield ("investments", g, "holdings", h), holding


def breakdowns(f: Filing) -> list[Finding]:
    """A line given both as an amount and by type: the parts add up to the face amount."""
    out = []
    for path, line in change_lines(f.plan_year):
        if line.amount is not None and line.by_type:
            parts = sum((t.amount for t in line.by_type), ZERO)
            if parts != line.amount:
                out.append(Finding("breakdowns", ERROR, "the breakdown by type does not add up to "
                                   "the amount on the face of the statement", dotted(path + ("amount",)),
                                   expected=line.amount, actual=parts, labels=("face", "by type")))
    return out


CHECKS = {
    "stated-totals": stated_totals,
    "net-assets-roll": net_assets_roll,
    "schedule-h": schedule_h,
    "notes-receivable": notes_receivable,
    "breakdowns": breakdowns,
}
