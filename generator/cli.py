"""The `elevenk` command line: thin commands over the pipeline."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click
import jinja2

from . import __version__
from .findings import ERROR, WARNING, internal_error, to_json
from .pipeline import EXIT_INPUT, EXIT_OK, Outcome, check, printed, render
from .templating import TemplateProblem, plan_template_dir
from .manifest import publish, recording, watched_roots

FORMATS = ("text", "html", "pdf")
AVAILABLE = ("text", "html", "pdf")
EXTENSIONS = {"text": "txt", "html": "htm", "pdf": "pdf"}
EXIT_INTERNAL = 3


def _print_findings(outcome: Outcome, as_json: bool = False) -> None:
    if as_json:
        click.echo(json.dumps([to_json(f) for f in outcome.findings], indent=2))
        return
    for text in printed(outcome):
        click.echo(text, err=True)


def _summary(outcome: Outcome) -> str:
    errors = sum(1 for f in outcome.findings if f.severity == ERROR)
    warnings = sum(1 for f in outcome.findings if f.severity == WARNING)
    return f"{outcome.source}: {errors} error(s), {warnings} warning(s)"


def _plan_files(paths: tuple[str, ...]) -> list[Path]:
    """Expand files and directories into plan-year YAML files, in a stable order."""
    if not paths:
        paths = ("plan_data",)
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(q for q in p.rglob("*.yaml") if not q.name.startswith("."))
        else:
            files.append(p)
    return files


def _formats(value: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    for v in chosen:
        if v not in FORMATS:
            raise click.BadParameter(f"unknown format '{v}' (choose from {', '.join(FORMATS)})")
        if v not in AVAILABLE:
            raise click.BadParameter(f"format '{v}' is not available yet; this version renders "
                                     f"{', '.join(AVAILABLE)} only")
    return chosen


def output_dir(root: Path, source: Path, fiscal_year: int) -> Path:
    """output/<plan>/<year>/: the plan is the YAML file's folder name."""
    return root / source.resolve().parent.name / str(fiscal_year)


class _Guarded(click.Group):
    """Turns an unexpected exception into one plain line and exit status 3, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            click.echo(f"elevenk: {internal_error(exc)}", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="elevenk")
def main() -> None:
    """Prepare SEC Form 11-K filings from YAML plan-year files."""


@main.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
def check_cmd(files: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check plan-year FILES: load, validate, compute and tie out. Silent when clean.

    Exit status: 0 clean (or warnings only), 1 findings that fail, 2 input that cannot be read.
    """
    worst = EXIT_OK
    for name in files:
        outcome = check(Path(name), name)
        _print_findings(outcome, as_json)
        worst = max(worst, outcome.exit_code(strict))
    sys.exit(worst)


@main.command("build")
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
    chosen = _formats(formats)
    files = _plan_files(paths)
    if not files:
        click.echo("elevenk: no plan-year files found", err=True)
        sys.exit(EXIT_INPUT)
    build = functools.partial(build_file, formats=chosen, out_root=out_root, template_dir=template_dir,
                              strict=strict, pdf_variant=pdf_variant, draft=draft)
    if not paths or any(Path(p).is_dir() for p in paths):
        from .batch import build_batch
        _leave(build_batch(files, build, chosen, jobs))
    _leave(max(build(source)[1] for source in files))


def build_file(source: Path, formats: list[str], out_root: str, template_dir: str | None, strict: bool,
               pdf_variant: str | None, draft: bool) -> tuple[Outcome, int]:
    """Check, render and write one plan-year file, printing its findings and what it wrote.

    Returns the outcome and the exit code. Batch builds run this same function in worker processes.
    """
    outcome = check(source, str(source))
    _print_findings(outcome)
    code = outcome.exit_code(strict)
    if code != EXIT_OK:
        click.echo(f"{source}: not built ({_summary(outcome).split(': ', 1)[1]})", err=True)
        return outcome, code
    try:
        dirs = _template_dirs(outcome, template_dir)
        # The findings are printed: the parsed YAML tree and its locations (most of a large plan's memory)
        # are not needed to render, so let them go before the renderers and their workers start.
        outcome.loaded.release()
        with recording(watched_roots(dirs)) as used:  # the template and asset files read, for the manifest
            outputs = render(outcome, formats, dirs, pdf_variant, draft)
    except (TemplateProblem, jinja2.TemplateError) as exc:
        click.echo(f"{source}: not built: {exc}", err=True)
        return outcome, EXIT_INPUT
    target = output_dir(Path(out_root), source, outcome.filing.year)
    stem = f"{source.resolve().parent.name}-{outcome.filing.year}"
    publish(target, {f"{stem}.{EXTENSIONS[fmt]}": data for fmt, data in outputs.items()}, source, used)
    for fmt in outputs:
        click.echo(f"wrote {target / f'{stem}.{EXTENSIONS[fmt]}'}")
    return outcome, EXIT_OK


def _leave(code: int) -> None:
    """Exit; as the `elevenk` command, at once. Every output is on disk (written and synced) by now, and
    the interpreter's teardown would free WeasyPrint's objects one by one: a tenth of a standard build."""
    if Path(sys.argv[0]).name == "elevenk":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _template_dirs(outcome: Outcome, template_dir: str | None) -> list[Path]:
    """--templates, then the plan's `templates:` folder (relative to its YAML); the built-ins come last."""
    dirs = [Path(template_dir)] if template_dir else []
    if outcome.plan_year.templates:
        try:
            dirs.append(plan_template_dir(outcome.source, outcome.plan_year.templates))
        except TemplateProblem as exc:
            raise TemplateProblem(f"{outcome.loaded.where(('templates',))}: {exc}") from None
    return dirs


@main.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of a plan-year file (for editor autocompletion)."""
    from .schema import json_schema
    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


@main.command("names")
@click.argument("file", type=click.Path(dir_okay=False))
def names_cmd(file: str) -> None:
    """List the figures a note can quote as {name}, with their values."""
    from .notes import quotable
    from .prose import format_value

    outcome = check(Path(file), file)
    if outcome.input_failed:
        _print_findings(outcome)
        sys.exit(EXIT_INPUT)
    for name, value in sorted(quotable(outcome.filing).items()):
        click.echo(f"{name:40} {format_value(value, None)}")


from .edgar_lint import command as lint_edgar_cmd  # noqa: E402  (elevenk lint-edgar)
main.add_command(lint_edgar_cmd)
from . import cli_form5500  # noqa: E402,F401  (elevenk form5500)


# Commands kept in their own modules register on `main` when imported.
from . import cli_rollforward  # noqa: E402,F401  (elevenk rollforward)
from . import cli_flux  # noqa: E402,F401  (elevenk flux)
from . import cli_compare  # noqa: E402,F401  (elevenk compare)
from . import cli_verify  # noqa: E402,F401  (elevenk verify)
from . import cli_serve  # noqa: E402,F401  (elevenk serve)
