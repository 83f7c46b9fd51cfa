"""The build manifest: which input, templates and program made which outputs, recorded by sha256 and checked.

A build records the template and asset files its renderers read (`recording()`); `publish` writes the
outputs and manifest.json as one set. Every path is relative, so moving the project folder keeps `verify`
clean: outputs relative to their folder, the input and user templates relative to the output folder, the
package's own templates and assets as `elevenk:templates/...` and `elevenk:assets/...`. `verify()`
recomputes every hash, and refuses a manifest whose outputs would lead outside its folder.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
import re
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import __version__
from ..confined_fs import Folder, OutputError, check_name

NAME = "manifest.json"
FORMAT = 2
MAX_MANIFEST = 16 * 1024 * 1024
PACKAGE = "elevenk:"  # prefix of the package's own files: elevenk:templates/..., elevenk:assets/...
_SHA256 = re.compile(r"[0-9a-f]{64}")

_reads: contextvars.ContextVar[tuple[list[Path], set[Path]] | None] = contextvars.ContextVar("reads", default=None)
_hooked = False


def sha256_file(path: Path) -> str:
    """The sha256 of a regular file (a device or pipe is refused with OSError, never read)."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file", str(path))
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


# ---------------------------------------------------------------- paths in a manifest


def _package_roots() -> dict[str, Path]:
    from ..render.templating import ASSETS, builtin_templates

    return {"templates": builtin_templates().resolve(), "assets": ASSETS.resolve()}


def label(path: Path, folder: Path) -> str:
    """How a manifest names an input or template file: elevenk:... for the package's own files, otherwise
    the path relative to the output folder."""
    path = Path(path).resolve()
    for kind, root in _package_roots().items():
        if path.is_relative_to(root):
            return f"{PACKAGE}{kind}/{path.relative_to(root).as_posix()}"
    return Path(os.path.relpath(path, Path(folder).resolve())).as_posix()


def locate(name: str, folder: Path) -> Path:
    """The file a manifest's input or template path names; ManifestProblem for an absolute path."""
    if name.startswith(PACKAGE):
        kind, _, rest = name[len(PACKAGE):].partition("/")
        roots = _package_roots()
        parts = rest.split("/")
        if kind not in roots or not rest or any(p in ("", ".", "..") for p in parts):
            raise ManifestProblem(f"{folder / NAME}: {name!r} is not a file of elevenk")
        return roots[kind].joinpath(*parts)
    if os.path.isabs(name) or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise ManifestProblem(f"{folder / NAME}: {name!r} is an absolute path; an elevenk manifest records "
                              "relative ones (build the plan year again)")
    return Path(folder) / name


def output_parts(name: str) -> list[str]:
    """The components of an output's relative path; ValueError if it could leave its folder or is hidden."""
    parts = name.split("/")
    for part in parts:
        check_name(part)
        if part.startswith(".") or "\\" in part:
            raise ValueError(f"{name!r} is not a plain output path")
    return parts


# ---------------------------------------------------------------- the document


@dataclass
class Record:
    """What a build read: its input (path relative to the output folder, sha256) and templates (same), and
    the rules its plan year set aside on purpose (name, reason, path, finding), recorded as they are."""

    input_path: str
    input_sha256: str
    templates: dict[str, str] = field(default_factory=dict)
    exceptions: list[dict] = field(default_factory=list)


@dataclass
class Manifest:
    """A parsed manifest.json."""

    record: Record
    outputs: dict[str, str]


