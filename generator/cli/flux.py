"""`elevenk flux`: the year-over-year review of the statement of net assets, as a table or CSV."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation

import click

from ..pipeline import EXIT_INPUT, EXIT_OK, check
from ..workflows.build import print_findings
from .common import many, plan_files


class _Number(click.ParamType):
    """A threshold from the command line: digits read as Decimal, never through float."""

    name = "number"

    def convert(self, value, param, ctx) -> Decimal:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"expected a number such as 10 or 7.5, got {value!r}", param, ctx)
        if not number.is_finite() or number < 0:
            self.fail(f"expected a number of zero or more, got {value!r}", param, ctx)
        return number


@click.command("flux")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")
@click.option("--percent", type=_Number(), help="Flag a move of at least this percent (default 10)...")
@click.option("--amount", type=_Number(), help="...and at least this many dollars (default 10000).")
@click.option("--net-assets-percent", type=_Number(),
              help="Or any move above this percent of net assets (default 5).")
def flux_cmd(paths: tuple[str, ...], as_csv: bool, percent: Decimal | None, amount: Decimal | None,
             net_assets_percent: Decimal | None) -> None:
    """Review the statement of net assets of each plan-year file (or of every one under the folders given;
    none: plan_data/) line by line: change in dollars and percent, current year-end against prior; flagged
    lines need an `explanation:` beside the figure. Thresholds come from the options, else the file's
    `flux:` key, else the defaults. For several files, CSV starts each row with the file.
    Exit status: 0, or 2 if a file cannot be read.
    """
    from ..model.flux import flux_lines, limits_for
    from ..workflows.flux import table, to_csv

    several, worst = many(paths), EXIT_OK
    for i, source in enumerate(plan_files(paths)):
        outcome = check(source, str(source))
        if outcome.input_failed:
            print_findings(outcome)
            worst = EXIT_INPUT
            continue
        f = outcome.filing
        limits = limits_for(f, percent=percent, amount=amount, net_assets_percent=net_assets_percent)
        lines = flux_lines(f, limits)
        if as_csv:
            text = to_csv(lines, limits, str(source) if several else None)
            click.echo(text if i == 0 else text.split("\n", 1)[1], nl=False)
            continue
        from rich.console import Console

        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=max(console.width, 132))
        if several:
            console.print(f"{chr(10) if i else ''}==> {source} <==")
        console.print(table(f, lines, limits))
        flagged = [ln for ln in lines if ln.flagged]
        missing = sum(1 for ln in flagged if ln.unexplained)
        console.print(f"{len(flagged)} of {sum(1 for ln in lines if not ln.total)} lines flagged; "
                      f"{missing} without an explanation")
    sys.exit(worst)
