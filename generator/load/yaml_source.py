"""Read a YAML file into plain Python data, keeping the line and column of every key and value.

Strictness lives here: duplicate keys, merge keys, unknown tags, oversized or over-deep
documents are findings. Scalars keep their source text so money never passes through float.
"""

from __future__ import annotations

import bisect
import datetime as dt
import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from ..findings import ERROR, Finding, Location
from . import limits

MAX_BYTES = 32 * 1024 * 1024
MAX_NODES = 1_000_000  # about 300 MB at the most; a 20,000-row Schedule H is about 300,000
MAX_DEPTH = 64

Path_ = tuple  # a path into the data: keys and list indexes


class PlainInt(int):
    """An unquoted YAML integer that remembers how it was written."""

    source: str

    def __new__(cls, value: int, source: str) -> "PlainInt":
        obj = super().__new__(cls, value)
        obj.source = source
        return obj


class PlainFloat(str):
    """An unquoted YAML float, kept as its source text (never converted to float)."""


class PlainDate(dt.date):
    """An unquoted YAML date that remembers how it was written."""

    source: str

    def __new__(cls, value: dt.date, source: str) -> "PlainDate":
        obj = super().__new__(cls, value.year, value.month, value.day)
        obj.source = source
        return obj


class PlainText(str):
    """A YAML scalar the resolver typed (bool, null, timestamp...) kept as its source text."""


@dataclass
class Loaded:
    """The result of reading one YAML file."""

    file: str
    data: Any = None
    # (line, column) from 1 of each value and key, made into a Location when asked for (most never are)
    locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    sha256: str = ""  # of the bytes read: what the manifest records, even if the file changes later
    _lines: list[str] | None = field(default=None, repr=False, compare=False)

    def release(self) -> None:
        """Drop the parsed tree and the locations, keeping the source text (the PDF/A attachment)."""
        self.data = None
        self.locations = {}
        self.key_locations = {}
        self._lines = None

    def source_line(self, number: int) -> str | None:
        """Line `number` (from 1) of the text, or None past its end; the text is split once, not per finding."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[number - 1] if 0 < number <= len(self._lines) else None

    def where(self, path: Path_) -> Location | None:
        """The location of the value at path, or of its nearest located parent."""
        path = tuple(path)
        while True:
            if path in self.locations:
                return Location(self.file, *self.locations[path])
            if not path:
                return None
            path = path[:-1]

    def where_key(self, path: Path_) -> Location | None:
        at = self.key_locations.get(tuple(path))
        return Location(self.file, *at) if at else self.where(path)

    def where_text(self, path: Path_, needle: str) -> Location | None:
        """Where needle first stands in the source of the value at path, or None.

        A block scalar (`text: >-`) starts at its indicator and runs on while its lines are indented
        past its key: the needle (a `{name}` a note quotes, a phrase) is looked for on those lines.
        """
        start, key = self.locations.get(tuple(path)), self.key_locations.get(tuple(path))
        if start is None or not needle:
            return None
        lines = self.text.split("\n")
        (first, start_column), indent = start, (key or start)[1] - 1
        for i in range(first - 1, len(lines)):
            line = lines[i]
            if i >= first and line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                return None  # the value ended before the needle
            column = line.find(needle, start_column - 1 if i == first - 1 else 0)
            if column >= 0:
                return Location(self.file, i + 1, column + 1)
        return None


def dotted(path: Path_) -> str:
    """('holdings', 3, 'value') -> 'holdings[3].value'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def undotted(text: str) -> Path_:
    """'holdings[3].value' -> ('holdings', 3, 'value')."""
    parts: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_constructor = yaml.SafeLoader("")  # only its scalar converters are used


def read_yaml(path: str | Path, display_name: str | None = None) -> Loaded:
    """Read and parse path; problems are returned as findings, never raised."""
    name = display_name or str(path)
    out = Loaded(file=name)
    try:
        raw = read_source(path)
    except SourceTooLarge as exc:
        size = f"{exc.size:,} bytes" if exc.size else f"more than {MAX_BYTES:,} bytes"
        out.findings.append(_error(name, 1, 1, f"file is {size}; the limit is {MAX_BYTES:,}"))
        return out
    except OSError as exc:
        out.findings.append(_error(name, 0, 0, f"cannot read file: {exc.strerror or exc}"))
        return out
    return parse_yaml_bytes(raw, name)


