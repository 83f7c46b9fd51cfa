"""Time the Inline XBRL build against the EDGAR HTML build of the same plan, as paired runs, and (with
../shared) Arelle's validation of the submission.

Each pair runs `elevenk build PLAN --format html` and `elevenk build PLAN --format ixbrl` back to back, each
in a fresh process, alternating which goes first; the ratio ixbrl / html of each pair cancels most of the
load a shared machine adds, and the median ratio is the figure. Target: at most 2.0 for 20,000 holdings.

    python -m benchmarks.ixbrl                            # 20,000 holdings, 3 pairs
    python -m benchmarks.ixbrl --holdings 1000 --pairs 5 --validate
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import synth
from .run import ELEVENK, ROOT, machine, run_once, write_plan


def _build(plan: Path, out: Path, fmt: str, timeout: float) -> float:
    with tempfile.TemporaryFile() as errors:
        wall, _, _, code = run_once(ELEVENK + ["build", str(plan), "--format", fmt, "-o", str(out)], timeout, errors)
        if code != 0:
            errors.seek(0)
            sys.exit(f"build --format {fmt} failed (exit {code}): {errors.read().decode()[-500:]}")
    return wall


def paired(plan: Path, out: Path, pairs: int, timeout: float) -> list[tuple[float, float]]:
    """(html seconds, ixbrl seconds) for each pair."""
    results = []
    for i in range(pairs):
        order = ("html", "ixbrl") if i % 2 == 0 else ("ixbrl", "html")
        times = {fmt: _build(plan, out, fmt, timeout) for fmt in order}
        results.append((times["html"], times["ixbrl"]))
        print(f"  pair {i + 1}: html {times['html']:.2f} s, ixbrl {times['ixbrl']:.2f} s, "
              f"ratio {times['ixbrl'] / times['html']:.2f}", flush=True)
    return results


def validate(submission: Path, cik: str, folder: Path, timeout: float) -> dict[str, float]:
    """Seconds Arelle takes to validate the submission offline: XBRL with calculations, then EDGAR's rules."""
    sys.path.insert(0, str(ROOT))
    from tests.xbrl_packages import EDGAR_PLUGIN, TAXONOMY, test_packages

    if not TAXONOMY.is_dir():
        print("  ../shared is absent: no validation timed")
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    packages = "|".join(test_packages(folder))
    arelle = [str(Path(sys.executable).with_name("arelleCmdLine")), "--workOffline", "--packages", packages]
    document = next(p for p in submission.glob("*.htm") if "-ex" not in p.name)
    runs = {
        "arelle xbrl+calc": arelle + ["--file", str(document), "--validate", "--calc", "c11r"],
        "arelle efm": arelle + ["--plugins", str(EDGAR_PLUGIN.resolve()), "--disclosureSystem", "efm-pragmatic",
                                "-f", json.dumps([{"file": str(document), "cik": cik, "submissionType": "11-K"}]),
                                "--validate"],
    }
    seconds = {}
    for name, cmd in runs.items():
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={"XDG_CONFIG_HOME": str(folder / "arelle"), "PATH": "/usr/bin:/bin"})
        seconds[name] = time.perf_counter() - start
        problems = [line for line in (done.stdout + done.stderr).splitlines()
                    if line.startswith("[") and not line.startswith(("[info", "[EFM.attachmentDocumentType]",
                                                                     "[EFM.coverFacts]", "[arelle.xulePlugin"))]
        print(f"  {name}: {seconds[name]:.1f} s, {len(problems)} problem(s)", flush=True)
        for line in problems[:5]:
            print("    " + line[:200])
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdings", type=int, default=20000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="also time Arelle's validation (needs ../shared)")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--out", type=Path, default=synth.DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    synth.ignore_everything(out)
    print(machine(), flush=True)
    plan = write_plan(out, args.holdings, args.seed)
    pairs = paired(plan, out / "output-ixbrl", args.pairs, args.timeout)
    ratios = [ix / html for html, ix in pairs]
    print(f"{args.holdings:,} holdings: median html {statistics.median(h for h, _ in pairs):.2f} s, "
          f"median ixbrl {statistics.median(i for _, i in pairs):.2f} s, median paired ratio "
          f"{statistics.median(ratios):.2f} (target <= 2.0)")
    seconds = {}
    if args.validate:
        cik = next(line.split('"')[1] for line in plan.read_text().splitlines() if line.strip().startswith("cik:"))
        seconds = validate(out / "output-ixbrl" / f"synth-{args.holdings}" / str(synth.YEAR) / "ixbrl", cik,
                           out / "arelle", args.timeout)
    record = out / "results-ixbrl.json"
    previous = json.loads(record.read_text()) if record.exists() else []
    previous.append({"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M"), "holdings": args.holdings,
                     "pairs": [{"html": h, "ixbrl": i} for h, i in pairs],
                     "median_ratio": statistics.median(ratios), "validation_seconds": seconds})
    record.write_text(json.dumps(previous, indent=2))


if __name__ == "__main__":
    main()
