"""WeasyPrint imported with its native libraries found from one `ldconfig -p` listing.

WeasyPrint loads Pango, HarfBuzz, fontconfig and GObject by trying several names for each. cffi hands a name
it cannot load to `ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then gcc and ld for
every name not listed: about 90 programs, 0.1-0.2 s of CPU and 0.3-0.5 s of waiting on a loaded machine,
before a page is laid out. While WeasyPrint is imported here, that lookup reads one listing, kept for the
import, with the same pattern CPython reads it with; a name it does not list is not searched further (the
names WeasyPrint tries include each library's soname, which the dynamic loader finds by itself). Elsewhere,
or when the listing cannot be read, nothing is changed. Every module of elevenk that uses WeasyPrint
imports it from here.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

LDCONFIG = "/sbin/ldconfig"
# what ldconfig writes beside a 64-bit library, by machine (CPython's own table); "libc6" for any other
ABI = {"x86_64": "libc6,x86-64", "ppc64": "libc6,64bit", "sparc64": "libc6,64bit", "s390x": "libc6,64bit",
       "ia64": "libc6,IA-64"}


def listing() -> str | None:
    """The dynamic loader's cache as `ldconfig -p` prints it; None where there is no such program."""
    if not sys.platform.startswith("linux") or not os.path.exists(LDCONFIG):
        return None
    try:
        done = subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env={"LC_ALL": "C", "LANG": "C"}, check=False)
    except OSError:
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def finder(listed: str) -> Callable[[str], str | None]:
    """find_library answered from the listing: the soname of lib<name>.* built for this machine's ABI, or None."""
    machine = os.uname().machine
    abi = ABI.get(machine, "libc6") if sys.maxsize > 2**32 else "libc6"

    def find_library(name: str) -> str | None:
        found = re.search(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), re.escape(abi)), listed)
        return found.group(1) if found else None

    return find_library


@contextmanager
def listed_libraries() -> Iterator[None]:
    """ctypes.util.find_library answered from one ldconfig listing while the block runs (unchanged where
    there is none)."""
    listed = listing()
    if listed is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = finder(listed)
    try:
        yield
    finally:
        ctypes.util.find_library = original


if "weasyprint" in sys.modules:
    import weasyprint
else:
    try:
        with listed_libraries():
            import weasyprint
    except OSError:  # a library the listing missed: WeasyPrint's own search, as it would have run
        import weasyprint

__all__ = ["weasyprint"]