class SourceTooLarge(Exception):
    """The file holds more than MAX_BYTES; size is what the file system reports, when it reports that much."""

    def __init__(self, size: int | None = None) -> None:
        super().__init__(size)
        self.size = size


def read_source(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """A plan-year file's bytes. Only a regular file is read (a device or a pipe could be endless or never
    answer), and its size is counted as it is read, never trusted from the file system."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a pipe?)"
            raise OSError(errno.EINVAL, f"it is {what}" if stat.S_ISDIR(mode) else what, str(path))
        if os.fstat(fd).st_size > limit:
            raise SourceTooLarge(os.fstat(fd).st_size)
        chunks, size = [], 0
        while size <= limit and (chunk := handle.read(min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    if size > limit:
        raise SourceTooLarge()
    return b"".join(chunks)


def parse_yaml_bytes(raw: bytes, name: str) -> Loaded:
    """Parse YAML bytes (UTF-8) into a Loaded."""
    out = Loaded(file=name, sha256=hashlib.sha256(raw).hexdigest())
    if len(raw) > MAX_BYTES:
        out.findings.append(_error(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}"))
        return out
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        out.findings.append(_error(name, line, col, f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                                   hint="save the file as UTF-8"))
        return out
    text = text.removeprefix("\ufeff")
    out.text = text
    if not text.strip():
        out.findings.append(_error(name, 1, 1, "file is empty"))
        return out
    position = _positions(text)
    try:
        out.data = _read_plain(text, out, position)
        return out
    except Exception:  # noqa: BLE001 (anything unusual, a finding included, is the full read's to report)
        out.locations, out.key_locations = {}, {}
    try:
        node = _Composer(text).compose()
    except _TooBig as exc:
        line, column = position(exc.mark) if exc.mark else (exc.line, exc.column)
        out.findings.append(_error(name, line, column, str(exc), hint=exc.hint))
        return out
    except yaml.reader.ReaderError as exc:
        out.findings.append(_unreadable_character(name, text, exc))
        return out
    except yaml.MarkedYAMLError as exc:
        out.findings.append(_syntax_error(name, text, exc, position))
        return out
    except yaml.YAMLError as exc:
        out.findings.append(_error(name, 1, 1, f"invalid YAML: {exc}"))
        return out
    if node is None:
        out.findings.append(_error(name, 1, 1, "file is empty"))
        return out
    walker = _Walker(out, position)
    try:
        out.data = walker.build(node, (), 0)
    except _TooBig as exc:
        out.data = None
        out.findings.append(_error(name, exc.line, exc.column, str(exc)))
    return out


SYNTAX = "yaml-syntax"  # the check of a syntax error: printed with its source line, as a value's finding is


def _error(file: str, line: int, col: int, message: str, hint: str = "", check: str = "yaml") -> Finding:
    return Finding(check, ERROR, message, "", Location(file, line, col), hint=hint)


class _TooBig(Exception):
    """The document is refused before it is built: too large, too deep, or a broken alias."""

    def __init__(self, message: str, line: int, column: int, hint: str = "", mark: yaml.Mark | None = None):
        super().__init__(message)
        self.line, self.column, self.hint, self.mark = line, column, hint, mark

    @classmethod
    def at(cls, mark: yaml.Mark, message: str, hint: str = "") -> "_TooBig":
        return cls(message, mark.line + 1, mark.column + 1, hint, mark)


_ODD_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


def _positions(text: str) -> Callable[[yaml.Mark], tuple[int, int]]:
    """(line, column), from 1, of a parser's mark, counting only newlines as line breaks, as editors and the
    finding's excerpt do (YAML also breaks lines at NEL, U+2028, U+2029 and a lone CR, even inside quotes)."""
    if not _ODD_BREAK.search(text):
        return lambda mark: (mark.line + 1, mark.column + 1)
    starts = [0] + [found.end() for found in re.finditer("\n", text)]

    def position(mark: yaml.Mark) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index)
        return line, mark.index - starts[line - 1] + 1
    return position


