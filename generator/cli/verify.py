"""`elevenk verify`: recompute the hashes a build's manifest.json records and report any that differ."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..pipeline import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from ..workflows.manifest import NAME, ManifestProblem, verify
from .common import NothingToDo


def built_below(folder: Path) -> list[Path]:
    """The manifests below folder, in order; hidden folders (a build's staging folder) and links are passed by."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        if NAME in files and not Path(parent, NAME).is_symlink():
            found.append(Path(parent) / NAME)
    return sorted(found)


@click.command("verify")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False))
def verify_cmd(folders: tuple[str, ...]) -> None:
    """Check that the input, templates and outputs recorded in each FOLDER's manifest.json (none given:
    output/) are unchanged.

    A FOLDER without a manifest is searched for built plan years below it. Silent when everything agrees.
    Exit status: 0 all agree, 1 something differs, 2 no manifest or one that cannot be read.
    """
    if not folders:
        if not Path("output").is_dir():
            raise NothingToDo(f"nothing to do: there is no output/ folder in {Path.cwd()}; build first "
                              "(elevenk build) or name the folders to verify")
        folders = ("output",)
    worst = EXIT_OK
    for folder in map(Path, folders):
        manifests = [folder / NAME] if (folder / NAME).is_file() else built_below(folder)
        if not manifests:
            click.echo(f"{folder}: no {NAME} here or below (build the plan year first)", err=True)
            worst = max(worst, EXIT_INPUT)
        for manifest in manifests:
            try:
                mismatches = verify(manifest.parent)
            except ManifestProblem as exc:
                click.echo(f"elevenk verify: {exc}", err=True)
                worst = max(worst, EXIT_INPUT)
                continue
            for m in mismatches:
                click.echo(f"{manifest}: {m}", err=True)
            if mismatches:
                worst = max(worst, EXIT_FINDINGS)
    sys.exit(worst)
