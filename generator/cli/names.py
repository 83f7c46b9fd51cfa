"""`elevenk names`: the figures a note can quote as {name}, with their values."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..pipeline import EXIT_INPUT, check
from ..workflows.build import print_findings


@click.command("names")
@click.argument("file", type=click.Path(dir_okay=False))
def names_cmd(file: str) -> None:
    """List the figures a note can quote as {name}, with their values; a signed figure also as name:word and
    name:verb, the words that follow its sign ("appreciation" or "depreciation", "appreciated" or
    "depreciated")."""
    from ..model.notes import quotable
    from ..model.prose import WORD_FORMS, format_value
    from ..model.wording import words_for

    outcome = check(Path(file), file)
    if outcome.input_failed:
        print_findings(outcome)
        sys.exit(EXIT_INPUT)
    for name, value in sorted(quotable(outcome.filing).items()):
        click.echo(f"{name:40} {format_value(value, None)}")
        if words_for(name) is not None and not isinstance(value, (str, int)):
            for form in WORD_FORMS:
                click.echo(f"{name + ':' + form:40} {format_value(value, form, name=name)}")
