"""`elevenk lint-edgar`: text or HTML documents against EDGAR's document rules, a line per violation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..render.edgar_lint import lint


@click.command("lint-edgar")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def lint_edgar_cmd(files: tuple[str, ...]) -> None:
    """Check text or HTML FILES against EDGAR's document rules; one line per violation.

    Exit status: 0 clean, 1 violations found, 2 a file could not be read.
    """
    worst = 0
    for name in files:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            click.echo(f"{name}: cannot read file: {exc.strerror or exc}", err=True)
            worst = 2
            continue
        found = lint(name, data)
        for v in found:
            click.echo(v.format(name))
        if found:
            worst = max(worst, 1)
    sys.exit(worst)
