"""Build one plan year: check it, render the asked formats, publish them with their manifest."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import click
import jinja2

from ..confined_fs import OutputError
from ..findings import os_problem, plural, tally, to_json
from ..load.peek import fiscal_year
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Outcome, check, printed, render, render_ixbrl
from ..render.edgar_lint import FILED, lint_outputs
from ..render.templating import TemplateProblem, plan_template_dir
from . import review
from .manifest import NAME, ManifestProblem, Record, label, parse, recording, sha256_file, watched_roots
from .publish import OtherInput, publish, target

FORMATS = ("text", "html", "pdf", "ixbrl")
AVAILABLE = ("text", "html", "pdf", "ixbrl")
EXTENSIONS = {"text": "txt", "html": "htm", "pdf": "pdf"}
DEFAULT_FORMATS = ["text", "html", "pdf"]  # and ixbrl, when the plan year wants it (model/xbrl/facts.wanted)
SUBMISSION = "ixbrl"  # output/<plan>/<year>/ixbrl/: the Inline XBRL submission, exactly the files EDGAR takes


def print_findings(outcome: Outcome, as_json: bool = False) -> None:
    """Findings on stderr as `elevenk check` prints them, or as JSON on stdout."""
    if as_json:
        click.echo(json.dumps([to_json(f) for f in outcome.findings], indent=2))
        return
    for text in printed(outcome):
        click.echo(text, err=True)


def plan_name(source: Path) -> str:
    """The plan's name in output/<plan>/<year>/: the YAML file's folder name."""
    return Path(source).resolve().parent.name or "plan"  # a file at the root of the file system


def collisions(sources: list[Path], out_root: str) -> list[str]:
    """A message for each plan-year file whose outputs would land in the folder of another file of the
    batch (the later build would replace the earlier's filing): checked before anything is built."""
    first: dict[str, Path] = {}
    found = []
    for source in sources:
        year = fiscal_year(source)
        if year is None:
            continue  # its own build will say what is wrong with it
        folder = target(Path(out_root), plan_name(source), str(year))
        key = unicodedata.normalize("NFC", str(folder)).casefold()  # one folder on a case-blind disk too
        if key in first:
            found.append(f"{first[key]} and {source} would both be published as {folder}/ "
                         f"(plan folder '{plan_name(source)}', fiscal year {year})")
        else:
            first[key] = source
    return found


def published_since(source: Path, since: float, out_root: str) -> bool:
    """Whether source's outputs were published at or after `since` (a time.time()) from its present bytes."""
    year = fiscal_year(source)
    if year is None:
        return False
    path = target(Path(out_root), plan_name(source), str(year)) / NAME
    try:
        recorded = parse(path.read_bytes(), path)
        return path.stat().st_mtime >= since and recorded.record.input_sha256 == sha256_file(source)
    except (OSError, ManifestProblem):
        return False


def build_file(source: Path, formats: list[str] | None, out_root: str, template_dir: str | None, strict: bool,
               pdf_variant: str | None, draft: bool, press=None) -> tuple[Outcome, int]:
    """Check, render and write one plan-year file, printing its findings and what it wrote.

    formats None: text, html and pdf, and the Inline XBRL submission when the plan year wants it.
    Returns the outcome and the exit code. Batch builds run this same function in worker processes;
    press (a `render.pdf_press.Press`) typesets the PDF.
    """
    outcome = check(source, str(source), ixbrl=None if formats is None else "ixbrl" in formats)
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
        if formats is None:
            formats = DEFAULT_FORMATS + (["ixbrl"] if outcome.filing.xbrl is not None else [])
        with recording(watched_roots(dirs)) as used:  # the template and asset files read, for the manifest
            outputs = render(outcome, formats, dirs, pdf_variant, draft, press)
            submission = render_ixbrl(outcome, dirs) if "ixbrl" in formats else {}
        plan, year = plan_name(source), str(outcome.filing.year)
        folder = target(Path(out_root), plan, year)
        record = Record(label(source, folder), outcome.loaded.sha256,
                        {label(p, folder): sha256_file(p) for p in used}, exceptions(outcome))
    except (TemplateProblem, jinja2.TemplateError) as exc:
        click.echo(f"{source}: not built: {exc}", err=True)
        return outcome, EXIT_INPUT
    except OSError as exc:  # a template or font that cannot be read
        click.echo(f"{source}: not built: {os_problem(exc)}", err=True)
        return outcome, EXIT_INPUT
    stem = f"{plan}-{year}"
    rejected = lint_outputs(outputs)
    if rejected:
        _print_rejected(source, rejected, {fmt: folder / f"{stem}.{EXTENSIONS[fmt]}" for fmt in rejected})
        return outcome, EXIT_FINDINGS
    files = {f"{stem}.{EXTENSIONS[fmt]}": data for fmt, data in outputs.items()}
    files.update({f"{SUBMISSION}/{name}": data for name, data in submission.items()})
    page = review_page(source, outcome, submission) if submission else {}
    files.update({f"{review.FOLDER}/{name}": data for name, data in page.items()})
    whole = ((SUBMISSION,) if submission else ()) + ((review.FOLDER,) if page else ())
    try:
        publish(Path(out_root), plan, year, files, record, source, whole=whole)
    except OutputError as exc:
        click.echo(f"{source}: not built: {exc} (the earlier outputs are unchanged)", err=True)
        return outcome, EXIT_INPUT
    except OtherInput as exc:
        click.echo(f"{source}: not built: {exc}", err=True)
        return outcome, EXIT_FINDINGS
    for fmt in outputs:
        click.echo(f"wrote {folder / f'{stem}.{EXTENSIONS[fmt]}'}")
    if submission:
        click.echo(f"wrote {folder / SUBMISSION}/ (Inline XBRL: {', '.join(submission)})")
    if page:
        click.echo(f"wrote {folder / review.FOLDER}/ (review page: {', '.join(page)})")
    return outcome, EXIT_OK


def review_page(source: Path, outcome: Outcome, submission: dict[str, bytes]) -> dict[str, bytes]:
    """The review page of the submission (workflows/review.py), when it can be made; a note when not."""
    why = review.unavailable()
    if why:
        if "install" not in why:  # the viewer is installed: say what it lacks
            click.echo(f"{source}: no review page: {why}", err=True)
        return {}
    try:
        return review.review_files(submission, f"{outcome.filing.xbrl.base}.htm")
    except RuntimeError as exc:
        click.echo(f"{source}: no review page: {exc}", err=True)
        return {}


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
