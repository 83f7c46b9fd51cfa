"""The one orchestrator: load, validate, compute, check, render, in that order; stages never call each other."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from .checks import run_checks
from .findings import ERROR, WARNING, Finding, Location, format_finding
from .load.schema import PlanYear
from .load.validate import validate
from .load.yaml_source import SYNTAX, Loaded, read_yaml, undotted
from .model.compute import Filing, compute
from .model.xbrl.facts import wanted as xbrl_wanted
from .model.xbrl.facts import xbrl_facts

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


@dataclass
class Outcome:
    """What a run of the pipeline produced, up to where it stopped."""

    source: Path
    loaded: Loaded | None = None
    plan_year: PlanYear | None = None
    filing: Filing | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def input_failed(self) -> bool:
        """Loading or validation failed: nothing was computed."""
        return self.plan_year is None

    def exit_code(self, strict: bool = False) -> int:
        if self.input_failed:
            return EXIT_INPUT
        bad = {ERROR, WARNING} if strict else {ERROR}
        return EXIT_FINDINGS if any(f.severity in bad for f in self.findings) else EXIT_OK


def _value_at(data: object, path: tuple) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _where(loaded: Loaded, path: tuple) -> Location | None:
    """A scalar is located at its value; a whole section at its key."""
    if isinstance(_value_at(loaded.data, path), (dict, list)):
        return loaded.where_key(path)
    return loaded.where(path)


def _locate(findings: list[Finding], loaded: Loaded) -> list[Finding]:
    out = []
    for f in findings:
        if f.location is None:
            loc = loaded.where_text(undotted(f.path), f.needle) if f.path and f.needle else None
            loc = loc or (_where(loaded, undotted(f.path)) if f.path else None)
            f = replace(f, location=loc or Location(loaded.file, 1, 1))
        if f.related:
            f = replace(f, related=tuple(replace(r, location=r.location or _where(loaded, undotted(r.path)))
                                         for r in f.related))
        out.append(f)
    return sorted(out, key=Finding.sort_key)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is loaded and computed.

    Those stages build hundreds of thousands of small objects and no reference cycles; the collector's
    repeated passes over them made loading 20,000 holdings take twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_collector_paused = collector_paused  # its earlier name, which other branches may still import


def check(source: Path, display_name: str | None = None, ixbrl: bool | None = None) -> Outcome:
    """Load, validate, compute and check one plan-year file.

    ixbrl: compute (and check) the Inline XBRL facts; None: when the plan year wants them (its YAML asks,
    or its filing is due after 2025-07-10).
    """
    with collector_paused():
        return _check(source, display_name, ixbrl)


def computed(source: Path, display_name: str | None = None, ixbrl: bool | None = None) -> Outcome:
    """check() up to the checks: the filing computed (None when the input failed, its findings saying why),
    its checks not run. checked() runs them; the filing does not change, so it renders the same meanwhile."""
    with collector_paused():
        return _computed(source, display_name, ixbrl)


def checked(outcome: Outcome) -> Outcome:
    """The outcome of computed() with the filing's checks run: what check() gives."""
    if outcome.filing is not None:
        with collector_paused():
            outcome.findings = _locate(run_checks(outcome.filing), outcome.loaded)
    return outcome


def _check(source: Path, display_name: str | None, ixbrl: bool | None = None) -> Outcome:
    return checked(_computed(source, display_name, ixbrl))


def _computed(source: Path, display_name: str | None, ixbrl: bool | None = None) -> Outcome:
    outcome = Outcome(Path(source))
    loaded = read_yaml(source, display_name or str(source))
    outcome.loaded = loaded
    if loaded.findings:
        outcome.findings = _locate(loaded.findings, loaded)
        if loaded.data is None:
            return outcome
    plan_year, problems = validate(loaded)
    if problems or loaded.findings:
        outcome.findings = _locate(loaded.findings + problems, loaded)
        return outcome
    outcome.plan_year = plan_year
    outcome.filing = replace(compute(plan_year), source=str(source))
    if ixbrl if ixbrl is not None else xbrl_wanted(outcome.filing):
        outcome.filing = replace(outcome.filing, xbrl=xbrl_facts(outcome.filing))
    return outcome


def render(outcome: Outcome, formats: list[str], template_dirs: list[Path] | None = None,
           pdf_variant: str | None = None, draft: bool = False, press=None) -> dict[str, bytes]:
    """Render the computed filing into each requested format, in memory.

    template_dirs come before the built-in templates; pdf_variant ("pdf/a-3b" or "pdf/ua-1") and draft
    (a DRAFT stamp on every page) apply to the PDF; press (a `render.pdf_press.Press`, started early)
    typesets it. Raises templating.TemplateProblem for a template or asset that cannot be used.
    """
    from .model.scale import presented
    from .render.templating import environment

    outcome = replace(outcome, filing=presented(outcome.filing))
    outputs: dict[str, bytes] = {}
    pdf = None
    if "pdf" in formats:  # first: a press lays the pages out while the other formats render
        from .render.pdf import start_pdf
        source = (outcome.source.name, outcome.loaded.text.encode("utf-8"))
        pdf = start_pdf(outcome.filing, template_dirs, source, pdf_variant, draft, press)
    if "text" in formats:
        from .render.text import render_text
        outputs["text"] = render_text(outcome.filing, environment(template_dirs)).encode("ascii")
    if "html" in formats:
        from .render.html import html_environment, render_edgar_html
        outputs["html"] = render_edgar_html(outcome.filing, html_environment(template_dirs))
    if pdf is not None:
        outputs["pdf"] = pdf()
    return outputs


def render_ixbrl(outcome: Outcome, template_dirs: list[Path] | None = None) -> dict[str, bytes]:
    """The Inline XBRL submission's files by name, in memory (the outcome was checked with ixbrl on).

    Raises templating.TemplateProblem when a template drops or misprints a tagged figure.
    """
    from .model.scale import presented
    from .render.html import html_environment
    from .render.ixbrl import InconsistentFigure, render_ixbrl as render
    from .render.templating import TemplateProblem

    try:
        return render(presented(outcome.filing), outcome.filing.xbrl, html_environment(template_dirs))
    except (InconsistentFigure, ValueError) as exc:
        raise TemplateProblem(f"Inline XBRL: {exc}") from None


def excerpt(loaded: Loaded | None, location: Location | None) -> str | None:
    """The source line of a finding with a caret under its column, as hledger shows it."""
    if loaded is None or location is None or not loaded.text or location.line < 1:
        return None
    text = loaded.source_line(location.line)
    if text is None or len(text) > 100:
        return None
    gutter = f"{location.line} | "
    return f"  {gutter}{text}\n  {' ' * (len(gutter) + location.column - 1)}^"


def printed(outcome: Outcome, findings: list[Finding] | None = None) -> list[str]:
    """Findings (by default all of the outcome's) as `elevenk check` prints them, each with its source line."""
    return [format_finding(f, excerpt(outcome.loaded, f.location) if f.path or f.check == SYNTAX else None)
            for f in (outcome.findings if findings is None else findings)]
