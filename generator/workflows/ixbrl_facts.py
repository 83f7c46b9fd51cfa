"""One plan's Form 11-K in Inline XBRL: the plan member its facts carry (dei:LegalEntityAxis), the plan year and
its two year-ends, the cover's dei facts, and amounts in the units the filing prints (dollars, cents or
thousands). A document that is not an 11-K, or whose facts do not name one plan, is refused with located
findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import ERROR, Finding, Location
from ..model.xbrl.facts import Period
from ..model.xbrl.mapping import NET_ASSETS
from .ixbrl_document import MAX_PROBLEMS, IxDocument, IxFact

ENTITY_AXIS = "dei:LegalEntityAxis"
# FASB's guidance names a plan's member from the sponsor's EIN and the plan number: EBP12-3456789-001Member.
PLAN_MEMBER = re.compile(r"^EBP(\d{2})-?(\d{7})-?(\d{3})Member$")
FORMS = {"11-K": "annual", "11-K/A": "annual", "11-KT": "transition", "11-KT/A": "transition"}
UNITS = {-3: ("thousands", Decimal(1000)), 2: ("cents", Decimal(1)), 1: ("cents", Decimal(1))}


@dataclass
class PlanFacts:
    """The facts of one plan's 11-K, as the importer asks for them."""

    doc: IxDocument
    member: str  # the plan's member, as the mapping writes it (ext:EBP...Member)
    year: Period  # the plan year (a duration)
    form: str = "11-K"
    amounts_in: str = "dollars"
    unit: Decimal = Decimal(1)
    dei: dict[str, IxFact] = field(default_factory=dict)

    @property
    def current(self) -> dt.date:
        return self.year.end

    @property
    def prior(self) -> dt.date:
        return self.year.start - dt.timedelta(days=1)

    def column(self, fact: IxFact) -> str | None:
        """"current" or "prior" for a fact at one of the year-ends (a beginning-of-year instant is the prior
        year-end), else None."""
        period = fact.context.period
        if not period.instant:
            return None
        if period.end == self.current:
            return "current"
        if period.end in (self.prior, self.year.start):
            return "prior"
        return None

    def in_year(self, fact: IxFact) -> bool:
        return fact.context.period == self.year

    def amount(self, fact: IxFact) -> Decimal:
        """A fact's value as the plan year writes it (in thousands when the filing prints thousands)."""
        value = fact.value / self.unit
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()

    @property
    def ein(self) -> str | None:
        m = PLAN_MEMBER.match(self.member.split(":", 1)[1])
        return f"{m.group(1)}-{m.group(2)}" if m else None

    @property
    def plan_number(self) -> str | None:
        m = PLAN_MEMBER.match(self.member.split(":", 1)[1])
        return m.group(3) if m else None


def financial(fact: IxFact) -> bool:
    """A fact of the statements, notes or schedule (not the cover's dei facts)."""
    return not fact.concept.startswith("dei:")


def plan_facts(doc: IxDocument) -> tuple[PlanFacts | None, list[Finding]]:
    """The plan's facts, or the located reasons the document is not one plan's 11-K."""
    problems: list[Finding] = []

    def refuse(fact: IxFact | None, message: str, hint: str = "") -> None:
        if len(problems) < MAX_PROBLEMS:
            where = doc.where(fact) if fact is not None else Location(doc.source, 0, 0)
            problems.append(Finding("ixbrl", ERROR, message, location=where, hint=hint))

    dei = {}
    for fact in doc.facts:
        if fact.concept.startswith("dei:") and not fact.context.explicit and not fact.context.typed:
            dei.setdefault(fact.concept, fact)
    kind = dei.get("dei:DocumentType")
    ebp = [f for f in doc.facts if f.concept.startswith("us-gaap-ebp:")]
    if kind is not None and kind.value not in FORMS:
        refuse(kind, f"dei:DocumentType is \"{kind.value}\": not a Form 11-K",
               "elevenk imports an 11-K (or 11-KT) tagged with the us-gaap-ebp taxonomy")
        return None, problems
    if kind is None and not ebp:
        refuse(None, "no dei:DocumentType and no us-gaap-ebp fact: not a Form 11-K in Inline XBRL")
        return None, problems
    members: dict[str, IxFact] = {}
    planless: dict[str, list[IxFact]] = {}
    for fact in doc.facts:
        if not financial(fact):
            continue
        member = fact.context.member(ENTITY_AXIS)
        if member is None:
            planless.setdefault(fact.context_id, []).append(fact)
        elif member not in members:
            members[member] = fact
            if len(members) == 2:
                first = next(iter(members))
                refuse(fact, f"{fact.concept} (context {fact.context_id}) is a fact of another plan ({member}; the "
                       f"facts before it are {first}'s)", "elevenk imports one plan's 11-K at a time")
    for cid, facts in planless.items():
        if len(problems) < MAX_PROBLEMS:
            first = doc.where(facts[0])
            problems.append(Finding(
                "ixbrl", ERROR, f"context {cid} names no plan: it has no {ENTITY_AXIS} member, and "
                f"{len(facts):,} fact{'s' if len(facts) > 1 else ''} use{'s' if len(facts) == 1 else ''} "
                f"it (the first, {facts[0].concept}, at {first.line}:{first.column})", location=doc.where_context(cid),
                hint="every fact of an 11-K carries the plan's member on dei:LegalEntityAxis (EBP<EIN>-<plan "
                     "number>Member, as FASB's guidance names it)"))
    if not members and not problems:
        refuse(None, "no fact names a plan (dei:LegalEntityAxis): no statement to import")
    if problems:
        return None, problems
    year = _plan_year(doc, dei)
    if year is None:
        refuse(dei.get("dei:DocumentPeriodEndDate"), "the plan year cannot be told: no duration context on the "
               "cover's dei facts or the statement of changes")
        return None, problems
    plan = PlanFacts(doc, next(iter(members)), year, FORMS.get(kind.value if kind else "11-K", "annual"), dei=dei)
    plan.amounts_in, plan.unit = _units(doc)
    return plan, problems


def _plan_year(doc: IxDocument, dei: dict[str, IxFact]) -> Period | None:
    """The dei facts' period (EFM 6.5.19 puts them in the plan year's context), else the most used duration."""
    for name in ("dei:DocumentType", "dei:DocumentPeriodEndDate", "dei:EntityRegistrantName"):
        if name in dei and not dei[name].context.period.instant:
            return dei[name].context.period
    durations = Counter(f.context.period for f in doc.facts if financial(f) and not f.context.period.instant)
    return durations.most_common(1)[0][0] if durations else None


def _units(doc: IxDocument) -> tuple[str, Decimal]:
    """How the statements print their amounts, from the decimals of net assets available for benefits outside
    the notes (a note may quote a figure more exactly): thousands (-3), cents (2), else dollars."""
    decimals = {f.decimals for f in doc.facts
                if f.concept == NET_ASSETS["net_assets"] and f.decimals is not None and not f.in_note}
    if decimals and decimals <= {-3}:
        return UNITS[-3]
    if decimals & {1, 2}:
        return UNITS[2]
    return "dollars", Decimal(1)
