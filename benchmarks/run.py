"""Time `elevenk build` and a bare WeasyPrint render of the same HTML, each in a process of its own.

Every measurement is a fresh process (imports included, as a user sees it): wall time is the median of
--runs runs, peak memory the largest resident set any run reached (ru_maxrss of that child, read with
os.wait4). The bare WeasyPrint render is the same HTML the PDF is typeset from, written to a folder with
its stylesheet and fonts, rendered by `weasyprint.HTML(...).write_pdf(...)` and nothing else: the
ratio build / bare is our overhead.

    python -m benchmarks.run                          # 2001 example + synthetic 20, 1,000 and 5,000
    python -m benchmarks.run --sizes 20000 --runs 1   # the big one (minutes; about 2 GB for bare)
    python -m benchmarks.run --batch 100              # 100 copies of the example, built as a folder
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import synth, typst_schedule
from .paired import rounds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
PYTHON = sys.executable
ELEVENK = [str(Path(sys.executable).with_name("elevenk"))]
# A cold build: the PDF pieces the last build kept in the cache (ELEVENK_CACHE_DIR) are removed first.
COLD = ["sh", "-c", 'rm -rf "$ELEVENK_CACHE_DIR"/pdf-pieces-*; exec "$@"', "cold"]
NOTE, EDITED_NOTE = "reported at fair value.", "reported at fair value, as described in the notes that follow."
BARE = """import sys, weasyprint
html, css, out = sys.argv[1:4]
weasyprint.HTML(filename=html).write_pdf(out, stylesheets=[weasyprint.CSS(filename=css)])
"""


@dataclass
class Result:
    case: str
    size: str
    seconds: float | None  # median wall time; None when a run failed or timed out
    peak_mb: int | None  # the largest single process (ru_maxrss)
    tree_mb: int | None  # the most the process and its workers held at once (PSS, sampled 4 times a second)
    runs: int
    note: str = ""
    x_bare: float | None = None  # median of this run's time / the bare render's, round by round
    x_typst: float | None = None  # median of this run's time / Typst's for the same schedule rows, round by round


def _tree_rss(root: int) -> int:
    """Memory (bytes) of a process and all its descendants together (proportional set size), from /proc."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss(pid, 0)
        try:
            todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            continue
    return total


