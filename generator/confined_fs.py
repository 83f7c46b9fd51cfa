"""File operations inside one folder, by descriptor: nothing outside it is created, followed or deleted.

Every name is a single component (no `/`, `.` or `..`), every open refuses a symbolic link (O_NOFOLLOW),
and every operation is relative to an open folder, so a link planted in an output folder, or swapped in
while a build runs, leads nowhere. Failures raise OutputError, whose message names the path and what
failed ("output/acme/2024/acme-2024.pdf: cannot write: No space left on device").
"""

from __future__ import annotations

import ctypes
import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_RENAME_EXCHANGE = 2  # linux/fs.h
WRITE_CHUNK = 1 << 16  # a large PDF is written (and a fault test fails it) in many steps
FILE_MODE, FOLDER_MODE = 0o644, 0o755


class OutputError(Exception):
    """An operating-system failure (or a refused link) on an output path; the message is for the user."""

    def __init__(self, path: Path | str, action: str, error: OSError | str) -> None:
        reason = error if isinstance(error, str) else (error.strerror or str(error))
        super().__init__(f"{path}: cannot {action}: {reason}")
        self.path = str(path)
        self.errno = None if isinstance(error, str) else error.errno


def check_name(name: str) -> str:
    """name, when it is one plain component of a path; ValueError otherwise."""
    if not name or name in (".", "..") or "/" in name or "\0" in name or (os.sep != "/" and os.sep in name):
        raise ValueError(f"{name!r} is not a plain file name")
    return name


