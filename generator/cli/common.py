"""What the commands share: plan files from paths, the format list, and how the process leaves."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def plan_files(paths: tuple[str, ...]) -> list[Path]:
    """Expand files and directories into plan-year YAML files, in a stable order."""
    if not paths:
        paths = ("plan_data",)
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(q for q in p.rglob("*.yaml") if not q.name.startswith("."))
        else:
            files.append(p)
    return files


def parse_formats(value: str) -> list[str]:
    from ..workflows.build import AVAILABLE, FORMATS

    chosen = [v.strip() for v in value.split(",") if v.strip()]
    for v in chosen:
        if v not in FORMATS:
            raise click.BadParameter(f"unknown format '{v}' (choose from {', '.join(FORMATS)})")
        if v not in AVAILABLE:
            raise click.BadParameter(f"format '{v}' is not available yet; this version renders "
                                     f"{', '.join(AVAILABLE)} only")
    return chosen


def leave(code: int) -> None:
    """Exit; as the `elevenk` command, at once. Every output is on disk (written and synced) by now, and
    the interpreter's teardown would free WeasyPrint's objects one by one: a tenth of a standard build."""
    if Path(sys.argv[0]).name == "elevenk":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
