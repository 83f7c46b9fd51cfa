"""EDGAR text is printable ASCII: transliterate what can be, and say what cannot."""

from __future__ import annotations

import re
import unicodedata

_TABLE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "--", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u00a7": "Section ", "\u00b6": "Paragraph ", "\u00a9": "(c)", "\u00ae": "(R)", "\u2122": "(TM)",
    "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4", "\u2022": "*", "\u00b7": "*",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00f8": "o", "\u00d8": "O",
    "\u0142": "l", "\u0141": "L", "\u00f0": "d", "\u00de": "Th", "\u00fe": "th", "\u20ac": "EUR", "\u00a3": "GBP",
}
_FRACTIONS = {"\u00bd", "\u00bc", "\u00be"}
# '^' is not allowed in EDGAR ASCII documents.
_FORBIDDEN_ASCII = {"^": "'"}


_EDGAR_TEXT = re.compile(r"[\t\n\r\f\x20-\x5d\x5f-\x7e]*")  # what is_edgar_char allows, at C speed


def is_edgar_char(c: str) -> bool:
    return c in "\t\n\r\f" or ("\x20" <= c <= "\x7e" and c != "^")


def transliterate(text: str) -> tuple[str, list[str]]:
    """Return EDGAR-safe text and the characters that could not be transliterated."""
    if _EDGAR_TEXT.fullmatch(text):
        return text, []
    out, bad = [], []
    for c in text:
        if is_edgar_char(c):
            out.append(c)
        elif c in _TABLE or c in _FORBIDDEN_ASCII:
            ascii_form = _TABLE.get(c) or _FORBIDDEN_ASCII[c]
            if c in _FRACTIONS and out and out[-1][-1:].isdigit():
                ascii_form = "-" + ascii_form  # 1½ is 1-1/2, never 11/2
            out.append(ascii_form)
        else:
            base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if is_edgar_char(ch))
            if base and not (any(ch.isdigit() for ch in base) and unicodedata.category(c) != "Nd"):
                out.append(base)
            else:  # nothing, or digits from a superscript, a circled or fraction figure: 10⁴ is not 104
                out.append("?")
                bad.append(c)
    return "".join(out), bad
