"""Checks: the tie-outs, dates and consistency rules a preparer and auditor apply.

Each check is a pure function of the computed filing returning findings; errors stop a build,
warnings do not (unless --strict). Findings carry dotted paths; the caller adds file locations.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterator

from pydantic import BaseModel

from .ascii import transliterate
from .compute import Filing, change_lines
from .findings import ERROR, WARNING, Finding
from .money import ZERO
from .prose import long_date, number_words
from .yamlsource import dotted

Check = Callable[[Filing], list[Finding]]
REGISTRY: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        REGISTRY[name] = fn
        return fn
    return register


def run_checks(filing: Filing) -> list[Finding]:
    """Run every registered check."""
    findings: list[Finding] = []
    for fn in REGISTRY.values():
        findings.extend(fn(filing))
    return findings


def _stated(name: str, path: str, computed: Decimal, stated: Decimal | None, what: str) -> list[Finding]:
    if stated is None or stated == computed:
        return []
    return [Finding(name, ERROR, f"stated {what} does not agree with the figures", path,
                    expected=computed, actual=stated, labels=("computed", "stated"),
                    hint="a stated total is checked, never used: correct the figures or the total")]


@check("stated-totals")
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


@check("net-assets-roll")
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
                    hint="an addition or deduction is missing or wrong, or a balance is")]


@check("schedule-h")
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


@check("notes-receivable")
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


def _fair_value_blocks(f: Filing) -> list[str]:
    return [f"notes[{n}].blocks[{b}]" for n, note in enumerate(f.plan_year.notes)
            for b, block in enumerate(note.blocks) if block.breakdown == "fair_value"]


@check("fair-value")
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
        statement = getattr(f.total_investments, pair_column)
        if table.total != statement:
            out.append(Finding("fair-value", ERROR, f"the fair value table at {long_date(table.year_end)} does "
                               "not total to the investments on the statement of net assets",
                               blocks[0] if blocks else "investments", expected=statement, actual=table.total,
                               labels=("statement", "table")))
    if not blocks:
        out.append(Finding("fair-value", WARNING, "the holdings carry fair value levels but no note shows the "
                           "fair value table", "notes", hint="add a note block: {breakdown: fair_value}"))
    return out


@check("form5500")
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


@check("auditor-tenure")
def auditor_tenure(f: Filing) -> list[Finding]:
    """A PCAOB report states the year the firm began serving, and that year is not after the plan year."""
    report = f.plan_year.auditor.report
    if f.report_style != "pcaob":
        return []
    if report.auditor_since is None:
        return [Finding("auditor-tenure", WARNING, "a PCAOB (AS 3101) report states the auditor's tenure, but "
                        "auditor.report.auditor_since is not given", "auditor.report",
                        hint="add auditor_since: the year the firm began serving as the Plan's auditor")]
    if report.auditor_since > f.year:
        return [Finding("auditor-tenure", ERROR, f"the auditor has served since {report.auditor_since}, after "
                        f"the plan year {f.year}", "auditor.report.auditor_since")]
    return []


@check("breakdowns")
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


@check("references")
def references(f: Filing) -> list[Finding]:
    """Figures quoted in notes name real figures."""
    return list(f.note_findings)


_COUNTED = {
    "mutual funds": "mutual_funds", "registered investment companies": "mutual_funds",
    "common collective trusts": "common_collective_trusts",
    "pooled separate accounts": "pooled_separate_accounts", "investment options": None,
}
_WORDS = {number_words(n): n for n in range(0, 100)}


@check("quoted-counts")
def quoted_counts(f: Filing) -> list[Finding]:
    """A count typed into prose ("offers 17 mutual funds") agrees with the holdings."""
    out = []
    pattern = re.compile(r"\b(\d+|[a-z]+(?:-[a-z]+)?) (" + "|".join(k for k, v in _COUNTED.items() if v) + r")\b")
    for note in f.notes:
        for b, block in enumerate(note.blocks):
            for m in pattern.finditer(block.text):
                token = m.group(1)
                quoted = int(token) if token.isdigit() else _WORDS.get(token)
                if quoted is None:
                    continue
                actual = f.counts[_COUNTED[m.group(2)]]
                if quoted != actual:
                    out.append(Finding("quoted-counts", WARNING,
                                       f"note {note.number} says \"{m.group(0)}\" but the plan holds {actual}",
                                       f"notes[{note.number - 1}].blocks[{b}].text",
                                       expected=str(actual), actual=str(quoted),
                                       hint=f"write {{count.{_COUNTED[m.group(2)]}}} to quote the count"))
    return out


def _date_finding(name: str, path: str, message: str, hint: str = "") -> Finding:
    return Finding(name, WARNING, message, path, hint=hint)


@check("dates")
def dates(f: Filing) -> list[Finding]:
    """Report after year-end and within the deadline; consent and signatures not before the report."""
    py = f.plan_year
    report = py.auditor.report
    fye, out = f.fiscal_year_end, []
    days = 180 if py.plan.erisa else 90
    if report.date <= fye:
        out.append(_date_finding("dates", "auditor.report.date",
                                 f"the auditor's report is dated {long_date(report.date)}, not after the "
                                 f"fiscal year end {long_date(fye)}"))
    if report.date > f.deadline:
        out.append(_date_finding("dates", "auditor.report.date",
                                 f"the auditor's report date {long_date(report.date)} is after the filing "
                                 f"deadline {long_date(f.deadline)} ({days} days after year-end)"))
    consent = py.auditor.consent
    if consent and consent.date < report.date:
        before_fye = " and before the fiscal year end" if consent.date <= fye else ""
        out.append(_date_finding("dates", "auditor.consent.date",
                                 f"the consent is dated {long_date(consent.date)}, before the auditor's report "
                                 f"it consents to ({long_date(report.date)}){before_fye}",
                                 hint="a consent cannot predate the report; check the year"))
    if consent and consent.date > f.deadline:
        out.append(_date_finding("dates", "auditor.consent.date",
                                 f"the consent date {long_date(consent.date)} is after the filing deadline "
                                 f"{long_date(f.deadline)}"))
    if py.signatures and py.signatures.date < report.date:
        out.append(_date_finding("dates", "signatures.date",
                                 f"the signatures are dated {long_date(py.signatures.date)}, before the "
                                 f"auditor's report ({long_date(report.date)})"))
    if py.filing.filing_date and py.filing.filing_date > f.deadline:
        out.append(_date_finding("dates", "filing.filing_date",
                                 f"filing on {long_date(py.filing.filing_date)} misses the deadline "
                                 f"{long_date(f.deadline)} ({days} days after year-end)"))
    pred = report.predecessor
    if pred and pred.report_date <= f.prior_year_end:
        out.append(_date_finding("dates", "auditor.report.predecessor.report_date",
                                 f"the predecessor's report date {long_date(pred.report_date)} is not after "
                                 f"the prior year end {long_date(f.prior_year_end)}"))
    return out


@check("audit-scope")
def audit_scope(f: Filing) -> list[Finding]:
    """Both years' statements are covered: by this report, or by a predecessor's."""
    report = f.plan_year.auditor.report
    if report.periods == "current" and report.predecessor is None:
        return [Finding("audit-scope", WARNING, "the report covers only the current year but names no "
                        "predecessor auditor for the prior year", "auditor.report.periods",
                        hint="add auditor.report.predecessor, or set periods: both")]
    if report.periods == "both" and report.predecessor is not None:
        return [Finding("audit-scope", WARNING, "a predecessor auditor is named but the report covers both "
                        "years", "auditor.report.predecessor", hint="set periods: current")]
    return []


@check("signatures")
def signatures(f: Filing) -> list[Finding]:
    """Form 11-K must be signed by the plan's administrators."""
    if f.plan_year.signatures:
        return []
    return [Finding("signatures", WARNING, "no signatures: Form 11-K must be signed on behalf of the plan "
                    "by the persons who administer it", "",
                    hint="add signatures: {date: ..., signers: [{name: ..., title: ...}]}")]


