"""Notes: quoted figures name real figures; counts typed into prose agree with the holdings."""

from __future__ import annotations

import re

from ..findings import WARNING, Finding
from ..model.compute import Filing
from ..model.prose import number_words


def references(f: Filing) -> list[Finding]:
    """Figures quoted in notes name real figures."""
    return list(f.note_findings)


_COUNTED = {
    "mutual funds": "mutual_funds", "registered investment companies": "mutual_funds",
    "common collective trusts": "common_collective_trusts",
    "pooled separate accounts": "pooled_separate_accounts", "investment options": None,
}
_WORDS = {number_words(n): n for n in range(0, 100)}


def quoted_counts(f: Filing) -> list[Finding]:
    """A count typed into prose ("offers 17 mutual funds") agrees with the holdings."""
    out = []
    pattern = re.compile(r"\b(\d+|[a-z]+(?:-[a-z]+)?) (" + "|".join(k for k, v in _COUNTED.items() if v) + r")\b")
    for note in f.notes:
        for b, block in enumerate(note.blocks):
            for m in pattern.finditer(block.text):
                token = m.group(1)
                quoted = int(token) if token.isdigit() else _WORDS.get(token)
                if quoted is None:
                    continue
                actual = f.counts[_COUNTED[m.group(2)]]
                if quoted != actual:
                    out.append(Finding("quoted-counts", WARNING,
                                       f"note {note.number} says \"{m.group(0)}\" but the plan holds {actual}",
                                       f"notes[{note.number - 1}].blocks[{b}].text",
                                       expected=str(actual), actual=str(quoted),
                                       hint=f"write {{count.{_COUNTED[m.group(2)]}}} to quote the count",
                                       needle=m.group(0)))
    return out


CHECKS = {
    "references": references,
    "quoted-counts": quoted_counts,
}
