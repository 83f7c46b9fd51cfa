"""The audit and its papers: tenure, scope, dates and deadlines, signatures."""

from __future__ import annotations

from ..findings import ERROR, WARNING, Finding
from ..model.compute import Filing
from ..model.prose import long_date
from .years import accept, broken_rules


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


def _date_finding(name: str, path: str, message: str, hint: str = "") -> Finding:
    return Finding(name, WARNING, message, path, hint=hint)


def dates(f: Filing) -> list[Finding]:
    """Report after year-end and within the deadline; consent and signatures not before the report.

    A report dated by the year-end, a consent before the report it consents to and a filing past the
    deadline are errors, unless the plan year's `exceptions:` accepts them by name.
    """
    py = f.plan_year
    report = py.auditor.report
    fye, out, broken = f.fiscal_year_end, [], broken_rules(f)
    days = 180 if py.plan.erisa else 90
    if broken["report_before_year_end"]:
        out.append(accept(f, "report_before_year_end", Finding(
            "dates", ERROR, f"the auditor's report is dated {long_date(report.date)}, not after the fiscal year "
            f"end {long_date(fye)}", "auditor.report.date")))
    if report.date > f.deadline:
        out.append(_date_finding("dates", "auditor.report.date",
                                 f"the auditor's report date {long_date(report.date)} is after the filing "
                                 f"deadline {long_date(f.deadline)} ({days} days after year-end)"))
    consent = py.auditor.consent
    if broken["consent_before_report"]:
        before_fye = " and before the fiscal year end" if consent.date <= fye else ""
        out.append(accept(f, "consent_before_report", Finding(
            "dates", ERROR, f"the consent is dated {long_date(consent.date)}, before the auditor's report it "
            f"consents to ({long_date(report.date)}){before_fye}", "auditor.consent.date",
            hint="a consent cannot predate the report: check the year")))
    if consent and consent.date > f.deadline:
        out.append(_date_finding("dates", "auditor.consent.date",
                                 f"the consent date {long_date(consent.date)} is after the filing deadline "
                                 f"{long_date(f.deadline)}"))
    if py.signatures and py.signatures.date < report.date:
        out.append(_date_finding("dates", "signatures.date",
                                 f"the signatures are dated {long_date(py.signatures.date)}, before the "
                                 f"auditor's report ({long_date(report.date)})"))
    if broken["filing_after_deadline"]:
        out.append(accept(f, "filing_after_deadline", Finding(
            "dates", ERROR, f"filing on {long_date(py.filing.filing_date)} misses the deadline "
            f"{long_date(f.deadline)} ({days} days after year-end)", "filing.filing_date")))
    reissued = py.predecessor_auditor
    if reissued and not f.prior_year_end < reissued.report.date <= report.date:
        out.append(_date_finding("dates", "predecessor_auditor.report.date",
                                 f"the predecessor's report is dated {long_date(reissued.report.date)}, not after "
                                 f"the prior year end {long_date(f.prior_year_end)} and by the current report "
                                 f"({long_date(report.date)})"))
    if reissued and reissued.consent and reissued.consent.date < reissued.report.date:
        out.append(_date_finding("dates", "predecessor_auditor.consent.date",
                                 f"the predecessor's consent is dated {long_date(reissued.consent.date)}, before "
                                 f"its report ({long_date(reissued.report.date)})"))
    pred = report.predecessor
    if pred and pred.report_date <= f.prior_year_end:
        out.append(_date_finding("dates", "auditor.report.predecessor.report_date",
                                 f"the predecessor's report date {long_date(pred.report_date)} is not after "
                                 f"the prior year end {long_date(f.prior_year_end)}"))
    return out


def audit_scope(f: Filing) -> list[Finding]:
    """Both years' statements are covered: by this report, or by a predecessor's."""
    report, reissued = f.plan_year.auditor.report, f.plan_year.predecessor_auditor
    if report.periods == "current" and report.predecessor is None and reissued is None:
        return [Finding("audit-scope", WARNING, "the report covers only the current year but names no "
                        "predecessor auditor for the prior year", "auditor.report.periods",
                        hint="add auditor.report.predecessor, or set periods: both")]
    if report.periods == "both" and (report.predecessor is not None or reissued is not None):
        where = "auditor.report.predecessor" if report.predecessor is not None else "predecessor_auditor"
        return [Finding("audit-scope", WARNING, "a predecessor auditor is named but the report covers both "
                        "years", where, hint="set periods: current")]
    if report.predecessor is not None and reissued is not None:
        return [Finding("audit-scope", WARNING, "the predecessor's report is included, so the current report "
                        "need not refer to it", "auditor.report.predecessor",
                        hint="remove auditor.report.predecessor (it is for a predecessor report not included)")]
    return []


def signatures(f: Filing) -> list[Finding]:
    """Form 11-K must be signed by the plan's administrators."""
    if f.plan_year.signatures:
        return []
    return [Finding("signatures", WARNING, "no signatures: Form 11-K must be signed on behalf of the plan "
                    "by the persons who administer it", "",
                    hint="add signatures: {date: ..., signers: [{name: ..., title: ...}]}")]


CHECKS = {
    "auditor-tenure": auditor_tenure,
    "dates": dates,
    "audit-scope": audit_scope,
    "signatures": signatures,
}
