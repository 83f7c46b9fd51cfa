"""`elevenk schema`: the JSON Schema of a plan-year file, for editors."""

from __future__ import annotations

import json

import click


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of a plan-year file (for editor autocompletion)."""
    from ..load.schema import json_schema
    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))
