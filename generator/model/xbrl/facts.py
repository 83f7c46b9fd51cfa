"""The Inline XBRL facts of a computed filing: concept, context (period and dimensions), value and precision,
each keyed by the place it is printed. Pure: no I/O beyond the taxonomy tables.

Every financial fact carries dei:LegalEntityAxis with the plan's member (EBP<EIN>-<plan number>Member, as
FASB's guidance names it); the cover's dei facts sit in the plan year's context without dimensions (EFM 6.5.19).
A printed figure may carry several facts (a total that is also its own split, DQC 10602); the renderer nests them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...findings import ERROR, WARNING, Finding
from ...load.yaml_source import dotted
from ...money import ZERO
from . import mapping as m
from .quote_facts import quoted_facts
from .taxonomy import domain_members, ebp_elements
from .trust_facts import trust_fair_value, trust_tables

ENTITY_AXIS = "dei:LegalEntityAxis"
INVESTMENT_TYPE_AXIS = "us-gaap:InvestmentTypeAxis"
IXBRL_REQUIRED_AFTER = dt.date(2025, 7, 10)  # Release 33-11070: filed on or after July 11, 2025


@dataclass(frozen=True)
class Period:
    """An instant (start None) or a duration, both ends included."""

    end: dt.date
    start: dt.date | None = None

    @property
    def instant(self) -> bool:
        return self.start is None


@dataclass(frozen=True)
class Context:
    """A period and dimensions: explicit (axis, member) pairs and typed (axis, value) pairs, each sorted."""

    period: Period
    explicit: tuple[tuple[str, str], ...] = ()
    typed: tuple[tuple[str, str], ...] = ()

    def __hash__(self) -> int:  # kept: a large schedule's facts are hashed by context again and again
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.period, self.explicit, self.typed))
            object.__setattr__(self, "_hash", cached)
        return cached

    def member(self, axis: str) -> str | None:
        for a, m in self.explicit:
            if a == axis:
                return m
        return None

    @property
    def axes(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.explicit) + tuple(a for a, _ in self.typed)


@dataclass(frozen=True)
class Fact:
    """One fact: a concept in a context, its value (Decimal, str, bool or date) and how it is printed."""

    concept: str
    context: Context
    value: object
    decimals: int | None = None  # numeric facts: 0 whole dollars, 2 cents, -3 thousands
    scale: int = 0  # printed in units of 10**scale (3: thousands; -2: a percentage)
    path: str = ""  # where the figure comes from in the YAML, for findings
    unit: str = "USD"  # numeric facts: USD, or pure (a percentage)

    @property
    def numeric(self) -> bool:
        return isinstance(self.value, Decimal)


@dataclass
class Role:
    """A section of the filing's taxonomy (an extended link role): its concepts in printed order and the
    dimensions its facts use."""

    key: str
    kind: str
    title: str
    table: str | None
    concepts: list[str] = field(default_factory=list)
    axes: dict[str, list[str]] = field(default_factory=dict)  # explicit axis -> members used
    typed_axes: list[str] = field(default_factory=list)
    period_labels: set[str] = field(default_factory=set)  # concepts shown at the start and end of the period


@dataclass
class XbrlFacts:
    """Everything Inline XBRL says about a filing, before it is written."""

    prefix: str
    namespace: str
    date: dt.date
    plan_member: str
    cik: str | None = None
    facts: list[Fact] = field(default_factory=list)  # each printed occurrence
    tags: dict[tuple, list[Fact]] = field(default_factory=dict)  # printed place -> its facts
    # a note's paragraph (note number, block index) -> the figures it quotes: (start, end, place in tags)
    spans: dict[tuple, list[tuple[int, int, tuple]]] = field(default_factory=dict)
    hidden: list[Fact] = field(default_factory=list)  # cover facts not printed (ix:hidden)
    roles: dict[str, Role] = field(default_factory=dict)
    extensions: dict[str, m.Extension] = field(default_factory=dict)  # name -> declaration
    children: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # an extension subtotal's parts
    findings: list[Finding] = field(default_factory=list)
    _unique: list[Fact] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def base(self) -> str:
        """The submission's file name base: prefix-yyyymmdd."""
        return f"{self.prefix}-{self.date:%Y%m%d}"

    def qname(self, concept: str) -> str:
        """'ext:Name' -> '<prefix>:Name'; others unchanged."""
        return f"{self.prefix}:{concept[4:]}" if concept.startswith("ext:") else concept

    @property
    def uses_srt(self) -> bool:
        """Whether a fact is on an srt axis (a range's ends): the filing then imports FASB's srt schema too."""
        return any(axis.startswith("srt:") for role in self.roles.values() for axis in role.axes)

    def calculated_concepts(self) -> set[str]:
        """The concepts the calculation trees are drawn over: those of every section but the detail tables
        FASB gives no calculations (the master trust's), whose facts the trees must still hold for."""
        return {c for role in self.roles.values() if role.key not in m.UNCALCULATED_ROLES for c in role.concepts}

    def unique_facts(self) -> list[Fact]:
        """Each fact once (a figure printed twice is one fact), printed facts first, then the hidden ones."""
        if self._unique is None:
            seen: dict[tuple, Fact] = {}
            for f in self.facts + self.hidden:
                seen.setdefault((f.concept, f.context, f.value), f)
            self._unique = list(seen.values())
        return self._unique