# libyaml when present: about five times faster, and the composer below never recurses in C or Python.
_Parser = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None
_Parser = _Parser or yaml.SafeLoader


class _Composer:
    """Build the node tree from parser events with an explicit stack, so no input can exhaust the
    call stack; count every value an alias expands to as it is met, so a billion-laughs document is
    refused after reading a few lines instead of after expanding them."""

    def __init__(self, text: str):
        self.parser = _Parser(text)
        self.anchors: dict[str, yaml.Node] = {}
        self.sizes: dict[int, int] = {}  # id(anchored node) -> values it expands to
        self.open: set[int] = set()  # collections still being read
        self.count = 0
        self.aliased = 0  # values added by aliases beyond the one each takes in the file

    def compose(self) -> yaml.Node | None:
        """The single document of the stream, or None when the stream holds none."""
        try:
            self.parser.get_event()  # stream start
            if self.parser.check_event(yaml.StreamEndEvent):
                return None
            self.parser.get_event()  # document start
            root = self._document()
            self.parser.get_event()  # document end
            if not self.parser.check_event(yaml.StreamEndEvent):
                raise _TooBig.at(self.parser.peek_event().start_mark,
                                 "the file holds a second YAML document; one plan year per file",
                                 hint="remove the '---' line and what follows, or split the file")
            return root
        finally:
            self.parser.dispose()

    def _document(self) -> yaml.Node:
        stack: list[list] = []  # [collection node, pending key, count when it opened]
        while True:
            event = self.parser.get_event()
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, _, started = stack.pop()
                node.end_mark = event.end_mark
                self.open.discard(id(node))
                if id(node) in self.sizes:
                    self.sizes[id(node)] = self.count - started
            else:
                node = self._node(event, len(stack))
                if isinstance(node, yaml.CollectionNode) and id(node) in self.open:
                    stack.append([node, None, self.count - 1])
                    continue
            if not stack:
                return node
            frame = stack[-1]
            if isinstance(frame[0], yaml.SequenceNode):
                frame[0].value.append(node)
            elif frame[1] is None:
                frame[1] = node
            else:
                frame[0].value.append((frame[1], node))
                frame[1] = None

    def _node(self, event: yaml.Event, depth: int) -> yaml.Node:
        """The node an event starts (a collection is left open) or the node an alias names."""
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        self._grow(1, event.start_mark)
        tag = event.tag
        if isinstance(event, yaml.ScalarEvent):
            if tag is None or tag == "!":
                tag = self.parser.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, None, style=event.style)  # end unused
        else:
            if depth >= MAX_DEPTH:
                raise _TooBig.at(event.start_mark, f"document is nested more than {MAX_DEPTH} levels deep")
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            if tag is None or tag == "!":
                tag = self.parser.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            self.open.add(id(node))
        if event.anchor is not None:
            if event.anchor in self.anchors:
                raise _TooBig.at(event.start_mark, f"anchor '&{event.anchor}' is defined twice",
                                 hint="give each anchor its own name")
            self.anchors[event.anchor] = node
            self.sizes[id(node)] = 1
        return node

    def _alias(self, event: yaml.AliasEvent) -> yaml.Node:
        node = self.anchors.get(event.anchor)
        if node is None:
            raise _TooBig.at(event.start_mark, f"alias '*{event.anchor}' refers to no anchor defined above it")
        if id(node) in self.open:
            raise _TooBig.at(event.start_mark, f"alias '*{event.anchor}' refers to a collection that contains it")
        self._grow(self.sizes[id(node)], event.start_mark)
        return node

    def _grow(self, values: int, mark: yaml.Mark) -> None:
        self.count += values
        self.aliased += values - 1
        if self.count <= MAX_NODES:
            return
        if self.aliased:
            raise _TooBig.at(mark, f"aliases expand the document to more than {MAX_NODES:,} values",
                             hint="write the values out; aliases are meant for small repeats")
        raise _TooBig.at(mark, f"the file holds more than {MAX_NODES:,} values", hint="split the file")


class _Unusual(Exception):
    """What the plain read leaves to the full one: an anchor, an alias, a tag, a finding, a limit approached."""


_SCALAR = yaml.ScalarEvent
_OPENS = {yaml.MappingStartEvent: yaml.MappingNode, yaml.SequenceStartEvent: yaml.SequenceNode}
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NO_KEY = object()