def _pss(pid: int, rss: int) -> int:
    """Proportional set size: a page shared by the workers a build forks counts once, split among them."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(re.search(r"^Pss:\s+(\d+) kB", text, flags=re.M).group(1)) * 1024
    except (OSError, AttributeError):
        return rss


def run_once(cmd: list[str], timeout: float, errors) -> tuple[float, int, int, int]:
    """(wall seconds, peak RSS of the largest process in MB, peak PSS of the whole tree in MB, exit status).

    The child's stderr goes to the file errors (a pipe nobody reads would stall a chatty build).
    """
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline, tree, next_sample = start + timeout, 0, start + 0.1
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            return timeout, usage.ru_maxrss // 1024, tree >> 20, -9
        if time.perf_counter() >= next_sample:  # reading smaps costs CPU the build would use: 4 a second
            tree = max(tree, _tree_rss(child.pid))
            next_sample = time.perf_counter() + 0.25
        time.sleep(0.02)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss // 1024, tree >> 20, os.waitstatus_to_exitcode(status)


def measure(case: str, size: str, cmd: list[str], runs: int, timeout: float, ok_codes=(0,)) -> Result:
    walls, peaks, trees = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryFile() as errors:
            wall, peak, tree, code = run_once(cmd, timeout, errors)
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-300:]
        if code not in ok_codes:
            note = "timed out" if code == -9 else f"exit {code}: {tail}"
            print(f"  {case:<24} {size:>8}  {note}", flush=True)
            return Result(case, size, None, peak, tree, len(walls) + 1, note.split(":")[0])
        walls.append(wall)
        peaks.append(peak)
        trees.append(tree)
    result = Result(case, size, statistics.median(walls), max(peaks), max(trees), runs)
    _print(result)
    return result


def _print(result: Result) -> None:
    if result.seconds is None:
        print(f"  {result.case:<24} {result.size:>8}  {result.note}", flush=True)
        return
    ratios = "".join(f"  {r:.2f}x {what}" for r, what in ((result.x_bare, "bare"), (result.x_typst, "Typst"))
                     if r is not None)
    print(f"  {result.case:<24} {result.size:>8}  {result.seconds:8.2f} s  {result.peak_mb:6d} MB  "
          f"{result.tree_mb:6d} MB all{ratios}", flush=True)


def bare_inputs(plan: Path, folder: Path) -> tuple[Path, Path]:
    """Write the PDF's HTML, its stylesheet and fonts into folder, with elevenk: URLs made relative.

    In a process of its own: a child forked from a runner that imported elevenk would start with the
    runner's memory as its high-water mark.
    """
    subprocess.run([PYTHON, "-c", "import sys; from benchmarks.run import write_bare_inputs as w; "
                    "w(*map(__import__('pathlib').Path, sys.argv[1:]))", str(plan), str(folder)],
                   cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return folder / "filing.html", folder / "print.css"


def write_bare_inputs(plan: Path, folder: Path) -> None:
    from generator.pipeline import check
    from generator.render.html import html_environment, render_html
    from generator.render.pdf_resources import SCHEME
    from generator.render.templating import ASSETS

    outcome = check(plan)
    env = html_environment(None)
    folder.mkdir(parents=True, exist_ok=True)
    html = folder / "filing.html"
    html.write_text(render_html(outcome.filing, env, "pdf").replace(SCHEME, ""), encoding="utf-8")
    css = folder / "print.css"
    css.write_text(env.loader.get_source(env, "pdf/print.css")[0].replace(SCHEME, ""), encoding="utf-8")
    shutil.copytree(ASSETS / "fonts", folder / "fonts", dirs_exist_ok=True)


def write_plan(out: Path, n: int, seed: int) -> Path:
    """A synthetic plan, written by a process of its own (it imports the schema; this runner stays small)."""
    subprocess.run([PYTHON, "-m", "benchmarks.synth", "--holdings", str(n), "--seed", str(seed), "--out", str(out)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return out / f"synth-{n}" / f"{synth.YEAR}.yaml"


def plan_cases(plan: Path, size: str, out: Path, args) -> list[Result]:
    """Build the plan in each format (and all three at once); the PDF builds in rounds with the bare render
    of their HTML and Typst's render of the same schedule rows, so that their ratios are paired."""
    results = []
    build = COLD + ELEVENK + ["build", str(plan), "-o", str(out / "output")]
    ok = (0, 1)  # a plan with warnings still builds; findings are not what is timed
    for fmt in [f for f in args.formats if f != "pdf"]:
        results.append(measure(f"build {fmt}", size, build + ["--format", fmt], args.runs, args.timeout, ok))
    every = "build " + "+".join(args.formats)
    if "pdf" not in args.formats:
        if len(args.formats) > 1:
            results.append(measure(every, size, build + ["--format", ",".join(args.formats)], args.runs,
                                   args.timeout, ok))
        return results
    commands = [("build pdf", build + ["--format", "pdf"])]
    edited = edited_plan(plan, out / "edited" / size)
    if edited is not None:  # right after the cold build: its schedule is in the cache
        commands.append(("build pdf, a note edited", ELEVENK + ["build", str(edited), "-o", str(out / "output-edited"),
                                                                "--format", "pdf"]))
    if len(args.formats) > 1:
        commands.append((every, build + ["--format", ",".join(args.formats)]))
    if getattr(args, "default_build", False):
        commands.append(("build (default formats)", build))
    if not args.no_bare:
        html, css = bare_inputs(plan, out / "bare" / size)
        commands.append(("bare WeasyPrint", [PYTHON, "-c", BARE, str(html), str(css),
                                             str(out / "bare" / size / "bare.pdf")]))
    if args.typst and typst_schedule.available() and size != "example":  # a schedule of thousands of rows
        folder = out / "typst" / size
        subprocess.run([PYTHON, "-m", "benchmarks.typst_schedule", str(plan), str(folder)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        commands.append(("Typst, schedule only", [PYTHON, "-c", typst_schedule.COMPILE, str(folder / "schedule.typ"),
                                                  str(folder / "typst.pdf"), str(folder / "fonts")]))
    timed = rounds(commands, args.runs, args.timeout, ok, warmup=args.warmup)
    for t in timed.timed:
        result = Result(t.name, size, t.median, t.peak_mb, t.tree_mb, len(t.seconds), t.failed.split(":")[0])
        if t.name.startswith("build"):
            result.x_bare = timed.ratio(t.name, "bare WeasyPrint") if not args.no_bare else None
            result.x_typst = timed.ratio(t.name, "Typst, schedule only") \
                if any(n == "Typst, schedule only" for n, _ in commands) else None
        _print(result)
        results.append(result)
    print(f"  (rounds of {size}: load average {timed.load[0]:.1f} -> {timed.load[1]:.1f})", flush=True)
    if not args.no_bare and args.bare_auto:
        html, css = automatic_layout(out / "bare" / size / "filing.html", out / "bare" / size / "print.css")
        bare = [PYTHON, "-c", BARE, str(html), str(css), str(out / "bare" / size / "bare-auto.pdf")]
        results.append(measure("bare WeasyPrint, auto layout", size, bare, args.runs, args.timeout))
    return results


def edited_plan(plan: Path, folder: Path) -> Path | None:
    """The plan with a sentence of its notes changed (an incremental build's case), or None if it has not
    the sentence."""
    text = plan.read_text(encoding="utf-8")
    if NOTE not in text:
        return None
    path = folder / plan.parent.name / plan.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(NOTE, EDITED_NOTE, 1), encoding="utf-8")
    return path


def automatic_layout(html: Path, css: Path) -> tuple[Path, Path]:
    """The same document with the schedule's fixed columns taken out: WeasyPrint's automatic table layout,
    as a plain HTML table gets (and as elevenk's PDF had before its columns were fixed)."""
    auto_html, auto_css = html.with_name("filing-auto.html"), css.with_name("print-auto.css")
    auto_html.write_text(re.sub(r"<colgroup>.*?</colgroup>", "", html.read_text(encoding="utf-8"), flags=re.S),
                         encoding="utf-8")
    auto_css.write_text(css.read_text(encoding="utf-8").replace("table-layout: fixed", "table-layout: auto"),
                        encoding="utf-8")
    return auto_html, auto_css


def batch_case(plans: int, out: Path, args) -> Result:
    """plans copies of the example, each in its own folder, built as one folder in every format."""
    folder = out / f"batch-{plans}"
    shutil.rmtree(folder, ignore_errors=True)
    synth.ignore_everything(out)
    for i in range(plans):
        (folder / f"plan-{i + 1:03}").mkdir(parents=True)
        shutil.copy(EXAMPLE, folder / f"plan-{i + 1:03}" / EXAMPLE.name)
    cmd = ELEVENK + ["build", str(folder), "-o", str(out / "output-batch"), "--format", ",".join(args.formats)]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    return measure(f"batch build ({args.jobs or os.cpu_count()} jobs)", f"{plans} plans", cmd, args.runs,
                   args.timeout, ok_codes=(0, 1))


def machine() -> str:
    """The machine the figures came from."""
    cpu = platform.processor() or platform.machine()
    try:
        names = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb // 1024 // 1024} GB RAM"
    except (OSError, AttributeError):
        pass
    load = ", load average %.1f/%.1f/%.1f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}{load}")


