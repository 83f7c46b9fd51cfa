"""Flux review as a check: with a flux: key, a line that moved past the threshold carries an explanation."""

from __future__ import annotations

from ..findings import WARNING, Finding
from ..model.compute import Filing
from ..model.flux import flux_lines, limits_for, percent_text
from ..model.wording import MOVES, contradiction


def flux_check(f: Filing) -> list[Finding]:
    """With flux review on (a flux: key), a line that moved past the threshold has an explanation."""
    if f.plan_year.flux is None:
        return []
    limits = limits_for(f)
    return [Finding("flux", WARNING, f"{ln.label} {MOVES.form('verb', ln.change)} by {abs(ln.change):,} "
                    f"({percent_text(ln)}) between the "
                    f"{f.prior_year} and {f.year} year-ends ({limits.describe(ln.reasons)}) and has no explanation",
                    ln.path + ".current", expected=ln.amount.prior, actual=ln.amount.current,
                    labels=(str(f.prior_year), str(f.year)),
                    hint="add `explanation: <why>` beside the figure; `elevenk flux FILE` shows every line")
            for ln in flux_lines(f, limits) if ln.unexplained]


def explanation_wording(f: Filing) -> list[Finding]:
    """An explanation of a move says it went the way it went: "increase" beside a decrease is a slip."""
    out = []
    for ln in flux_lines(f, limits_for(f)):
        found = contradiction(ln.explanation or "", ln.change, MOVES) if ln.path else None
        if found:
            out.append(Finding("flux", WARNING, f"the explanation says \"{found[0]}\", but {ln.label} "
                               f"{MOVES.form('verb', ln.change)} by {abs(ln.change):,}", ln.path + ".explanation"))
    return out


CHECKS = {
    "flux": flux_check,
    "flux-wording": explanation_wording,
}
