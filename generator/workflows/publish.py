"""Publish a plan year's outputs all or nothing: the whole set appears at once, or the earlier set stays.

The set (the filing in each format, any files in subfolders, manifest.json) is written into a hidden
staging folder beside the plan year's folder, every file and folder flushed to disk, then swapped with
the plan year's folder in one step (renameat2 RENAME_EXCHANGE; where the system lacks it, two renames
that are undone on failure). A build that fails or is killed at any point leaves either the earlier set
or the new one, never a mixture; its leftover staging folder is swept by the next publish.

Everything happens under an exclusive lock on the plan's folder (flock on its descriptor, so no lock file
is left behind), by descriptor and without following a symbolic link (see confined_fs). Files an earlier
build did not make (a reviewer's notes) are carried into the new set; outputs of the earlier set that
this build does not make again stay only while the input is the same.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

from ..confined_fs import Folder, OutputError
from . import manifest as manifests
from .manifest import NAME, Record

STAGING = re.compile(r"\.(?P<year>.+)\.elevenk-(?P<kind>new|old)-[0-9a-f]{8}")


def target(root: Path, plan: str, year: str) -> Path:
    """The folder a plan year's outputs are published in: <root>/<plan>/<year>."""
    return Path(root) / plan / year


class OtherInput(Exception):
    """The folder holds the outputs of another year's file of the same plan; the message is for the user."""


def publish(root: Path, plan: str, year: str, outputs: dict[str, bytes], record: Record,
            source: Path | None = None, whole: tuple[str, ...] = ()) -> Path:
    """Publish outputs (relative path -> bytes) and their manifest as <root>/<plan>/<year>, all or nothing.

    A subfolder named in `whole` holds this build's files only, nothing carried from the earlier set (an
    EDGAR submission folder must hold exactly the submission). The outputs of another file of the same plan
    (2002.yaml beside this one, source) are never replaced (OtherInput). Returns the folder. Raises
    OutputError (the earlier set untouched) when anything fails.
    """
    files = dict(outputs)
    for name in files:
        manifests.output_parts(name)  # ValueError: a program error, never the user's
    with Folder.open(root, create=True) as top, top.sub(plan, create=True) as plans, plans.locked():
        sweep(plans)
        staging = f".{year}.elevenk-new-{secrets.token_hex(4)}"
        plans.mkdir(staging)
        try:
            with plans.sub(staging) as stage:
                stage.path = plans.path / year  # messages name the folder the user knows
                entries, templates = _stage(plans, year, stage, files, record.input_sha256, source, whole)
                templates.update(record.templates)
                stage.write(NAME, manifests.document(Record(record.input_path, record.input_sha256, templates,
                                                            record.exceptions), entries))
                stage.sync()
            old = _swap_in(plans, staging, year)
        except BaseException:
            _discard(plans, staging)
            raise
        _discard(plans, old)
    return target(root, plan, year)


def sweep(plans: Folder) -> None:
    """Remove the staging folders of builds that died; under the lock no other build is publishing here.
    Only entries named as staging folders are touched, and a link is removed, never followed. A build
    that died between the two renames of a system without exchange left its plan year's earlier set
    under an -old- name and no plan year folder: that set is put back."""
    for name in plans.names():
        found = STAGING.fullmatch(name)
        if not found:
            continue
        year = found["year"]
        if found["kind"] == "old" and plans.kind(name) == "folder" and plans.kind(year) is None:
            plans.rename(name, year)
        else:
            _discard(plans, name)


def _discard(plans: Folder, name: str | None) -> None:
    """Remove name from plans if it is there; a failure leaves it for the next sweep."""
    if name is None:
        return
    try:
        plans.remove(name)
    except (OutputError, RecursionError):
        pass