def wanted(filing) -> bool:
    """Whether `elevenk build` makes the Inline XBRL submission of this plan year by default."""
    asked = filing.plan_year.xbrl.build
    return asked if asked is not None else filing.deadline > IXBRL_REQUIRED_AFTER


def default_prefix(issuer: str) -> str:
    """The initials of the issuer's name, without corporate suffixes: 'Harbor Point Logistics, Inc.' -> 'hpl'."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", issuer)
             if w.lower() not in ("inc", "corp", "corporation", "co", "company", "llc", "ltd", "lp", "plc", "the")]
    initials = "".join(w[0] for w in words).lower() or "plan"
    return initials if initials[0].isalpha() else "p" + initials


def default_namespace(issuer: str, day: dt.date) -> str:
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", issuer)
             if w.lower() not in ("inc", "corp", "corporation", "co", "company", "llc", "ltd", "lp", "plc", "the")]
    return f"http://www.{''.join(words) or 'plan'}.com/{day:%Y%m%d}"


# ---------------------------------------------------------------- building the facts


class _Builder:
    """Collects facts role by role as the filing is walked in printed order: the filing as printed (in
    thousands when so presented: each fact is then the printed figure times a thousand, scale 3)."""

    def __init__(self, filing, out: XbrlFacts) -> None:
        from ..scale import presented

        thousands = filing.layout is not None and filing.layout.in_thousands
        filing = presented(filing)
        self.f = filing
        self.out = out
        self.multiplier, self.scale = (Decimal(1000), 3) if thousands else (Decimal(1), 0)
        py = filing.plan_year
        self.current = Period(filing.fiscal_year_end)
        self.prior = Period(filing.prior_year_end)
        self.year = Period(filing.fiscal_year_end, filing.prior_year_end + dt.timedelta(days=1))
        if py.filing.report == "transition" and py.filing.transition_period:  # a short plan year
            self.year = Period(py.filing.transition_period.end, py.filing.transition_period.start)
        self.decimals = -3 if thousands else filing.places
        self.member = out.plan_member
        self.py = py
        self.role = "cover"
        self.identifiers = _identifiers(filing)
        self.placed: dict[tuple, str] = {}  # printed place -> the role its facts are in

    # -- contexts

    def ctx(self, period: Period, *dims: tuple[str, str], typed: tuple[str, str] | None = None) -> Context:
        explicit = tuple(sorted(((ENTITY_AXIS, self.member),) + dims))
        return Context(period, explicit, (typed,) if typed else ())

    # -- facts

    def _role(self, key: str | None = None) -> Role:
        key = key or self.role
        if key not in self.out.roles:
            spec = m.ROLES[key]
            self.out.roles[key] = Role(key, spec.kind, spec.title, spec.table)
        return self.out.roles[key]

    def add(self, key: tuple, concept: str | None, context: Context, value, path: str = "",
            role: str | None = None, decimals: int | None = -99, scale: int | None = None,
            unit: str = "USD") -> Fact | None:
        """Tag the figure printed at `key` with a fact; a None concept tags nothing (its finding is made
        where the concept was looked up). A figure of the filing as printed is scaled as the filing is (in
        thousands: a thousand times the printed figure); one given a scale is taken as it is."""
        if concept is None:
            return None
        if decimals == -99:
            decimals = self.decimals if isinstance(value, Decimal) else None
        if scale is None:
            scale = 0
            if isinstance(value, Decimal) and decimals is not None:
                value, scale = value * self.multiplier, self.scale
        fact = Fact(concept, context, value, decimals, scale, path, unit)
        self.out.facts.append(fact)
        self.out.tags.setdefault(key, []).append(fact)
        self.placed[key] = role or self.role
        r = self._role(role)
        if concept not in r.concepts:
            r.concepts.append(concept)
        for axis, member in context.explicit:
            members = r.axes.setdefault(axis, [])
            if member not in members:
                members.append(member)
        for axis, _ in context.typed:
            if axis not in r.typed_axes:
                r.typed_axes.append(axis)
        return fact

    def type_member(self, name: str, path: tuple) -> str | None:
        """A member of us-gaap:InvestmentTypeAxis the YAML names (a finding when it is none)."""
        return _member(self, name, path)

    def ebp_element(self, name: str, path: tuple, period: str) -> str | None:
        """A monetary us-gaap-ebp element of the period type the YAML names (a finding when it is none)."""
        return _element(self, name, path, period)

    def details_role(self, note, concept: str) -> str | None:
        """The role of a note's facts that no table of it prints ("<title> (Details)"), in the FASB table that
        holds the concept (or the note's text block); None, with a finding, when no FASB table holds either."""
        key = f"note{note.number}_details"
        if key not in self.out.roles:
            table = _table_of(m.note_block(note.title)) or _table_of(concept)
            if table is None:
                self.problem(("notes", note.number - 1), f"no FASB table holds {concept}, which note {note.number} "
                             "quotes", "quote a figure the statements print, or name another element")
                return None
            self.out.roles[key] = Role(key, "Disclosure", f"{note.title} (Details)", table)
        return key

    def problem(self, path, message: str, hint: str, severity: str = ERROR) -> None:
        self.out.findings.append(Finding("xbrl-mapping", severity, message,
                                         dotted(path) if isinstance(path, tuple) else path, hint=hint))


def xbrl_facts(filing) -> XbrlFacts:
    """Every fact of the filing's Inline XBRL, with findings for what cannot be tagged."""
    py = filing.plan_year
    prefix = py.xbrl.prefix or default_prefix(py.issuer.name)
    out = XbrlFacts(prefix, py.xbrl.namespace or default_namespace(py.issuer.name, filing.fiscal_year_end),
                    filing.fiscal_year_end, f"ext:EBP{py.plan.ein}-{py.plan.number}Member", py.plan.cik)
    b = _Builder(filing, out)
    _cover(b)
    _net_assets(b)
    _changes(b)
    _notes(b)
    _schedule_h(b)
    quoted_facts(b)
    return out


# ---------------------------------------------------------------- cover


def _cover(b: _Builder) -> None:
    py, f = b.py, b.f
    required = Context(b.year)  # EFM 6.5.19: dei facts in the plan year's context without dimensions
    transition = py.filing.report == "transition"
    b.role = "cover"
    if transition:  # the cover says FORM 11-K; EDGAR's document type is 11-KT (dei-validations.json)
        b.out.hidden.append(Fact(m.COVER["document_type"], required, "11-KT"))
        b.out.hidden.append(Fact(m.COVER["transition"], required, True))
    else:
        b.add(("cover", "document_type"), m.COVER["document_type"], required, "11-K")
    b.add(("cover", "period_end"), m.COVER["period_end"], required, f.fiscal_year_end)
    b.add(("cover", "registrant"), m.COVER["registrant"], required, py.plan.name)
    b.out.hidden.append(Fact(m.COVER["amendment"], required, False))
    if py.plan.cik:
        b.out.hidden.append(Fact(m.COVER["cik"], required, py.plan.cik))
    else:
        b.problem(("plan",), "the plan's CIK is missing: the Inline XBRL submission names its filer by CIK",
                  'add plan.cik: "0001234567" (the 10-digit Central Index Key EDGAR assigned)')
    role = b._role("cover")
    for fact in b.out.hidden:
        if fact.concept not in role.concepts:
            role.concepts.append(fact.concept)


# ---------------------------------------------------------------- statement of net assets


def investment_member(b: _Builder, group, g: int) -> str | None:
    """The InvestmentTypeAxis member of an investment group: as the YAML names it, else from its types."""
    if group.xbrl_member:
        return _member(b, group.xbrl_member, ("investments", g, "xbrl_member"))
    members = {m.INVESTMENT_TYPES.get(h.type) for h in group.holdings}
    if None in members:
        unnamed = sorted({h.type for h in group.holdings if m.INVESTMENT_TYPES.get(h.type) is None})
        b.problem(("investments", g), f"no us-gaap-ebp investment type says what '{', '.join(unnamed)}' is",
                  "name the group's member: xbrl_member: EmployeeBenefitPlanSyntheticInvestmentContractMember (or "
                  "another member of us-gaap:InvestmentTypeAxis)")
        return None
    if len(members) == 1:
        return members.pop()
    chosen = m.GROUP_TYPES.get(frozenset(members))
    if chosen is None:
        b.problem(("investments", g), f"the group '{group.caption}' holds investments of several types "
                  f"({', '.join(sorted(x.split(':')[1] for x in members))})",
                  "name the group's member (xbrl_member:), or split the group by type")
    return chosen


def _member(b: _Builder, name: str, path: tuple) -> str | None:
    """A member of us-gaap:InvestmentTypeAxis named in the YAML, with or without its prefix."""
    members = domain_members().get(INVESTMENT_TYPE_AXIS, {})
    for qname in members:
        if qname == name or qname.split(":", 1)[1] == name:
            return qname
    b.problem(path, f"{name} is not a member of us-gaap:InvestmentTypeAxis in the 2025 EBP taxonomy",
              "use one of the members FASB lists under InvestmentTypeCategorizationMember, e.g. MutualFundMember")
    return None


def _element(b: _Builder, name: str, path: tuple, period: str) -> str | None:
    """A us-gaap-ebp element named in the YAML: it must exist, be concrete and have the right period type."""
    qname = name if ":" in name else f"us-gaap-ebp:{name}"
    concept = ebp_elements().get(qname)
    if concept is None or concept.abstract or concept.period != period or not concept.monetary:
        why = ("is not in the us-gaap-ebp 2025 taxonomy" if concept is None
               else "is abstract" if concept.abstract
               else f"is a{'n' if concept.period == 'instant' else ''} {concept.period} element" if concept.period != period
               else "is not a monetary element")
        b.problem(path, f"{name} {why}", f"name a monetary {period} element of us-gaap-ebp 2025")
        return None
    return qname


def _pair(b: _Builder, key: tuple, concept: str | None, pair, path: str = "", *dims, role=None) -> None:
    b.add(key + ("current",), concept, b.ctx(b.current, *dims), pair.current, path, role)
    b.add(key + ("prior",), concept, b.ctx(b.prior, *dims), pair.prior, path, role)


def _net_assets(b: _Builder) -> None:
    """The statement of net assets, line by line, as its layout prints it (templates/html/net_assets.html.j2)."""
    f, py, LY = b.f, b.py, b.f.layout
    b.role = "net_assets"
    na = m.NET_ASSETS
    in_trust = False
    for group in f.statement_investments:
        in_trust |= _investment_lines(b, group, na["investment_line"], na["master_trust_line"])
    contract_lines = [line for group in f.contract_groups for line in group.lines]
    for group in f.contract_groups:
        in_trust |= _investment_lines(b, group, na["contract_line"], na["master_trust_contract_line"])
    if len(contract_lines) == 1 and not in_trust:
        # The contracts' total is the one line: it carries the total too, which the calculation of total
        # investments (fair value + contract value) needs in the plan's context.
        _pair(b, (contract_lines[0].path,), na["contract_line"], contract_lines[0].amount)
    elif len(contract_lines) > 1:
        b.problem(contract_lines[1].path, "Inline XBRL needs the total of the contracts at contract value, which "
                  "the statement does not print", "show the fully benefit-responsive contracts on one line")
    fair_value_total = ("total_fair_value_investments",) if f.contract_groups else ("total_investments",)
    if f.contract_groups or LY.total_investments:
        total = f.total_fair_value_investments if f.contract_groups else f.total_investments
        _pair(b, fair_value_total, na["total_investments"], total)
        if not in_trust:  # the total is its own split (DQC 10602): no plan interest in a master trust
            _pair(b, fair_value_total, na["total_investments_split"], total)
    if f.contract_groups:
        _pair(b, ("total_investments",), na["total_investments_with_contracts"], f.total_investments)
    if f.notes_receivable:
        _pair(b, (f.notes_receivable.path,), na["notes_receivable"], f.notes_receivable.amount,
              dotted(f.notes_receivable.path))
    if f.cash:
        _pair(b, (f.cash.path,), na["cash"], f.cash.amount, dotted(f.cash.path))
    _receivables(b)
    _pair(b, ("total_assets",), na["total_assets"], f.total_assets)
    for line, source in zip(f.liabilities, py.net_assets.liabilities):
        _pair(b, (line.path,), _line(b, line, source, m.LIABILITIES, "liability"), line.amount, dotted(line.path))
    if f.liabilities and LY.total_liabilities:
        _pair(b, ("total_liabilities",), na["total_liabilities"], f.total_liabilities)
    elif len(f.liabilities) == 1:
        # The one line is the total too: the trees then subtract total liabilities, which hold as well for a
        # note's table (the master trust's) that reports the line's element without a total of its own.
        _pair(b, (f.liabilities[0].path,), na["total_liabilities"], f.total_liabilities)
    if f.contract_adjustment:
        if LY.shows_fair_value_net_assets:
            _pair(b, ("net_assets_fair_value",), na["net_assets_fair_value"], f.net_assets_fair_value)
        _pair(b, ("contract_adjustment",), na["contract_adjustment"], f.contract_adjustment)
    _pair(b, ("net_assets",), na["net_assets"], f.net_assets)


def _investment_lines(b: _Builder, group, element: str, trust_element: str) -> bool:
    """Tag a group of investment lines (a holding each, or a type each); True when one is the Plan's interest
    in a master trust (its own element, without dimensions: DQC 10604, 10607)."""
    py = b.py
    in_trust = False
    used: dict[str, str] = {}
    for line in group.lines:
        g = line.path[1]
        holdings = ([py.investments[g].holdings[line.path[3]]] if len(line.path) == 4
                    else py.investments[g].holdings)
        if all(h.type == "master_trust" for h in holdings):
            if in_trust:
                b.problem(line.path, "two lines would both be the Plan's interest in a master trust",
                          "show the Plan's interest in its master trust on one line")
                continue
            in_trust = True
            _pair(b, (line.path,), trust_element, line.amount, dotted(line.path))
        elif any(h.type == "master_trust" for h in holdings):
            b.problem(line.path, f"'{line.label}' mixes the Plan's interest in a master trust with other "
                      "investments", "give the master trust interest a group of its own")
        elif len(line.path) == 4:  # itemized: the holding, by its identifier
            typed = (m.SCHEDULE_H["axis"], b.identifiers[line.path])
            for column, period in (("current", b.current), ("prior", b.prior)):
                b.add((line.path, column), element, b.ctx(period, typed=typed), getattr(line.amount, column),
                      dotted(line.path), role="investments")
        else:  # by type
            member = investment_member(b, py.investments[g], g)
            if member in used:
                b.problem(line.path, f"the groups '{used[member]}' and '{line.label}' would both be tagged "
                          f"{member.split(':')[1]}", "name a more specific member for one of them (xbrl_member:)")
            elif member:
                used[member] = line.label
                _pair(b, (line.path,), element, line.amount, dotted(line.path), (INVESTMENT_TYPE_AXIS, member))
    return in_trust


def _receivables(b: _Builder) -> None:
    """Receivable lines, the subtotal of each group of them the layout prints, and their total."""
    f, py, LY = b.f, b.py, b.f.layout
    elements = {}
    for line, source in zip(f.receivables, py.net_assets.receivables):
        elements[line.path] = _line(b, line, source, m.RECEIVABLES, "receivable")
        _pair(b, (line.path,), elements[line.path], line.amount, dotted(line.path))
    if not f.receivables:
        return
    na = m.NET_ASSETS
    total = na["total_receivables_without_notes"] if f.notes_receivable else na["total_receivables"]
    for i, group in enumerate(f.receivable_groups):
        grouped = group.caption and not LY.grouped_receivables
        if not (grouped and LY.shows_total(len(group.lines))):
            continue
        name = m.extension_name(group.caption, "")
        kids = [(elements[line.path], 1) for line in group.lines]
        if None in (e for e, _ in kids):
            continue
        b.out.extensions[name] = m.Extension("xbrli:monetaryItemType", "instant", "debit", group.caption,
                                             total if LY.total_receivables else "")
        b.out.children[f"ext:{name}"] = kids
        _pair(b, (("receivable_group", i),), f"ext:{name}", group.subtotal)
    if LY.total_receivables:
        _pair(b, ("total_receivables",), total, f.total_receivables)


def _line(b: _Builder, line, source, table: dict, what: str) -> str | None:
    """The element of a receivable or liability: as the YAML names it, else by its kind."""
    if source.xbrl_element:
        return _element(b, source.xbrl_element, line.path + ("xbrl_element",), "instant")
    element = table.get(source.kind) if source.kind else None
    if element is None:
        b.problem(line.path, f"the {what} '{line.label}' cannot be tagged: "
                  + (f"no element is mapped to kind {source.kind}" if source.kind else "it has no kind"),
                  f"give it a kind ({', '.join(k for k, v in table.items() if v)}) or name its element "
                  "(xbrl_element:)")
    return element


def identifier(identity: str, description: str) -> str:
    """The typed InvestmentIdentifierAxis value of an investment: its issue and description, one line."""
    text = identity if not description else f"{identity}, {description}"
    return " ".join(text.split())


def _identifiers(filing) -> dict[tuple, str]:
    """Each investment's identifier by its path, the same on the statement and on Schedule H; two alike get
    a number each after the first ("... (2)"), so that each has a context of its own."""
    out: dict[tuple, str] = {}
    seen: dict[str, int] = {}
    paths = [(("investments", g, "holdings", h), holding.identity, holding.description)
             for g, group in enumerate(filing.plan_year.investments) for h, holding in enumerate(group.holdings)]
    paths += [(row.path, row.identity, row.description) for row in filing.schedule_rows
              if row.path[0] != "investments"]  # the participant loans' row of notes receivable
    for path, identity, description in paths:
        name = identifier(identity, description)
        seen[name] = seen.get(name, 0) + 1
        out[path] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return out


# ---------------------------------------------------------------- statement of changes


def _changes(b: _Builder) -> None:
    f, py = b.f, b.py
    b.role = "changes"
    year = b.ctx(b.year)
    rollovers = "rollover_contributions" in f.change_by_kind
    elements: dict[tuple, str | None] = {}
    for rows in (f.additions, f.deductions):
        for row in rows:
            for line in row.lines or [row]:
                elements[line.path] = _change_element(b, line, rollovers)
    for rows in (f.additions, f.deductions):
        for row in rows:
            if row.is_group:
                for line in row.lines:
                    b.add((line.path,), elements[line.path], year, line.amount, dotted(line.path))
                b.add((row.path,), _group_element(b, row, elements), year, row.amount, dotted(row.path))
            else:
                b.add((row.path,), elements[row.path], year, row.amount, dotted(row.path))
    t = m.CHANGE_TOTALS
    if len(f.additions) > 1:
        b.add(("total_additions",), t["total_additions"], year, f.total_additions)
    if len(f.deductions) > 1:
        b.add(("total_deductions",), t["total_deductions"], year, f.total_deductions)
    b.add(("net_change_before_transfers",), t["net_change_before_transfers"], year, f.net_change_before_transfers)
    if f.transfers:
        for row in f.transfers:
            b.add((row.path,), t["transfers"], year, row.amount, dotted(row.path))
        b.add(("net_change",), t["net_change"], year, f.net_change)
    b.add(("net_assets_beginning",), t["net_assets"], b.ctx(b.prior), f.net_assets_beginning)
    b.add(("net_assets_end",), t["net_assets"], b.ctx(b.current), f.net_assets_end)
    b._role().period_labels.add(t["net_assets"])


def _source_line(py, path: tuple):
    node = py.changes
    node = getattr(node, path[1])[path[2]]
    if len(path) > 3:
        node = node.lines[path[4]]
    return node


def _change_element(b: _Builder, row, rollovers: bool) -> str | None:
    line = _source_line(b.py, row.path)
    if line.xbrl_element:
        return _element(b, line.xbrl_element, row.path + ("xbrl_element",), "duration")
    kind = line.kind
    if kind == "participant_contributions" and rollovers:
        kind = "participant_contributions_without_rollovers"
    element = m.CHANGES.get(kind) if kind else None
    if element is None:
        b.problem(row.path, f"the line '{row.label}' cannot be tagged: "
                  + (f"no us-gaap-ebp element is mapped to kind {line.kind}" if line.kind else "it has no kind"),
                  "give it a kind that maps to an element, or name its element (xbrl_element:)")
    return element


def _group_element(b: _Builder, row, elements: dict) -> str | None:
    """A group's subtotal: the nearest total of FASB's calculation tree over all of its lines, when no line
    outside the group falls under that total too."""
    source = _source_line(b.py, row.path)
    if source.xbrl_element:
        return _element(b, source.xbrl_element, row.path + ("xbrl_element",), "duration")
    inside = [elements[line.path] for line in row.lines]
    if None in inside:
        return None
    from .calculation import ancestors

    common = None
    for candidate in ancestors(inside[0]):
        if all(candidate in ancestors(e) for e in inside[1:]):
            common = candidate
            break
    outside = [e for p, e in elements.items() if e and p[:len(row.path)] != row.path]
    if common is None or common in (m.CHANGE_TOTALS["total_additions"], m.CHANGE_TOTALS["total_deductions"]) \
            or any(common in ancestors(e) for e in outside):
        # No FASB total sums exactly these lines: the filer's own subtotal, an extension element named from the
        # group's caption, under the total that holds them all.
        name = m.extension_name(row.label, "")
        b.out.extensions[name] = m.Extension("xbrli:monetaryItemType", "duration", "debit", row.label,
                                             common or "")
        b.out.children[f"ext:{name}"] = [(e, 1) for e in inside]
        return f"ext:{name}"
    return common


def _appreciation(b: _Builder) -> None:
    """Net appreciation by type of investment (a note's breakdown), on InvestmentTypeAxis."""
    f, py = b.f, b.py
    year = b.ctx(b.year)
    rows = f.breakdowns.get("net_appreciation")
    if not rows:
        return
    captions = {g.caption.strip().lower(): (i, g) for i, g in enumerate(py.investments)}
    path, line = next((p, ln) for p, ln in _change_lines(py) if ln.kind == "net_appreciation" and ln.by_type)
    element = m.CHANGES["net_appreciation"]
    used = set()
    for i, part in enumerate(line.by_type):
        where = path + ("by_type", i)
        if part.xbrl_member:
            member = _member(b, part.xbrl_member, where + ("xbrl_member",))
        elif part.type.strip().lower() in captions:
            g, group = captions[part.type.strip().lower()]
            member = investment_member(b, group, g)
        else:
            b.problem(where, f"cannot tell which investment type '{part.type}' is: no investment group has "
                      "that caption", "name its us-gaap:InvestmentTypeAxis member: xbrl_member: "
                      "FixedIncomeInvestmentsMember (or another)")
            member = None
        if member in used:
            b.problem(where, f"two parts of the breakdown would both be tagged {member.split(':')[1]}",
                      "name a distinct member for each (xbrl_member:)")
            member = None
        if member:
            used.add(member)
            b.add(("breakdown", "net_appreciation", i), element, b.ctx(b.year, (INVESTMENT_TYPE_AXIS, member)),
                  part.amount, dotted(where), role="appreciation")
    b.add(("breakdown", "net_appreciation", "total"), element, year, f.change_by_kind["net_appreciation"],
          role="appreciation")


def _change_lines(py):
    from ..compute import change_lines

    return change_lines(py)


# ---------------------------------------------------------------- notes and their tables


def _notes(b: _Builder) -> None:
    f, py = b.f, b.py
    for note in f.notes:
        source = py.notes[note.number - 1] if note.number <= len(py.notes) else None
        key = f"note{note.number}"
        path = ("notes", note.number - 1)
        if source is not None and source.xbrl_element:
            element = _text_block(b, source.xbrl_element, path + ("xbrl_element",))
        else:
            element = m.note_block(note.title)
            if element is None:
                name = m.extension_name(note.title, "TextBlock")
                b.out.extensions.setdefault(name, m.Extension(
                    "dtr-types:textBlockItemType", "duration", "", f"{note.title} [Text Block]"))
                element = f"ext:{name}"
                b.problem(path, f"note {note.number} '{note.title}' is tagged with an extension text block "
                          f"({name}): no us-gaap-ebp text block matched its title",
                          "if a standard one fits, name it (xbrl_element: EmployeeBenefitPlan...TextBlock)",
                          WARNING)
        spec = m.ROLES.get(key) or m.RoleSpec("Disclosure", note.title, _table_of(element))
        b.out.roles[key] = Role(key, spec.kind, spec.title, spec.table)
        b.add(("note", note.number), element, b.ctx(b.year), note.title, dotted(path), role=key, decimals=None)
        for block_index, block in enumerate(note.blocks):
            if block.kind == "breakdown":
                _appreciation(b)
            elif block.kind == "fair_value":
                _fair_value(b, block, (note.number, block_index))
            elif block.kind == "reconciliation":
                _reconciliation(b, block.data)
            elif block.kind in ("master_trust", "master_trust_income"):
                trust_tables(b, block, (note.number, block_index))


def _text_block(b: _Builder, name: str, path: tuple) -> str | None:
    qname = name if ":" in name else f"us-gaap-ebp:{name}"
    concept = ebp_elements().get(qname)
    if concept is None or concept.abstract or concept.type != "dtr-types:textBlockItemType":
        b.problem(path, f"{name} is not a text block of the us-gaap-ebp 2025 taxonomy",
                  "name an element ending in TextBlock, e.g. EmployeeBenefitPlanSubsequentEventTextBlock")
        return None
    return qname


def _table_of(element: str | None) -> str | None:
    """The FASB table (hypercube) whose line items hold a text block, if any."""
    from .taxonomy import cube_concepts

    if element is None:
        return None
    for table, concepts in sorted(cube_concepts().items()):
        if element in concepts and "AccountingStandardUpdate" not in table:
            return table
    return None


def _fair_value(b: _Builder, block, place: tuple) -> None:
    """The Plan's fair value table at each year-end, or the master trust's (model/xbrl/trust_facts.py)."""
    fv = m.FAIR_VALUE
    py = b.py
    if any(table.subject != "Investments" for table in block.data):
        trust_fair_value(b, block, place)
        return
    captions = {g.caption: i for i, g in enumerate(py.investments)}
    hierarchy = [(fv["axis"], fv[level]) for level in ("1", "2", "3", "hierarchy")]

    def member(caption: str) -> str | None:
        g = captions.get(caption)
        return investment_member(b, py.investments[g], g) if g is not None else None

    for t, table in enumerate(block.data):
        if table.subject != "Investments":
            continue
        key = ("fair_value",) + place + (t,)
        period = b.current if t == 0 else b.prior
        for r, row in enumerate(table.rows):
            kind = member(row.caption)
            if kind is None:
                b.problem(("notes",), f"the fair value table's row '{row.caption}' has no investment group of "
                          "that caption to tell its type", "caption the row as its investment group")
                continue
            for c, level in enumerate(("1", "2", "3", "hierarchy")):
                b.add(key + (r, c), fv["value"], b.ctx(period, (INVESTMENT_TYPE_AXIS, kind),
                                                       (fv["axis"], fv[level])), row.amounts[c], role="fair_value")
        total_row = "hierarchy" if table.nav else "total"
        for c, dim in enumerate(hierarchy):
            b.add(key + (total_row, c), fv["value"], b.ctx(period, dim), table.hierarchy.amounts[c],
                  role="fair_value")
        if table.nav and block.nav_lines == "each":
            for i, (caption, value) in enumerate(table.nav_rows):
                kind = member(caption)
                if kind:
                    b.add(key + ("nav", i, 3), fv["value"], b.ctx(period, (INVESTMENT_TYPE_AXIS, kind),
                                                                  (fv["axis"], fv["nav"])), value, role="fair_value")
        elif table.nav:
            b.add(key + ("nav", 3), fv["value"], b.ctx(period, (fv["axis"], fv["nav"])), table.nav, role="fair_value")
        b.add(key + ("total", 3), fv["total"], b.ctx(period), table.total, role="fair_value")


def _reconciliation(b: _Builder, rec) -> None:
    r = m.RECONCILIATION
    role = "reconciliation"
    for c, period in enumerate((b.current, b.prior)):
        b.add(("reconciliation", "net_assets", c), r["net_assets"], b.ctx(period), rec.net_assets[c], role=role)
        b.add(("reconciliation", "net_assets_5500", c), r["net_assets_5500"], b.ctx(period),
              rec.net_assets_5500[c], role=role)
        for i, item in enumerate(rec.items):
            value = item.reduces[c] if item.kind in m.RECONCILING_ADDS else (item.current, item.prior)[c]
            b.add(("reconciliation", "item", i, c), m.RECONCILING[item.kind][0], b.ctx(period), value,
                  dotted(item.path), role=role)
    year = b.ctx(b.year)
    b.add(("reconciliation", "income"), r["income"], year, rec.income, role=role)
    for i, item in enumerate(rec.items):
        b.add(("reconciliation", "item_change", i), m.RECONCILING[item.kind][1], year, -item.change,
              dotted(item.path), role=role)
    b.add(("reconciliation", "income_5500"), r["income_5500"], year, rec.income_5500, role=role)
    if rec.benefits_payable:
        b.add(("reconciliation", "benefits_paid"), r["benefits_paid"], year, rec.benefits_paid, role=role)
        for i, item in enumerate(rec.benefits_payable):
            b.add(("reconciliation", "payable_end", i), m.RECONCILING[item.kind][2], year, item.current,
                  dotted(item.path), role=role)
            b.add(("reconciliation", "payable_start", i), m.RECONCILING[item.kind][3], year, item.prior,
                  dotted(item.path), role=role)
        b.add(("reconciliation", "benefits_paid_5500"), r["benefits_paid_5500"], year, rec.benefits_paid_5500,
              role=role)


# ---------------------------------------------------------------- Schedule H, line 4i


def _schedule_h(b: _Builder) -> None:
    f, py = b.f, b.py
    s = m.SCHEDULE_H
    show_cost = py.schedule_h.cost_column == "shown"
    holdings = {("investments", g, "holdings", h): holding
                for g, group in enumerate(py.investments) for h, holding in enumerate(group.holdings)}
    for row in f.schedule_rows:
        ctx = b.ctx(b.current, typed=(s["axis"], b.identifiers[row.path[:4]]))
        holding = holdings.get(row.path[:4])
        loan = holding is None or holding.type == "participant_loans"
        where = dotted(row.path)
        b.add((row.path, "pii"), s["party_in_interest"], ctx, row.party_in_interest, where, role="schedule_h",
              decimals=None)
        if show_cost and row.cost is not None and not loan:
            b.add((row.path, "cost"), s["cost"], ctx, row.cost, where, role="schedule_h")
        b.add((row.path, "value"), s["loan_value" if loan else "value"], ctx, row.current, where, role="schedule_h")
    b.add(("schedule_total",), s["total"], b.ctx(b.current), f.schedule_total, role="schedule_h_total")