def table(results: list[Result]) -> str:
    """The results as a Markdown table: the PDF builds' ratios to the bare render and to Typst are paired
    (round by round in one run); the ratio to the automatic-layout render is of medians."""
    auto = {r.size: r.seconds for r in results if r.case == "bare WeasyPrint, auto layout" and r.seconds}
    lines = ["| case | size | median s | peak MB (largest process) | peak MB (all processes, PSS) | runs "
             "| x bare (paired) | x Typst (paired) | x bare auto |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        seconds = f"{r.seconds:.2f}" if r.seconds is not None else r.note
        ratios = [f"{x:.2f}" if x is not None else "" for x in (r.x_bare, r.x_typst)]
        ratios.append(f"{r.seconds / auto[r.size]:.2f}" if r.seconds and r.size in auto and r.case.startswith("build")
                      else "")
        lines.append(f"| {r.case} | {r.size} | {seconds} | {r.peak_mb or ''} | {r.tree_mb or ''} | {r.runs} "
                     f"| {' | '.join(ratios)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20, 1000, 5000],
                        help="synthetic plan sizes (holdings); 0 for none")
    parser.add_argument("--example", action=argparse.BooleanOptionalAction, default=True,
                        help="also the bundled 2001 example")
    parser.add_argument("--plans", type=Path, nargs="*", default=[],
                        help="other plan-year files measured as the example is (e.g. plan_data/harbor-point/2024.yaml)")
    parser.add_argument("--formats", type=lambda s: s.split(","), default=["text", "html", "pdf"])
    parser.add_argument("--default-build", action="store_true",
                        help="also `elevenk build` with no --format (the plan year's own defaults: Inline XBRL "
                             "too where it is due), paired with the bare render")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=0, help="also build this many copies of the example")
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for the batch build (default: cores)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare WeasyPrint renders")
    parser.add_argument("--typst", action=argparse.BooleanOptionalAction, default=True,
                        help="also Typst's render of the same schedule rows, when the typst package is installed")
    parser.add_argument("--warmup", action=argparse.BooleanOptionalAction, default=True,
                        help="a round of the PDF cases before the counted ones")
    parser.add_argument("--bare-auto", action="store_true",
                        help="also a bare render with automatic table layout (slow: 10 minutes, 4 GB at 20,000)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is abandoned")
    parser.add_argument("--out", type=Path, default=synth.DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    synth.ignore_everything(out)
    os.environ["ELEVENK_CACHE_DIR"] = str(out / "cache")  # compiled templates kept; PDF pieces cleared (COLD)
    print(machine(), flush=True)
    results: list[Result] = []
    if args.example:
        results += plan_cases(EXAMPLE, "example", out, args)
    for plan in args.plans:
        results += plan_cases(plan.resolve(), plan.parent.name, out, args)
    for n in [s for s in args.sizes if s]:
        results += plan_cases(write_plan(out, n, args.seed), f"{n:,}", out, args)
    if args.batch:
        results.append(batch_case(args.batch, out, args))
    print()
    print(table(results))
    record = out / "results.json"
    previous = json.loads(record.read_text()) if record.exists() else []
    previous.append({"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M"),
                     "results": [asdict(r) for r in results]})
    record.write_text(json.dumps(previous, indent=2))


if __name__ == "__main__":
    main()
