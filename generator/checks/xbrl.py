"""Inline XBRL: the rules EDGAR and XBRL US apply to an 11-K's facts, run on the facts before they are written.

Runs only when the plan year builds Inline XBRL. Every concept is in the us-gaap-ebp 2025 schema (or is a
declared extension or a dei cover element), concrete, of the context's period type, numeric or not as its
type says; DQC_0015 signs; DQC_0190 (the plan's member on dei:LegalEntityAxis, its name, typed
investment identifiers alone with it, totals beside their split); DQC_0226 (no us-gaap line items); one
value per fact; and the calculation trees foot.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..findings import ERROR, WARNING, Finding
from ..model.compute import Filing
from ..model.xbrl import mapping as m
from ..model.xbrl.calculation import relationships
from ..model.xbrl.facts import ENTITY_AXIS, Fact
from ..model.xbrl.quote_facts import agree
from ..model.xbrl.taxonomy import deprecated, ebp_elements, nonnegative

PLAN_MEMBER = re.compile(r"^EBP[0-9][0-9]-?[0-9]{7}-?[0-9]{3}Member$")  # DQC 10617
TYPED_IDENTIFIER = "us-gaap:InvestmentIdentifierAxis"
SPLITS = {  # DQC 10602, 10603: a total beside at least one of its parts, in the same context
    m.ebp("InvestmentFairValue"): (m.ebp("InvestmentExcludingPlanInterestInMasterTrustFairValue"),
                                   m.ebp("InvestmentPlanInterestInMasterTrustFairValue")),
    m.ebp("InvestmentContractValue"): (m.ebp("InvestmentExcludingPlanInterestInMasterTrustContractValue"),
                                       m.ebp("InvestmentPlanInterestInMasterTrustContractValue")),
}
SPLITS_EVERYWHERE = {  # DQC 10605, 10606: these in any table, the master trust's too
    m.ebp("InvestmentFairAndContractValue"): (m.ebp("InvestmentFairValue"), m.ebp("InvestmentContractValue")),
    m.ebp("InvestmentPlanInterestInMasterTrustFairAndContractValue"): (
        m.ebp("InvestmentPlanInterestInMasterTrustFairValue"), m.ebp("InvestmentPlanInterestInMasterTrustContractValue")),
}
MASTER_TRUST_AXIS = m.MASTER_TRUST["axis"]
NOT_ON_MASTER_TRUST_AXIS = {  # DQC 10607: the Plan's interest and the rest of its investments, never by the trust
    m.ebp(f"Investment{part}{value}") for part in ("PlanInterestInMasterTrust", "ExcludingPlanInterestInMasterTrust")
    for value in ("FairValue", "ContractValue", "FairAndContractValue")} | {
    m.ebp("ChangeInNetAssetAvailableForBenefitIncreaseDecreaseForChangeInPlanInterestInMasterTrust")}
NOT_IN_MASTER_TRUST_TABLE = {  # DQC 10601: the trust's investments are InvestmentFairValue there
    m.ebp("InvestmentExcludingPlanInterestInMasterTrustFairValue"), m.ebp("InvestmentPlanInterestInMasterTrustFairValue")}
NUMERIC_TYPES = {c.type for c in ebp_elements().values() if c.numeric} | {"xbrli:monetaryItemType"}
REQUIRED_DEI = ("dei:DocumentType", "dei:EntityRegistrantName", "dei:AmendmentFlag")


def _finding(check: str, message: str, fact: Fact | None = None, hint: str = "") -> Finding:
    return Finding(check, ERROR, message, fact.path if fact else "", hint=hint)


def _facts(f: Filing) -> list[Fact]:
    return f.xbrl.unique_facts() if f.xbrl is not None else []


def mapping(f: Filing) -> list[Finding]:
    """Every line could be tagged: what could not is a finding from the mapping, located at its line."""
    return list(f.xbrl.findings) if f.xbrl is not None else []


def concepts(f: Filing) -> list[Finding]:
    """Each concept exists, is concrete, has the context's period type and the value's kind."""
    out = []
    x = f.xbrl
    for fact in _facts(f):
        declared = _declaration(x, fact.concept)
        if declared is None:
            out.append(_finding("xbrl-concepts", f"{fact.concept} is not an element of us-gaap-ebp 2025, dei 2025 "
                                "or the filing's extension schema", fact))
            continue
        type_, period, abstract = declared
        if abstract:
            out.append(_finding("xbrl-concepts", f"{fact.concept} is abstract: it cannot hold a value", fact))
        if (period == "instant") != fact.context.period.instant:
            out.append(_finding("xbrl-concepts", f"{fact.concept} is a{'n' if period == 'instant' else ''} {period} "
                                f"element reported for a{'n instant' if fact.context.period.instant else ' duration'}",
                                fact))
        numeric = type_ in NUMERIC_TYPES
        if numeric != isinstance(fact.value, Decimal):
            out.append(_finding("xbrl-concepts", f"{fact.concept} is {'numeric' if numeric else 'not numeric'} but "
                                f"its value {fact.value!r} is {'not ' if numeric else ''}a number", fact))
        if fact.concept in deprecated():
            out.append(_finding("xbrl-concepts", f"{fact.concept} is deprecated in 2025", fact))
    return out


def _declaration(x, concept: str) -> tuple[str, str, bool] | None:
    """(type, period type, abstract) of a concept the filing may use."""
    if concept.startswith("us-gaap-ebp:"):
        c = ebp_elements().get(concept)
        return (c.type, c.period, c.abstract) if c else None
    if concept in m.DEI_CONCEPTS:
        type_, period, _ = m.DEI_CONCEPTS[concept]
        return type_, period, False
    if concept.startswith("ext:"):
        ext = x.extensions.get(concept[4:]) or m.EXTENSIONS.get(concept[4:])
        return (ext.type, ext.period, ext.abstract) if ext else None
    return None


def signs(f: Filing) -> list[Finding]:
    """DQC_0015: the concepts XBRL US lists as never negative are zero or more (deductions and liabilities
    are reported positive); investment identifiers are exempt, as in the rule. A warning, as EDGAR shows
    DQC results: a year's additions can be negative when investments lost more than was contributed."""
    return [Finding("xbrl-dqc-0015", WARNING, f"{fact.concept} is {fact.value:,}: XBRL US's DQC_0015 expects it "
                    "to be zero or more", fact.path, hint="EDGAR reports DQC results as warnings; check the figure's "
                    "sign (deductions and liabilities are tagged as positive amounts)")
            for fact in _facts(f)
            if fact.concept in nonnegative() and isinstance(fact.value, Decimal) and fact.value < 0
            and TYPED_IDENTIFIER not in fact.context.axes]


