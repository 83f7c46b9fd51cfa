"""Roll a plan year's holdings forward by editing their lines, giving the bytes the ruamel round trip gives.

The holdings are nearly all of a large plan-year file, and ruamel takes half a minute to load and dump
20,000 of them; their edits are line by line (this year's balance becomes the prior, re-entered figures
become TODO). `cut` takes the holdings out of the text and rolls them here; what is left (a skeleton
with one placeholder item per group) goes through the round trip as before, and `Holdings.splice` puts
the rolled lines back where the placeholders are written.

The lines are rolled as ruamel would write them: comments at the end of a line keep their column (or
one space after a longer value), a comment or blank line travels with the value above it (and goes when
that value goes), a quoted value keeps its quotes. Only text written the way ruamel writes it is taken:
block mappings in the house indentation, one-line scalars, comments at the end of a line or between
holdings. For anything else `cut` returns None and the whole file goes through the round trip.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..load.schema import TO_FILL

PLACEHOLDER = "elevenk-rolled-holdings-{}"
LOAN_FIGURES = ("count", "rate_low", "rate_high", "maturity_first", "maturity_last")
# A description that states a figure of the year (a share count, a rate) is re-entered for the new year.
YEARLY_FIGURE = re.compile(r"\d[\d,]*(\.\d+)?\s*(shares?|units?|%)|\bpar\b", re.I)
MAX_LINE = 1000  # ruamel folds a line longer than its width (4096); stay well inside it
# Scalars written back exactly as read: canonical numbers (an int, or digits kept as text), booleans, dates.
_NUMBER = re.compile(r"(0|-?[1-9][0-9]*)|-?[0-9]+\.[0-9]+")
_TYPED = re.compile(r"(0|-?[1-9][0-9]*)|-?[0-9]+\.[0-9]+|true|false|[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A key line as ruamel writes it: one space after the colon, a one-line scalar (quoted without escapes, or
# plain), an end-of-line comment; a key with nothing after it opens a nested mapping.
_LINE = re.compile(r"""( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: ("[^"\\]*"|'[^']*'|[^ '"].*?)( +#.*)?)?""")
_HOLDINGS = re.compile(r"( *)holdings:")
_PLACEHOLDER = re.compile(r"( *)- " + PLACEHOLDER.format(r"([0-9]+)"))
_LONG_LINE = re.compile(f"^.{{{MAX_LINE},}}", re.M)
_PLAIN_START = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@` ]|-[0-9]")
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")  # tab, CR, controls


class NotCanonical(Exception):
    """The text is not in the form this module reproduces exactly."""


@dataclass(slots=True)
class Entry:
    """One key of a holding (or of its loans), as ruamel holds it: the value and the comments after it."""

    key: str
    value: str | None  # the scalar as written (quotes included); None for a nested mapping
    comment: str | None = None  # the end-of-line comment, from its '#'
    column: int = 0  # the column of that '#'
    after: list[str] = field(default_factory=list)  # blank and comment lines below it, up to the next key
    children: list["Entry"] | None = None
    had_comment: bool = False  # it had an end-of-line comment when read (ruamel keeps its record once dropped)
    width: int = 0  # the length of its line as read

    @property
    def has_comment_slot(self) -> bool:
        """ruamel holds a comment record for the key."""
        return self.had_comment or bool(self.after)

    def text(self) -> str:
        """The value as loaded: quotes taken off."""
        return self.value[1:-1] if self.value and self.value[0] in "'\"" else (self.value or "")

    def fill(self) -> None:
        """TODO in place of the value, in the value's quotes (ruamel keeps a string's style); the end-of-line
        comment described the old value and goes."""
        quote = self.value[0] if self.value[0] in "'\"" else ""
        self.value = f"{quote}{TO_FILL}{quote}"
        self.comment = None

    def is_string(self) -> bool:
        """The value loads as a string (not a number, boolean or date)."""
        return self.value is not None and (self.value[:1] in "'\"" or not _TYPED.fullmatch(self.value))


@dataclass
class Holdings:
    """The holdings cut out of a plan-year text and rolled forward."""

    skeleton: str  # the text with each group's holdings replaced by one placeholder item
    groups: list[list[str]]  # each group's rolled lines (none when every holding was dropped)
    indents: list[int]  # the column of each group's '- '
    counts: Counter = field(default_factory=Counter)  # balance, description, cost, loan figure, explanation
    dropped: list[str] = field(default_factory=list)  # identities of holdings with no balance, in file order

    def splice(self, dumped: str) -> str | None:
        """The dumped skeleton with each placeholder replaced by its group's rolled lines; None when the
        placeholders are not where the holdings were (the round trip re-indented them)."""
        return splice(dumped, self.groups, self.indents)


def splice(dumped: str, groups: list[list[str]], indents: list[int]) -> str | None:
    """The dumped skeleton with each placeholder replaced by its group's lines; None when the placeholders are
    not where the holdings were (the round trip re-indented them), or a group with lines has none."""
    out: list[str] = []
    seen = set()
    for line in dumped.split("\n"):
        m = _PLACEHOLDER.fullmatch(line)
        if m is None:
            out.append(line)
            continue
        g = int(m.group(2))
        if g in seen or g >= len(groups) or len(m.group(1)) != indents[g] or not groups[g]:
            return None
        seen.add(g)
        out += groups[g]
    if seen != {g for g, lines in enumerate(groups) if lines}:
        return None
    return "\n".join(out)


def cut(text: str, investments) -> Holdings | None:
    """The holdings of text rolled forward, given the plan year's investment groups (to drop holdings with no
    balance and to be sure each holding read is the one the model holds); None when the text is not in the
    form the round trip writes back unchanged."""
    try:
        return _cut(text, investments)
    except NotCanonical:
        return None


def _cut(text: str, investments) -> Holdings:
    read = read_groups(text)
    if len(read.holdings) != len(investments):
        raise NotCanonical("groups")
    result = Holdings(read.skeleton, [], read.indents)
    for holdings, indent, group in zip(read.holdings, read.indents, investments):
        if len(holdings) != len(group.holdings):
            raise NotCanonical("holdings")
        rolled: list[str] = []
        for entries, held in zip(holdings, group.holdings):
            _same_holding(entries, held)
            if held.current == 0:
                result.dropped.append(str(held.identity))
                continue
            _roll(entries, result.counts)
            rolled += render(entries, indent, dash=True)
        result.groups.append(rolled)
    return result


@dataclass
class TextGroups:
    """The investment groups' holdings read out of a plan-year text, to be edited as entries and put back."""

    skeleton: str  # the text with each group's holdings replaced by one placeholder item
    holdings: list[list[list["Entry"]]]  # each group's holdings, each a holding's entries
    indents: list[int]  # the column of each group's '- '


def read_groups(text: str) -> TextGroups:
    """The holdings of every investment group of text, as entries; NotCanonical when the text is not in the
    form the round trip writes back unchanged."""
    lines = text.split("\n")
    last = len(lines) - 1 if lines[-1] == "" else len(lines)  # the final newline stays with the skeleton
    result = TextGroups("", [], [])
    skeleton: list[str] = []
    done = 0
    try:
        found = _next_holdings(lines, lines.index("investments:") + 1)
    except ValueError:
        raise NotCanonical("investments") from None
    while found:
        start, indent = found
        holdings, end = _parse_holdings(lines, start, last, indent)
        block = "\n".join(lines[start:end])
        if _UNSAFE.search(block) or _LONG_LINE.search(block):
            raise NotCanonical("characters")
        skeleton += lines[done:start] + [f"{' ' * indent}- {PLACEHOLDER.format(len(result.holdings))}"]
        result.holdings.append(holdings)
        result.indents.append(indent)
        done = end
        found = _next_holdings(lines, end)
    result.skeleton = "\n".join(skeleton + lines[done:])
    return result


def _next_holdings(lines: list[str], n: int) -> tuple[int, int] | None:
    """(line of the first item, column of its '- ') of the next group's holdings from line n on, inside the
    top-level investments section; None past its end."""
    while n < len(lines) and (lines[n].startswith(" ") or not _content(lines[n])):
        m = _HOLDINGS.fullmatch(lines[n])
        n += 1
        if m:
            indent = len(m.group(1)) + 2
            while n < len(lines) and not _content(lines[n]):
                n += 1
            if n == len(lines) or not lines[n].startswith(" " * indent + "- "):
                raise NotCanonical("holdings item")
            return n, indent
    return None


def _content(line: str) -> bool:
    stripped = line.lstrip(" ")
    return bool(stripped) and stripped[0] != "#"


def _parse_holdings(lines: list[str], start: int, stop: int, indent: int) -> tuple[list[list[Entry]], int]:
    """The entries of each holding from line start, and the line where the holdings end: the next line of
    content less indented than their items. Each entry keeps the blank and comment lines below it.

    Blank and comment lines are taken between holdings and after the last one only: ruamel keeps them with
    the value above, whose holding can be dropped or whose comment replaced (handled in `_roll`).
    """
    holdings: list[list[Entry]] = []
    last: Entry | None = None
    n = start
    for n in range(start, stop):
        line = lines[n]
        m = _LINE.fullmatch(line)
        if m is None:
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                if len(line) - len(stripped) <= indent:
                    break
                raise NotCanonical("line")
            if line.endswith(" ") or last is None:
                raise NotCanonical("comment")
            last.after.append(line)
            continue
        spaces, dash, key, value, comment = m.groups()
        spaces = len(spaces)
        if spaces < indent or spaces == indent and not dash:
            break
        if last is not None and last.after and not (dash and spaces == indent):
            raise NotCanonical("comment inside a holding")
        entry = Entry(key, value, None if comment is None else comment.lstrip(" "), width=len(line))
        if value is None:
            entry.children = []
        elif value[0] not in "'\"" and not _plain(value):
            raise NotCanonical("plain")
        if comment is not None:
            entry.column, entry.had_comment = len(line) - len(entry.comment), True
        if dash and spaces == indent:
            holdings.append([entry])
        elif dash:
            raise NotCanonical("sequence")
        elif spaces == indent + 2:
            holdings[-1].append(entry)
        elif spaces == indent + 4 and holdings[-1][-1].value is None and value is not None:
            holdings[-1][-1].children.append(entry)
        else:
            raise NotCanonical("indentation")
        last = entry
    else:
        n = stop
    if any(e.value is None and not e.children for h in holdings for e in h):
        raise NotCanonical("empty mapping")
    return holdings, n


def _plain(value: str) -> bool:
    """A plain scalar the round trip writes back as it is."""
    return bool(_PLAIN_START.match(value)) and not value.endswith((":", " ")) and ": " not in value \
        and not value.startswith(("---", "...")) and _plain_string_or_typed(value)


def _plain_string_or_typed(value: str) -> bool:
    """A plain scalar the round trip writes back as it is: a string in YAML 1.2, or a canonical number,
    boolean or date (which it keeps as written)."""
    if _TYPED.fullmatch(value):
        return True
    if " " in value and not value[:1].isdigit():
        return True  # YAML 1.2's implicit types are one word (a timestamp starts with its year)
    return resolves_to_string(value)


@functools.lru_cache(maxsize=4096)
def resolves_to_string(value: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver().resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _same_holding(entries: list[Entry], held) -> None:
    """The holding read is the model's: same identity, same balance (else the text was misread)."""
    by_key = {e.key: e for e in entries}
    if len(by_key) != len(entries):
        raise NotCanonical("duplicate key")
    identity, current = by_key.get("identity"), by_key.get("current")
    if identity is None or identity.text() != str(held.identity) or current is None \
            or not _NUMBER.fullmatch(current.value or ""):
        raise NotCanonical("identity")
    try:
        if Decimal(current.value) != held.current:
            raise NotCanonical("balance")
    except InvalidOperation:
        raise NotCanonical("balance") from None


def _roll(entries: list[Entry], counts: Counter) -> None:
    """What `rollforward._Roller.holding` does to a holding, on its entries."""
    by_key = {e.key: e for e in entries}
    current = by_key["current"]
    if "prior" in by_key:
        by_key["prior"].value = current.value
    else:
        entries.insert(entries.index(current) + 1, Entry("prior", current.value))
    current.fill()
    counts["balance"] += 1
    if "explanation" in by_key:
        entries.remove(by_key["explanation"])
        counts["explanation"] += 1
    description = by_key.get("description")
    if description is not None and description.is_string():
        if YEARLY_FIGURE.search(description.text()):
            was = description.text()
            column = _eol_column(entries, description)
            description.fill()
            counts["description"] += 1
            description.comment = f"# was: {was}" if column is not None else f" # was: {was}"
            description.column = column or 0
            description.after = []  # ruamel's new comment replaces the old one and the lines it carried
    if "cost" in by_key:
        by_key["cost"].fill()
        counts["cost"] += 1
    loans = by_key.get("loans")
    for child in loans.children if loans is not None else []:
        if child.key in LOAN_FIGURES:
            child.fill()
            counts["loan figure"] += 1
    if "prior_fair_value_level" in by_key:
        entries.remove(by_key["prior_fair_value_level"])


def _eol_column(entries: list[Entry], entry: Entry) -> int | None:
    """The column ruamel gives a comment added at the end of entry's line (`CommentedMap._yaml_get_column`):
    that of the comment of the key before it, else after it, else of an earlier key sorted before it."""
    keys = [e.key for e in entries]
    i = keys.index(entry.key)
    slots = {e.key: e for e in entries if e.has_comment_slot}
    pre = keys[i - 1] if i > 0 else None
    post = keys[i + 1] if 0 < i < len(keys) - 1 else None  # ruamel finds no key after the first
    chosen = pre if pre in slots else post if post in slots else None
    if chosen is None:
        for k in keys:
            if k >= entry.key:
                break
            if k in slots:
                chosen = k
    if chosen is None:
        return None
    other = slots[chosen]
    if other.had_comment:
        # ruamel's lookup fails on a dropped comment with nothing below it and falls back to column 0
        return other.column if other.comment is not None or other.after else 0
    first = other.after[0]  # a record of the lines below only: it starts where they do
    return other.width if first == "" else len(first) - len(first.lstrip(" "))


def render(entries: list[Entry], indent: int, dash: bool) -> list[str]:
    """The lines ruamel writes for a holding's entries (or a nested mapping's, dash False)."""
    out = []
    for n, e in enumerate(entries):
        lead = " " * indent + ("- " if dash and n == 0 else "  " if dash else "")
        line = f"{lead}{e.key}:" + (f" {e.value}" if e.value is not None else "")
        if e.comment is not None:
            line += " " * max(e.column - len(line), 1) + e.comment
        out.append(line)
        if e.children is not None:
            out += render(e.children, indent + 4, dash=False)
        out += e.after
    return out
