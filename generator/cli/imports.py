"""`elevenk import`: the importers, one subcommand each (holdings; filing)."""

from __future__ import annotations

import click

from .import_filing import import_filing_cmd
from .import_holdings import import_holdings_cmd

IMPORTERS = (import_holdings_cmd, import_filing_cmd)


@click.group("import")
def import_group() -> None:
    """Bring a plan year in from outside: a trustee's holdings report, or last year's filed 11-K."""


for _command in IMPORTERS:
    import_group.add_command(_command)
