"""The build manifest: which input, templates and program made which outputs, recorded by sha256 and checked.

A build records the template and asset files its renderers read (`recording()`), then `publish()` writes
the outputs and manifest.json together under a lock on the output folder, so a reviewer can prove which
data produced which document and two builds into one folder never leave a manifest that describes the
other's files. `verify()` recomputes every hash.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..writer import write_atomic

NAME = "manifest.json"
LOCK = ".elevenk.lock"
FORMAT = 1

_reads: contextvars.ContextVar[tuple[list[Path], set[Path]] | None] = contextvars.ContextVar("reads", default=None)
_hooked = False


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _on_audit(event: str, args: tuple) -> None:
    """Note each file opened for reading under a watched folder (templates, assets) while recording."""
    if event != "open":
        return
    state = _reads.get()
    if state is None or not isinstance(args[0], (str, os.PathLike)) or (args[1] or "r").strip("rbt"):
        return
    roots, seen = state
    path = Path(os.fspath(args[0])).resolve()
    if any(path.is_relative_to(root) for root in roots):
        seen.add(path)


@contextmanager
def recording(roots: list[Path]) -> Iterator[set[Path]]:
    """Collect the files read under roots (template folders, asset folders) within the block.

    Uses an audit hook, so it sees every renderer's reads without their cooperation; the hook is
    installed once per process and costs nothing outside a recording.
    """
    global _hooked
    if not _hooked:
        sys.addaudithook(_on_audit)
        _hooked = True
    seen: set[Path] = set()
    token = _reads.set(([Path(r).resolve() for r in roots], seen))
    try:
        yield seen
    finally:
        _reads.reset(token)


def watched_roots(template_dirs: list[Path]) -> list[Path]:
    """The folders whose files shape an output: the template search path and the renderers' assets."""
    from ..render.templating import ASSETS, search_path

    return search_path(template_dirs) + [ASSETS]


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder (POSIX); elsewhere, atomic writes alone."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(folder / LOCK, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a killed build; under the lock no other build is writing here."""
    for stale in folder.glob("**/.*.tmp"):
        stale.unlink(missing_ok=True)


class OtherInput(Exception):
    """The folder holds the outputs of another year's file of the same plan; the message is for the user."""


def publish(folder: Path, outputs: dict[str, bytes], source: Path, templates: set[Path],
            exceptions: list[dict] | None = None, whole: tuple[str, ...] = ()) -> Path:
    """Write the outputs (relative name -> bytes) and the manifest into folder, atomically and under its lock.

    exceptions lists the rules the plan year set aside on purpose (name, reason, path, finding), recorded as
    they are. Outputs of an earlier build of the same input that this build did not redo stay listed if
    unchanged; the outputs of another file of the same plan (2002.yaml beside this 2001.yaml) are never
    replaced (OtherInput). A subfolder named in `whole` holds this build's files only: any other file in it
    is removed (an EDGAR submission folder must hold exactly the submission). Returns the manifest's path.
    """
    source_hash = sha256_file(source)
    with _locked(folder):
        previous = _read(folder / NAME)
        built_from = Path(str((previous or {}).get("input", {}).get("path") or ""))
        if built_from.parent == source.resolve().parent and built_from.name != source.name:
            raise OtherInput(f"{folder} holds the filing built from {built_from.name} beside it; remove the "
                             "folder, or build into another with -o, to replace it")
        _remove_stale_temporaries(folder)
        for name, data in outputs.items():
            write_atomic(folder / name, data)
        for sub in whole:
            for old in (folder / sub).iterdir():
                if old.is_file() and f"{sub}/{old.name}" not in outputs:
                    old.unlink()
        entries = {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}
        used = {str(p): sha256_file(p) for p in templates}
        if previous and previous.get("input", {}).get("sha256") == source_hash:
            for item in previous.get("outputs", []):
                name = item["path"]
                if name not in entries and (folder / name).is_file() and sha256_file(folder / name) == item["sha256"]:
                    entries[name] = item["sha256"]
                    used.update({t["path"]: t["sha256"] for t in previous.get("templates", [])})
        manifest = {
            "manifest": FORMAT,
            "elevenk": __version__,
            "input": {"path": str(source.resolve()), "sha256": source_hash},
            "templates": [{"path": p, "sha256": h} for p, h in sorted(used.items())],
            "outputs": [{"path": n, "sha256": h} for n, h in sorted(entries.items())],
            "exceptions": list(exceptions or []),
        }
        path = folder / NAME
        write_atomic(path, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    return path


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class Mismatch:
    """One thing the manifest says that the disk no longer does."""

    what: str  # input | template | output
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.what} {self.path}: {self.problem}"


class ManifestProblem(Exception):
    """The manifest itself cannot be read; the message is for the user."""


def verify(folder: Path) -> list[Mismatch]:
    """Recompute every hash folder/manifest.json records; return what differs (empty when all agree)."""
    path = folder / NAME
    if not path.is_file():
        raise ManifestProblem(f"{path}: no manifest (build the plan year first)")
    data = _read(path)
    try:
        recorded = [("input", data["input"]["path"], data["input"]["sha256"], Path(data["input"]["path"]))]
        recorded += [("template", t["path"], t["sha256"], Path(t["path"])) for t in data["templates"]]
        recorded += [("output", o["path"], o["sha256"], folder / o["path"]) for o in data["outputs"]]
    except (TypeError, KeyError):
        raise ManifestProblem(f"{path}: not an elevenk manifest") from None
    found = []
    for what, name, digest, on_disk in recorded:
        if not on_disk.is_file():
            found.append(Mismatch(what, name, "missing"))
        elif (now := sha256_file(on_disk)) != digest:
            found.append(Mismatch(what, name, f"sha256 is {now}, the manifest records {digest}"))
    listed = {o["path"] for o in data["outputs"]} | {NAME}
    for extra in sorted(folder.rglob("*")):
        name = extra.relative_to(folder).as_posix()
        if extra.is_file() and not extra.name.startswith(".") and name not in listed:
            found.append(Mismatch("output", name, "not in the manifest"))
    return found
