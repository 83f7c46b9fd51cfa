"""`elevenk compare`: a blackline of two plan-year files, in the terminal and as an HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, check, printed
from .common import NothingToDo, latest_years

_COLOURS = {"delete": "red", "insert": "green"}


@click.command("compare")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Also write the blackline as an HTML page.")
def compare_cmd(paths: tuple[str, ...], html_out: str | None) -> None:
    """What changed from OLD to NEW (two plan-year files; or for each plan folder given, none: every plan
    under plan_data/, its last two plan years): figure by figure (holdings by identity, lines by label,
    the years lined up) and note by note as printed, with a word diff. Files still holding TODO compare
    too. Exit status: 0, or 2 if a file cannot be read.
    """
    if len(paths) == 2 and not any(Path(p).is_dir() for p in paths):
        pairs = [[Path(p) for p in paths]]
    elif any(not Path(p).is_dir() for p in paths):
        raise click.UsageError("give two plan-year files (OLD NEW), or plan folders")
    else:
        groups = latest_years(paths, 2)
        pairs = [g for g in groups if len(g) == 2]
        if not pairs:
            raise NothingToDo(f"nothing to compare: no plan under {', '.join(paths) or 'plan_data'} has two plan years")
    if html_out and len(pairs) > 1:
        raise click.UsageError("--html writes one blackline: name one plan folder or two files")
    for i, (old, new) in enumerate(pairs):
        if i:
            click.echo()
        _compare(str(old), str(new), html_out)
    sys.exit(EXIT_OK)


def _compare(old: str, new: str, html_out: str | None) -> None:
    from ..model.scale import presented
    from ..workflows.compare import compare, html, printed_notes, report

    read = []
    for name in (old, new):
        outcome = check(Path(name), name)
        if outcome.loaded is None or not isinstance(outcome.loaded.data, dict):
            for text in printed(outcome):
                click.echo(text, err=True)
            click.echo(f"elevenk: {name}: not a plan-year file", err=True)
            sys.exit(EXIT_INPUT)
        data = outcome.loaded.data
        read.append((data, printed_notes(presented(outcome.filing), data) if outcome.filing is not None else None))
    result = compare(read[0][0], read[1][0], old, new, read[0][1], read[1][1])
    click.echo(report(result, lambda text, op: click.style(text, fg=_COLOURS[op])))
    if html_out:
        from ..render.templating import environment
        from ..writer import write_atomic

        try:
            write_atomic(Path(html_out), html(result, environment(autoescape=True)).encode("utf-8"))
        except OSError as exc:
            click.echo(f"elevenk: could not write {html_out}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"\nwrote {html_out}")
