"""Every output EDGAR receives is validated before anything is published: a violation stops the build with its
place, and nothing is written (earlier outputs stay as they were)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import EXAMPLE

LONG = "This prose line is a good deal longer than the eighty characters that EDGAR allows outside a table."


def _plan(tmp_path: Path) -> Path:
    source = tmp_path / "sos-staffing" / "2001.yaml"
    source.parent.mkdir()
    shutil.copy(EXAMPLE, source)
    return source


def _override(tmp_path: Path, name: str, text: str) -> Path:
    """A firm's template folder whose one template is the built-in one with text added at its end."""
    folder = tmp_path / "firm"
    target = folder / name
    target.parent.mkdir(parents=True)
    builtin = Path(__file__).resolve().parent.parent / "templates" / name
    target.write_text(builtin.read_text() + text)
    return folder


def _build(source: Path, out: Path, formats: str, templates: Path | None = None) -> tuple[int, str]:
    args = ["build", str(source), "-o", str(out), "--format", formats]
    result = CliRunner().invoke(main, args + (["--templates", str(templates)] if templates else []))
    return result.exit_code, result.stderr


def test_a_text_line_over_80_characters_stops_the_build_and_nothing_is_written(tmp_path):
    source, out = _plan(tmp_path), tmp_path / "out"
    assert _build(source, out, "text,html")[0] == 0
    folder = out / "sos-staffing" / "2001"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    code, err = _build(source, out, "text,html", _override(tmp_path, "text/consent.txt.j2", "\n" + LONG + "\n"))
    assert code == 1
    assert f"{source}: not built: the EDGAR text filing breaks EDGAR's rules (1 violation); nothing was written" in err
    target = folder / "sos-staffing-2001.txt"
    assert f"{target}:" in err and ":81: line-length: line of 99 characters (at most 80)" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_html_that_edgar_refuses_stops_the_build(tmp_path):
    source, out = _plan(tmp_path), tmp_path / "out"
    folder = _override(tmp_path, "html/consent.html.j2", '\n<table><tbody><tr><th scope="col">x</th></tr></tbody></table>\n')
    code, err = _build(source, out, "html", folder)
    assert code == 1
    assert "not built: the EDGAR HTML filing breaks EDGAR's rules" in err
    assert ": dtd: No declaration for element tbody" in err
    assert ": dtd: No declaration for attribute scope of element th" in err
    assert not list(out.rglob("*.htm"))
