"""An import's edits to the holdings made on their lines, giving the bytes the ruamel round trip gives.

The holdings are read out of the plan-year text as `holdings_rollforward` reads them for the roll-forward
(the same entries, placeholders and splice: one mechanism). The importer edits them through `TextHolding`
and `TextGroup`, which behave as ruamel's CommentedMap and CommentedSeq do for the operations it uses:
a value set on an existing key keeps a quoted string's quotes, a new string is quoted as ruamel's emitter
quotes it, a key taken out takes its comment and the lines below it. Whatever this module does not write
exactly as ruamel does raises NotCanonical, and the import goes through the whole round trip instead.
"""

from __future__ import annotations

import functools
import io
import re

from .holdings_rollforward import MAX_LINE, PLACEHOLDER, Entry, NotCanonical, TextGroups, read_groups, render, \
    resolves_to_string, splice
from .yaml_roundtrip import SourceNumber

_PLACEHOLDER = re.compile(PLACEHOLDER.format(r"([0-9]+)"))
# Words the emitter writes plain in a block mapping (given they load as a string): ASCII letters and digits first
# and last, between them spaces and punctuation that is no indicator there (a comma only matters in flow style).
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,()/&+-]*[A-Za-z0-9.)])?")


class TextHolding:
    """One holding read as text, edited as ruamel's CommentedMap is."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def _entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def __contains__(self, key: str) -> bool:
        return self._entry(key) is not None

    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def get(self, key: str, default=None):
        """The value of a key holding a string (quotes taken off); NotCanonical for any other value."""
        e = self._entry(key)
        if e is None:
            return default
        if not e.is_string():
            raise NotCanonical("a value that is not a string read")
        return e.text()

    def __getitem__(self, key: str):
        if key not in self:
            raise KeyError(key)
        return self.get(key)

    def __setitem__(self, key: str, value) -> None:
        e = self._entry(key)
        if e is None:
            self.entries.append(Entry(key, written(value, None)))
        elif e.value is None:
            raise NotCanonical("a nested mapping replaced")
        else:
            e.value = written(value, e.value)

    def insert(self, pos: int, key: str, value) -> None:
        self.entries.insert(pos, Entry(key, written(value, None)))

    def pop(self, key: str, default=None):
        e = self._entry(key)
        if e is None:
            return default
        self.entries.remove(e)  # with its comment and the lines below it, as ruamel drops them
        return e.text()

    def drop_eol_comment(self, key: str) -> None:
        """`yaml_roundtrip.drop_eol_comment` on this holding: the comment at the end of key's line goes, the
        lines below it stay."""
        e = self._entry(key)
        if e is not None:
            e.comment = None

    def comment_text(self, key: str) -> str | None:
        """key's comment as ruamel holds it (its end-of-line comment, then the lines below); None without one."""
        e = self._entry(key)
        if e is None or not (e.comment is not None or e.after):
            return None
        return (e.comment or "") + "\n" + "\n".join(e.after)


class TextGroup(list):
    """One investment group's holdings (TextHolding), a list as ruamel's CommentedSeq is; a new holding
    appended as a mapping is written as ruamel writes a new mapping."""

    def append(self, holding) -> None:
        if not isinstance(holding, TextHolding):
            holding = TextHolding([Entry(str(key), written(value, None)) for key, value in holding.items()])
        super().append(holding)


class TextHoldings:
    """Every group's holdings of a plan-year text, to edit, then to put back into the dumped skeleton."""

    def __init__(self, read: TextGroups) -> None:
        self.skeleton = read.skeleton
        self.groups = [TextGroup(TextHolding(entries) for entries in holdings) for holdings in read.holdings]
        self.indents = read.indents

    def of(self, seq) -> TextGroup | None:
        """The text group a skeleton's holdings sequence stands for (its one placeholder item), or None."""
        if len(seq) == 1 and isinstance(seq[0], str):
            m = _PLACEHOLDER.fullmatch(seq[0])
            if m is not None:
                return self.groups[int(m.group(1))]
        return None

    def new_group(self) -> str:
        """The placeholder of a new, empty group, for a new group's holdings sequence in the skeleton."""
        self.groups.append(TextGroup())
        self.indents.append(self.indents[0])  # every group of investments is indented alike
        return PLACEHOLDER.format(len(self.groups) - 1)

    def splice(self, dumped: str) -> str | None:
        """The dumped skeleton with each group's holdings written in place of its placeholder; None when the
        round trip moved a placeholder."""
        lines = [[line for h in group for line in render(h.entries, indent, dash=True)]
                 for group, indent in zip(self.groups, self.indents)]
        return splice(dumped, lines, self.indents)


def read_holdings(text: str, data: dict) -> TextHoldings:
    """The holdings of text, each checked against the loaded data (same groups, same identities, same keys);
    NotCanonical when the text is not in the form the round trip writes back unchanged."""
    read = read_groups(text)
    groups = data.get("investments") or []
    if len(read.holdings) != len(groups):
        raise NotCanonical("groups")
    for holdings, group in zip(read.holdings, groups):
        raws = group.get("holdings") or []
        if len(holdings) != len(raws):
            raise NotCanonical("holdings")
        for entries, raw in zip(holdings, raws):
            by_key = {e.key: e for e in entries}
            if len(by_key) != len(entries) or set(by_key) != set(raw) or "identity" not in by_key \
                    or by_key["identity"].text() != str(raw["identity"]):
                raise NotCanonical("identity")
    return TextHoldings(read)


def written(value, old: str | None) -> str:
    """value as ruamel writes it for a key whose value was old (as written, quotes included; None for a new key):
    a string set in place of a quoted one keeps its quotes (CommentedMap.__setitem__), any other string is
    quoted as the emitter chooses."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise NotCanonical("a value of another type")
    quote = old[0] if old and old[0] in "'\"" else None
    text = str(value)
    if isinstance(value, SourceNumber) and quote is None:
        return text  # a float, written as its digits
    if not text or "\n" in text or len(text) > MAX_LINE:
        raise NotCanonical("a string written over lines")
    if quote is None and _PLAIN.fullmatch(text) and resolves_to_string(text):
        return text  # what the emitter's analysis allows plain at once, without it
    analysis = _emitter().analyze_scalar(text)
    if analysis.multiline:
        raise NotCanonical("a string written over lines")
    if quote is None and analysis.allow_block_plain and resolves_to_string(text):
        return text
    if quote is None and analysis.allow_double_quoted and "'" in text:
        return _double_quoted(text)
    if quote != '"' and analysis.allow_single_quoted:
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    """text in double quotes, when it needs no escape (else NotCanonical: the round trip writes it)."""
    for ch in text:
        if ch in '"\\\x85\u2028\u2029\ufeff' or not (" " <= ch <= "~" or "\xa0" <= ch <= "\ud7ff"
                                                    or "\ue000" <= ch <= "\ufffd"):
            raise NotCanonical("a string with an escape")
    return f'"{text}"'


@functools.lru_cache(maxsize=1)
def _emitter():
    from ruamel.yaml.emitter import Emitter

    return Emitter(io.StringIO(), allow_unicode=True)  # as yaml_roundtrip's YAML() writes: Unicode as it is