def _read_plain(text: str, out: Loaded, position: Callable[[yaml.Mark], tuple[int, int]]) -> Any:
    """The data of a document without anchors, aliases or tags that draws no finding, read from the parser's
    events in one pass (no node tree), with the locations _Composer and _Walker record, in their order.

    It is the full read's result, not a second reading of YAML: every value is resolved, converted, located
    and held to the same limits by the same code; at the first thing that would take the full read another
    way (an anchor, an alias, an explicit tag, a merge key, a duplicate key, a limit passed or approached, a
    syntax error, a second document) it raises, and the caller reads the file the full way.
    """
    parser = _Parser(text)
    try:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            raise _Unusual("empty")
        parser.get_event()  # document start
        locations, key_locations = out.locations, out.key_locations
        resolve, tags = parser.resolve, {}
        stack: list[list] = []  # [container, its path, the key its next value goes under (a map's) or None (a list's)]
        count = notes_text = holdings = 0
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind in _CLOSES:
                container, path, _ = stack.pop()
                items = len(container)
                if items > _FEWEST:  # _Walker.too_many, with nothing to say
                    where = dotted(path)
                    if kind is yaml.SequenceEndEvent and limits.pattern(where) == limits.HOLDINGS_PATH:
                        holdings += items
                        if holdings > limits.HOLDINGS:
                            raise _Unusual("holdings")
                    if items > (limits.items_limit(where) if kind is yaml.SequenceEndEvent else limits.ITEMS):
                        raise _Unusual("items")
                value = container
            else:
                if (kind is not _SCALAR and kind not in _OPENS) or event.anchor is not None or event.tag is not None:
                    raise _Unusual("alias, anchor or tag")
                count += 1
                if count > MAX_NODES:
                    raise _Unusual("nodes")
                if stack and stack[-1][2] is _NO_KEY:  # a mapping's key
                    frame = stack[-1]
                    if kind is not _SCALAR:
                        raise _Unusual("key")
                    tag = tags.get((event.value, event.implicit))
                    if tag is None:
                        tag = tags[event.value, event.implicit] = resolve(yaml.ScalarNode, event.value, event.implicit)
                    if tag == _STD + "merge":
                        raise _Unusual("merge key")
                    key = _nfc(event.value)
                    if (len(key) > _SHORTEST and len(key) > limits.KEY) or key in frame[0]:
                        raise _Unusual("key")
                    frame[2] = key
                    key_locations[frame[1] + (key,)] = position(event.start_mark)
                    continue
                if not stack:
                    path = ()
                elif type(stack[-1][0]) is dict:
                    path = stack[-1][1] + (stack[-1][2],)
                else:
                    path = stack[-1][1] + (len(stack[-1][0]),)
                locations[path] = position(event.start_mark)
                if kind is _SCALAR:
                    text_ = event.value
                    tag = tags.get((text_, event.implicit))
                    if tag is None:
                        tag = tags[text_, event.implicit] = resolve(yaml.ScalarNode, text_, event.implicit)
                    if tag not in _ALLOWED_TAGS:
                        raise _Unusual("tag")
                    if path and path[0] == "notes":
                        notes_text += len(text_)
                        if notes_text > limits.NOTES_TEXT:
                            raise _Unusual("notes")
                    if len(text_) > _SHORTEST and len(text_) > limits.text_limit(dotted(path)):
                        raise _Unusual("text")
                    value = _scalar(tag, text_)
                else:
                    if len(stack) >= MAX_DEPTH - 2:
                        raise _Unusual("depth")
                    if resolve(_OPENS[kind], None, event.implicit) not in _ALLOWED_TAGS:
                        raise _Unusual("tag")
                    value = {} if kind is yaml.MappingStartEvent else []
                    stack.append([value, path, _NO_KEY if kind is yaml.MappingStartEvent else None])
            if kind in _CLOSES:  # put in its parent as it opened
                if stack:
                    continue
            elif len(stack) > (0 if kind is _SCALAR else 1):  # into its parent: a map's keys in the file's order
                parent = stack[-1] if kind is _SCALAR else stack[-2]
                if type(parent[0]) is dict:
                    parent[0][parent[2]] = value
                    parent[2] = _NO_KEY
                else:
                    parent[0].append(value)
                continue
            elif kind is not _SCALAR:
                continue  # the root collection, opened
            parser.get_event()  # document end
            if not parser.check_event(yaml.StreamEndEvent):
                raise _Unusual("a second document")
            return value
    finally:
        parser.dispose()