def _exchange_syscall() -> object | None:
    """libc's renameat2, when the C library has it (Linux, glibc 2.28 or later)."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _exchange_syscall()


def exchange_at(fd: int, first: str, second: str) -> None:
    """Swap two entries of the folder fd in one step (renameat2 RENAME_EXCHANGE); OSError when the system
    or the file system cannot (errno ENOSYS, EINVAL or ENOTSUP)."""
    if _renameat2 is None:
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
    if _renameat2(fd, os.fsencode(first), fd, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


class Folder:
    """An open folder; `path` is how messages name it. Close it, or use it as a context manager."""

    def __init__(self, fd: int, path: Path) -> None:
        self.fd, self.path = fd, Path(path)

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, create: bool = False) -> "Folder":
        """The folder at path as the user named it (links in the path the user typed are theirs to make);
        created with its parents when create is true."""
        path = Path(path)
        if create:
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(exc.filename or path, "create folder", exc) from None
        try:
            return cls(os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC), path)
        except OSError as exc:
            raise OutputError(path, "open folder", exc) from None

    def sub(self, name: str, create: bool = False) -> "Folder":
        """The folder `name` inside this one, never through a symbolic link; made first when create is true."""
        check_name(name)
        if create and self.kind(name) is None:
            try:
                os.mkdir(name, FOLDER_MODE, dir_fd=self.fd)
            except FileExistsError:
                pass  # made meanwhile by another build (two years of one plan in a batch)
            except OSError as exc:
                raise OutputError(self.path / name, "create folder", exc) from None
        try:
            fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=self.fd)
        except OSError as exc:
            if self.kind(name) == "link":
                raise OutputError(self.path / name, "open folder",
                                  "it is a symbolic link, and elevenk follows none in its output folders") from None
            raise OutputError(self.path / name, "open folder", exc) from None
        return Folder(fd, self.path / name)

    def kind(self, name: str) -> str | None:
        """'file', 'folder', 'link', 'other', or None when there is no such entry."""
        try:
            mode = os.stat(check_name(name), dir_fd=self.fd, follow_symlinks=False).st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OutputError(self.path / name, "look at", exc) from None
        if stat.S_ISLNK(mode):
            return "link"
        return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"

    def names(self) -> list[str]:
        """The entries of the folder, sorted."""
        try:
            with os.scandir(self.fd) as entries:
                return sorted(entry.name for entry in entries)
        except OSError as exc:
            raise OutputError(self.path, "list folder", exc) from None

    # ------------------------------------------------------------ reading

    def read(self, name: str, limit: int) -> bytes:
        """A regular file's bytes (never through a link); OutputError when larger than limit."""
        try:
            fd = os.open(check_name(name), os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=self.fd)
        except OSError as exc:
            raise OutputError(self.path / name, "read", exc) from None
        with os.fdopen(fd, "rb") as handle:
            return read_regular(handle, self.path / name, limit)

    # ------------------------------------------------------------ changing

    def mkdir(self, name: str) -> None:
        try:
            os.mkdir(check_name(name), FOLDER_MODE, dir_fd=self.fd)
        except OSError as exc:
            raise OutputError(self.path / name, "create folder", exc) from None

    def write(self, name: str, data: bytes) -> None:
        """Create the file `name` (it must not exist) with data, flushed to disk."""
        try:
            fd = os.open(check_name(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, FILE_MODE,
                         dir_fd=self.fd)
        except OSError as exc:
            raise OutputError(self.path / name, "create", exc) from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view[:WRITE_CHUNK]):]
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)  # whatever the umask: outputs are for others to read
            os.fsync(fd)
        except OSError as exc:
            raise OutputError(self.path / name, "write", exc) from None
        finally:
            os.close(fd)

    def link_from(self, source: "Folder", name: str, new_name: str) -> None:
        """Make new_name here the same file as source's `name` (a hard link; a copy where links fail).
        A symbolic link is linked as itself, never followed."""
        check_name(name), check_name(new_name)
        try:
            os.link(name, new_name, src_dir_fd=source.fd, dst_dir_fd=self.fd, follow_symlinks=False)
            return
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise OutputError(self.path / new_name, "link", exc) from None
        if source.kind(name) == "link":
            try:
                os.symlink(os.readlink(name, dir_fd=source.fd), new_name, dir_fd=self.fd)
            except OSError as exc:
                raise OutputError(self.path / new_name, "create", exc) from None
            return
        self.write(new_name, source.read(name, limit=1 << 40))

    def rename(self, old: str, new: str) -> None:
        """Rename an entry of this folder; an existing `new` is replaced when the system allows it."""
        try:
            os.rename(check_name(old), check_name(new), src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError as exc:
            raise OutputError(self.path / new, "rename", exc) from None

    def exchange(self, first: str, second: str) -> bool:
        """Swap two entries in one step; False when this system or file system cannot."""
        try:
            exchange_at(self.fd, check_name(first), check_name(second))
        except OSError as exc:
            if exc.errno in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
                return False
            raise OutputError(self.path / second, "replace", exc) from None
        return True

    def remove(self, name: str) -> None:
        """Delete an entry: a file or link (a link's target is untouched), or a folder with all it holds.
        Nothing is followed, so nothing outside this folder is deleted."""
        kind = self.kind(name)
        if kind is None:
            return
        if kind != "folder":
            try:
                os.unlink(name, dir_fd=self.fd)
            except OSError as exc:
                raise OutputError(self.path / name, "delete", exc) from None
            return
        with self.sub(name) as inner:
            for entry in inner.names():
                inner.remove(entry)
        try:
            os.rmdir(name, dir_fd=self.fd)
        except OSError as exc:
            raise OutputError(self.path / name, "delete", exc) from None

    def sync(self) -> None:
        """Flush the folder's entries (new names, renames) to disk."""
        try:
            os.fsync(self.fd)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EBADF):  # some file systems cannot sync a folder
                raise OutputError(self.path, "flush folder", exc) from None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold an exclusive lock on this folder (flock on its descriptor: no lock file is left behind).
        The kernel drops it if the process dies."""
        try:
            import fcntl
        except ImportError:  # not POSIX: the atomic publish alone
            yield
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:
            raise OutputError(self.path, "lock folder", exc) from None
        try:
            yield
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)


def read_regular(handle, path: Path | str, limit: int) -> bytes:
    """Read an open file whole, refusing anything but a regular file (a device, a pipe) and anything larger
    than limit bytes: the size is counted as it is read, not trusted from the file system."""
    try:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OutputError(path, "read", "not a regular file (a device, a folder or a pipe?)")
        chunks, size = [], 0
        while size <= limit and (chunk := handle.read(min(WRITE_CHUNK, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise OutputError(path, "read", exc) from None
    if size > limit:
        raise OutputError(path, "read", f"larger than the limit of {limit:,} bytes")
    return b"".join(chunks)
