"""Validate loaded YAML data against the schema; every problem becomes a located finding."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..findings import ERROR, Finding
from .schema import PlanYear
from .yaml_source import Loaded, dotted


def _all_field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every key name the schema knows, for 'did you mean' hints."""
    seen = set() if seen is None else seen
    names: set[str] = set()
    if model in seen:
        return names
    seen.add(model)
    for name, info in model.model_fields.items():
        names.add(name)
        for sub in _models_in(info.annotation):
            names |= _all_field_names(sub, seen)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    return found


_KNOWN_KEYS = sorted(_all_field_names(PlanYear))


def _keys_beside(parent: tuple) -> list[str]:
    """The keys allowed in the mapping at parent (for 'did you mean'); every known key if it cannot be told."""
    annotation: Any = PlanYear
    for part in parent:
        if isinstance(part, int):
            continue  # a list index: _models_in looks inside list[...] already
        fields = [m.model_fields[part] for m in _models_in(annotation) if part in m.model_fields]
        if not fields:
            return _KNOWN_KEYS
        annotation = fields[0].annotation
    models = _models_in(annotation)
    return sorted({name for m in models for name in m.model_fields}) if models else _KNOWN_KEYS


def _suggest(loc: tuple) -> str | None:
    """The allowed key closest to the unknown key at loc, if one is close."""
    close = difflib.get_close_matches(str(loc[-1]), _keys_beside(loc[:-1]), n=1, cutoff=0.75)
    return close[0] if close else None


def validate(loaded: Loaded) -> tuple[PlanYear | None, list[Finding]]:
    """Build the PlanYear model from loaded data; return it (or None) and the findings."""
    if not isinstance(loaded.data, dict):
        got = "a list" if isinstance(loaded.data, list) else "a single value"
        return None, [Finding("schema", ERROR, f"expected a mapping of keys at the top of the file, got {got}",
                              "", loaded.where(()))]
    try:
        return PlanYear.model_validate(loaded.data), []
    except ValidationError as exc:
        errors = exc.errors()
    # A typo such as 'curent' is one mistake: report the unknown key, not also the 'current' it misses.
    typos = {(tuple(e["loc"][:-1]), _suggest(tuple(e["loc"]))) for e in errors if e["type"] == "extra_forbidden"}
    findings = [_finding(loaded, e) for e in errors
                if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in typos)]
    flagged = {f.path for f in loaded.findings}
    return None, [f for f in findings if not _follows_from(f, flagged)]


def _follows_from(finding: Finding, flagged: set[str]) -> bool:
    """A schema finding about a value the loader already refused (a bad tag, a merge key) only repeats it.

    Looks up the finding's path and each path above it (a set lookup each), so a file with a finding on
    every one of 25,000 holdings is not compared pair by pair."""
    if "" in flagged and finding.message.startswith("missing required key"):
        return True
    path = finding.path
    return bool(path) and (path in flagged or any(path[:i] in flagged for i, c in enumerate(path) if c in ".[" and i))


# Why a required key has no default, for the keys a preparer is most tempted to leave out.
MISSING_HINTS = {
    "prior": "every balance is entered at both year-ends; write prior: 0 if there was none at the prior "
             "year-end (a balance is never assumed)",
}


def _finding(loaded: Loaded, err: dict) -> Finding:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        parent = loc[:-1]
        return Finding("schema", ERROR, f"missing required key '{loc[-1]}'", dotted(parent),
                       loaded.where(parent), hint=MISSING_HINTS.get(str(loc[-1]), ""))
    if kind == "extra_forbidden":
        key = str(loc[-1])
        close = _suggest(loc)
        allowed = _keys_beside(loc[:-1])
        hint = (f"did you mean '{close}'?" if close else
                f"the keys allowed here are {', '.join(allowed)}" if allowed is not _KNOWN_KEYS else "")
        return Finding("schema", ERROR, f"unknown key '{key}'", dotted(loc), loaded.where_key(loc), hint=hint)
    message = _message(err)
    if loc and loc[-1] == "[key]":  # a key of a mapping (exceptions:, facts:) that is not allowed: point at the key
        message = message.split(", got ")[0]
        return Finding("schema", ERROR, f"unknown key '{loc[-2]}': {message}", dotted(loc[:-1]),
                       loaded.where_key(loc[:-1]))
    return Finding("schema", ERROR, message, dotted(loc), loaded.where(loc))


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    got = err.get("input")
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {_show(got)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {_show(got)}"
    if kind == "list_type":
        return f"expected a list, got {_show(got)}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s)"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_show(got)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_show(got)}"
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return err["msg"].lower()
    return err["msg"]


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = getattr(value, "source", None) or str(value)
    return f'"{text}"' if len(text) < 60 else f'"{text[:57]}..."'
