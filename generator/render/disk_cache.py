"""Rendered pieces kept between builds in the user's cache folder, by a hash of everything that shapes them.

The folder is ELEVENK_CACHE_DIR, else $XDG_CACHE_HOME/elevenk or ~/.cache/elevenk; ELEVENK_CACHE_DIR set
empty keeps nothing on disk. An entry is trusted only whole: its header names the format, elevenk's version
and its key, and carries a hash of its contents; anything else (cut short, altered, another version's) is
ignored and removed. Each kind of entry keeps at most LIMIT bytes: past that, the entries least recently
used go first.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import __version__

FORMAT = b"elevenk-cache 1"
LIMIT = 256 * 1024 * 1024  # bytes of one kind of entry (a 20,000-holding schedule's chunks: about 15 MB)


def cache_root() -> Path | None:
    """The user's cache folder for elevenk, or None when nothing is to be kept on disk."""
    root = os.environ.get("ELEVENK_CACHE_DIR")
    if root is None:
        try:
            root = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "elevenk")
        except (RuntimeError, KeyError):  # no home folder to be found
            return None
    return Path(root) if root else None


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 of the parts, each length-prefixed (no two lists of parts run together alike)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def files_digest(roots: list[Path]) -> str:
    """A hash of every file under the folders (names and contents), in a fixed order."""
    parts: list[bytes | str] = []
    for root in roots:
        root = Path(root)
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            parts += [str(path.relative_to(root)), path.read_bytes()]
    return digest(*parts)


class DiskCache:
    """One kind of entry (a folder under the cache root, per elevenk version); does nothing without a root."""

    def __init__(self, kind: str, limit: int = LIMIT) -> None:
        root = cache_root()
        self.kind = kind
        self.folder = root / f"{kind}-{__version__}" if root is not None else None
        self.limit = limit

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.entry"

    def get(self, key: str) -> bytes | None:
        """The contents stored under key, or None when there are none to be trusted."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header, _, payload = data.partition(b"\n\n")
        expected = b"\n".join([FORMAT, __version__.encode(), key.encode(),
                               hashlib.sha256(payload).hexdigest().encode()])
        if header != expected:
            from ..writer import discard

            discard(path)
            return None
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return payload

    def put(self, key: str, payload: bytes) -> None:
        """Store payload under key; a cache that cannot be written is left alone (the build goes on)."""
        if self.folder is None:
            return
        from ..writer import write_atomic

        header = b"\n".join([FORMAT, __version__.encode(), key.encode(), hashlib.sha256(payload).hexdigest().encode()])
        try:
            write_atomic(self._path(key), header + b"\n\n" + payload)
        except OSError:
            self.folder = None

    def prune(self) -> None:
        """Remove other versions' entries of this kind, then the least recently used entries until the kind
        holds at most limit bytes."""
        if self.folder is None:
            return
        from ..writer import discard

        for other in self.folder.parent.glob(f"{self.kind}-*"):
            if other != self.folder and other.is_dir():
                discard(other)
        entries = []
        try:
            for entry in os.scandir(self.folder):
                if entry.name.endswith(".entry"):
                    info = entry.stat()
                    entries.append((info.st_mtime_ns, info.st_size, entry.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            discard(Path(path))
            total -= size
