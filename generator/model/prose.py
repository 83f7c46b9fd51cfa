"""Prose: resolve figure references such as {count.mutual_funds} in note text.

A reference is `{name}` or `{name:format}`; formats are abs, words, cents and round=N
(N a power of ten), comma-separated. A signed figure (see wording.SIGNED) also has word forms that follow
its sign: `{net_appreciation:word}` is "appreciation" or "depreciation", `{net_appreciation:verb}` is
"appreciated" or "depreciated"; add `cap` for a capital first letter (`{net_change:word,cap}`).
Braces that do not form a reference print as written, so text like `{{ x }}` is never evaluated.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

from ..money import group, round_to
from .wording import words_for

# Not preceded or followed by another brace: `{{x}}` is literal text, never a reference.
REFERENCE = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?::([a-z0-9=,\-]+))?\}(?!\})")

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """17 -> 'seventeen'; 1234 -> 'one thousand two hundred thirty-four'."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" " + number_words(rest) if rest else "")
    if n < 1_000_000:
        rest = n % 1000
        return number_words(n // 1000) + " thousand" + (" " + number_words(rest) if rest else "")
    return f"{n:,}"


def long_date(day: dt.date) -> str:
    """2001-12-31 -> 'December 31, 2001'."""
    return f"{day:%B} {day.day}, {day.year}"


def rate_text(value: Decimal) -> str:
    return f"{value.normalize():f}%"


class ReferenceError_(ValueError):
    """A reference that cannot be resolved; the message is for the user."""


WORD_FORMS = ("word", "verb")


def sign_word(name: str, value: object, options: list[str]) -> str:
    """The word form (word or verb, optionally cap) of a signed figure's sign."""
    pair = words_for(name)
    if pair is None or not isinstance(value, Decimal):
        raise ReferenceError_("word and verb apply to signed figures (net_appreciation, net_change, ...; "
                              "see `elevenk names FILE`)")
    forms = [o for o in options if o in WORD_FORMS]
    if len(forms) > 1 or set(options) - {"word", "verb", "cap"}:
        raise ReferenceError_("a word form is one of word or verb, optionally with cap")
    text = pair.form(forms[0], value)
    return text.capitalize() if "cap" in options else text


def format_value(value: object, spec: str | None, places: int = 0, name: str = "") -> str:
    """Format one referenced value (named name) with an optional format spec."""
    options = [s for s in (spec or "").split(",") if s]
    if any(o in WORD_FORMS for o in options):
        return sign_word(name, value, options)
    for opt in options:
        if opt not in ("abs", "words", "cents") and not re.fullmatch(r"round=1(0)+", opt):
            raise ReferenceError_(f"unknown format '{opt}' (use abs, words, cents, round=N, or word or verb "
                                  "for a signed figure)")
    if isinstance(value, bool) or value is None:
        raise ReferenceError_("this name has no printable value")
    if isinstance(value, int):
        if "words" in options:
            return number_words(abs(value) if "abs" in options else value)
        return f"{abs(value) if 'abs' in options else value:,}"
    if isinstance(value, Decimal):
        if "words" in options:
            raise ReferenceError_("'words' applies to counts, not amounts")
        amount = value
        for opt in options:
            if opt.startswith("round="):
                amount = round_to(amount, -(len(opt) - len("round=1")))
        digits = 2 if "cents" in options else places
        text = group(amount, digits)
        return text if amount >= 0 or "abs" in options else f"-{text}"
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)


@dataclass(frozen=True)
class Quote:
    """A figure a resolved text quotes: where it is printed (text[start:end]), the name and format it was
    quoted by, and the value of that name (Inline XBRL tags it with the fact it quotes)."""

    start: int
    end: int
    name: str
    spec: str
    value: object


def resolve(text: str, names: dict[str, object], places: int = 0) -> tuple[str, list[tuple[str, str]]]:
    """Replace every reference in text; return the text and its problems, each (message, the reference)."""
    out, problems, _ = resolve_quotes(text, names, places)
    return out, problems


def resolve_quotes(text: str, names: dict[str, object],
                   places: int = 0) -> tuple[str, list[tuple[str, str]], list[Quote]]:
    """As resolve, and where in the resolved text each reference's figure is printed."""
    problems: list[tuple[str, str]] = []
    pieces: list[str] = []
    quotes: list[Quote] = []
    length = last = 0
    for match in REFERENCE.finditer(text):
        pieces.append(text[last:match.start()])
        length += match.start() - last
        last = match.end()
        name, spec = match.group(1), match.group(2)
        printed = match.group(0)
        if name not in names:
            close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.7)
            hint = f" (did you mean {{{close[0]}}}?)" if close else ""
            problems.append((f"unknown figure {{{name}}}{hint}", match.group(0)))
        else:
            try:
                printed = format_value(names[name], spec, places, name)
                quotes.append(Quote(length, length + len(printed), name, spec or "", names[name]))
            except ReferenceError_ as exc:
                problems.append((f"{{{match.group(0)[1:-1]}}}: {exc}", match.group(0)))
        pieces.append(printed)
        length += len(printed)
    pieces.append(text[last:])
    return "".join(pieces), problems, quotes