def _walk(value: object, path: tuple) -> Iterator[tuple[tuple, object]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    else:
        yield path, value


@check("whole-dollars")
def whole_dollars(f: Filing) -> list[Finding]:
    """In a filing presented in whole dollars, no amount has cents."""
    if f.plan_year.filing.amounts_in != "dollars":
        return []
    return [Finding("whole-dollars", ERROR, f"{value} has cents but the filing is presented in whole dollars",
                    dotted(path), hint="round it, or set filing.amounts_in: cents")
            for path, value in _walk(f.plan_year, ())
            if isinstance(value, Decimal) and value != value.to_integral_value() and "rate" not in str(path[-1])]


@check("ascii")
def ascii_text(f: Filing) -> list[Finding]:
    """Text the EDGAR filing prints is printable ASCII, or can be transliterated to it."""
    out = []
    for path, value in _walk(f.plan_year, ()):
        if not isinstance(value, str):
            continue
        safe, bad = transliterate(value)
        if bad:
            out.append(Finding("ascii", ERROR, f"characters {''.join(sorted(set(bad)))!r} have no ASCII form "
                               "for the EDGAR text filing", dotted(path), hint="rewrite them in ASCII"))
        elif safe != value:
            changed = sorted({c for c in value if c not in safe})
            out.append(Finding("ascii", WARNING, f"characters {''.join(changed)!r} are not allowed in EDGAR "
                               "text and will be transliterated in the text filing", dotted(path)))
    return out


# Checks that live beside their commands register themselves on import.
from . import flux, rollforward  # noqa: E402,F401
