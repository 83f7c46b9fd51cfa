"""An importer's own output through the loader and the schema before it is offered: only TODO fields may remain."""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding
from ..load.validate import validate
from ..load.yaml_source import parse_yaml_bytes, undotted
from .rollforward import FILL_MESSAGE


def to_fill_and_problems(text: str, name: str) -> tuple[list[Finding], list[Finding]]:
    """(fields marked TODO, every other problem) of a plan-year YAML text, each located, in file order."""
    loaded = parse_yaml_bytes(text.encode("utf-8"), name)
    findings = loaded.findings or validate(loaded)[1]
    located = sorted((f if f.location else replace(f, location=loaded.where(undotted(f.path))) for f in findings),
                     key=Finding.sort_key)
    return [f for f in located if f.message == FILL_MESSAGE], [f for f in located if f.message != FILL_MESSAGE]
