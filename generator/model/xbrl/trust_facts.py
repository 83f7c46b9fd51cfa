"""The master trust note's tables as Inline XBRL facts: the trust's net assets and the Plan's interest in them at
each year-end, its net investment income, and its fair value hierarchy, in FASB's master trust table on its
master trust axis (the trust's member, the Plan's interest's member), each line by type on InvestmentTypeAxis.
Pure.

Every figure is reported as its element's balance says: a table's column adds assets and subtracts what it
prints in parentheses, so a credit element (a liability, an investment expense, an investment whose fair value
is negative: FASB's investment liability) reports the printed figure's opposite, a positive amount.
"""

from __future__ import annotations

from decimal import Decimal

from ...load.yaml_source import dotted
from . import mapping as m
from .taxonomy import ebp_elements

MT = m.MASTER_TRUST
TYPE_AXIS = "us-gaap:InvestmentTypeAxis"


def trust_tables(b, block, place: tuple) -> None:
    """A master_trust or master_trust_income block's tables (templates/html/note_master_trust.html.j2),
    keyed ("master_trust", note, block, table, row, column)."""
    mt = block.data
    if mt is None:
        return
    lines = trust_lines(b)
    tables = mt.net_assets_tables if block.kind == "master_trust" else [mt.income_table]
    for t, table in enumerate(tables):
        columns = _columns(b, mt, table, block.kind)
        # one line of contracts at contract value is their total too, which total investments (fair value and
        # contract value) add in the calculation trees
        contracts = [row for row in table.rows if row.key == "contract"]
        for r, row in enumerate(table.rows):
            if row.kind == "caption":
                continue
            for c, amount in enumerate(row.amounts):
                if amount is None:
                    continue
                concept, dims = lines.tag(row.key, row.path, amount)
                member, period = columns[c]
                key, where = ("master_trust",) + place + (t, r, c), dotted(row.path) if row.path else ""
                b.add(key, concept, b.ctx(period, (MT["axis"], member), *dims), signed(concept, amount), where,
                      role="master_trust")
                if contracts == [row]:
                    b.add(key, MT["contract"], b.ctx(period, (MT["axis"], member)), amount, where, role="master_trust")


def _columns(b, mt, table, kind: str) -> list[tuple[str, object]]:
    """(member of the master trust axis, period) of each column of a table."""
    if kind == "master_trust_income":
        return [(MT["trust"], b.year), (MT["plan"], b.year)]
    if table.year_end is None:  # an undivided interest: the trust at both year-ends
        return [(MT["trust"], b.current), (MT["trust"], b.prior)]
    period = b.current if table.year_end == b.current.end else b.prior
    return [(MT["trust"], period), (MT["plan"], period)]


def trust_fair_value(b, block, place: tuple) -> None:
    """The trust's fair value hierarchy at each year-end (templates/html/note_fair_value.html.j2), keyed as the
    Plan's: ("fair_value", note, block, table, row, column)."""
    if b.f.master_trust is None:
        return
    fv = m.FAIR_VALUE
    lines = trust_lines(b)
    captions = {line.caption: i for i, line in enumerate(b.py.master_trust.investments)}
    levels = [(fv["axis"], fv[level]) for level in ("1", "2", "3", "hierarchy")]
    role = "master_trust_fair_value"

    def cell(key: tuple, period, amount: Decimal, caption: str | None, *dims) -> None:
        path = None if caption is None else ("master_trust", "investments", captions[caption])
        concept, kind = lines.tag("investment", path, amount) if path else (_investment(amount), [])
        b.add(key, concept, b.ctx(period, (MT["axis"], MT["trust"]), *kind, *dims), signed(concept, amount),
              dotted(path) if path else "", role=role)

    for t, table in enumerate(block.data):
        key = ("fair_value",) + place + (t,)
        period = b.current if table.year_end == b.current.end else b.prior
        for r, row in enumerate(table.rows):
            for c, level in enumerate(levels):
                cell(key + (r, c), period, row.amounts[c], row.caption, level)
        total_row = "hierarchy" if table.nav else "total"
        for c, level in enumerate(levels):
            cell(key + (total_row, c), period, table.hierarchy.amounts[c], None, level)
        nav = (fv["axis"], fv["nav"])
        if table.nav and block.nav_lines == "each":
            for i, (caption, value) in enumerate(table.nav_rows):
                cell(key + ("nav", i, 3), period, value, caption, nav)
        elif table.nav:
            cell(key + ("nav", 3), period, table.nav, None, nav)
        cell(key + ("total", 3), period, table.total, None)


