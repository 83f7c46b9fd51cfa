"""Wording that follows the sign: a typed caption or note word never contradicts its figure."""

from __future__ import annotations

import re
from decimal import Decimal

from ..findings import ERROR, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing
from ..model.notes import quotable
from ..model.prose import REFERENCE, WORD_FORMS
from ..model.wording import PAIRS, SIGNED, contradiction, words_for

SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _caption(text: str, value: Decimal, kind: str | None):
    """The first pair (the kind's own, then the others) whose words in text contradict value."""
    own = (SIGNED[kind],) if kind in SIGNED else ()
    for pair in own + tuple(p for p in PAIRS if p not in own):
        found = contradiction(text, value, pair)
        if found:
            return pair, *found
    return None


def captions(f: Filing) -> list[Finding]:
    """A caption typed for a line or group of the statement of changes agrees with its figure's sign.

    A deduction's figure takes net assets down, so a deduction of 100 is read as -100.
    """
    out = []
    for section, rows in (("additions", f.additions), ("deductions", f.deductions)):
        sign = 1 if section == "additions" else -1
        for i, (item, row) in enumerate(zip(getattr(f.plan_year.changes, section), rows)):
            path = ("changes", section, i)
            if item.lines:
                out += _typed(item.group, row.amount * sign, None, path + ("group",), "the group caption",
                              "subtotal")
                for j, (line, sub) in enumerate(zip(item.lines, row.lines)):
                    out += _typed(line.label, sub.amount * sign, line.kind, path + ("lines", j, "label"))
            else:
                out += _typed(item.label, row.amount * sign, item.kind, path + ("label",))
    return out


def _typed(text: str | None, value: Decimal, kind: str | None, path: tuple, what: str = "the caption",
           figure: str = "figure") -> list[Finding]:
    found = _caption(text, value, kind) if text else None
    if not found:
        return []
    pair, written, needed = found
    hint = f'write "{needed}"' + (", or leave out the label to have the caption follow the sign"
                                   if kind in SIGNED else f', or both words: "{pair.word[0]} ({pair.word[1]})"')
    return [Finding("sign-wording", ERROR, f'{what} "{text}" says "{written}", but its {figure} {value:,} is '
                    f"{_a(needed)}", dotted(path), hint=hint)]


def notes(f: Filing) -> list[Finding]:
    """A sign word typed beside a quoted signed figure, or in the title of the note about it, agrees with it."""
    names = quotable(f)
    out = []
    for n, note in enumerate(f.plan_year.notes):
        about: set[str] = {b.breakdown for b in note.blocks if b.breakdown in SIGNED}
        for b, block in enumerate(note.blocks):
            for sentence in SENTENCE.split(block.text or ""):
                for name, problem in _sentence(sentence, names):
                    about.add(name.split(".")[0])
                    if problem:
                        out.append(_note_finding(n, ("notes", n, "blocks", b, "text"), name, names[name], *problem))
        if len(about) == 1:
            name = about.pop()
            if name in names and not REFERENCE.search(note.title):
                found = contradiction(note.title, names[name], words_for(name))
                if found:
                    out.append(Finding(
                        "sign-wording", ERROR, f'the title of note {n + 1} says "{found[0]}", but '
                        f"{name.replace('_', ' ')} is {names[name]:,}, {_a(found[1])}", dotted(("notes", n, "title")),
                        hint=f"write {{{name}:word}} in the title, and the word follows the figure's sign"))
    return out


def _sentence(sentence: str, names: dict) -> list[tuple[str, tuple[str, str] | None]]:
    """Each signed figure the sentence quotes by value, with the typed word that contradicts it (or None)."""
    plain = REFERENCE.sub(" ", sentence)
    out = []
    for match in REFERENCE.finditer(sentence):
        name, spec = match.group(1), match.group(2) or ""
        pair = words_for(name)
        if pair is None or name not in names or not isinstance(names[name], Decimal):
            continue
        if any(opt in WORD_FORMS for opt in spec.split(",")):
            continue
        found = contradiction(plain, names[name], pair)
        out.append((name, (found[0], pair.form("verb", names[name])) if found else None))
    return out


def _note_finding(n: int, path: tuple, name: str, value: Decimal, written: str, needed: str) -> Finding:
    return Finding("sign-wording", ERROR, f'note {n + 1} says "{written}" beside {{{name}}}, but '
                   f"{name.replace('_', ' ').replace('.', ' ')} is {value:,}: it {needed}", dotted(path),
                   hint=f"write {{{name}:verb}} (or :word), and the word follows the figure's sign")


CHECKS = {
    "sign-wording": captions,
    "sign-wording-notes": notes,
}
