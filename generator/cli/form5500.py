"""`elevenk form5500`: the Form 5500 Schedule H lines computed from a plan-year file, as text, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys

import click

from ..pipeline import EXIT_OK, check
from ..workflows.build import print_findings
from .common import many, plan_files


@click.command("form5500")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the lines as JSON (amounts as exact strings).")
@click.option("--csv", "as_csv", is_flag=True, help="Print the lines as CSV.")
def form5500_cmd(paths: tuple[str, ...], as_json: bool, as_csv: bool) -> None:
    """Print Schedule H Part I (lines 1a-1l, beginning and end of year) and Part II (lines 2a-2l) of the
    plan's Form 5500, computed from each plan-year file (or every one under the folders given; none:
    plan_data/), with the reconciliation to the financial statements. For several files, JSON is a list
    and CSV starts each row with the file.

    Exit status: 0 printed, 1 a file has errors (its lines are not printed), 2 a file cannot be read.
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    several, worst, found = many(paths), EXIT_OK, []
    for source in plan_files(paths):
        outcome = check(source, str(source))
        code = outcome.exit_code()
        if code != EXIT_OK:
            print_findings(outcome)
            click.echo(f"elevenk: {source}: fix the errors above; the Form 5500 lines would not tie", err=True)
            worst = max(worst, code)
            continue
        found.append((source, outcome.filing))
    if as_json:
        data = [dict(file=str(source), **as_dict(f)) for source, f in found] if several else \
            [as_dict(f) for _, f in found]
        if data:
            click.echo(json.dumps(data if several else data[0], indent=2))
    elif as_csv:
        for i, (source, f) in enumerate(found):
            text = as_csv_text(f, str(source) if several else None)
            click.echo(text if i == 0 else text.split("\n", 1)[1], nl=False)
    else:
        for i, (source, f) in enumerate(found):
            click.echo((f"{chr(10) if i else ''}==> {source} <==\n" if several else "") + as_text(f))
    sys.exit(worst)


def as_dict(f) -> dict:
    """The crosswalk and reconciliation as JSON-ready data; amounts are strings, exact."""
    py, cw, rec = f.plan_year, f.form5500, f.reconciliation
    return {
        "plan": py.plan.name, "ein": py.plan.ein, "plan_number": py.plan.number,
        "plan_year_end": f.fiscal_year_end.isoformat(),
        "part1": [{"line": ln.code, "description": ln.caption, "beginning_of_year": str(ln.beginning),
                   "end_of_year": str(ln.end), "total": ln.is_total} for ln in cw.part1],
        "part2": [{"line": ln.code, "description": ln.caption, "amount": str(ln.amount), "total": ln.is_total}
                  for ln in cw.part2],
        "reconciliation": {
            "net_assets_per_financial_statements": {"end_of_year": str(rec.net_assets[0]),
                                                    "beginning_of_year": str(rec.net_assets[1])},
            "items": [{"kind": i.kind, "label": i.label, "end_of_year": str(i.current),
                       "beginning_of_year": str(i.prior)} for i in rec.items],
            "net_assets_per_form_5500": {"end_of_year": str(rec.net_assets_5500[0]),
                                         "beginning_of_year": str(rec.net_assets_5500[1])},
            "net_increase_per_financial_statements": str(rec.income),
            "net_income_per_form_5500": str(rec.income_5500),
        },
        "sources": [{"line": s.code, "from": s.what, "why": s.why} for s in cw.sources],
    }


def as_csv_text(f, file: str | None = None) -> str:
    """One row per line: part, line, description, beginning of year, end of year, amount; led by the
    file's name when one is given (several files in one CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    lead = [] if file is None else [file]
    writer.writerow((["file"] if file is not None else []) + ["part", "line", "description", "beginning_of_year",
                                                               "end_of_year", "amount"])
    for ln in f.form5500.part1:
        writer.writerow(lead + ["I", ln.code, ln.caption, ln.beginning, ln.end, ""])
    for ln in f.form5500.part2:
        writer.writerow(lead + ["II", ln.code, ln.caption, "", "", ln.amount])
    return out.getvalue()


def as_text(f) -> str:
    """A readable listing: the lines that carry an amount (totals too), then where each amount comes from and
    why it is on its line (a default, or form5500_line)."""
    py, cw = f.plan_year, f.form5500
    part1 = [ln for ln in cw.part1 if ln.beginning or ln.end]
    part2 = [ln for ln in cw.part2 if ln.amount]
    width = max(len(ln.caption) for ln in part1 + part2)
    lines = [f"{py.plan.name} (EIN {py.plan.ein}, plan {py.plan.number})",
             f"Form 5500 Schedule H for the plan year ended {f.fiscal_year_end:%B} {f.fiscal_year_end.day}, "
             f"{f.year}; lines without an amount are left out", "",
             f"{'Part I   Asset and liability statement':<{width + 12}} {'(a) Beginning':>15} {'(b) End':>15}"]
    lines += [f"  {ln.code:<9} {ln.caption:<{width}} {ln.beginning:>15,} {ln.end:>15,}" for ln in part1]
    lines += ["", f"{'Part II  Income and expense statement':<{width + 12}} {'':>15} {'Amount':>15}"]
    lines += [f"  {ln.code:<9} {ln.caption:<{width}} {'':>15} {ln.amount:>15,}" for ln in part2]
    lines += ["", "Where the amounts come from (a default, or form5500_line in the YAML to override it)"]
    lines += [f"  {code:<9} {what}: {why}" for code, what, why in _sources(cw.sources)]
    return "\n".join(lines)


MOST_NAMED = 3  # holdings named per line and reason; the rest are counted


def _sources(sources) -> list[tuple[str, str, str]]:
    """(line, what, why), holdings of one line and reason together: "Fund A, Fund B and 15 more"."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for s in sources:
        grouped.setdefault((s.code, s.why), []).append(s.what)
    out = []
    for (code, why), names in grouped.items():
        shown = ", ".join(names[:MOST_NAMED]) + (f" and {len(names) - MOST_NAMED} more" if len(names) > MOST_NAMED
                                                 else "")
        out.append((code, shown, why))
    return out
