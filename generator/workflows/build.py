"""Build one plan year: check it, render the asked formats, publish them with their manifest."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jinja2

from ..findings import plural, tally, to_json
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Outcome, check, printed, render
from ..render.edgar_lint import FILED, lint_outputs
from ..render.templating import TemplateProblem, plan_template_dir
from .manifest import OtherInput, publish, recording, watched_roots

FORMATS = ("text", "html", "pdf")
AVAILABLE = ("text", "html", "pdf")
EXTENSIONS = {"text": "txt", "html": "htm", "pdf": "pdf"}


def print_findings(outcome: Outcome, as_json: bool = False) -> None:
    """Findings on stderr as `elevenk check` prints them, or as JSON on stdout."""
    if as_json:
        click.echo(json.dumps([to_json(f) for f in outcome.findings], indent=2))
        return
    for text in printed(outcome):
        click.echo(text, err=True)


def output_dir(root: Path, source: Path, fiscal_year: int) -> Path:
    """output/<plan>/<year>/: the plan is the YAML file's folder name."""
    return root / source.resolve().parent.name / str(fiscal_year)


def build_file(source: Path, formats: list[str], out_root: str, template_dir: str | None, strict: bool,
               pdf_variant: str | None, draft: bool) -> tuple[Outcome, int]:
    """Check, render and write one plan-year file, printing its findings and what it wrote.

    Returns the outcome and the exit code. Batch builds run this same function in worker processes.
    """
    outcome = check(source, str(source))
    print_findings(outcome)
    code = outcome.exit_code(strict)
    if code != EXIT_OK:
        click.echo(f"{source}: not built ({tally(outcome.findings)})", err=True)
        return outcome, code
    if outcome.findings:
        click.echo(f"{source}: {tally(outcome.findings)}", err=True)
    try:
        dirs = template_dirs(outcome, template_dir)
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
    rejected = lint_outputs(outputs)
    if rejected:
        _print_rejected(source, rejected, {fmt: target / f"{stem}.{EXTENSIONS[fmt]}" for fmt in rejected})
        return outcome, EXIT_FINDINGS
    try:
        publish(target, {f"{stem}.{EXTENSIONS[fmt]}": data for fmt, data in outputs.items()}, source, used,
                exceptions(outcome))
    except OtherInput as exc:
        click.echo(f"{source}: not built: {exc}", err=True)
        return outcome, EXIT_FINDINGS
    for fmt in outputs:
        click.echo(f"wrote {target / f'{stem}.{EXTENSIONS[fmt]}'}")
    return outcome, EXIT_OK


SHOWN_VIOLATIONS = 20  # per document; the rest are counted


def _print_rejected(source: Path, rejected: dict, names: dict) -> None:
    """Each output that breaks EDGAR's rules, with its violations at the place they would have been."""
    for fmt, violations in rejected.items():
        click.echo(f"{source}: not built: the {FILED[fmt]} breaks EDGAR's rules ({plural(len(violations), 'violation')}); "
                   "nothing was written", err=True)
        for v in violations[:SHOWN_VIOLATIONS]:
            click.echo(v.format(str(names[fmt])), err=True)
        if len(violations) > SHOWN_VIOLATIONS:
            click.echo(f"  ... and {len(violations) - SHOWN_VIOLATIONS} more", err=True)


def exceptions(outcome: Outcome) -> list[dict]:
    """The rules the plan year set aside on purpose, as the manifest records them."""
    reasons = outcome.plan_year.exceptions
    return [{"name": f.exception, "reason": reasons[f.exception], "path": f.path, "finding": f.message}
            for f in outcome.findings if f.exception]


def template_dirs(outcome: Outcome, template_dir: str | None) -> list[Path]:
    """--templates, then the plan's `templates:` folder (relative to its YAML); the built-ins come last."""
    dirs = [Path(template_dir)] if template_dir else []
    if outcome.plan_year.templates:
        try:
            dirs.append(plan_template_dir(outcome.source, outcome.plan_year.templates))
        except TemplateProblem as exc:
            raise TemplateProblem(f"{outcome.loaded.where(('templates',))}: {exc}") from None
    return dirs
