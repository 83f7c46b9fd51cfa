"""One embedded copy of each font in a PDF joined from pieces (pdf_chunks).

WeasyPrint embeds in each document a subset of each font holding the glyphs it uses: a schedule joined
from a hundred pieces carried a hundred subsets of each face (more than half the file), and making them
was a twentieth of each piece's time. Written with `whole_fonts`, every piece embeds the same font
program instead, each face with all its glyphs (made once per process and kept; pieces forked later
inherit it), and `Shared` points every piece's font file at the one already joined.

The font program changes, not what is drawn: glyph ids are kept (WeasyPrint subsets with retain_gids),
widths and the text's Unicode map stay the piece's own.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from .weasyprint_loader import weasyprint  # first: before any other WeasyPrint module

_WHOLE: dict[tuple, bytes] = {}  # (font file digest, face index, hinting, date) -> the face with all its glyphs


@contextmanager
def whole_fonts() -> Iterator[None]:
    """While a piece is written: each font embedded with all its glyphs (the same bytes in every piece)."""
    font_class = weasyprint.pdf.fonts.Font
    subset = font_class.subset

    def whole(font, to_unicode, hinting):
        if not to_unicode or font.missing:  # glyphs the font lacks get ids of their own: the piece's subset
            return subset(font, to_unicode, hinting)
        key = (hashlib.sha256(font.file_content).digest(), font.index, bool(hinting),
               os.environ.get("SOURCE_DATE_EPOCH"))  # the date fontTools stamps (pdf_resources.reproducible_fonts)
        if key not in _WHOLE:
            subset(font, dict.fromkeys(range(font.glyph_count), ""), hinting)
            _WHOLE[key] = font.file_content
        font.file_content = _WHOLE[key]

    font_class.subset = whole
    try:
        yield
    finally:
        font_class.subset = subset


class Shared:
    """Font files already joined into a pypdf writer, by content: a piece's copy of one is not added again."""

    def __init__(self, writer) -> None:
        self.writer = writer
        self.joined = {key: number for number, key in _font_files(writer.pages)}  # content -> object number

    def add_pages(self, reader) -> None:
        """Add every page of reader to the writer, its font files shared with the pages joined before."""
        # pypdf copies an object into the writer once per reader, remembering it here by number: an
        # object already known is the writer's copy (pypdf.generic IndirectObject.clone)
        known = getattr(self.writer, "_id_translated", None)
        if not isinstance(known, dict):  # a pypdf that keeps them otherwise: every piece's fonts, joined as they are
            for page in reader.pages:
                self.writer.add_page(page)
            return
        files = dict(_font_files(reader.pages))  # object number in reader -> content digest
        translated = known.setdefault(id(reader), {"PreventGC": reader})
        for number, key in files.items():
            if key in self.joined:
                translated[number] = self.joined[key]
        for page in reader.pages:
            self.writer.add_page(page)
        for number, key in files.items():
            if key not in self.joined and number in translated:
                self.joined[key] = translated[number]


def _font_files(pages) -> Iterator[tuple[int, bytes]]:
    """(object number, digest of its dictionary and data) of each embedded font file the pages use."""
    seen: set[int] = set()
    for page in pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in (fonts.get_object().values() if fonts is not None else ()):
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            for face in (descendants.get_object() if descendants is not None else [font]):
                descriptor = face.get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                for name in ("/FontFile2", "/FontFile3", "/FontFile"):
                    reference = descriptor.raw_get(name) if name in descriptor else None
                    if getattr(reference, "idnum", None) is None or reference.idnum in seen:
                        continue
                    seen.add(reference.idnum)
                    stream = reference.get_object()
                    head = repr(sorted((key, value) for key, value in stream.items() if key != "/Length"))
                    yield reference.idnum, hashlib.sha256(head.encode() + stream.get_data()).digest()
