"""Time the live preview end to end: from a save of the plan-year file to the new page served.

    python -m benchmarks.preview                       # 2,000 holdings, 10 saves after 2 not counted
    python -m benchmarks.preview --holdings 200 --saves 20

`elevenk serve` runs as a user runs it, on a synthetic plan. Each save rewrites the file as an editor does
(a new file renamed over the old one) with one note's sentence changed; the clock starts as the rename is
made and stops when a browser's page would have its new version: the page's long poll
(`/__version?after=N`) answers, and `/` is read back and holds the changed sentence. The target (issue 15):
a 2,000-holding plan's page refreshes within 0.3 s of a save. The median, the slowest and the machine's
load are printed, and the split: the rebuild as the server times it (`elevenk serve` prints each build's
seconds), and the rest (the watch seeing the save, the long poll's answer, the page sent); the saves are
spaced so that each is its own rebuild.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from . import synth
from .run import ELEVENK, machine

SENTENCE = "provides only general information"
TIMEOUT = 60  # seconds a save may take to show before the run is given up


def _get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.read()


def _save(path: Path, text: str) -> float:
    """Write text over path as editors save: a new file, renamed over the old one. The clock's reading just
    before the rename: taken after it, a benchmark preempted in between (a loaded machine) would start its
    clock late and count too little."""
    fresh = path.with_name(f".{path.name}.saving")
    fresh.write_text(text, encoding="ascii")
    began = time.perf_counter()
    os.replace(fresh, path)
    return began


def start(plan: Path) -> tuple[subprocess.Popen, str]:
    """`elevenk serve` on a free port; its process and its address once the first build is served."""
    server = subprocess.Popen([*ELEVENK, "serve", str(plan), "--port", "0"], stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        found = re.search(r"at (http://[^/]+)/", line)
        if found:
            return server, found.group(1)
    server.kill()
    raise SystemExit(f"elevenk serve did not start: {server.wait()}")


def rebuild_times(server: subprocess.Popen) -> dict[int, float]:
    """The seconds each build took, by build number, as the server announces them (read as they come, in a
    thread, which also keeps its error output from filling up)."""
    times: dict[int, float] = {}

    def read() -> None:
        for line in server.stderr:
            found = re.search(r"build (\d+) in ([\d.]+) s", line)
            if found:
                times[int(found.group(1))] = float(found.group(2))
    threading.Thread(target=read, daemon=True).start()
    return times


def measure(plan: Path, saves: int, warmup: int, gap: float) -> tuple[list[float], list[float]]:
    """Seconds from each save to its page, and the seconds its rebuild took, in order (the warm-up saves left
    out; a rebuild the server did not announce is left out of the second list)."""
    text = plan.read_text(encoding="ascii")
    if SENTENCE not in text:
        raise SystemExit(f"{plan}: no '{SENTENCE}' to change")
    server, address = start(plan)
    times = rebuild_times(server)
    seconds, versions = [], []
    try:
        version = int(_get(f"{address}/__version"))
        for n in range(warmup + saves):
            marker = f"{SENTENCE} (save {n})"
            began = _save(plan, text.replace(SENTENCE, marker, 1))
            while True:  # as the page's script does: ask for a newer build, then load the page
                newer = int(_get(f"{address}/__version?after={version}"))
                if newer != version:
                    version = newer
                    if marker.encode() in _get(f"{address}/"):
                        break
                if time.perf_counter() - began > TIMEOUT:
                    raise SystemExit(f"save {n}: no page with it after {TIMEOUT} s")
            if n >= warmup:
                seconds.append(time.perf_counter() - began)
                versions.append(version)
            time.sleep(gap)
    finally:
        server.terminate()
        server.wait(timeout=10)
        plan.write_text(text, encoding="ascii")
    return seconds, [times[v] for v in versions if v in times]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdings", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--gap", type=float, default=0.5, help="seconds between a page and the next save")
    parser.add_argument("--out", type=Path, default=synth.DEFAULT_OUT / "preview")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    plan = synth.write_plan(args.out.resolve(), args.holdings)
    seconds, rebuilds = measure(plan, args.saves, args.warmup, args.gap)
    if rebuilds:  # the split: the server's rebuild, and the rest (the watch seeing the save, the answers)
        print(f"rebuild (the server's own timing) median {statistics.median(rebuilds):.3f} s; the watch and the "
              f"replies about {statistics.median(seconds) - statistics.median(rebuilds):.3f} s")
    print(f"{args.holdings:,} holdings, {len(seconds)} saves: save to new page median {statistics.median(seconds):.3f} s, "
          f"fastest {min(seconds):.3f} s, slowest {max(seconds):.3f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
