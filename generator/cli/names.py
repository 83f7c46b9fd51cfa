"""`elevenk names`: the figures a note can quote as {name}, with their values."""

from __future__ import annotations

import sys

import click

from ..pipeline import EXIT_INPUT, EXIT_OK, check
from ..workflows.build import print_findings
from .common import each_plan


@click.command("names")
@click.argument("paths", nargs=-1, type=click.Path())
def names_cmd(paths: tuple[str, ...]) -> None:
    """List the figures a note can quote as {name}, with their values, for each plan-year file (or every
    one under the folders given; none: plan_data/). Exit status: 0, or 2 if a file cannot be read."""
    from ..model.notes import quotable
    from ..model.prose import format_value

    worst = EXIT_OK
    for source in each_plan(paths):
        outcome = check(source, str(source))
        if outcome.input_failed:
            print_findings(outcome)
            worst = EXIT_INPUT
            continue
        for name, value in sorted(quotable(outcome.filing).items()):
            click.echo(f"{name:40} {format_value(value, None)}")
    sys.exit(worst)
