"""`elevenk init`: a new plan-year file from a few answers, every figure to enter marked TODO."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from ..findings import format_finding
from ..pipeline import EXIT_INPUT
from .common import write_out


def _pattern(regex: str, example: str):
    def check(ctx, param, value):
        if value is not None and not re.fullmatch(regex, value.strip()):
            raise click.BadParameter(f"expected something like {example}, got \"{value}\"")
        return value.strip() if value else value
    return check


def _date(ctx, param, value):
    if value is None:
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, e.g. 2024-12-31, got \"{value}\"") from None


@click.command("init")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--plan-name", prompt="Full title of the plan", help="e.g. Acme Corp. 401(k) Savings Plan")
@click.option("--sponsor", prompt="Sponsor (issuer of the securities)", help="e.g. Acme Corp.")
@click.option("--ein", prompt="Sponsor's EIN (NN-NNNNNNN)", callback=_pattern(r"\d{2}-\d{7}", "87-0295503"))
@click.option("--plan-number", prompt="Plan number (three digits)", default="001",
              callback=_pattern(r"\d{3}", "001"))
@click.option("--year-end", prompt="Fiscal year end (YYYY-MM-DD)", callback=_date, help="e.g. 2024-12-31")
@click.option("--style", type=click.Choice(["gaas", "pcaob"]), default=None,
              help="Auditor's report style (default: pcaob for years ending from 2017-12-15, else gaas).")
@click.option("--force", is_flag=True, help="Overwrite the plan-year file if it exists.")
def init_cmd(folder: str | None, plan_name: str, sponsor: str, ein: str, plan_number: str, year_end: dt.date,
             style: str | None, force: bool) -> None:
    """Start a plan year: write FOLDER/<year>.yaml (FOLDER defaults to plan_data/<plan name>) with the
    answers filled in and every figure, date and text still to enter marked TODO.

    Asks for what the flags do not give. Exit status: 0 written, 1 refused (the file exists), 2 bad answers.
    """
    from ..workflows.init_plan import Answers, plan_text, slug
    from ..workflows.yaml_check import to_fill_and_problems

    answers = Answers(plan_name.strip(), sponsor.strip(), ein, plan_number, year_end, style)
    target = Path(folder or Path("plan_data") / slug(answers.plan_name)) / f"{year_end.year}.yaml"
    text = plan_text(answers)
    to_fill, problems = to_fill_and_problems(text, str(target))
    if problems:
        for f in problems:
            click.echo(format_finding(f), err=True)
        click.echo("elevenk: the answers above do not make a valid plan year; nothing was written", err=True)
        sys.exit(EXIT_INPUT)
    if (code := write_out(target, text, force, gap="")) is not None:
        sys.exit(code)
    click.echo(f"wrote {target}: {len(to_fill)} fields to fill (report style {answers.report_style}); "
               f"`elevenk check {target}` lists them; `elevenk import holdings REPORT --into {target}` fills "
               "in the investments")
