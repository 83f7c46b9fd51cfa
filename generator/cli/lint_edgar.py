"""`elevenk lint-edgar`: text or HTML documents against EDGAR's document rules, a line per violation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import plural
from ..load.yaml_source import SourceTooLarge, read_source
from ..render.edgar_lint import lint
from .common import NothingToDo

OUTPUT = Path("output")
DOCUMENTS = ("*.txt", "*.htm", "*.html")
MAX_DOCUMENT = 512 * 1024 * 1024  # the HTML of a 25,000-holding filing is about 20 MB


def documents(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; for a folder (none: output/), every .txt and .htm below it, in a stable order."""
    if not paths:
        if not OUTPUT.is_dir():
            raise NothingToDo(f"nothing to do: there is no {OUTPUT}/ folder in {Path.cwd()}; build first "
                              "(elevenk build) or name the documents or folders to check")
        paths = (str(OUTPUT),)
    found: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            found.append(p)
            continue
        inside = sorted(q for pattern in DOCUMENTS for q in p.rglob(pattern))
        if not inside:
            raise NothingToDo(f"nothing to do: {p} holds no .txt or .htm documents")
        found += inside
    return found


@click.command("lint-edgar")
@click.argument("paths", nargs=-1, type=click.Path())
def lint_edgar_cmd(paths: tuple[str, ...]) -> None:
    """Check text or HTML documents (or every .txt and .htm under the folders given; none: output/) against
    EDGAR's document rules: one line per violation, then a count line.

    Exit status: 0 clean, 1 violations found, 2 a file could not be read.
    """
    worst, total, failing = 0, 0, 0
    files = documents(paths)
    for path in files:
        name = str(path)
        try:
            data = read_source(path, MAX_DOCUMENT)  # a regular file, counted as read (/dev/zero says 0)
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
            total, failing = total + len(found), failing + 1
    if total:
        click.echo(f"{plural(total, 'violation')} in {failing} of {plural(len(files), 'document')}", err=True)
    sys.exit(worst)