def _scalar(tag: str, text: str) -> Any:
    """A scalar's value from its resolved tag and its source text: money and dates keep how they were written."""
    if tag == _STD + "str":
        return _nfc(text)
    if tag == _STD + "null":
        return None
    if tag == _STD + "float":
        return PlainFloat(text)
    if tag == _STD + "int" and text.isascii() and text.isdigit() and text[0] != "0":
        return PlainInt(int(text), text)  # what construct_yaml_int makes of plain decimal digits, quicker
    node = yaml.ScalarNode(tag, text)  # what the constructors read
    if tag == _STD + "bool":
        return _constructor.construct_yaml_bool(node)
    if tag == _STD + "int":
        try:
            return PlainInt(_constructor.construct_yaml_int(node), text)
        except ValueError:
            return PlainText(text)
    if tag == _STD + "timestamp":
        try:
            value = _constructor.construct_yaml_timestamp(node)
        except ValueError:
            return PlainText(text)
        if isinstance(value, dt.datetime):
            return PlainText(text)
        return PlainDate(value, text)
    return _nfc(text)


_BAD_CHARACTER = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unreadable_character(name: str, text: str, exc: yaml.reader.ReaderError) -> Finding:
    """A character YAML does not allow, located by searching the text (parsers count bytes or characters)."""
    found = _BAD_CHARACTER.search(text)
    at = found.start() if found else 0
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    code = ord(text[at]) if found else exc.character
    return _error(name, line, col, f"invalid YAML: control character U+{code:04X} is not allowed in the text",
                  hint="delete it; most editors do not show it")


