"""`elevenk import holdings`: a trustee's holdings report (CSV or .xlsx) into a plan-year file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import format_finding
from ..pipeline import EXIT_INPUT, collector_paused
from .common import write_out


def _aliases(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"expected TRUSTEE NAME=PLAN IDENTITY, got \"{pair}\"", param_hint="--same-as")
        left, right = pair.split("=", 1)
        out[left.strip()] = right.strip()
    return out


def _fail(findings, code: int, message: str) -> None:
    for f in findings:
        click.echo(format_finding(f), err=True)
    click.echo(f"elevenk: {message}", err=True)
    sys.exit(code)


@click.command("holdings")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--into", "plan", required=True, type=click.Path(dir_okay=False),
              help="The plan-year file whose holdings the report updates.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the result here (default: PLAN).")
@click.option("--same-as", "same_as", multiple=True, metavar="TRUSTEE=PLAN",
              help="The report's name for a holding is the plan's holding of this identity (repeatable; saved).")
@click.option("--force", is_flag=True, help="Write over an existing file (PLAN itself included).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_holdings_cmd(file: str, plan: str, output: str | None, same_as: tuple[str, ...], force: bool,
                        dry_run: bool) -> None:
    """Read a trustee's holdings report (FILE: .csv or .xlsx) into the plan-year file PLAN: this year-end's
    values, descriptions, cost and party-in-interest marks onto the plan's holdings, matched by identity.

    Prints what will change first; writes only with --force (the file exists) and never a file that does
    not load. Exit status: 0 written (or previewed), 1 refused, 2 FILE or PLAN has problems (listed).
    """
    from ..load.validate import validate
    from ..load.yaml_source import read_yaml
    from ..workflows.holdings_columns import MappingError, find_columns
    from ..workflows.holdings_import import import_holdings
    from ..workflows.holdings_preview import preview
    from ..workflows.rollforward import FILL_MESSAGE
    from ..workflows.table_file import TableFileError, read_rows
    from ..workflows.trustee_report import read_report

    aliases = _aliases(same_as)
    loaded = read_yaml(Path(plan), plan)
    if loaded.findings or loaded.data is None:
        _fail(loaded.findings, EXIT_INPUT, f"{plan}: cannot be read")
    problems = [f for f in validate(loaded)[1] if f.message != FILL_MESSAGE]
    if problems:
        _fail(problems, EXIT_INPUT, f"{plan}: fix the errors above before importing into it")
    try:
        rows = read_rows(Path(file), file)
    except TableFileError as exc:
        _fail([], EXIT_INPUT, str(exc))
    saved = ((loaded.data.get("imports") or {}).get("holdings") or {}).get("columns") or {}
    try:
        columns = find_columns(rows, saved)
    except MappingError as exc:
        _fail([], EXIT_INPUT, f"{file}: {exc}; name the columns in {plan} under imports: holdings: columns: "
                              "(identity: HEADING, current: HEADING, ...)")
    report = read_report(file, rows, columns)
    if report.findings:
        _fail(report.findings, EXIT_INPUT, f"{file}: {len(report.findings)} problem(s); nothing was written")
    with collector_paused():  # hundreds of thousands of small objects and no cycles, as in pipeline.check
        result = import_holdings(loaded.text, loaded, report, aliases)
    if result.findings:
        _fail(result.findings, EXIT_INPUT, "nothing was written")
    target = Path(output or plan)
    click.echo(preview(result, report, file, str(target)))
    if (code := write_out(target, result.text, force, dry_run, force_does="write the import into it")) is not None:
        sys.exit(code)
    click.echo(f"\nwrote {target}")
