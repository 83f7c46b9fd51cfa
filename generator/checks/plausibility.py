"""Plausibility: the periods compared are a year apart, and figures that tie can still be implausible.

A filing headed "December 31, 2001 and 2002", a loan at 999% or negative contributions that happen to tie
out would otherwise build without a word.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing, change_lines
from ..model.prose import long_date

MAX_RATE = Decimal(25)  # percent: above this an interest rate is a typing slip, not a participant loan
YEAR_SLACK = dt.timedelta(days=7)  # a 52-53 week plan year ends up to a week off the calendar day

_INCOME = "contributions and interest are never negative"
_DEDUCTION = "a deduction is entered as a positive amount and subtracted"
# Lines of the statement of changes that cannot be negative (a reversal is its own line), and why.
NEVER_NEGATIVE = {
    "participant_contributions": _INCOME,
    "employer_contributions": _INCOME,
    "rollover_contributions": _INCOME,
    "interest_and_dividends": _INCOME,
    "interest_on_notes_receivable": _INCOME,
    "benefits_paid": _DEDUCTION,
    "administrative_expenses": _DEDUCTION,
    "deemed_distributions": _DEDUCTION,
    "corrective_distributions": _DEDUCTION,
}


def periods(f: Filing) -> list[Finding]:
    """The prior year end is before the fiscal year end, an annual report's a year before it, and a transition
    report's period runs from after the prior year end to the fiscal year end."""
    fye, prior = f.fiscal_year_end, f.prior_year_end
    path = "filing.prior_year_end" if f.plan_year.filing.prior_year_end else "filing.fiscal_year_end"
    if prior >= fye:
        return [Finding("periods", ERROR, f"the prior year end {long_date(prior)} is not before the fiscal year "
                        f"end {long_date(fye)}: the statements would compare the wrong years", path,
                        hint="the prior year end is the end of the plan year before this one")]
    if f.plan_year.filing.report != "annual":
        return _transition(f)
    try:
        expected = fye.replace(year=fye.year - 1)
    except ValueError:  # February 29
        expected = fye.replace(year=fye.year - 1, day=28)
    if abs(prior - expected) > YEAR_SLACK:
        return [Finding("periods", ERROR, f"an annual report compares with the year before, but the prior year "
                        f"end {long_date(prior)} is not a year before the fiscal year end {long_date(fye)}", path,
                        hint="correct the date, or set filing.report: transition for a short plan year")]
    return []


def _transition(f: Filing) -> list[Finding]:
    """A transition period runs forward, ends on the fiscal year end and begins the day after the prior year end."""
    period, fye = f.plan_year.filing.transition_period, f.fiscal_year_end
    if period is None:
        return []
    if period.start > period.end:
        return [Finding("periods", ERROR, f"the transition period runs backwards: from {long_date(period.start)} "
                        f"to {long_date(period.end)}", "filing.transition_period.start")]
    if period.end != fye:
        return [Finding("periods", ERROR, f"the transition period ends {long_date(period.end)}, but the fiscal "
                        f"year end is {long_date(fye)}: the cover would name another period than the statements",
                        "filing.transition_period.end")]
    if period.start != f.prior_year_end + dt.timedelta(days=1):
        return [Finding("periods", ERROR, f"the transition period begins {long_date(period.start)}, but the "
                        f"statements compare with the prior year end {long_date(f.prior_year_end)}",
                        "filing.transition_period.start",
                        hint="the period begins the day after the prior year end: correct one, or set "
                             "filing.prior_year_end")]
    return []


def _rates(f: Filing):
    """Every interest rate the YAML gives, with its path."""
    py = f.plan_year
    for g, group in enumerate(py.investments):
        for h, holding in enumerate(group.holdings):
            if holding.loans:
                base = ("investments", g, "holdings", h, "loans")
                yield base + ("rate_low",), holding.loans.rate_low
                if holding.loans.rate_high is not None:
                    yield base + ("rate_high",), holding.loans.rate_high
    nr = py.net_assets.notes_receivable
    if nr is not None:
        for i, loan in enumerate(nr.loans):
            yield ("net_assets", "notes_receivable", "loans", i, "rate"), loan.rate
        if nr.summary is not None:
            yield ("net_assets", "notes_receivable", "summary", "rate_low"), nr.summary.rate_low
            if nr.summary.rate_high is not None:
                yield ("net_assets", "notes_receivable", "summary", "rate_high"), nr.summary.rate_high


def rates(f: Filing) -> list[Finding]:
    """Interest rates of participant loans above 25% are implausible."""
    return [Finding("plausibility", WARNING, f"an interest rate of {rate}% is implausible for a participant loan "
                    f"(above {MAX_RATE}%)", dotted(path), hint="check the rate; 8.5% is written 8.5 or 8.5%")
            for path, rate in _rates(f) if rate > MAX_RATE]


def signs(f: Filing) -> list[Finding]:
    """A line whose kind cannot be negative (contributions, interest, deductions) is not negative."""
    out = []
    for path, line in change_lines(f.plan_year):
        why = NEVER_NEGATIVE.get(line.kind or "")
        if why and line.amount is not None and line.amount < 0:
            out.append(Finding("plausibility", WARNING, f"{line.kind.replace('_', ' ')} of {line.amount:,} is "
                               f"negative: {why}", dotted(path + ("amount",)),
                               hint="enter the amount without a sign; a refund or reversal is a line of its own"))
    return out


CHECKS = {
    "periods": periods,
    "rates": rates,
    "signs": signs,
}
