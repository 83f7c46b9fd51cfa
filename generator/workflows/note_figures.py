"""Quote a note's figures by name: in imported text, an amount, the year-end date or a count that is exactly a
computed figure becomes its reference ({net_appreciation:abs}, {fiscal_year_end}, {count.mutual_funds}).

A substitution is kept only when the text resolves back to the very same words, so the filing reads as
before; an amount several figures share, or any other number, stays as written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..model.prose import long_date, resolve
from ..money import group

DOLLARS = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+)(?![\d,]*\.\d)")


def quote_by_name(text: str, names: dict[str, object]) -> tuple[str, list[str]]:
    """The text with its figures quoted by name, and the names it now quotes."""
    amounts: dict[str, set[tuple[str, bool]]] = {}
    for name, value in names.items():
        if isinstance(value, Decimal) and not name.startswith("count.") and abs(value) >= 1000:
            amounts.setdefault(group(value), set()).add((name, value < 0))
    used: list[str] = []

    def amount(m: re.Match) -> str:
        found = amounts.get(m.group(1), set())
        if len(found) != 1:
            return m.group(0)
        name, negative = next(iter(found))
        used.append(name)
        return "${" + name + (":abs" if negative else "") + "}"

    new = DOLLARS.sub(amount, text)
    for name in ("fiscal_year_end", "prior_year_end"):
        if isinstance(names.get(name), dt.date) and long_date(names[name]) in new:
            new = new.replace(long_date(names[name]), "{" + name + "}")
            used.append(name)
    for name, value in names.items():
        if name.startswith("count.") and isinstance(value, int) and value >= 2:
            words = name[len("count."):].replace("_", " ")
            new, n = re.subn(rf"\b{value} {re.escape(words)}\b", "{" + name + "} " + words, new)
            used += [name] * n
    resolved, problems = resolve(new, names)
    if problems or resolved != text:
        return text, []
    return new, used
