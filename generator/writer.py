"""Put outputs on disk atomically: a failed build leaves earlier outputs untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside path, flush it to disk, then rename it into place.

    An OSError names path (a full disk reports no file name of its own)."""
    try:
        _write_atomic(path, data)
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files; each appears complete or not at all."""
    for path, data in files.items():
        write_atomic(path, data)


def discard(path: Path) -> None:
    """Remove a file, or a folder with everything in it, that elevenk keeps for itself (a cache entry);
    one already gone, or that cannot be removed, is left be."""
    import shutil

    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
