"""`elevenk init`: a new plan year from a few answers, valid but for its TODO fields, and ready for an import."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from generator.workflows.yaml_check import to_fill_and_problems

from .conftest import ROOT

ANSWERS = ["--plan-name", "Acme Corp. 401(k) Plan", "--sponsor", "Acme Corp.", "--ein", "12-3456789",
           "--plan-number", "002"]


def run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_flags_write_a_plan_year_whose_only_problems_are_todo(tmp_path):
    code, out = run(["init", str(tmp_path / "acme"), *ANSWERS, "--year-end", "2024-12-31"])
    assert code == 0, out
    path = tmp_path / "acme" / "2024.yaml"
    assert out.startswith(f"wrote {path}: 36 fields to fill (report style pcaob)")
    text = path.read_text()
    to_fill, problems = to_fill_and_problems(text, str(path))
    assert problems == [] and len(to_fill) == 36
    assert 'name: "Acme Corp. 401(k) Plan"' in text and "ein: 12-3456789" in text and 'number: "002"' in text
    assert "fiscal_year_end: 2024-12-31" in text and "style: pcaob" in text


def test_answers_are_asked_for_and_an_old_year_gets_the_gaas_report(tmp_path):
    stdin = "Acme Corp. 401(k) Plan\nAcme Corp.\n12-3456789\n\n2001-12-31\n"
    code, out = run(["init", str(tmp_path / "acme")], stdin)
    assert code == 0, out
    text = (tmp_path / "acme" / "2001.yaml").read_text()
    assert 'number: "001"' in text and "style: gaas" in text and "presentation: itemized" in text


def test_a_bad_answer_is_refused_and_an_existing_file_kept(tmp_path):
    code, out = run(["init", str(tmp_path / "acme"), *ANSWERS[:4], "--ein", "123456789", "--plan-number", "002",
                     "--year-end", "2024-12-31"])
    assert code == 2 and 'expected something like 87-0295503, got "123456789"' in out
    assert not (tmp_path / "acme").exists()
    args = ["init", str(tmp_path / "acme"), *ANSWERS, "--year-end", "2024-12-31"]
    assert run(args)[0] == 0
    code, out = run(args)
    assert code == 1 and "2024.yaml exists; not overwritten (use --force to replace it)" in out
    assert run(args + ["--force"])[0] == 0


def test_the_trustee_report_fills_in_the_investments_of_a_new_plan(tmp_path):
    args = ["--plan-name", "SOS Staffing Services, Inc. 401(k) Plan", "--sponsor", "SOS Staffing Services, Inc.",
            "--ein", "87-0295503", "--plan-number", "002", "--year-end", "2001-12-31"]
    assert run(["init", str(tmp_path / "sos"), *args])[0] == 0
    plan = tmp_path / "sos" / "2001.yaml"
    code, out = run(["import", "holdings", str(ROOT / "docs/trustee/sos-staffing-2001.csv"), "--into", str(plan),
                     "--force"])
    assert code == 0, out
    assert "0 updated, 19 added, 0 no longer held (current 0, prior kept), 0 removed" in out
    to_fill, problems = to_fill_and_problems(plan.read_text(), str(plan))
    assert problems == []
    assert not [f for f in to_fill if f.path.startswith("investments")]  # the placeholder holding is gone
    assert "caption: Mutual funds" in plan.read_text() and "caption: Employer securities" in plan.read_text()
