"""A PDF joined with pypdf from separately typeset pieces: the front, each run of schedule pages as it
arrives, then the back, whose bookmarks are added to the front's; each font file once (pdf_shared_fonts)."""

from __future__ import annotations

import io


class Joiner:
    """The PDF being joined: made from the front, added to piece by piece, finished with the back."""

    def __init__(self, head: bytes) -> None:
        import pypdf

        from .pdf_shared_fonts import Shared

        self.writer = pypdf.PdfWriter(clone_from=io.BytesIO(head))
        self.fonts = Shared(self.writer)

    def add(self, data: bytes) -> None:
        import pypdf

        self.fonts.add_pages(pypdf.PdfReader(io.BytesIO(data)))

    def finish(self, back: bytes | None) -> bytes:
        import pypdf

        if back is not None:
            reader = pypdf.PdfReader(io.BytesIO(back))
            offset = len(self.writer.pages)
            self.fonts.add_pages(reader)
            for item in reader.outline:
                if not isinstance(item, list):
                    self.writer.add_outline_item(title=item.title,
                                                 page_number=offset + reader.get_destination_page_number(item))
        out = io.BytesIO()
        self.writer.write(out)
        return out.getvalue()
