"""Build many plan years at once: worker processes, a progress bar, and a summary table.

The build of one file is passed in as a picklable callable (the command line's own per-file build,
bound to its options), so a batch build does exactly what a single-file build does. Each plan's
output is captured in its worker and shown after the progress bar; one plan's failure, exception
or even a dead worker process never stops the others.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..child_process import die_with_parent
from ..findings import internal_error
from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, Outcome

# build(source) checks, renders and writes one plan-year file, printing as the single-file build does,
# and returns its outcome and exit code.
Build = Callable[[Path], "tuple[Outcome, int]"]

STATUS = {EXIT_OK: "built", EXIT_FINDINGS: "findings", EXIT_INPUT: "invalid"}


@dataclass
class PlanResult:
    """What building one plan-year file came to; small enough to send back from a worker."""

    source: str
    plan: str
    year: str
    status: str  # built | findings | invalid | error | crashed | interrupted
    findings: int
    seconds: float
    code: int
    stdout: str = ""
    stderr: str = ""

    @property
    def failed(self) -> bool:
        return self.code != EXIT_OK


def warm_up(formats: Iterable[str], parent: int | None = None) -> None:
    """Worker initializer: die with the parent process (pid `parent`) and leave Ctrl-C to it; import the
    pipeline and the renderers once per process, not once per plan.

    The imported modules then move to the collector's permanent generation, so collections during
    a build do not walk them again and again.
    """
    import importlib

    if parent is not None:
        die_with_parent(parent)

    wanted = ["text"] + (["html"] if {"html", "pdf"} & set(formats) else []) + (["pdf"] if "pdf" in formats else [])
    for name in wanted:
        try:
            importlib.import_module(f"generator.render.{name}")
        except ImportError:  # the build reports it, for each plan, rather than the pool dying silently
            pass
    gc.collect()
    gc.freeze()


def build_one(build: Build, source: Path) -> PlanResult:
    """Run build(source) with its output captured; an exception becomes an 'error' result."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    outcome: Outcome | None = None
    try:
        with redirect_stdout(out), redirect_stderr(err):
            outcome, code = build(source)
        status = STATUS.get(code, "findings")
    except Exception as exc:  # a bug or an unexpected input must not stop the other plans
        err.write(f"{source}: not built: {internal_error(exc)}\n")
        code, status = EXIT_FINDINGS, "error"
    filing = outcome.filing if outcome is not None else None
    return PlanResult(
        source=str(source), plan=Path(source).resolve().parent.name,
        year=str(filing.year) if filing is not None else Path(source).stem,
        status=status, findings=len(outcome.findings) if outcome is not None else 0,
        seconds=time.perf_counter() - start, code=code, stdout=out.getvalue(), stderr=err.getvalue())


def crashed(source: Path, why: str) -> PlanResult:
    """The result for a plan whose worker process died (killed, out of memory, a crash in C)."""
    return PlanResult(str(source), Path(source).resolve().parent.name, Path(source).stem, "crashed", 0, 0.0,
                      EXIT_FINDINGS, stderr=f"{source}: not built: {why}\n")


def _run_pool(build: Build, sources: list[Path], jobs: int, formats: list[str],
              done: Callable[[PlanResult], None]) -> list[Path]:
    """Build sources in a pool of jobs workers; return those left unbuilt because the pool broke."""
    left: list[Path] = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_up, initargs=(list(formats), os.getpid())) as pool:
        # Every submit (and so every fork) happens here, before the caller starts its progress thread.
        futures: dict[Future, Path] = {pool.submit(build_one, build, s): s for s in sources}
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    try:
                        done(future.result())
                    except BrokenProcessPool:
                        left.append(futures[future])
        except KeyboardInterrupt:
            _stop(pool)
            raise
    return sorted(left, key=sources.index)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C: drop the plans not started and end the workers at once. A worker ended while publishing
    leaves its plan year's earlier outputs in place (publishing is all or nothing)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # the executor has no public way
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    deadline = time.monotonic() + 0.5
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            worker.kill()
            worker.join()


