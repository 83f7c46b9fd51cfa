"""Words that follow a figure's sign: one table of word pairs, looked up by what the figure is.

A signed figure (net appreciation, the net change in net assets, net income) is described in words that
depend on its sign: "appreciation" or "depreciation", "increase" or "decrease", "income" or "loss". The
statements' captions, note prose ({net_appreciation:verb}), the Form 5500 reconciliation and the flux review
all take those words from SIGNED below, and the wording checks use the same pairs to catch a typed caption
that contradicts its figure. A new signed line kind is one more entry in SIGNED (and in CAPTIONS when the
statement prints a caption for it by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SignWords:
    """The two forms of a signed figure's word, for a figure of zero or more and for one below zero."""

    word: tuple[str, str]  # noun: ("appreciation", "depreciation")
    verb: tuple[str, str]  # past tense: ("appreciated", "depreciated")
    stems: tuple[str, str]  # regex stems that recognise either side in typed text

    def form(self, form: str, value: Decimal) -> str:
        """The word (form "word" or "verb") that describes value; zero takes the first, positive form."""
        pair = self.word if form == "word" else self.verb
        return pair[1] if value < 0 else pair[0]

    def side(self, text: str) -> int | None:
        """+1 or -1 when text uses only one side's words of this pair, None when neither or both."""
        pos = bool(re.search(self.stems[0], text, re.I))
        neg = bool(re.search(self.stems[1], text, re.I))
        if pos == neg:
            return None
        return 1 if pos else -1

    def found(self, text: str, side: int) -> str:
        """The first word of the given side in text, as written."""
        match = re.search(self.stems[0 if side > 0 else 1], text, re.I)
        return match.group(0) if match else ""


APPRECIATION = SignWords(("appreciation", "depreciation"), ("appreciated", "depreciated"),
                         (r"\bappreciat\w*", r"\bdepreciat\w*"))
INCREASE = SignWords(("increase", "decrease"), ("increased", "decreased"),
                     (r"\bincreas\w*", r"\bdecreas\w*"))
INCOME = SignWords(("income", "loss"), ("earned", "lost"), (r"\b(income|gains?|earn\w*)\b", r"\b(loss(es)?|lost)\b"))

# The word pair of each signed figure, by its name: a change line's kind, or a computed figure. A name with
# a dot (a breakdown part such as net_appreciation.mutual_funds) takes the pair of the part before the dot.
SIGNED: dict[str, SignWords] = {
    "net_appreciation": APPRECIATION,
    "other_income": INCOME,
    "net_change": INCREASE,
    "net_change_before_transfers": INCREASE,
    "form5500.net_income": INCOME,
    "master_trust_income": INCOME,
    "master_trust.income": INCOME,
}

# A balance's move between the two year-ends (the flux review): "increased" or "decreased".
MOVES = INCREASE

# Every pair, for reading typed captions whose figure has no kind of its own (a group's subtotal).
PAIRS = (APPRECIATION, INCREASE, INCOME)

# Captions the statements print by default, with {word} (or {Word}) for the signed word.
CAPTIONS = {
    "net_appreciation": "Net {word} in fair value of investments",
    "net_change": "Net {word}",
    "net_change_before_transfers": "Net {word} before transfers",
    "form5500.net_income": "Net {word} per the Form 5500",
    "other_income": "Other {word}",
    "master_trust_income": "Plan interest in Master Trust net investment {word}",
    "master_trust.income": "Net investment {word}",
}


def words_for(name: str) -> SignWords | None:
    """The word pair of a signed figure by name (a breakdown part inherits its line's), or None."""
    if name in SIGNED:
        return SIGNED[name]
    return SIGNED.get(name.split(".")[0])


def word(name: str, value: Decimal, form: str = "word") -> str:
    """The word for the named figure's sign, e.g. word("net_change", -5) -> "decrease"."""
    pair = words_for(name)
    if pair is None:
        raise KeyError(f"{name} has no sign-dependent words")
    return pair.form(form, value)


def caption(name: str, value: Decimal) -> str:
    """The default caption of a signed figure, e.g. "Net depreciation in fair value of investments"."""
    text = word(name, value)
    return CAPTIONS[name].format(word=text, Word=text.capitalize())


def contradiction(text: str, value: Decimal, pair: SignWords | None = None) -> tuple[str, str] | None:
    """(the word written, the word the figure needs) when text describes value with the wrong side's word.

    With no pair given, every pair is tried (a caption of unknown kind). Zero contradicts nothing.
    """
    if value == 0:
        return None
    for p in (pair,) if pair else PAIRS:
        side = p.side(text)
        if side is not None and (side < 0) != (value < 0):
            return p.found(text, side), p.form("word", value)
    return None
