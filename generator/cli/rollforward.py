"""`elevenk rollforward`: next year's plan-year file from this year's, previewed, then written atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import ERROR
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, check, printed
from .common import latest_years, write_out


@click.command("rollforward")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--to", "year", type=click.IntRange(1900, 9999), help="Plan year to prepare (default: the next).")
@click.option("--force", is_flag=True, help="Overwrite the new year's file if it already exists.")
@click.option("--dry-run", is_flag=True, help="Show the preview only; write nothing.")
def rollforward_cmd(paths: tuple[str, ...], year: int | None, force: bool, dry_run: bool) -> None:
    """Prepare <year>.yaml beside a plan-year file (for a folder, beside each plan's latest year; none:
    every plan under plan_data/): this year's balances become the prior year's, every figure, date and
    share count of the new year is marked TODO, notes are marked for review.

    Prints a preview first; never overwrites without --force. Exit status: 0 written (or previewed with
    --dry-run), 1 refused or not written, 2 a file cannot be read.
    """
    groups = latest_years(paths)
    worst = EXIT_OK
    for i, (source,) in enumerate(groups):
        if len(groups) > 1:
            click.echo(f"{chr(10) if i else ''}==> {source} <==")
        worst = max(worst, _roll(str(source), year, force, dry_run))
    sys.exit(worst)


def _roll(source: str, year: int | None, force: bool, dry_run: bool) -> int:
    """Roll one plan-year file forward, printing the preview; return the exit status."""
    from ruamel.yaml.error import YAMLError

    from ..workflows.rollforward import (
        RollforwardError,
        preview,
        roll_forward,
        target_path,
    )

    outcome = check(Path(source), source)
    errors = [f for f in outcome.findings if f.severity == ERROR]
    if errors:
        for text in printed(outcome, errors):
            click.echo(text, err=True)
        click.echo(f"elevenk: {source}: fix the errors above before rolling forward", err=True)
        return EXIT_INPUT if outcome.input_failed else EXIT_FINDINGS
    target = target_path(Path(source), year or outcome.filing.year + 1)
    try:
        result = roll_forward(outcome.loaded.text, outcome.filing, target, year)
    except RollforwardError as exc:
        click.echo(f"elevenk: {exc}", err=True)
        return EXIT_FINDINGS
    except YAMLError as exc:
        click.echo(f"elevenk: {source}: cannot edit this file while keeping its comments: {exc}", err=True)
        return EXIT_INPUT
    click.echo(preview(result, source))
    if (code := write_out(target, result.text, force, dry_run)) is not None:
        return code
    click.echo(f"\nwrote {target}: {len(result.to_fill)} fields to fill; `elevenk check {target}` lists them")
    return EXIT_OK
