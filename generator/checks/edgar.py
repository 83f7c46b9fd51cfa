"""What EDGAR and the presentation allow: whole dollars when so presented, printable ASCII text."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from pydantic import BaseModel

from ..findings import ERROR, WARNING, Finding
from ..load.yaml_source import dotted
from ..model.ascii import transliterate
from ..model.compute import Filing


def _leaves(value: object, kind: type) -> list[tuple[tuple, object]]:
    """(path, value) of every value of type kind in value (models, lists and mappings walked in order)."""
    found: list[tuple[tuple, object]] = []

    def walk(value: object, path: tuple) -> None:  # a plain recursion: a generator per level cost a yield per level
        if isinstance(value, kind):
            found.append((path, value))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), path + (name,))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))

    walk(value, ())
    return found


def whole_dollars(f: Filing) -> list[Finding]:
    """In a filing written in whole dollars (or whole thousands), no amount has a fraction."""
    what, hint = {
        "dollars": ("has cents but the filing is presented in whole dollars",
                    "round it, or set filing.amounts_in: cents"),
        "thousands": ("has a fraction but the amounts are written in whole thousands",
                      "round it, or write the amounts in dollars (filing.amounts_in: dollars) and print them in "
                      "thousands (presentation.in_thousands: true)"),
    }.get(f.plan_year.filing.amounts_in, (None, None))
    if what is None:
        return []
    return [Finding("whole-dollars", ERROR, f"{value} {what}", dotted(path), hint=hint)
            for path, value in _leaves(f.plan_year, Decimal)
            if value != value.to_integral_value() and "rate" not in str(path[-1])]


def ascii_text(f: Filing) -> list[Finding]:
    """Text the EDGAR filing prints is printable ASCII, or can be transliterated to it."""
    out = []
    for path, value in _leaves(f.plan_year, str):
        safe, bad = transliterate(value)
        if bad:
            figures = any(ch.isdigit() for c in bad for ch in unicodedata.normalize("NFKD", c))
            out.append(Finding("ascii", ERROR, f"characters {''.join(sorted(set(bad)))!r} have no ASCII form "
                               "for the EDGAR text filing", dotted(path),
                               hint="write the figure out (10⁴ as 10,000): as a plain digit it would change the "
                                    "figure" if figures else "rewrite them in ASCII"))
        elif safe != value:
            changed = sorted({c for c in value if c not in safe})
            out.append(Finding("ascii", WARNING, f"characters {''.join(changed)!r} are not allowed in EDGAR "
                               "text and will be transliterated in the text filing", dotted(path)))
    return out


CHECKS = {
    "whole-dollars": whole_dollars,
    "ascii": ascii_text,
}