def _investment(amount: Decimal) -> str:
    """An investment's fair value, or, negative, an investment liability's (derivatives owed)."""
    return MT["investment_liability"] if amount < 0 else MT["investment"]


def signed(concept: str | None, amount: Decimal) -> Decimal:
    """The fact of a figure a table adds into its column: the figure, or its opposite for a credit element."""
    if concept is None:
        return amount
    if concept.startswith("ext:"):
        ext = m.EXTENSIONS.get(concept[4:])
        balance = ext.balance if ext else "debit"
    else:
        balance = ebp_elements()[concept].balance
    return -amount if balance == "credit" else amount


def trust_lines(b) -> "TrustLines":
    """The filing's trust lines, looked up once however many of the trust's tables the notes print."""
    if getattr(b, "trust_lines", None) is None:
        b.trust_lines = TrustLines(b)
    return b.trust_lines


class TrustLines:
    """The element (and InvestmentTypeAxis member) of each row of the trust's tables, each line's looked up
    once; a line none names is a finding located at it."""

    def __init__(self, b) -> None:
        self.b = b
        trust = b.py.master_trust
        self.members = self._unique("investments", [self._member(i, line) for i, line in enumerate(trust.investments)])
        self.elements = {
            section: self._unique(section, [self._element(section, i, line) for i, line in
                                            enumerate(getattr(trust, section))])
            for section in ("other_assets", "liabilities", "income")}

    def tag(self, key: str, path: tuple | None, amount: Decimal) -> tuple[str | None, list[tuple[str, str]]]:
        """(element, dimensions beyond the trust's) of a row of one of the trust's tables."""
        if key in ("investment", "contract"):
            member = self.members[path[2]]
            if member is None:
                return None, []
            return (_investment(amount) if key == "investment" else MT["contract"]), [(TYPE_AXIS, member)]
        if key in ("other_asset", "liability", "income"):
            return self.elements[path[1]][path[2]], []
        return MT[key], []

    def _member(self, i: int, line) -> str | None:
        path = ("master_trust", "investments", i)
        if line.xbrl_member:
            return self.b.type_member(line.xbrl_member, path + ("xbrl_member",))
        found = m.first_match(m.TRUST_INVESTMENTS, line.caption)
        if found is None:
            self.b.problem(path, f"cannot tell which investment type the master trust's line '{line.caption}' is",
                           "name its us-gaap:InvestmentTypeAxis member: xbrl_member: "
                           "EmployeeBenefitPlanEmployerCommonStockMember (or another)")
        return found

    def _element(self, section: str, i: int, line) -> str | None:
        path = ("master_trust", section, i)
        period = "duration" if section == "income" else "instant"
        if line.xbrl_element:
            return self.b.ebp_element(line.xbrl_element, path + ("xbrl_element",), period)
        table = m.TRUST_INCOME if section == "income" else m.TRUST_LINES[section]
        found = m.first_match(table, line.label)
        if found is None:
            what = {"income": "income line", "other_assets": "asset", "liabilities": "liability"}[section]
            self.b.problem(path, f"the master trust's {what} '{line.label}' cannot be tagged: its label names no "
                           "us-gaap-ebp element", "name its element: xbrl_element: EmployeeBenefitPlanOther"
                           + ("Asset" if section == "other_assets" else "Liability" if section == "liabilities"
                              else "Receivable") + " (or another)")
        return found

    def _unique(self, section: str, found: list[str | None]) -> list[str | None]:
        """Two lines of a section tagged alike would be one fact of two values: the second is a finding."""
        seen: set[str] = set()
        out = []
        for i, name in enumerate(found):
            if name is not None and name in seen:
                self.b.problem(("master_trust", section, i), f"two lines of the master trust's {section.replace('_', ' ')} "
                               f"would both be tagged {name.split(':')[1]}",
                               "name a distinct element or member for one (xbrl_element:, xbrl_member:)")
                name = None
            seen.add(name)
            out.append(name)
        return out
