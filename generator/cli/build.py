"""`elevenk build`: the filing of each plan year, in every asked format, under output/<plan>/<year>/."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..pipeline import EXIT_INPUT
from ..workflows.build import build_file, collisions, published_since
from .common import leave, parse_formats, plan_files


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "formats", default="text,html,pdf", show_default=True,
              help="Comma-separated output formats: text, html, pdf.")
@click.option("-o", "--output", "out_root", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Output root; files go to <root>/<plan>/<year>/.")
@click.option("--templates", "template_dir", type=click.Path(file_okay=False, exists=True),
              help="A directory of template overrides, searched before the built-in templates.")
@click.option("--strict", is_flag=True, help="Warnings stop the build too.")
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
              help="pdf/a-3b: archival, with the source YAML attached; pdf/ua-1: tagged for accessibility.")
@click.option("--draft", is_flag=True, help="Stamp DRAFT on every page of the PDF.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Plans built at once when building a folder [default: the number of cores].")
def build_cmd(paths: tuple[str, ...], formats: str, out_root: str, template_dir: str | None, strict: bool,
              pdf_variant: str | None, draft: bool, jobs: int | None) -> None:
    """Build the 11-K for each plan-year file (or every one under plan_data/ by default).

    Given a folder, builds every plan year under it in parallel, with a progress bar and a summary table.
    """
    chosen = parse_formats(formats)
    files = list({str(f.resolve()): f for f in plan_files(paths)}.values())  # a file named twice is built once
    if not files:
        click.echo("elevenk: no plan-year files found", err=True)
        sys.exit(EXIT_INPUT)
    clashes = collisions(files, out_root) if len(files) > 1 else []
    for clash in clashes:
        click.echo(f"elevenk: {clash}", err=True)
    if clashes:
        click.echo("elevenk: nothing was built; give each plan its own folder, or correct the fiscal_year_end "
                   "(one plan year per folder)", err=True)
        sys.exit(EXIT_INPUT)
    build = functools.partial(build_file, formats=chosen, out_root=out_root, template_dir=template_dir,
                              strict=strict, pdf_variant=pdf_variant, draft=draft)
    if not paths or any(Path(p).is_dir() for p in paths):
        from ..workflows.batch import build_batch
        published = functools.partial(published_since, out_root=out_root)
        leave(build_batch(files, build, chosen, jobs, published))
    leave(max(build(source)[1] for source in files))