def dqc_0190(f: Filing) -> list[Finding]:
    """DQC_0190's rules for employee benefit plans."""
    out = []
    x = f.xbrl
    if x is None:
        return out
    member = x.plan_member[4:]
    if not PLAN_MEMBER.match(member):
        out.append(_finding("xbrl-dqc-0190", f"the plan's member {member} does not follow FASB's pattern "
                            "EBP<EIN><plan number>Member (DQC 10617)", hint="check plan.ein and plan.number"))
    facts = _facts(f)
    present = {(fact.concept, fact.context) for fact in facts}
    for fact in facts:
        if fact.concept.startswith("dei:"):
            continue
        if fact.context.member(ENTITY_AXIS) != x.plan_member:
            out.append(_finding("xbrl-dqc-0190", f"{fact.concept} lacks the plan's member on dei:LegalEntityAxis "
                                "(DQC 10616)", fact))
        axes = fact.context.axes
        if TYPED_IDENTIFIER in axes and set(axes) != {ENTITY_AXIS, TYPED_IDENTIFIER}:
            out.append(_finding("xbrl-dqc-0190", f"{fact.concept}: an investment identifier goes with no axis but "
                                "dei:LegalEntityAxis (DQC 10612)", fact))
        by_trust = MASTER_TRUST_AXIS in axes
        if by_trust and fact.concept in NOT_ON_MASTER_TRUST_AXIS:
            out.append(_finding("xbrl-dqc-0190", f"{fact.concept}: the Plan's interest in a master trust and its "
                                "other investments are never reported by the master trust axis (DQC 10607)", fact))
        # the totals' splits: in the statements' and their notes' tables (DQC 10602, 10603), not the master
        # trust's, whose investments the split elements never report; the rest everywhere (10605, 10606)
        parts = SPLITS_EVERYWHERE.get(fact.concept) or (None if by_trust else SPLITS.get(fact.concept))
        if parts and not any((p, fact.context) in present for p in parts):
            out.append(_finding("xbrl-dqc-0190", f"{fact.concept} needs {parts[0].split(':')[1]} or "
                                f"{parts[1].split(':')[1]} beside it (DQC 10602, 10603, 10605, 10606)", fact))
    for role in x.roles.values():
        if role.kind == "Statement" and MASTER_TRUST_AXIS in role.axes:
            out.append(_finding("xbrl-dqc-0190", f"the statement '{role.title}' uses the master trust axis, which "
                                "the statements never do (DQC 10604)"))
        if role.table == m.MASTER_TRUST["table"]:
            out += [_finding("xbrl-dqc-0190", f"{concept} is reported in the master trust's table, where the trust's "
                             "investments are EmployeeBenefitPlanInvestmentFairValue (DQC 10601)")
                    for concept in role.concepts if concept in NOT_IN_MASTER_TRUST_TABLE]
    return out


