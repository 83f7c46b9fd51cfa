"""The EDGAR .htm document, HTML escaping, and template overrides (--templates and the `templates:` key)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.money import group
from generator.pipeline import check, render
from generator.render.edgar_lint import lint_html
from generator.render.html import amount_text, inline_styles

from .test_render_pdf import SIGNED, statement_figures


def build(tmp_path: Path, text: str, *args: str, name: str = "2001.yaml") -> tuple[int, str, Path]:
    """Write a plan year into tmp_path/plan/ and build it; returns exit code, output and the output root."""
    plan = tmp_path / "plan"
    plan.mkdir(exist_ok=True)
    (plan / name).write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-o", str(out), *args, str(plan / name)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output, out


def htm(out: Path) -> str:
    return next(out.rglob("*.htm")).read_bytes().decode("ascii")


@pytest.fixture(scope="module")
def edgar(tmp_path_factory) -> tuple[str, object]:
    tmp = tmp_path_factory.mktemp("html")
    code, output, out = build(tmp, SIGNED, "--format", "html")
    assert code == 0, output
    return htm(out), check(tmp / "plan" / "2001.yaml")


def test_edgar_document_keeps_the_rules(edgar):
    text, _ = edgar
    assert lint_html(text) == []
    assert not re.search(r"<(style|script|link|form|iframe|object)\b", text, re.I)
    assert " class=" not in text and ' style="' in text
    assert text.startswith('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
                           '"http://www.w3.org/TR/html4/loose.dtd">')


def test_every_statement_figure_is_in_the_document(edgar):
    text, outcome = edgar
    assert not [v for v in statement_figures(outcome.filing) if v and group(v) not in text]
    assert "&#8212;" in text  # zero as a dash, written as an entity


def test_sections_in_order_with_a_contents_list_of_them(edgar):
    text, _ = edgar
    ids = re.findall(r'<div id="(\w+)"', text)
    assert ids == ["cover", "contents", "auditor_report", "net_assets", "changes", "notes", "schedule_h",
                   "signatures", "consent"]
    # EDGAR's validation does not recognise <a>: the contents lists the titles as text.
    contents = text[text.index('<div id="contents"'):text.index('<div id="auditor_report"')]
    titles = ["Independent Auditors&#39; Report", "Statements of Net Assets Available for Benefits",
              "Statement of Changes in Net Assets Available for Benefits", "Notes to Financial Statements",
              "Schedule 1 - Schedule H, Line 4i - Schedule of Assets (Held at End of Year)"]
    assert [t for t in titles if t in contents] == titles and "href=" not in text
    assert text.count("The accompanying notes are an integral part of these financial statements.") == 2


def test_user_text_is_escaped_and_non_ascii_becomes_entities(tmp_path):
    text = SIGNED.replace("name: SOS Staffing Services, Inc. 401(k) Plan",
                          'name: "SOS <script>alert(1)</script> & Caf\u00e9 401(k) Plan"')
    code, output, out = build(tmp_path, text, "--format", "html")
    assert code in (0, 1), output
    document = htm(out)
    assert "<script>" not in document
    assert "SOS &lt;script&gt;alert(1)&lt;/script&gt; &amp; Caf&#233; 401(k) Plan" in document
    assert lint_html(document) == []


def test_amounts_split_so_parentheses_hang():
    from decimal import Decimal
    assert (amount_text(Decimal("-545303")).text, amount_text(Decimal("-545303")).close) == ("(545,303", ")")
    assert amount_text(Decimal("0")).text == "\u2014"
    assert amount_text(None).text == ""
    assert amount_text(Decimal("1234.5"), 2).text == "1,234.50"


def test_inline_styles_accept_only_class_rules():
    assert inline_styles("/* c */ .a, .b { x: 1; y: 2 }\n.a { z: 3 }") == {"a": "x: 1; y: 2; z: 3", "b": "x: 1; y: 2"}
    with pytest.raises(ValueError, match="simple class selectors"):
        inline_styles("p { color: red }")


COVER_OVERRIDE = "<p>{{ py.plan.name }} by {{ who }}</p>\n"


def test_user_templates_come_before_the_plans_and_the_packages(tmp_path):
    plan_tpl = tmp_path / "plan" / "firm" / "html"
    plan_tpl.mkdir(parents=True)
    (plan_tpl / "cover.html.j2").write_text(COVER_OVERRIDE.replace("{{ who }}", "the plan's folder"))
    (plan_tpl / "contents.html.j2").write_text("<p>PLAN CONTENTS</p>\n")
    code, output, out = build(tmp_path, SIGNED + "templates: firm\n", "--format", "html")
    assert code == 0, output
    assert "by the plan's folder" in htm(out) and "PLAN CONTENTS" in htm(out)

    user = tmp_path / "user" / "html"
    user.mkdir(parents=True)
    (user / "cover.html.j2").write_text(COVER_OVERRIDE.replace("{{ who }}", "--templates"))
    code, output, out = build(tmp_path, SIGNED + "templates: firm\n", "--format", "html",
                              "--templates", str(tmp_path / "user"))
    assert code == 0, output
    document = htm(out)
    assert "by --templates" in document and "PLAN CONTENTS" in document  # user first, then the plan's
    assert "Statements of Net Assets Available for Benefits" in document  # then the package's


@pytest.mark.parametrize("value", ["../elsewhere", "/tmp"])
def test_plan_templates_may_not_leave_the_plans_folder(tmp_path, value):
    (tmp_path / "elsewhere").mkdir()
    code, output, out = build(tmp_path, SIGNED + f"templates: {value}\n", "--format", "html")
    assert code == 2
    line = len(SIGNED.split("\n"))
    assert re.search(rf"2001\.yaml:{line}:\d+: templates: '{re.escape(value)}' leads outside", output), output
    assert not out.exists() or not list(out.rglob("*.htm"))


def test_a_symlinked_template_folder_leading_outside_is_refused(tmp_path):
    (tmp_path / "outside" / "html").mkdir(parents=True)
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "firm").symlink_to(tmp_path / "outside")
    code, output, _ = build(tmp_path, SIGNED + "templates: firm\n", "--format", "html")
    assert code == 2 and "leads outside" in output


def test_a_symlinked_template_file_leading_outside_is_refused(tmp_path):
    secret = tmp_path / "secret.html.j2"
    secret.write_text("<p>{{ py.plan.name }} secret</p>")
    (tmp_path / "user" / "html").mkdir(parents=True)
    (tmp_path / "user" / "html" / "cover.html.j2").symlink_to(secret)
    code, output, _ = build(tmp_path, SIGNED, "--format", "html", "--templates", str(tmp_path / "user"))
    assert code == 2 and "symlink leading outside" in output


def test_a_broken_user_template_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "user" / "html").mkdir(parents=True)
    (tmp_path / "user" / "html" / "cover.html.j2").write_text("{{ py.plan.nmae }}\n")
    code, output, _ = build(tmp_path, SIGNED, "--format", "html", "--templates", str(tmp_path / "user"))
    assert code == 2 and "nmae" in output


def test_html_and_text_come_from_the_same_figures(edgar):
    _, outcome = edgar
    text = render(outcome, ["text"])["text"].decode("ascii")
    for value in statement_figures(outcome.filing):
        if value:
            assert group(value) in text

