"""`elevenk build`: the filing of each plan year, in every asked format, under output/<plan>/<year>/."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

import click

from .common import leave, plan_files

PRESS_UP_TO = 48 * 1024  # bytes of YAML (about 200 holdings): a plan this size is typeset in one piece


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "formats", default=None,
              help="Comma-separated output formats: text, html, pdf, ixbrl (the Inline XBRL submission, in "
                   "<root>/<plan>/<year>/ixbrl/). [default: text,html,pdf, and ixbrl when the plan year asks for it "
                   "or its filing is due after 2025-07-10]")
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
def build_cmd(paths: tuple[str, ...], formats: str | None, out_root: str, template_dir: str | None, strict: bool,
              pdf_variant: str | None, draft: bool, jobs: int | None) -> None:
    """Build the 11-K for each plan-year file (or every one under plan_data/ by default).

    Given a folder, builds every plan year under it in parallel, with a progress bar and a summary table.
    """
    files = list({str(f.resolve()): f for f in plan_files(paths)}.values())  # a file named twice is built once
    batch = not paths or any(Path(p).is_dir() for p in paths)
    pdf = formats is None or "pdf" in [f.strip() for f in formats.split(",")]
    press = _press(files) if not batch and pdf else None
    try:
        code = _build(files, batch, press, formats, out_root, template_dir, strict, pdf_variant, draft, jobs)
    finally:
        if press is not None:
            press.close()
    leave(code)


def _build(files: list[Path], batch: bool, press, formats: str | None, out_root: str, template_dir: str | None,
           strict: bool, pdf_variant: str | None, draft: bool, jobs: int | None) -> int:
    """Build the files (a batch, or one by one with the press); the exit code. Nothing is built when two
    files would publish into one folder."""
    gc.disable()  # importing makes a few hundred thousand objects, no garbage, that live as long as the command
    try:
        from ..pipeline import EXIT_INPUT
        from ..workflows.build import DEFAULT_FORMATS, build_file, collisions, published_since
        from .common import parse_formats
    finally:
        gc.enable()
    gc.freeze()  # and the collector need not look at them again

    chosen = parse_formats(formats) if formats is not None else None  # None: the defaults, per plan year
    if not files:
        click.echo("elevenk: no plan-year files found", err=True)
        return EXIT_INPUT
    clashes = collisions(files, out_root) if len(files) > 1 else []
    for clash in clashes:
        click.echo(f"elevenk: {clash}", err=True)
    if clashes:
        click.echo("elevenk: nothing was built; give each plan its own folder, or correct the fiscal_year_end "
                   "(one plan year per folder)", err=True)
        return EXIT_INPUT
    build = functools.partial(build_file, formats=chosen, out_root=out_root, template_dir=template_dir,
                              strict=strict, pdf_variant=pdf_variant, draft=draft)
    if batch:
        from ..workflows.batch import build_batch
        published = functools.partial(published_since, out_root=out_root)
        return build_batch(files, build, chosen or DEFAULT_FORMATS, jobs, published)
    return _one_by_one(files, build, press, out_root)


def _one_by_one(files: list[Path], build, press, out_root: str) -> int:
    """Build the files in turn; the worst exit code, or EXIT_INTERRUPTED after Ctrl-C, naming the files not built
    (a file whose outputs were published as Ctrl-C came counts as built)."""
    import time

    from ..pipeline import EXIT_INTERRUPTED, EXIT_OK
    from ..workflows.build import published_since

    codes: list[int] = []
    began = time.time()
    try:
        for source in files:
            codes.append(build(source, press=press)[1])
    except KeyboardInterrupt:
        rest = [f for f in files[len(codes):] if not published_since(f, began, out_root)]
        click.echo(f"elevenk: interrupted; not built: {', '.join(map(str, rest)) or 'none'} (what was built is "
                   "published, and every other plan year keeps its earlier outputs)", err=True)
        return EXIT_INTERRUPTED
    return max(codes, default=EXIT_OK)

def _press(files: list[Path]):
    """A PDF press (`render.pdf_press`), started before the pipeline is imported so that WeasyPrint's import
    runs beside the plan's load and check; None for a plan too large to be typeset in one piece."""
    try:
        if not files or sum(f.stat().st_size for f in files) > PRESS_UP_TO:
            return None
    except OSError:
        return None  # the build reports the file it cannot read
    from ..render.pdf_press import Press

    try:
        return Press()
    except (OSError, ValueError):  # no fork on this platform, or no process to spare: typeset in this one
        return None
