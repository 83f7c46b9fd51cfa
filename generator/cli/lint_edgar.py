"""`elevenk lint-edgar`: text or HTML documents against EDGAR's document rules, a line per violation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..load.yaml_source import SourceTooLarge, read_source
from ..render.edgar_lint import lint

MAX_DOCUMENT = 512 * 1024 * 1024  # the HTML of a 25,000-holding filing is about 20 MB


@click.command("lint-edgar")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def lint_edgar_cmd(files: tuple[str, ...]) -> None:
    """Check text or HTML FILES against EDGAR's document rules; one line per violation.

    Exit status: 0 clean, 1 violations found, 2 a file could not be read.
    """
    worst = 0
    for name in files:
        try:
            data = read_source(Path(name), MAX_DOCUMENT)  # a regular file, counted as read (/dev/zero says 0)
        except SourceTooLarge:
            click.echo(f"{name}: cannot read file: more than {MAX_DOCUMENT:,} bytes", err=True)
            worst = 2
            continue
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
