"""What every WeasyPrint render shares: `elevenk:` resources from the confined folders, pinned fonts and dates.

Only the package's fonts and the template folders are used: resources are named `elevenk:PATH` and
looked up along the template search path, then generator/assets/; every other URL is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from .weasyprint_loader import weasyprint  # first: before any other WeasyPrint module
import weasyprint.pdf.fonts
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .template_paths import TemplateProblem, find_confined

SCHEME = "elevenk:"
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
               ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml"}


class ConfinedFetcher(URLFetcher):
    """Serve `elevenk:PATH` from the given folders (first match wins); refuse everything else.

    Refused URLs are kept in `refused`, so the build can fail on them instead of dropping them quietly.
    """

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=["elevenk"])
        self.roots = roots
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        # WeasyPrint drops a resource whose fetch fails and goes on: every failure is recorded in refused,
        # for the build to fail on, whatever raised it (a name leaving its folder, a file too large...).
        try:
            if url.startswith(SCHEME):
                name = url[len(SCHEME):]
                for root in self.roots:
                    path = find_confined(root, name)
                    if path is not None:
                        media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
                        return URLFetcherResponse(url, body=_read(path), headers={"Content-Type": media})
        except (TemplateProblem, OSError):
            pass
        self.refused.append(url)
        raise ValueError(f"refused {url}: only elevenk: files from the template and asset folders are used")


MAX_RESOURCE = 64 * 1024 * 1024  # a font or an image; a stylesheet may not make a build read a disk's worth


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > MAX_RESOURCE:
            raise TemplateProblem(f"{path}: larger than {MAX_RESOURCE:,} bytes")
        return handle.read()


_ENVIRONMENT_LOCK = threading.Lock()


@contextmanager
def reproducible_fonts(day: dt.date):
    """Embedded fonts written the same on every machine, while a PDF is written.

    WeasyPrint subsets fonts with HarfBuzz when the system has libharfbuzz-subset and with fontTools
    otherwise, and the two give different bytes: the fontTools path (a Python dependency, so the same on
    every machine with the same install) is pinned. fontTools stamps each subset font with the clock, or
    with SOURCE_DATE_EPOCH when that is set (the reproducible-builds convention): it is set to `day`.
    """
    epoch = int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc).timestamp())
    with _ENVIRONMENT_LOCK:
        subsetter = weasyprint.pdf.fonts.subset.Subsetter  # fontTools', as WeasyPrint uses it
        saved = os.environ.get("SOURCE_DATE_EPOCH"), weasyprint.pdf.fonts.harfbuzz_subset, subsetter.subset
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        weasyprint.pdf.fonts.harfbuzz_subset = None  # read by Font.subset at each call
        subsetter.subset = _without_dropped_layout_tables(saved[2])
        try:
            yield
        finally:
            subsetter.subset = saved[2]
            weasyprint.pdf.fonts.harfbuzz_subset = saved[1]
            if saved[0] is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved[0]


def _without_dropped_layout_tables(subset):
    """fontTools' Subsetter.subset, deleting first the GSUB and GPOS tables it is told to drop.

    fontTools (4.68) decodes a font's whole GSUB and GPOS tables before dropping them, about 0.1 s for the
    faces of a standard filing; deleted first, they are never decoded. The subset is the same bytes: nothing
    reads a dropped table before it is deleted, except that a legacy 'kern' table is dropped only while
    GPOS is there, so a font that has one is subset as it always was.
    """
    @functools.wraps(subset)
    def quick(self, font):
        if "kern" not in font:
            for tag in ("GSUB", "GPOS"):
                if tag in self.options.drop_tables and tag in font:
                    del font[tag]
        return subset(self, font)

    return quick