def dqc_0226(f: Filing) -> list[Finding]:
    """DQC_0226: an 11-K tags its line items with us-gaap-ebp, never with us-gaap elements."""
    return [_finding("xbrl-dqc-0226", f"{fact.concept}: an 11-K may not use us-gaap line items", fact)
            for fact in _facts(f) if fact.concept.startswith("us-gaap:")]


def cover(f: Filing) -> list[Finding]:
    """The dei facts EDGAR requires of an 11-K are there, in the context without dimensions."""
    if f.xbrl is None:
        return []
    found = {fact.concept for fact in _facts(f) if not fact.context.explicit and not fact.context.typed}
    return [_finding("xbrl-cover", f"{concept} is missing from the cover") for concept in REQUIRED_DEI
            if concept not in found]


def duplicates(f: Filing) -> list[Finding]:
    """A concept has one value in a context, however often it is printed: a figure printed at two precisions
    (a statement's in thousands, a note's quote of it in dollars) agrees to the coarser one (EFM 6.5.12)."""
    seen: dict[tuple, Fact] = {}
    out = []
    for fact in _facts(f):
        first = seen.setdefault((fact.concept, fact.context), fact)
        if first.value != fact.value and not (
                isinstance(fact.value, Decimal) and isinstance(first.value, Decimal)
                and first.decimals is not None and fact.decimals is not None
                and agree(first.value, first.decimals, fact.value, fact.decimals)):
            out.append(Finding("xbrl-duplicates", ERROR, f"{fact.concept} is printed as {fact.value} and as "
                               f"{first.value} for the same period and dimensions", fact.path,
                               hint="two lines map to one fact: name a distinct element or member for one"))
    return out


def calculations(f: Filing) -> list[Finding]:
    """Every total of the calculation trees equals the sum of its reported parts, context by context."""
    facts = _facts(f)
    if not facts or any(p.severity == ERROR for p in f.xbrl.findings):
        return []  # a line that could not be tagged is missing from its total: the mapping's finding says why
    # a figure printed at two precisions (the statement's in thousands, a note's quote in dollars) adds as the
    # statements print it: its coarsest value (the duplicates check holds the others to it)
    values: dict[tuple, Decimal] = {}
    coarsest: dict[tuple, int] = {}
    for fact in facts:
        if isinstance(fact.value, Decimal):
            key = (fact.concept, fact.context)
            decimals = fact.decimals if fact.decimals is not None else 0
            if key not in values or decimals <= coarsest[key]:
                values[key], coarsest[key] = fact.value, decimals
    out = []
    by_parent: dict[str, list[tuple[str, int]]] = {}
    x = f.xbrl
    for parent, child, weight in relationships(x.calculated_concepts(), x.extensions, x.children):
        by_parent.setdefault(parent, []).append((child, weight))
    for (concept, context), total in values.items():
        children = by_parent.get(concept)
        if not children:
            continue
        parts = [(values[(c, context)], w) for c, w in children if (c, context) in values]
        if not parts:
            continue
        summed = sum((v * w for v, w in parts), Decimal(0))
        if summed != total:
            out.append(Finding("xbrl-calculation", ERROR, f"{concept} does not equal the sum of its parts",
                               expected=summed, actual=total, labels=("sum", "total")))
    return out


CHECKS = {
    "xbrl-mapping": mapping,
    "xbrl-concepts": concepts,
    "xbrl-dqc-0015": signs,
    "xbrl-dqc-0190": dqc_0190,
    "xbrl-dqc-0226": dqc_0226,
    "xbrl-cover": cover,
    "xbrl-duplicates": duplicates,
    "xbrl-calculation": calculations,
}
