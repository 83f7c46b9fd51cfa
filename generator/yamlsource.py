"""Read a YAML file into plain Python data, keeping the line and column of every key and value.

Strictness lives here: duplicate keys, merge keys, unknown tags, oversized or over-deep
documents are findings. Scalars keep their source text so money never passes through float.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import ERROR, Finding, Location

MAX_BYTES = 32 * 1024 * 1024
MAX_NODES = 2_000_000
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
    locations: dict[Path_, Location] = field(default_factory=dict)
    key_locations: dict[Path_, Location] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""

    def where(self, path: Path_) -> Location | None:
        """The location of the value at path, or of its nearest located parent."""
        path = tuple(path)
        while True:
            if path in self.locations:
                return self.locations[path]
            if not path:
                return None
            path = path[:-1]

    def where_key(self, path: Path_) -> Location | None:
        return self.key_locations.get(tuple(path)) or self.where(path)


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
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            out.findings.append(_error(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"))
            return out
        raw = Path(path).read_bytes()
    except OSError as exc:
        out.findings.append(_error(name, 0, 0, f"cannot read file: {exc.strerror or exc}"))
        return out
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, name: str) -> Loaded:
    """Parse YAML bytes (UTF-8) into a Loaded."""
    out = Loaded(file=name)
    if len(raw) > MAX_BYTES:
        out.findings.append(_error(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}"))
        return out
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.findings.append(_error(name, line, col, f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                                   hint="save the file as UTF-8"))
        return out
    text = text.removeprefix("\ufeff")
    out.text = text
    if not text.strip():
        out.findings.append(_error(name, 1, 1, "file is empty"))
        return out
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "\t" in (problem or "") or "'\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation)"
        out.findings.append(_error(name, line, col, f"invalid YAML: {problem}"))
        return out
    except yaml.YAMLError as exc:
        out.findings.append(_error(name, 1, 1, f"invalid YAML: {exc}"))
        return out
    except RecursionError:
        out.findings.append(_error(name, 1, 1, "invalid YAML: the document is nested too deeply"))
        return out
    if node is None:
        out.findings.append(_error(name, 1, 1, "file is empty"))
        return out
    walker = _Walker(out)
    try:
        out.data = walker.build(node, (), 0)
    except _TooBig as exc:
        out.data = None
        out.findings.append(_error(name, exc.line, exc.column, str(exc)))
    return out


def _error(file: str, line: int, col: int, message: str, hint: str = "") -> Finding:
    return Finding("yaml", ERROR, message, "", Location(file, line, col), hint=hint)


class _TooBig(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line, self.column = line, column


class _Walker:
    """Turn a composed node tree into plain data, recording locations and problems."""

    def __init__(self, out: Loaded):
        self.out = out
        self.nodes = 0

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.out.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        self.out.findings.append(Finding("yaml", ERROR, message, dotted(path), self.loc(node), hint=hint))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            loc = self.loc(node)
            raise _TooBig(f"document expands to more than {MAX_NODES:,} values (aliases used to inflate it?)",
                          loc.line, loc.column)
        if depth > MAX_DEPTH:
            loc = self.loc(node)
            raise _TooBig(f"document is nested more than {MAX_DEPTH} levels deep", loc.line, loc.column)
        self.out.locations.setdefault(path, self.loc(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, path, f"unsupported YAML tag {node.tag!r}", hint="remove the tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

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
            key = key_node.value
            if key in first_seen:
                self.problem(key_node, path + (key,),
                             f"duplicate key '{key}' (first defined at line {first_seen[key]})",
                             hint="each key may appear once in a mapping")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.out.key_locations[path + (key,)] = self.loc(key_node)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        text, tag = node.value, node.tag
        if tag == _STD + "str":
            return text
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == _STD + "int":
            try:
                return PlainInt(_constructor.construct_yaml_int(node), text)
            except ValueError:
                return PlainText(text)
        if tag == _STD + "float":
            return PlainFloat(text)
        if tag == _STD + "timestamp":
            try:
                value = _constructor.construct_yaml_timestamp(node)
            except ValueError:
                return PlainText(text)
            if isinstance(value, dt.datetime):
                return PlainText(text)
            return PlainDate(value, text)
        return text
