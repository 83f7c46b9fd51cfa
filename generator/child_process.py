"""What every worker process does first: die with its parent, and leave Ctrl-C to the parent.

A batch's workers and a PDF's chunk workers are forked. Killed, the parent would leave them running (and
writing); interrupted with Ctrl-C, each would stop wherever it stood. Instead the kernel kills a worker
when its parent dies (Linux's PR_SET_PDEATHSIG), and SIGINT is ignored in workers: the parent stops them
and reports what was not built.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, leave_interrupt: bool = True) -> None:
    """In a just-forked worker of `parent` (its pid): be killed when it dies, and (leave_interrupt) ignore
    Ctrl-C, which the parent handles."""
    if leave_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (AttributeError, OSError):
            pass
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)