def _stage(plans: Folder, year: str, stage: Folder, files: dict[str, bytes], input_sha256: str,
           source: Path | None, whole: tuple[str, ...] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """Fill the staging folder: what the new set keeps of the plan year's folder, then the new outputs.
    Returns the outputs the manifest lists (path -> sha256) and the templates of carried outputs."""
    entries: dict[str, str] = {}
    templates: dict[str, str] = {}
    kind = plans.kind(year)
    if kind not in (None, "folder"):
        raise OutputError(plans.path / year, "publish into it",
                          "it is a symbolic link, and elevenk follows none in its output folders" if kind == "link"
                          else "it is not a folder")
    if kind == "folder":
        with plans.sub(year) as old:
            previous = _previous(old)
            _refuse_other_input(previous, plans.path / year, source)
            same_input = previous is not None and previous.record.input_sha256 == input_sha256
            for name in _files(old):
                if name in files or name.split("/", 1)[0] in whole:
                    continue
                recorded = previous.outputs.get(name) if previous else None
                pristine = recorded is not None and _sha256(old, name) == recorded
                if pristine and not same_input:
                    continue  # an output of the earlier set, made from other input: it goes with that set
                _carry(old, stage, name)
                if pristine:
                    entries[name] = recorded
                    templates.update(previous.record.templates)
    for name, data in sorted(files.items()):
        _write(stage, name, data)
        entries[name] = hashlib.sha256(data).hexdigest()
    return entries, templates


def _refuse_other_input(previous: manifests.Manifest | None, folder: Path, source: Path | None) -> None:
    """OtherInput when folder holds the filing of another file beside source (2002.yaml beside 2001.yaml)."""
    if previous is None or source is None:
        return
    recorded = previous.record.input_path
    try:  # an older elevenk recorded the absolute path
        built_from = (Path(recorded) if Path(recorded).is_absolute() else manifests.locate(recorded, folder)).resolve()
    except manifests.ManifestProblem:
        return
    source = Path(source).resolve()
    if built_from.parent == source.parent and built_from.name != source.name:
        raise OtherInput(f"{folder} holds the filing built from {built_from.name} beside it; remove the "
                         "folder, or build into another with -o, to replace it")


def _previous(old: Folder) -> manifests.Manifest | None:
    if old.kind(NAME) != "file":
        return None
    try:
        return manifests.parse(old.read(NAME, manifests.MAX_MANIFEST), old.path / NAME, older=True)
    except manifests.ManifestProblem:
        return None


def _files(folder: Folder, prefix: str = "") -> list[str]:
    """Relative paths of the files and links below folder, hidden names, the manifest and legacy leftovers aside."""
    found = []
    for entry in folder.names():
        name = prefix + entry
        if entry.startswith(".") or name == NAME:
            continue
        if folder.kind(entry) == "folder":
            with folder.sub(entry) as inner:
                found += _files(inner, name + "/")
        else:
            found.append(name)
    return found


def _sha256(folder: Folder, name: str) -> str | None:
    *parents, last = name.split("/")
    with _descend(folder, parents) as here:
        if here is None or here.kind(last) != "file":
            return None
        return hashlib.sha256(here.read(last, 1 << 40)).hexdigest()


class _descend:
    """The folder at parents below folder (None if absent), closed on leaving; created when create is true."""

    def __init__(self, folder: Folder, parents: list[str], create: bool = False) -> None:
        self.folder, self.parents, self.create, self.opened = folder, parents, create, []

    def __enter__(self) -> Folder | None:
        here = self.folder
        for part in self.parents:
            if not self.create and here.kind(part) != "folder":
                return None
            here = here.sub(part, create=self.create)
            self.opened.append(here)
        return here

    def __exit__(self, *exc) -> None:
        for f in reversed(self.opened):
            f.close()


def _carry(old: Folder, stage: Folder, name: str) -> None:
    *parents, last = name.split("/")
    with _descend(old, parents) as source, _descend(stage, parents, create=True) as here:
        here.link_from(source, last, last)
        if parents:
            here.sync()


def _write(stage: Folder, name: str, data: bytes) -> None:
    *parents, last = name.split("/")
    with _descend(stage, parents, create=True) as here:
        here.write(last, data)
        if parents:
            here.sync()


def _swap_in(plans: Folder, staging: str, year: str) -> str | None:
    """Put the staged set in place of the plan year's folder in one step; return the name now holding the
    earlier set (to be removed), or None when there was none. On failure the earlier set is back in place
    and the staged set is at `staging`."""
    if plans.kind(year) is None:
        plans.rename(staging, year)
        _flush_or_undo(plans, lambda: plans.rename(year, staging))
        return None
    if plans.exchange(staging, year):
        _flush_or_undo(plans, lambda: plans.exchange(staging, year))
        return staging
    old = f".{year}.elevenk-old-{secrets.token_hex(4)}"  # no exchange here: two renames, undone on failure
    plans.rename(year, old)
    try:
        plans.rename(staging, year)
    except BaseException:
        plans.rename(old, year)
        raise

    def undo() -> None:
        plans.rename(year, staging)
        plans.rename(old, year)
    _flush_or_undo(plans, undo)
    return old


def _flush_or_undo(plans: Folder, undo) -> None:
    """Flush the swap to disk; if that fails, undo it (so the earlier set stays) and re-raise."""
    try:
        plans.sync()
    except OutputError as failure:
        try:
            undo()
        except OutputError:
            raise OutputError(plans.path, "flush the new outputs to disk",
                              f"{failure}; the new outputs are in place but may not survive a power cut") from None
        raise
