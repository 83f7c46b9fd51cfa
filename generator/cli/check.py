"""`elevenk check`: load, validate, compute and tie out plan-year files; silent when one file is clean."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from ..findings import tally, to_json
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Outcome, check, printed
from .common import many, plan_files

STATUS = {EXIT_OK: "clean", EXIT_FINDINGS: "findings", EXIT_INPUT: "invalid"}


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
def check_cmd(paths: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check plan-year files, or every one under the folders given (none: plan_data/): load, validate,
    compute and tie out. Findings, then a count line; for a folder, a summary table. Silent for a clean file.

    Exit status: 0 clean (or warnings only), 1 findings that fail, 2 input that cannot be read.
    """
    files = plan_files(paths)
    outcomes: list[tuple[Outcome, float]] = []
    for source in files:
        start = time.perf_counter()
        outcome = check(source, str(source))
        outcomes.append((outcome, time.perf_counter() - start))
        if not as_json and outcome.findings:
            for text in printed(outcome):
                click.echo(text, err=True)
            click.echo(f"{source}: {tally(outcome.findings)}", err=True)
    if as_json:
        click.echo(json.dumps([to_json(f) for outcome, _ in outcomes for f in outcome.findings], indent=2))
    elif many(paths):
        _summarize(outcomes, strict)
    sys.exit(max(outcome.exit_code(strict) for outcome, _ in outcomes))


def _summarize(outcomes: list[tuple[Outcome, float]], strict: bool) -> None:
    """The build's summary table, with what checking each plan year came to, and a total line."""
    from rich.console import Console

    from ..workflows.batch import PlanResult, summary_table

    rows = []
    for outcome, seconds in outcomes:
        code = outcome.exit_code(strict)
        status = "warnings" if code == EXIT_OK and outcome.findings else STATUS[code]
        year = str(outcome.filing.year) if outcome.filing is not None else outcome.source.stem
        rows.append(PlanResult(str(outcome.source), outcome.source.resolve().parent.name, year, status,
                               len(outcome.findings), seconds, code))
    console = Console(highlight=False)
    console.print(summary_table(rows, "Check summary"))
    passed = sum(1 for r in rows if r.code == EXIT_OK)
    findings = [f for outcome, _ in outcomes for f in outcome.findings]
    console.print(f"{passed} of {len(rows)} plan years check out; {tally(findings)}")
