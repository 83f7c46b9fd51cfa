"""Time commands in turn (A B C A B C ...), each run a fresh process, and give their ratios run by run.

On a shared machine the speed drifts between runs; a ratio taken within each round holds when the absolute
times do not, so every target is a paired ratio: the median over the rounds of A's time / B's time, with
the load average before and after.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from dataclasses import dataclass, field


@dataclass
class Timed:
    """One command's runs, in round order."""

    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: int = 0  # the largest single process (ru_maxrss), over its runs
    tree_mb: int = 0  # the most its processes held at once (PSS), over its runs
    failed: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.failed else None


@dataclass
class Rounds:
    """Commands run in turn, round by round."""

    timed: list[Timed]
    load: tuple[float, float] = (0.0, 0.0)  # one-minute load average before the first run, after the last

    def __getitem__(self, name: str) -> Timed:
        return next(t for t in self.timed if t.name == name)

    def ratios(self, a: str, b: str) -> list[float]:
        """a's time / b's time in each round both finished."""
        x, y = self[a], self[b]
        if x.failed or y.failed:
            return []
        return [p / q for p, q in zip(x.seconds, y.seconds) if q]

    def ratio(self, a: str, b: str) -> float | None:
        """The median of the rounds' ratios a / b."""
        r = self.ratios(a, b)
        return statistics.median(r) if r else None

    def line(self, a: str, b: str) -> str:
        r = self.ratios(a, b)
        if not r:
            return f"{a} / {b}: not measured ({self[a].failed or self[b].failed})"
        return (f"{a} / {b}: {statistics.median(r):.2f}x (rounds {min(r):.2f}-{max(r):.2f}, n={len(r)}); "
                f"{self[a].median:.2f} s / {self[b].median:.2f} s; {self[a].tree_mb} / {self[b].tree_mb} MB "
                f"all processes; load {self.load[0]:.1f} -> {self.load[1]:.1f}")


def rounds(commands: list[tuple[str, list[str]]], runs: int, timeout: float, ok_codes=(0, 1),
           warmup: bool = True) -> Rounds:
    """Run the named commands in turn, runs rounds after one warm-up round (not counted). A command that
    fails or times out is dropped from the later rounds, with why."""
    from .run import run_once  # the process timer and memory sampler

    result = Rounds([Timed(name) for name, _ in commands], load=(_load(), 0.0))
    for n in range(runs + (1 if warmup else 0)):
        for timed, (_, cmd) in zip(result.timed, commands):
            if timed.failed:
                continue
            with tempfile.TemporaryFile() as errors:
                wall, peak, tree, code = run_once(cmd, timeout, errors)
                errors.seek(0)
                tail = errors.read().decode("utf-8", "replace")[-300:]
            if code not in ok_codes:
                timed.failed = "timed out" if code == -9 else f"exit {code}: {tail}"
                continue
            if warmup and n == 0:
                continue
            timed.seconds.append(wall)
            timed.peak_mb, timed.tree_mb = max(timed.peak_mb, peak), max(timed.tree_mb, tree)
    result.load = (result.load[0], _load())
    return result


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
