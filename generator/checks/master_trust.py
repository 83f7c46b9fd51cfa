"""The master trust: the Plan's interest ties to the statements, the trust's tables to their totals."""

from __future__ import annotations

from decimal import Decimal

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing
from ..model.master_trust import COLUMNS, line_value
from ..model.prose import long_date
from ..model.wording import contradiction
from ..money import ZERO

TRUST_BLOCKS = ("master_trust", "master_trust_income", "master_trust_fair_value")


def _blocks(f: Filing, kinds=TRUST_BLOCKS) -> list[str]:
    return [f"notes[{n}].blocks[{b}]" for n, note in enumerate(f.plan_year.notes)
            for b, block in enumerate(note.blocks) if block.breakdown in kinds]


def _interest_holdings(f: Filing) -> list[tuple[tuple, object]]:
    return [(("investments", g, "holdings", h), holding) for g, group in enumerate(f.plan_year.investments)
            for h, holding in enumerate(group.holdings) if holding.type == "master_trust"]


def _interest(f: Filing, column: str) -> Decimal:
    """The Plan's interest as the note measures it: contracts at contract value."""
    return sum((getattr(h.contract_value or h, column) for _, h in _interest_holdings(f)), ZERO)


def plan_interest(f: Filing) -> list[Finding]:
    """The Plan's interest on the statements is the master trust's, and ties to the note: line by line for a
    divided interest (and its income), within the trust's net assets for an undivided one."""
    trust, holdings = f.master_trust, _interest_holdings(f)
    if trust is None:
        out = [Finding("master-trust", ERROR, "a note shows the master trust, but the plan year has no master_trust",
                       path, hint="add master_trust: with the trust's investments") for path in _blocks(f)]
        if holdings:
            out.append(Finding("master-trust", WARNING, "the Plan holds an interest in a master trust, but the "
                               "master trust's investments are not given for its note", dotted(holdings[0][0]),
                               hint="add master_trust: (its investments, other assets and liabilities, income)"))
        return out
    if not holdings:
        return [Finding("master-trust", ERROR, "the master trust is described, but no investment of the Plan is "
                        "its interest in it", "master_trust", hint="give the Plan's interest as a holding of "
                        "type master_trust")]
    out = []
    for year, column in zip(trust.years, COLUMNS):
        statement = _interest(f, column)
        if trust.divided and year.plan_net_assets != statement:
            out.append(Finding("master-trust", ERROR, "the Plan's interest in the master trust's net assets at "
                               f"{long_date(year.year_end)} (the sum of its lines) does not agree with the statement "
                               "of net assets", "master_trust", expected=statement, actual=year.plan_net_assets,
                               labels=("statement", "note")))
        fair = trust.plan_interest_fair_value[COLUMNS.index(column)]
        if not trust.divided and fair > year.net_assets_fair_value:
            out.append(Finding("master-trust", ERROR, "the Plan's interest is more than the master trust's net "
                               f"assets at {long_date(year.year_end)}", dotted(holdings[0][0] + (column,)),
                               expected=year.net_assets_fair_value, actual=fair, labels=("trust", "Plan")))
    income = trust.income.plan_total
    face = f.change_by_kind.get("master_trust_income")
    if income is not None and income != (face or ZERO):
        out.append(Finding("master-trust", ERROR, "the Plan's interest in the master trust's net investment income "
                           "does not agree with the statement of changes", "master_trust.income",
                           expected=face or ZERO, actual=income, labels=("statement", "note"),
                           hint="the statement shows it as a line of kind master_trust_income"))
    if not trust.divided:
        out += [Finding("master-trust", WARNING, "plan: gives a divided interest's share, but the interest is "
                        "undivided", path, hint="set master_trust.interest: divided")
                for path in _plan_shares(f)[:1]]
    return out


def _plan_shares(f: Filing) -> list[str]:
    mt = f.plan_year.master_trust
    return [f"master_trust.{section}[{i}].plan" for section in ("investments", "other_assets", "liabilities", "income")
            for i, line in enumerate(getattr(mt, section)) if line.plan is not None]


