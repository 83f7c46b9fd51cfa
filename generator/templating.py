"""Find templates along an ordered list of directories and make the Jinja environment."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment


def builtin_templates() -> Path:
    """The package's own templates: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "text").is_dir():
            return candidate
    raise FileNotFoundError("elevenk's templates are missing from the installation")


def search_path(user_dirs: list[Path] | None = None) -> list[Path]:
    """User directories first, then the built-in templates; the first match wins."""
    return [Path(d) for d in (user_dirs or [])] + [builtin_templates()]


def environment(user_dirs: list[Path] | None = None, autoescape: bool = False) -> jinja2.Environment:
    """A sandboxed, strict environment: a missing value is an error, never a blank."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(user_dirs)]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["join_and"] = join_and
    env.filters["rstrip"] = lambda s: str(s).rstrip()
    return env


def join_and(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
