"""Work done in a forked child while the parent goes on, its bytes read back through a pipe: the live
preview checks a plan on the second core while it renders the page on the first.

The child is a copy of the parent at the fork, so it computes exactly what the parent would; it writes the
bytes' length, then the bytes. Anything short of that (the child failed, raised, was killed) is no result,
and the caller does the work itself, where an error is raised and reported as it always was.
"""

from __future__ import annotations

import os
import select
import signal
import struct
import sys
import threading
import time
from typing import Callable

from ..child_process import die_with_parent

_LENGTH = struct.Struct("<Q")
WAIT_SECONDS = 120  # a child that has not finished by then is stuck (20,000 holdings check in about a second)


def can_fork() -> bool:
    """Whether work can be done aside here (Linux: a fork is cheap, and safe for a child that only computes)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def spare_core() -> bool:
    """Whether the machine has a core to spare for a child: the load average is below the number of cores this
    process may use, less a half. Without one the child and its parent share a core, and the work done aside
    makes the parent slower, not faster (the preview of 2,000 holdings on 2 cores: 0.02 s quicker a refresh at
    load 1.1, 0.035 s slower at load 2.0)."""
    try:
        cores = len(os.sched_getaffinity(0))
        return os.getloadavg()[0] < cores - 0.5
    except (AttributeError, OSError):
        return False


class Aside:
    """make() running in a forked child. result() waits for its bytes; close() stops a child no longer wanted."""

    def __init__(self, make: Callable[[], bytes]) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: make the bytes, write them, and go without running the parent's exit handlers
            try:
                os.close(read)
                die_with_parent(parent)
                data = make()
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(_LENGTH.pack(len(data)))
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self._pid: int | None = pid
        self._read: int | None = read

    def result(self, timeout: float = WAIT_SECONDS) -> bytes | None:
        """The bytes made, or None when the child made none (or none within timeout seconds: it is stopped)."""
        if self._read is None:
            return None
        chunks, deadline = [], time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0 and select.select([self._read], [], [], left)[0]:
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        else:
            self.close()  # stuck (a lock held at the fork?): the caller renders
            return None
        os.close(self._read)
        self._read = None
        self._reap()
        data = b"".join(chunks)
        if len(data) < _LENGTH.size or _LENGTH.unpack_from(data)[0] != len(data) - _LENGTH.size:
            return None
        return data[_LENGTH.size:]

    def close(self) -> None:
        """Stop the child if it is still at work (its bytes are not wanted)."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> None:
        """Collect the child's exit in the background: its memory takes a few milliseconds to tear down."""
        pid, self._pid = self._pid, None
        if pid is not None:
            threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True).start()
