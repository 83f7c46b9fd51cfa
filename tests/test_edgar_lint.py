"""`elevenk lint-edgar`: our documents pass; planted violations are caught, each with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render.edgar_lint import lint, lint_html, lint_text

from .conftest import EXAMPLE


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    code, output = run("build", "--format", "text,html", "-o", str(out), str(EXAMPLE))
    assert code == 0, output
    return {p.suffix: p for p in out.rglob("sos-staffing-2001.*")}


def test_our_documents_pass(built):
    assert run("lint-edgar", str(built[".htm"]), str(built[".txt"])) == (0, "")


def plant(path: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of path with old replaced by new (once); returns the copy and the line of the change."""
    text = path.read_text()
    assert old in text
    at = text.index(old)
    copy = tmp_path / path.name
    copy.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return copy, text[:at].count("\n") + 1


@pytest.mark.parametrize("old, new, rule", [
    ("<body", "<script>alert(1)</script>\n<body", "element"),
    ("</body>", '<p onclick="go()">x</p>\n</body>', "script"),
    ("<title>", "<style>p { color: red }</style>\n<title>", "element"),
    ("</body>", '<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>\n</body>', "nested-table"),
    ("</body>", '<p>\u2019</p>\n</body>', "character"),
    ("</body>", '<a href="https://example.com/">x</a>\n</body>', "external"),
    ("</body>", '<img src="data:image/gif;base64,R0lGOD=">\n</body>', "data-uri"),
    ("</body>", '<img src="logo.png">\n</body>', "image"),
    ("</body>", '<p style="background: url(x.gif)">x</p>\n</body>', "external"),
    ("</body>", '<form><input name="q"></form>\n</body>', "element"),
])
def test_planted_html_violations_are_caught_at_their_line(built, tmp_path, old, new, rule):
    copy, line = plant(built[".htm"], tmp_path, old, new)
    code, output = run("lint-edgar", str(copy))
    assert code == 1
    assert f"{copy}:{line}:" in output and f": {rule}: " in output, output


def test_links_within_the_filing_and_to_edgar_archives_are_fine():
    html = ('<html><head><title>t</title></head><body><a href="#notes">n</a><a href="ex23.htm">e</a>'
            '<a href="https://www.sec.gov/Archives/edgar/data/1/x.htm">s</a><img src="logo.gif"></body></html>')
    assert lint_html(html) == []


def test_each_nested_table_is_one_finding_and_siblings_are_fine():
    html = ("<html><head><title>t</title></head><body>\n<table><tr><td>1</td></tr></table>\n<table><tr><td>\n"
            "<table><tr><td>2</td></tr></table>\n</td></tr></table></body></html>")
    found = lint_html(html)
    assert [(v.line, v.rule) for v in found] == [(4, "nested-table")]


def test_what_edgar_html_dtd_does_not_declare_is_a_violation_at_its_line():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html"><title>t</title></head><body>\n'
            '<table>\n<tbody><tr><th scope="col">a</th></tr></tbody>\n</table>\n<p><span>x</span></p></body></html>')
    found = {(v.line, v.rule, v.message) for v in lint_html(html)}
    assert found == {
        (1, "dtd", "No declaration for attribute http-equiv of element meta"),
        (2, "dtd", "Element table content does not follow the DTD, expecting (caption? , tr+), got (tbody)"),
        (3, "dtd", "No declaration for element tbody"),
        (3, "dtd", "No declaration for attribute scope of element th"),
        (5, "dtd", "Element span is not declared in p list of possible children"),
        (5, "dtd", "No declaration for element span"),
    }


def test_planted_text_violations_are_caught_at_their_line(built, tmp_path):
    prose = "This prose line is exactly eighty-one characters long, one more than EDGAR allows"
    assert len(prose) == 81
    text = built[".txt"].read_text()
    planted = text.replace("Plan's management.", "Plan\u2019s management.", 1).replace(
        "<PAGE>", "\n" + prose + "\n\n<PAGE> x", 1)
    copy = tmp_path / "planted.txt"
    copy.write_text(planted, encoding="utf-8")
    code, output = run("lint-edgar", str(copy))
    assert code == 1
    lines = planted.split("\n")
    curly = next(i for i, ln in enumerate(lines, 1) if "\u2019" in ln)
    long = lines.index(prose) + 1
    page = next(i for i, ln in enumerate(lines, 1) if ln == "<PAGE> x")
    col = lines[curly - 1].index("\u2019") + 1
    assert f"{copy}:{curly}:{col}: character: U+2019" in output
    assert f"{copy}:{long}:81: line-length: line of 81 characters (at most 80)" in output
    assert f"{copy}:{page}:1: page-tag:" in output
    assert len(output.strip().split("\n")) == 4, output  # three violations and the count line
    assert output.strip().endswith("\n3 violations in 1 of 1 document"), output


def test_text_rules_in_detail():
    assert [v.rule for v in lint_text("\ufeffok\n")] == ["bom"]
    assert [(v.line, v.column, v.rule) for v in lint_text("a\nb^c\n")] == [(2, 2, "character")]
    assert lint_text("tab\there\fform feed\r\n") == []
    table = "Fund" + " " * 100 + "1,234   5,678"
    assert len(table) > 80 and lint_text(table + "\n") == []
    assert [v.rule for v in lint_text(table + " " * 30 + "9" + "\n")] == ["line-length"]  # over 132
    heading = ["Description" + " " * 75 + "Value", "-" * 100, "x" + " " * 90 + "1"]
    assert lint_text("\n".join(heading)) == []  # a heading line belongs to its table


def test_kind_is_told_by_name_or_content():
    assert "element" in {v.rule for v in lint("x.txt", b"<html><script></script></html>")}
    assert lint("x.htm", b"plain words").__class__ is list
    assert lint("x.txt", "\u00e9\n".encode())[0].rule == "character"


def test_unreadable_file_exits_2(tmp_path):
    code, output = run("lint-edgar", str(tmp_path / "missing.htm"))
    assert code == 2 and "cannot read" in output
