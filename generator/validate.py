"""Validate loaded YAML data against the schema; every problem becomes a located finding."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .findings import ERROR, Finding
from .schema import PlanYear
from .yamlsource import Loaded, dotted


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


def validate(loaded: Loaded) -> tuple[PlanYear | None, list[Finding]]:
    """Build the PlanYear model from loaded data; return it (or None) and the findings."""
    if not isinstance(loaded.data, dict):
        got = "a list" if isinstance(loaded.data, list) else "a single value"
        return None, [Finding("schema", ERROR, f"expected a mapping of keys at the top of the file, got {got}",
                              "", loaded.where(()))]
    try:
        return PlanYear.model_validate(loaded.data), []
    except ValidationError as exc:
        return None, [_finding(loaded, err) for err in exc.errors()]


def _finding(loaded: Loaded, err: dict) -> Finding:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        parent = loc[:-1]
        return Finding("schema", ERROR, f"missing required key '{loc[-1]}'", dotted(parent),
                       loaded.where(parent))
    if kind == "extra_forbidden":
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'?" if close else ""
        return Finding("schema", ERROR, f"unknown key '{key}'", dotted(loc), loaded.where_key(loc), hint=hint)
    message = _message(err)
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
