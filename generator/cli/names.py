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
    one under the folders given; none: plan_data/); a signed figure also as name:word and name:verb, the
    words that follow its sign ("appreciation" or "depreciation", "appreciated" or "depreciated").
    Exit status: 0, or 2 if a file cannot be read."""
    from ..model.notes import quotable
    from ..model.prose import WORD_FORMS, format_value
    from ..model.wording import words_for

    worst = EXIT_OK
    for source in each_plan(paths):
        outcome = check(source, str(source))
        if outcome.input_failed:
            print_findings(outcome)
            worst = EXIT_INPUT
            continue
        for name, value in sorted(quotable(outcome.filing).items()):
            click.echo(f"{name:40} {format_value(value, None)}")
            if words_for(name) is not None and not isinstance(value, (str, int)):
                for form in WORD_FORMS:
                    click.echo(f"{name + ':' + form:40} {format_value(value, form, name=name)}")
    sys.exit(worst)
