"""The Jinja environment: templates found along the search path (`template_paths`), sandboxed, compiled once."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2

from .template_limits import BoundedSandbox

# The search path is template_paths' (the PDF press uses it without Jinja); its names are importable from here too.
from .template_paths import (  # noqa: F401
    ASSETS,
    TemplateProblem,
    builtin_templates,
    find_confined,
    plan_template_dir,
    search_path,
)

MAX_TEMPLATE = 1024 * 1024  # bytes of one template file (elevenk's own are a few thousand)


class ConfinedLoader(jinja2.BaseLoader):
    """FileSystemLoader's search, refusing any template that leads outside its directory."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = [Path(r) for r in roots]

    def get_source(self, environment: jinja2.Environment, template: str):
        for root in self.roots:
            path = find_confined(root, template)
            if path is not None:
                stat = path.stat()
                if stat.st_size > MAX_TEMPLATE:
                    raise TemplateProblem(f"{path}: a template of {stat.st_size:,} bytes; "
                                          f"the limit is {MAX_TEMPLATE:,}")
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    raise TemplateProblem(f"{path}: not UTF-8 text") from None
                return text, str(path), lambda: path.stat().st_mtime == stat.st_mtime
        raise jinja2.TemplateNotFound(template)


def environment(user_dirs: list[Path] | None = None, autoescape=False) -> jinja2.Environment:
    """A sandboxed, strict environment: a missing value is an error, never a blank, and template code is held
    to bounded loops, strings and output (template_limits).

    autoescape is a bool or a function of the template name (HTML templates escape, text ones do not).
    """
    env = _Sandbox(
        loader=ConfinedLoader(search_path(user_dirs)),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled(autoescape),
    )
    env.filters["join_and"] = join_and
    env.filters["rstrip"] = lambda s: str(s).rstrip()
    return env


class _Sandbox(BoundedSandbox):
    """The bounded sandbox (template_limits), deciding once per type and attribute name whether a template
    may read an attribute.

    The sandbox's answer depends on the object only through isinstance tests, that is on its class, and on
    the name: the answer for one object is the answer for every object of its class. A 2,000-row schedule
    asks 30,000 times, a third of the time its HTML takes. An object whose `__class__` is not its type is
    asked about every time.
    """

    _answers: dict[tuple[type, str], bool] = {}  # (class, attribute) -> may a template read it

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        kind = type(obj)
        if obj.__class__ is not kind:
            return super().is_safe_attribute(obj, attr, value)
        answer = self._answers.get((kind, attr))
        if answer is None:
            answer = self._answers[(kind, attr)] = super().is_safe_attribute(obj, attr, value)
        return answer


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once, not once per environment or per process: compiling the templates of a
    filing costs more than rendering them, a build makes an environment per format and a batch worker
    one per plan. Kept in memory, and on disk in the user's cache folder when it can be written
    (ELEVENK_CACHE_DIR moves it; set it empty to keep nothing on disk). Keyed by template name and file
    and checked against the source, as Jinja's bytecode caches are; one cache per way of compiling."""

    def __init__(self, folder: Path | None) -> None:
        self.store: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None and self.folder is not None:
            try:
                data = (self.folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if data is not None:
            bucket.bytecode_from_string(data)  # a stale or damaged entry resets the bucket: compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            from ..writer import write_atomic

            try:
                write_atomic(self.folder / f"{bucket.key}.cache", data)
            except OSError:
                self.folder = None  # a read-only home: keep compiling in memory only


_CACHES: dict[str, _CompiledTemplates] = {}
_REFERENCES: dict[str, tuple] = {}  # key of a template source -> the templates it names


def referenced_templates(env: jinja2.Environment, source: str) -> tuple[str | None, ...]:
    """The templates a template source includes, imports or extends, as `jinja2.meta` finds them (None for
    one named by an expression). Parsing costs more than laying out a small filing: each source is parsed
    once, and the answer kept in memory and in the user's cache folder beside the compiled templates, keyed
    by the source and the delimiters it was parsed with."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    key = hashlib.sha256(json.dumps([syntax, source]).encode("utf-8")).hexdigest()
    if key not in _REFERENCES:
        folder = _cache_folder("references")
        record = folder / f"{key}.json" if folder is not None else None
        found = _recorded(record)
        if found is None:
            from jinja2 import meta

            found = tuple(meta.find_referenced_templates(env.parse(source)))
            _record(record, found)
        _REFERENCES[key] = found
    return _REFERENCES[key]


def _recorded(record: Path | None) -> tuple[str | None, ...] | None:
    """The names kept in record; None when there is none or it is not a list of names."""
    try:
        found = json.loads(record.read_text(encoding="utf-8")) if record is not None else None
    except (OSError, ValueError):
        return None
    if isinstance(found, list) and all(ref is None or isinstance(ref, str) for ref in found):
        return tuple(found)
    return None


def _record(record: Path | None, found: tuple) -> None:
    if record is None:
        return
    from ..writer import write_atomic

    try:
        write_atomic(record, json.dumps(found).encode("utf-8"))
    except OSError:
        pass  # a read-only home: parsed again next time


def _cache_folder(kind: str) -> Path | None:
    from .disk_cache import cache_root

    root = cache_root()
    # "bounded": compiled with template_limits' loop and string bounds, never reused from before them
    return root / f"templates-{jinja2.__version__}-bounded" / kind if root is not None else None


def _compiled(autoescape) -> _CompiledTemplates:
    """The cache for environments that compile alike: autoescape is decided at compile time."""
    kind = f"{autoescape.__module__}.{autoescape.__qualname__}" if callable(autoescape) else f"escape-{autoescape}"
    if kind not in _CACHES:
        _CACHES[kind] = _CompiledTemplates(_cache_folder(kind.replace("<", "").replace(">", "")))
    return _CACHES[kind]


def join_and(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
