"""Time `elevenk import holdings` of a large trustee report, CSV and .xlsx, into a synthetic plan, and check
the result: the report lists the plan's own holdings (so the result must check clean), laid out as a trustee
prints it (title rows, a section per kind with its subtotal, a grand total, a footer), rows shuffled within
their section so matching is by identity and not by position.

    python -m benchmarks.import_holdings                 # 20,000 holdings
    python -m benchmarks.import_holdings --holdings 5000

Each import and check runs in a fresh process (imports included), one run each; wall seconds are printed,
then the CPU time of each stage of the CSV import in one process: reading the report, reading the plan, the shared
comment-preserving writer's load and dump (ruamel.yaml round trip), and the rest.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import synth

ELEVENK = str(Path(sys.executable).with_name("elevenk"))
HEADINGS = ["Party-in-Interest", "Security Name", "Security Description", "Cost", "Market Value 12/31/2024"]


def plan_and_holdings(n: int, seed: int = 1) -> tuple[str, list[synth.Row]]:
    """The synthetic plan's YAML text and its holdings, with any holding that repeats another's identity and
    description (two lots of one Treasury note) told apart by " (lot 2)" in both, as a trustee would."""
    text = synth.plan_yaml(n, seed)
    sponsor = text.split("issuer:\n  name: ", 1)[1].split("\n", 1)[0].strip('"')
    held = synth.holdings(n, seed, sponsor)
    seen: dict[tuple[str, str], int] = {}
    for r in held:
        key = (r.identity, r.description)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            line = f'        description: "{r.description}"\n'
            at = -1
            for _ in range(seen[key]):
                at = text.index(line, at + 1)
            r.description += f" (lot {seen[key]})"
            text = text[:at] + f'        description: "{r.description}"\n' + text[at + len(line):]
    return text, held


def report_rows(held: list[synth.Row], seed: int = 1) -> list[list[str]]:
    """The trustee's report of the holdings: its rows as cell texts."""
    rng = random.Random(seed)
    rows = [["Synthetic Plan Trust"], ["Assets Held at End of Year"], ["As of 12/31/2024"], [], HEADINGS]
    grand = 0
    for group in dict.fromkeys(r.group for r in held):
        section = [r for r in held if r.group == group]
        rng.shuffle(section)
        rows.append(["", group.upper()])
        for r in section:
            rows.append(["*" if r.party_in_interest else "", r.identity, r.description,
                         "" if r.cost is None else f"{r.cost:,}", f"${r.current:,}"])
        subtotal = sum(r.current for r in section)
        rows.append(["", f"Total {group}", "", "", f"${subtotal:,}"])
        grand += subtotal
    rows += [[], ["", "Grand Total", "", "", f"${grand:,}"], [], ["* Party-in-interest"], ["Page 1 of 1"]]
    return rows


def write_reports(folder: Path, n: int, held: list[synth.Row]) -> tuple[Path, Path]:
    """The report as CSV and as .xlsx (amounts as numbers in the workbook)."""
    from openpyxl import Workbook

    rows = report_rows(held)
    csv_path, xlsx_path = folder / f"trustee-{n}.csv", folder / f"trustee-{n}.xlsx"
    with csv_path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Holdings")
    for row in rows:
        sheet.append([_number(v) for v in row])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _number(text: str):
    bare = text.replace("$", "").replace(",", "")
    return int(bare) if bare.isdigit() else (text or None)


def timed(cmd: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def stages(plan: Path, report: Path) -> dict[str, float]:
    """CPU seconds of each stage of one import, in this process (so other work on the machine does not count):
    reading the report, reading the plan, the shared writer's load and dump, the rest of the import (matching,
    editing, checking the output)."""
    from generator.load.yaml_source import read_yaml
    from generator.workflows import holdings_import, yaml_roundtrip
    from generator.workflows.holdings_columns import find_columns
    from generator.workflows.table_file import read_rows
    from generator.workflows.trustee_report import read_report

    times: dict[str, float] = {"writer load": 0.0, "writer dump": 0.0}

    def timed_call(name, fn):
        def wrapper(*args):
            start = time.process_time()
            try:
                return fn(*args)
            finally:
                times[name] += time.process_time() - start
        return wrapper

    start = time.process_time()
    rows = read_rows(report)
    parsed = read_report(str(report), rows, find_columns(rows))
    times["report"] = time.process_time() - start
    start = time.process_time()
    loaded = read_yaml(plan)
    times["plan"] = time.process_time() - start
    saved = holdings_import.load, holdings_import.dump
    holdings_import.load = timed_call("writer load", yaml_roundtrip.load)
    holdings_import.dump = timed_call("writer dump", yaml_roundtrip.dump)
    try:
        start = time.process_time()
        holdings_import.import_holdings(loaded.text, loaded, parsed)
        times["rest"] = time.process_time() - start - times["writer load"] - times["writer dump"]
    finally:
        holdings_import.load, holdings_import.dump = saved
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdings", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=synth.DEFAULT_OUT / "import")
    args = parser.parse_args(argv)
    plan = synth.write_plan(args.out, args.holdings)
    text, held = plan_and_holdings(args.holdings)
    plan.write_text(text, encoding="ascii")
    reports = write_reports(plan.parent, args.holdings, held)
    for report in reports:
        target = plan.with_name(f"imported-{report.suffix[1:]}.yaml")
        shutil.copy(plan, target)
        seconds, code, out = timed([ELEVENK, "import", "holdings", str(report), "--into", str(target), "--force"])
        summary = next((ln.strip() for ln in out.splitlines() if ln.strip().startswith("holdings")), out[-300:])
        print(f"import {report.name}: {seconds:.1f} s, exit {code}: {summary}")
        seconds, code, out = timed([ELEVENK, "check", str(target)])
        print(f"check {target.name}: {seconds:.1f} s, exit {code}{': ' + out[:300] if out.strip() else ' (clean)'}")
    times = stages(plan, reports[0])
    print("CPU seconds of the CSV import's stages: " + ", ".join(f"{k} {v:.1f}" for k, v in times.items()))


if __name__ == "__main__":
    main()
