"""Where templates and assets are found: the ordered search path, and files confined to their folders.

Apart from the Jinja environment (`templating`) so that the PDF press can find fonts and stylesheets
without importing Jinja.
"""

from __future__ import annotations

from pathlib import Path

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
