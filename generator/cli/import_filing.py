"""`elevenk import filing`: last year's filed Form 11-K (EDGAR text, HTML or Inline XBRL) into a plan-year file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import format_finding
from ..load.yaml_source import SourceTooLarge, read_source
from ..pipeline import EXIT_INPUT
from .common import write_out

MAX_FILING = 256 * 1024 * 1024  # a filed 11-K with a 25,000-row schedule is about 20 MB


@click.command("filing")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where to write the plan year (default: plan_data/<plan>/<year>.yaml).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--dry-run", is_flag=True, help="Show what was read; write nothing.")
def import_filing_cmd(file: str, output: str | None, force: bool, dry_run: bool) -> None:
    """Read a filed Form 11-K (FILE: the EDGAR text or HTML document, or the Inline XBRL primary document, read by
    its facts) into a plan-year YAML: cover, auditor, both
    statements with their printed totals as stated assertions, notes, Schedule H and the consent. What
    could not be read is listed, in the output and at the top of the file, never guessed.

    Exit status: 0 written (or previewed), 1 refused (the output exists), 2 FILE cannot be read.
    """
    from ..workflows.filing_import import import_filing, preview

    try:
        raw = read_source(Path(file), MAX_FILING)  # a regular file, counted as read: never /dev/zero for ever
    except SourceTooLarge:
        click.echo(f"elevenk: {file}: cannot read file: more than {MAX_FILING:,} bytes", err=True)
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        click.echo(f"elevenk: {file}: cannot read file: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    text = raw.decode("utf-8", errors="replace")
    beside = _beside(Path(file))
    result = import_filing(text, Path(file).name, output or "plan.yaml", file, beside)
    if result.refused:
        for f in result.refused:
            click.echo(format_finding(f), err=True)
        click.echo(f"elevenk: {file}: not read as an Inline XBRL Form 11-K; nothing was written", err=True)
        sys.exit(EXIT_INPUT)
    if not result.found:
        click.echo(f"elevenk: {file}: not a Form 11-K as filed: no statement of net assets available for "
                   "benefits found (the EDGAR text or HTML document is expected); nothing was written", err=True)
        sys.exit(EXIT_INPUT)
    target = Path(output) if output else Path("plan_data") / result.plan_slug / f"{result.year or 'plan'}.yaml"
    if output is None:
        result = import_filing(text, Path(file).name, str(target), file, beside)
    if result.problems:
        for f in result.problems:
            click.echo(format_finding(f), err=True)
        click.echo(f"elevenk: {file}: what was read does not make a valid plan year; nothing was written", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(preview(result, file, str(target)))
    if (code := write_out(target, result.text, force, dry_run)) is not None:
        sys.exit(code)
    click.echo(f"\nwrote {target}")


def _beside(path: Path):
    """The files next to the filing, read on demand (an Inline XBRL document's extension schema, its consents)."""
    from ..workflows.filing_ixbrl import Beside

    folder = path.parent

    def read(name: str) -> str | None:
        try:  # a regular file, counted as read, as the filing itself
            return read_source(folder / name, MAX_FILING).decode("utf-8", errors="replace")
        except (SourceTooLarge, OSError):
            return None

    try:
        names = tuple(sorted(p.name for p in folder.iterdir() if p.name != path.name))
    except OSError:
        names = ()
    return Beside(names, read)
