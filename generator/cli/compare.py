"""`elevenk compare`: a blackline of two plan-year files, in the terminal and as an HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..findings import format_finding
from ..load.yaml_source import read_yaml
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK

_COLOURS = {"delete": "red", "insert": "green"}


@click.command("compare")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Also write the blackline as an HTML page.")
def compare_cmd(old: str, new: str, html_out: str | None) -> None:
    """What changed from OLD to NEW: figure by figure (holdings by identity, lines by label) and note by
    note with a word diff. Files still holding TODO compare too. Exit status: 0, or 2 if a file cannot be read.
    """
    from ..workflows.compare import compare, html, report

    data = []
    for name in (old, new):
        loaded = read_yaml(name, name)
        if not isinstance(loaded.data, dict):
            for f in loaded.findings:
                click.echo(format_finding(f), err=True)
            click.echo(f"elevenk: {name}: not a plan-year file", err=True)
            sys.exit(EXIT_INPUT)
        data.append(loaded.data)
    result = compare(data[0], data[1], old, new)
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
    sys.exit(EXIT_OK)