def trust_totals(f: Filing) -> list[Finding]:
    """The trust's stated totals agree with its lines; a line given by level agrees with its stated value."""
    mt, trust = f.plan_year.master_trust, f.master_trust
    if mt is None:
        return []
    out = []
    for name, attr in (("total_investments", "total_investments"), ("net_assets", "net_assets")):
        stated = getattr(mt.stated, name)
        for year, column in zip(trust.years, COLUMNS):
            value = getattr(stated, column) if stated else None
            if value is not None and value != getattr(year, attr):
                out.append(Finding("master-trust", ERROR, f"stated master trust {name.replace('_', ' ')} at "
                                   f"{long_date(year.year_end)} does not agree with its lines",
                                   f"master_trust.stated.{name}.{column}", expected=getattr(year, attr),
                                   actual=value, labels=("computed", "stated"),
                                   hint="a stated total is checked, never used: correct the lines or the total"))
    if mt.stated.income is not None and mt.stated.income != trust.income.total:
        out.append(Finding("master-trust", ERROR, "stated master trust net investment income does not agree with "
                           "its lines", "master_trust.stated.income", expected=trust.income.total,
                           actual=mt.stated.income, labels=("computed", "stated")))
    for i, line in enumerate(mt.investments):
        for column in COLUMNS:
            given = getattr(line, column)
            parts = sum((getattr(p, column) for p in line.by_level), ZERO)
            if line.by_level and given is not None and given != parts:
                out.append(Finding("master-trust", ERROR, "the parts by level do not add up to the line",
                                   f"master_trust.investments[{i}].{column}", expected=given, actual=parts,
                                   labels=("line", "by level")))
    return out


def trust_fair_value(f: Filing) -> list[Finding]:
    """Every trust line is levelled once any is; the hierarchy totals to the trust's investments at fair value."""
    mt, trust = f.plan_year.master_trust, f.master_trust
    placed = _blocks(f, ("master_trust_fair_value",))
    if mt is None:
        return []
    if not trust.fair_value:
        return [Finding("master-trust", ERROR, "a fair value table of the master trust needs a fair_value_level "
                        "(or by_level parts) on its investments; none has one", path) for path in placed]
    out = [Finding("master-trust", ERROR, "this master trust investment has no fair value level, but others do",
                   path, hint="add fair_value_level: 1, 2, 3 or nav, or by_level parts")
           for path in sorted({dotted(p) for t in trust.fair_value for p in t.unlevelled})]
    for table, year, column in zip(trust.fair_value, trust.years, COLUMNS):
        at_fair_value = sum((line_value(line, column) for line in mt.investments
                             if not (f.contracts == "contract_value" and line.contract_value is not None)), ZERO)
        if table.total != at_fair_value:
            out.append(Finding("master-trust", ERROR, f"the master trust's fair value table at "
                               f"{long_date(year.year_end)} does not total to its investments at fair value",
                               placed[0] if placed else "master_trust.investments", expected=at_fair_value,
                               actual=table.total, labels=("investments", "table")))
    return out


def trust_wording(f: Filing) -> list[Finding]:
    """A caption typed for a line of the trust's income agrees with the sign of its amount."""
    mt = f.plan_year.master_trust
    out = []
    for i, line in enumerate(mt.income if mt else []):
        found = contradiction(line.label, line.amount)
        if found:
            out.append(Finding("sign-wording", ERROR, f'the caption "{line.label}" says "{found[0]}", but its '
                               f"amount {line.amount:,} is a {found[1]}", f"master_trust.income[{i}].label",
                               hint=f'write "{found[1]}"'))
    return out


CHECKS = {
    "master-trust": plan_interest,
    "master-trust-wording": trust_wording,
    "master-trust-totals": trust_totals,
    "master-trust-fair-value": trust_fair_value,
}