def document(record: Record, outputs: dict[str, str]) -> bytes:
    """manifest.json's bytes: keys and lists in a fixed order, so the same build gives the same bytes."""
    data = {
        "manifest": FORMAT,
        "elevenk": __version__,
        "input": {"path": record.input_path, "sha256": record.input_sha256},
        "templates": [{"path": p, "sha256": h} for p, h in sorted(record.templates.items())],
        "outputs": [{"path": n, "sha256": h} for n, h in sorted(outputs.items())],
        "exceptions": list(record.exceptions),
    }
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def parse(raw: bytes, where: Path, older: bool = False) -> Manifest:
    """A manifest from its bytes; ManifestProblem when it is not one this version writes (older: or one an
    older version wrote, whose paths are absolute: what a new build replaces)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if isinstance(data, dict) and data.get("manifest") not in (FORMAT, 1 if older else FORMAT) and "outputs" in data:
        raise ManifestProblem(f"{where}: written by an older elevenk (format {data.get('manifest')!r}); "
                              "build the plan year again")
    try:
        entries = [data["input"], *data["templates"], *data["outputs"]]
        if not all(isinstance(e["path"], str) and isinstance(e["sha256"], str) and _SHA256.fullmatch(e["sha256"])
                   for e in entries):
            raise TypeError
        exceptions = data.get("exceptions", [])
        if not isinstance(exceptions, list):
            raise TypeError
        record = Record(data["input"]["path"], data["input"]["sha256"],
                        {t["path"]: t["sha256"] for t in data["templates"]}, exceptions)
        return Manifest(record, {o["path"]: o["sha256"] for o in data["outputs"]})
    except (TypeError, KeyError):
        raise ManifestProblem(f"{where}: not an elevenk manifest") from None


# ---------------------------------------------------------------- verify


@dataclass(frozen=True)
class Mismatch:
    """One thing the manifest says that the disk no longer does."""

    what: str  # input | template | output
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.what} {self.path}: {self.problem}"


class ManifestProblem(Exception):
    """The manifest itself cannot be read or is refused; the message is for the user."""


def verify(folder: Path) -> list[Mismatch]:
    """Recompute every hash folder/manifest.json records; return what differs (empty when all agree).

    Outputs are read inside folder only, never through a symbolic link; a manifest naming an output path
    that leaves the folder is refused (ManifestProblem) before anything is read.
    """
    folder = Path(folder)
    try:
        with Folder.open(folder) as top:
            if top.kind(NAME) != "file":
                raise ManifestProblem(f"{folder / NAME}: no manifest (build the plan year first)")
            manifest = parse(top.read(NAME, MAX_MANIFEST), folder / NAME)
            for name in manifest.outputs:
                try:
                    output_parts(name)
                except ValueError:
                    raise ManifestProblem(f"{folder / NAME}: output path {name!r} leads outside {folder}; "
                                          "refused (was the manifest edited?)") from None
            recorded = [("input", manifest.record.input_path, manifest.record.input_sha256)]
            recorded += [("template", p, h) for p, h in sorted(manifest.record.templates.items())]
            found = [m for what, name, digest in recorded if (m := _check_file(what, name, digest, folder))]
            found += [m for name, digest in sorted(manifest.outputs.items()) if (m := _check_output(top, name, digest))]
            found += [Mismatch("output", name, "not in the manifest") for name in _unlisted(top, set(manifest.outputs))]
    except OutputError as exc:
        raise ManifestProblem(str(exc)) from None
    return found


def _check_file(what: str, name: str, digest: str, folder: Path) -> Mismatch | None:
    path = locate(name, folder)
    try:
        now = sha256_file(path)
    except FileNotFoundError:
        return Mismatch(what, name, "missing")
    except OSError as exc:
        return Mismatch(what, name, f"cannot be read ({exc.strerror or exc})")
    return None if now == digest else Mismatch(what, name, f"sha256 is {now}, the manifest records {digest}")


def _check_output(top: Folder, name: str, digest: str) -> Mismatch | None:
    *parents, last = output_parts(name)
    opened: list[Folder] = []
    try:
        here = top
        for part in parents:
            if here.kind(part) != "folder":
                return Mismatch("output", name, "missing")
            here = here.sub(part)
            opened.append(here)
        kind = here.kind(last)
        if kind is None:
            return Mismatch("output", name, "missing")
        if kind != "file":
            what = {"link": "a symbolic link", "folder": "a folder"}.get(kind, "a device or a pipe")
            return Mismatch("output", name, f"is {what}, not a file")
        now = hashlib.sha256(here.read(last, 1 << 40)).hexdigest()
    finally:
        for f in opened:
            f.close()
    return None if now == digest else Mismatch("output", name, f"sha256 is {now}, the manifest records {digest}")


def _unlisted(top: Folder, listed: set[str], prefix: str = "") -> list[str]:
    """Files and links below top (hidden names aside) that the manifest does not list; links are not followed."""
    found = []
    for entry in top.names():
        name = prefix + entry
        if entry.startswith(".") or name == NAME:
            continue
        if top.kind(entry) == "folder":
            with top.sub(entry) as inner:
                found += _unlisted(inner, listed, name + "/")
        elif name not in listed:
            found.append(name)
    return found
