"""Find templates along an ordered list of directories and make the Jinja environment."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .template_limits import BoundedSandbox

ASSETS = Path(__file__).resolve().parents[1] / "assets"  # fonts and other files a stylesheet may name


def builtin_templates() -> Path:
    """The package's own templates: inside the installed package, or at the top of a checkout."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "text").is_dir():
            return candidate
    raise FileNotFoundError("elevenk's templates are missing from the installation")


def search_path(user_dirs: list[Path] | None = None) -> list[Path]:
    """User directories first (--templates, then the plan's `templates:`), then the built-in ones;
    the first match wins."""
    return [Path(d) for d in (user_dirs or [])] + [builtin_templates()]


MAX_TEMPLATE = 1024 * 1024  # bytes of one template file (elevenk's own are a few thousand)


class TemplateProblem(Exception):
    """A template or asset that cannot be used; the message is for the user."""


def find_confined(root: Path, name: str) -> Path | None:
    """The file `name` under root, or None when absent; TemplateProblem when it leads outside root
    (through `..` or a symlink)."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts or name.startswith("/"):
        raise TemplateProblem(f"'{name}': a template name may not leave its folder")
    candidate = Path(root, *parts)
    if not candidate.is_file():
        return None
    if not candidate.resolve().is_relative_to(Path(root).resolve()):
        raise TemplateProblem(f"{candidate}: a symlink leading outside {root} is refused")
    return candidate


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


def plan_template_dir(source: Path, value: str) -> Path:
    """The plan's `templates:` folder, relative to its YAML file; it must stay inside the YAML's folder
    (no `..`, no symlink out). Raises TemplateProblem."""
    root = Path(source).resolve().parent
    folder = (root / value).resolve()
    if Path(value).is_absolute() or not folder.is_relative_to(root):
        raise TemplateProblem(f"templates: '{value}' leads outside {root}; keep plan templates beside the YAML")
    if not folder.is_dir():
        raise TemplateProblem(f"templates: '{value}' is not a folder ({folder})")
    return folder


def environment(user_dirs: list[Path] | None = None, autoescape=False) -> jinja2.Environment:
    """A sandboxed, strict environment: a missing value is an error, never a blank, and template code is held
    to bounded loops, strings and output (template_limits).

    autoescape is a bool or a function of the template name (HTML templates escape, text ones do not).
    """
    env = BoundedSandbox(
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
