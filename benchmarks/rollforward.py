"""Time `elevenk rollforward` of a synthetic plan against `elevenk check` of the same file, pair by pair.

    python -m benchmarks.rollforward                    # 20,000 holdings, 3 pairs after a warm-up pair
    python -m benchmarks.rollforward --holdings 5000 --runs 5

The target (issue 15): a rollforward takes at most 3x the check of the file it rolls (it checks that file
first, then writes and reads the new one). Each run is a fresh process; the new file is written over the
same target each time (--force).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import synth
from .paired import rounds
from .run import ELEVENK, machine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdings", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--out", type=Path, default=synth.DEFAULT_OUT / "rollforward")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    plan = synth.write_plan(args.out.resolve(), args.holdings)
    result = rounds([("rollforward", ELEVENK + ["rollforward", str(plan), "--force"]),
                     ("check", ELEVENK + ["check", str(plan)])], args.runs, args.timeout)
    print(f"{args.holdings:,} holdings: {result.line('rollforward', 'check')}")


if __name__ == "__main__":
    main()