def run_batch(build: Build, sources: list[Path], jobs: int, formats: list[str],
              done: Callable[[PlanResult], None]) -> None:
    """Build every source, calling done(result) as each finishes.

    When a worker dies, the pool breaks and takes the plans in flight with it: those are built again
    in a new pool, and when a round finishes none of them, each is built alone, so only the plan
    that kills its worker is reported as crashed.
    """
    if jobs <= 1:
        for source in sources:
            done(build_one(build, source))
        return
    left = _run_pool(build, sources, jobs, formats, done)
    while left:
        again = _run_pool(build, left, jobs, formats, done)
        if len(again) == len(left):
            for source in again:
                if _run_pool(build, [source], 1, formats, done):
                    done(crashed(source, "its worker process died (killed, or out of memory?)"))
            return
        left = again


def default_jobs() -> int:
    """As many workers as cores."""
    return os.cpu_count() or 1


def build_batch(sources: list[Path], build: Build, formats: list[str], jobs: int | None = None,
                published: Callable[[Path, float], bool] | None = None) -> int:
    """Build every plan-year file with a progress bar, then print problems and a summary table.

    Returns the worst exit code (0 when every plan was built), or EXIT_INTERRUPTED after Ctrl-C, which
    ends the workers at once: published(source, since) then tells a plan a worker had published (since
    `since`, a time.time()) before its result could come back from one that had not.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    jobs = max(1, min(jobs or default_jobs(), len(sources)))
    # Bound to the real streams now: in-process builds redirect sys.stdout and sys.stderr while they run.
    err, out = Console(file=sys.stderr), Console(file=sys.stdout)
    results: dict[str, PlanResult] = {}
    start = time.perf_counter()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("plans"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err)
    task = progress.add_task(f"Building with {jobs} job{'s' if jobs > 1 else ''}", total=len(sources))

    def done(result: PlanResult) -> None:
        results[result.source] = result
        progress.advance(task)

    interrupted, began = False, time.time()
    try:
        with progress:
            run_batch(build, sources, jobs, formats, done)
    except KeyboardInterrupt:
        interrupted = True
    ordered = [results.get(str(s)) or stopped(s, published is not None and published(s, began)) for s in sources]
    for r in ordered:
        if r.stderr:
            err.out(r.stderr.rstrip("\n"), highlight=False)
    out.print(summary_table(ordered))
    built = sum(1 for r in ordered if not r.failed)
    out.print(f"{built} of {len(ordered)} plan years built in {time.perf_counter() - start:.1f} s "
              f"({jobs} job{'s' if jobs > 1 else ''})", highlight=False)
    if interrupted:
        missing = [r.source for r in ordered if r.status == "interrupted"]
        err.out(f"elevenk: interrupted; not built: {', '.join(missing) or 'none'} (what was built is published, "
                "and every other plan year keeps its earlier outputs)", highlight=False)
        return EXIT_INTERRUPTED
    return max((r.code for r in ordered), default=EXIT_OK)


def stopped(source: Path, was_published: bool = False) -> PlanResult:
    """The result for a plan that Ctrl-C stopped: before it was built, or after it was published."""
    status, code = ("built", EXIT_OK) if was_published else ("interrupted", EXIT_INTERRUPTED)
    return PlanResult(str(source), Path(source).resolve().parent.name, Path(source).stem, status, 0, 0.0, code)


def summary_table(results: list[PlanResult], title: str = "Build summary"):
    """Plan, year, status, findings, seconds: one row per plan-year file, in the order given."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("plan", overflow="fold")
    table.add_column("year")
    table.add_column("status")
    table.add_column("findings", justify="right")
    table.add_column("seconds", justify="right")
    colours = {"built": "green", "clean": "green", "warnings": "yellow", "findings": "yellow", "invalid": "red",
               "error": "red", "crashed": "red", "interrupted": "red"}
    for r in results:
        table.add_row(r.plan, r.year, f"[{colours[r.status]}]{r.status}[/]", str(r.findings), f"{r.seconds:.2f}")
    return table