def _syntax_error(name: str, text: str, exc: yaml.MarkedYAMLError,
                  position: Callable[[yaml.Mark], tuple[int, int]]) -> Finding:
    """Say what is wrong with the YAML syntax in plain words, at the place to fix."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = position(mark) if mark else (1, 1)
    lines = text.split("\n")
    here = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
    hint = ""
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark:
        line, col = position(exc.context_mark)
        message, hint = "a quoted value is never closed", "add the closing quote"
    elif ("flow sequence" in context or "flow mapping" in context) and exc.context_mark:
        line, col = position(exc.context_mark)
        bracket = "[ list" if "sequence" in context else "{ mapping"
        message, hint = f"this {bracket} is never closed, or its items are not separated by commas", \
            f"end it with {']' if 'sequence' in context else '}'} on the same line"
    elif here == "\t" or "tab" in problem:
        message, hint = "a tab character; YAML must be indented with spaces", "replace the tab with spaces"
    elif "mapping values are not allowed" in problem:
        message = "unexpected ':' (is this line indented too far, or is it a value containing ': '?)"
        hint = "line the key up with the keys above it, or put the value in quotes"
    elif "could not find expected ':'" in problem and "simple key" in context and exc.context_mark:
        # PyYAML notices on the next line; the key without its colon is where the scan began.
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        message = "this line has no ':' after its key"
        hint = "write `key: value`, with a space after the colon"
    elif "expected <block end>" in problem or "did not find expected" in problem and "block" in context:
        message = "this line is not indented like the lines around it"
        hint = "line each key up with the other keys of its mapping"
    elif "maximum nesting depth" in problem:
        message = f"document is nested more than {MAX_DEPTH} levels deep"
    else:
        message = " ".join(part for part in (problem, f"({context})" if context else "") if part) or "bad syntax"
    return _error(name, line, col, f"invalid YAML: {message}", hint=hint, check=SYNTAX)


_SHORTEST = min(limits.KEY, limits.TEXT, *limits.TEXTS.values())
_FEWEST = min(limits.ITEMS, *limits.LISTS.values())


class _Walker:
    """Turn a composed node tree into plain data, recording locations and problems, holding every value to
    the limits (see limits.py) as it goes."""

    def __init__(self, out: Loaded, position: Callable[[yaml.Mark], tuple[int, int]]):
        self.out = out
        self.nodes = 0
        self.holdings = 0
        self.notes_text = 0
        self.position = position

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.out.file, *self.position(node.start_mark))

    def too_many(self, node: yaml.Node, path: Path_) -> bool:
        """Whether a list or mapping holds more items than its limit (a finding says so)."""
        count = len(node.value)
        if count <= _FEWEST:
            return False
        where = dotted(path)
        if isinstance(node, yaml.SequenceNode) and limits.pattern(where) == limits.HOLDINGS_PATH:
            self.holdings += count
            if self.holdings > limits.HOLDINGS:
                self.problem(node, path, f"the plan year holds more than {limits.HOLDINGS:,} holdings "
                             f"({self.holdings:,} up to this list); the limit is {limits.HOLDINGS:,}",
                             hint="a larger Schedule H is beyond what elevenk builds in reasonable time")
                return True
        limit = limits.items_limit(where) if isinstance(node, yaml.SequenceNode) else limits.ITEMS
        if count > limit:
            what = "items" if isinstance(node, yaml.SequenceNode) else "keys"
            self.problem(node, path, f"{count:,} {what}; the limit here is {limit:,}")
            return True
        return False

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        self.out.findings.append(Finding("yaml", ERROR, message, dotted(path), self.loc(node), hint=hint))

    def too_much_note_text(self, node: yaml.ScalarNode, path: Path_) -> bool:
        """Whether the notes' text, counted up to and with this value, passes its limit (a finding says so once)."""
        self.notes_text += len(node.value)
        if self.notes_text <= limits.NOTES_TEXT or self.notes_text - len(node.value) > limits.NOTES_TEXT:
            return self.notes_text > limits.NOTES_TEXT
        self.problem(node, path, f"the notes hold more than {limits.NOTES_TEXT:,} characters of text up to here; "
                     f"the limit is {limits.NOTES_TEXT:,}", hint="a real filing's notes are about a tenth of that")
        return True

    def too_long(self, node: yaml.Node, path: Path_, text: str, limit: int | None = None) -> bool:
        """Whether a text value (or a key, given its limit) is longer than its limit (a finding says so)."""
        if len(text) <= _SHORTEST:
            return False
        limit = limit or limits.text_limit(dotted(path))
        if len(text) <= limit:
            return False
        what = "a key" if limit == limits.KEY else "text"
        self.problem(node, path, f"{what} of {len(text):,} characters; the limit here is {limit:,}", hint="shorten it")
        return True

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            loc = self.loc(node)
            raise _TooBig(f"document expands to more than {MAX_NODES:,} values (aliases used to inflate it?)",
                          loc.line, loc.column)
        if depth > MAX_DEPTH:
            loc = self.loc(node)
            raise _TooBig(f"document is nested more than {MAX_DEPTH} levels deep", loc.line, loc.column)
        self.out.locations.setdefault(path, self.position(node.start_mark))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, path, f"unsupported YAML tag {node.tag!r}", hint="remove the tag")
            return None
        # A value over its limit is read as empty: the finding says why, and the schema's findings about
        # the empty value only repeat it (validate drops them).
        if isinstance(node, yaml.ScalarNode):
            if path and path[0] == "notes" and self.too_much_note_text(node, path):
                return ""
            return "" if self.too_long(node, path, node.value) else self.scalar(node, path)
        if self.too_many(node, path):
            return {} if isinstance(node, yaml.MappingNode) else []
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                self.problem(key_node, path, "YAML merge keys ('<<') are not supported",
                             hint="write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be plain text")
                continue
            key = _nfc(key_node.value)
            if self.too_long(key_node, path, key, limits.KEY):
                continue
            if key in first_seen:
                self.problem(key_node, path + (key,),
                             f"duplicate key '{key}' (first defined at line {first_seen[key]})",
                             hint="each key may appear once in a mapping")
                continue
            first_seen[key] = self.position(key_node.start_mark)[0]
            self.out.key_locations[path + (key,)] = self.position(key_node.start_mark)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        return _scalar(node.tag, node.value)


def _nfc(text: str) -> str:
    """Text in composed form (NFC): an accent typed as a letter and a combining mark is the one letter."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)
