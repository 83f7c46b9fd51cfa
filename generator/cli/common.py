"""What the commands share: plan files from paths, the format list, writing a prepared file, leaving."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


DEFAULT_FOLDER = Path("plan_data")


class NothingToDo(click.ClickException):
    """No plan-year file to work on: said in plain words, with exit status 2 (the input is missing)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"elevenk: {self.message}", err=True)


def plan_files(paths: tuple[str, ...]) -> list[Path]:
    """Expand files and folders (none given: plan_data/) into plan-year YAML files, in a stable order.

    A file is taken as given (reading it reports a missing one); a folder contributes every *.yaml
    below it. Raises NothingToDo when there is no plan_data/ here or a folder holds no YAML file.
    """
    if not paths:
        if not DEFAULT_FOLDER.is_dir():
            raise NothingToDo(f"nothing to do: there is no {DEFAULT_FOLDER}/ folder in {Path.cwd()}; run elevenk "
                              "in your project's folder or name plan-year files or folders")
        paths = (str(DEFAULT_FOLDER),)
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            files.append(p)
            continue
        found = sorted(q for q in p.rglob("*.yaml") if not any(part.startswith(".") for part in q.relative_to(p).parts))
        if not found:
            raise NothingToDo(f"nothing to do: {p} holds no plan-year files (*.yaml)")
        files += found
    return files


def each_plan(paths: tuple[str, ...]):
    """The plan-year files to work on (see plan_files), each announced by a heading when there are several."""
    files = plan_files(paths)
    several = many(paths)
    for i, source in enumerate(files):
        if several:
            click.echo(f"{chr(10) if i else ''}==> {source} <==")
        yield source


def many(paths: tuple[str, ...]) -> bool:
    """Whether the paths name more than one plan year's worth: none (plan_data/), a folder, or several."""
    return len(paths) != 1 or Path(paths[0]).is_dir()


def latest_years(paths: tuple[str, ...], count: int = 1) -> list[list[Path]]:
    """Plan years to work on, a group per plan: a file given by name alone, and for every plan folder
    found in the folders given (none: plan_data/) its last `count` years by file name, oldest first."""
    groups = [[Path(p)] for p in paths if not Path(p).is_dir()]
    folders = tuple(p for p in paths if Path(p).is_dir())
    if folders or not paths:
        by_plan: dict[Path, list[Path]] = {}
        for f in plan_files(folders):
            by_plan.setdefault(f.parent, []).append(f)
        for files in by_plan.values():
            groups.append(sorted(files, key=lambda f: (f.stem.isdigit(), int(f.stem) if f.stem.isdigit() else 0))[-count:])
    return groups


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


def write_out(target: Path, text: str, force: bool, dry_run: bool = False, *, gap: str = "\n",
              force_does: str = "replace it") -> int | None:
    """Write a file a command prepared (a preview, if any, already printed): not on a dry run, not over an
    existing file without --force, atomically. Returns the exit status when nothing was written, else None;
    gap is what precedes each message (a blank line after a preview), force_does what --force would do."""
    from ..pipeline import EXIT_FINDINGS, EXIT_OK
    from ..writer import write_atomic

    if dry_run:
        click.echo(f"{gap}dry run: {target} not written")
        return EXIT_OK
    if target.exists() and not force:
        click.echo(f"{gap}elevenk: {target} exists; not overwritten (use --force to {force_does})", err=True)
        return EXIT_FINDINGS
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        click.echo(f"{gap}elevenk: could not write {target}: {exc.strerror or exc}; nothing was changed", err=True)
        return EXIT_FINDINGS
    return None


def leave(code: int) -> None:
    """Exit; as the `elevenk` command, at once. Every output is on disk (written and synced) by now, and
    the interpreter's teardown would free WeasyPrint's objects one by one: a tenth of a standard build."""
    if Path(sys.argv[0]).name == "elevenk":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
