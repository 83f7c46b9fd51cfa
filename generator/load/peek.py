"""The fiscal year of a plan-year file, read from its YAML events without loading the file whole.

A batch build needs every file's output folder before it builds anything (two files that would publish
into one folder are an error up front); `filing:` comes first in a plan year, so this reads a few lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .yaml_source import SourceTooLarge, _Parser, read_source

_YEAR = re.compile(r"\s*(\d{4})-\d{1,2}-\d{1,2}\s*")
MAX_EVENTS = 2_000_000
WANTED = ("filing", "fiscal_year_end")


def fiscal_year(path: Path) -> int | None:
    """filing.fiscal_year_end's year, or None when the file cannot say (it fails its own build then)."""
    try:
        text = read_source(path).decode("utf-8")
        return _find(_Parser(text.removeprefix("\ufeff")))
    except (OSError, SourceTooLarge, UnicodeDecodeError, yaml.YAMLError):
        return None


def _find(parser) -> int | None:
    frames: list[list] = []  # per open collection: [is a mapping, its key being read, a key comes next, is a key]
    anchored: dict[str, str] = {}  # scalars by anchor: `fiscal_year_end: *end` is found too
    try:
        for _ in range(MAX_EVENTS):
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                if frames.pop()[3]:
                    frames[-1][2] = False  # a collection as a key (the loader refuses it): its value comes
                else:
                    _value_read(frames)
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                      yaml.AliasEvent)):
                continue
            is_key = bool(frames) and frames[-1][0] and frames[-1][2]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if is_key:
                    frames[-1][1] = None
                frames.append([isinstance(event, yaml.MappingStartEvent), None, True, is_key])
                continue
            if is_key:
                frames[-1][1] = getattr(event, "value", None)
                frames[-1][2] = False
                continue
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                anchored[event.anchor] = event.value
            value = anchored.get(event.anchor) if isinstance(event, yaml.AliasEvent) else getattr(event, "value", None)
            if value is not None and [f[1] if f[0] else [] for f in frames] == list(WANTED):
                found = _YEAR.fullmatch(value)
                return int(found[1]) if found else None
            _value_read(frames)
        return None
    finally:
        parser.dispose()


def _value_read(frames: list[list]) -> None:
    """A value of the innermost collection was read: in a mapping, a key comes next."""
    if frames and frames[-1][0]:
        frames[-1][2] = True
