"""`elevenk check`: load, validate, compute and tie out plan-year files; silent when clean."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..pipeline import EXIT_OK, check
from ..workflows.build import print_findings


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
def check_cmd(files: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check plan-year FILES: load, validate, compute and tie out. Silent when clean.

    Exit status: 0 clean (or warnings only), 1 findings that fail, 2 input that cannot be read.
    """
    worst = EXIT_OK
    for name in files:
        outcome = check(Path(name), name)
        print_findings(outcome, as_json)
        worst = max(worst, outcome.exit_code(strict))
    sys.exit(worst)
