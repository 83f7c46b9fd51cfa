"""`elevenk check`: the example's real findings, and a dozen ways to break a copy of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import EXAMPLE

SOURCE = EXAMPLE.read_text()
CLEAN = SOURCE.replace("date: 2001-06-28", "date: 2002-06-10").split("\n# Rules set aside on purpose")[0] + """
signatures:
  date: 2002-06-12
  signers:
    - name: Kevin Hardy
      title: Chief Financial Officer
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def variant(tmp_path: Path, old: str, new: str, base: str = CLEAN, count: int = 1) -> Path:
    assert base.count(old) >= 1, f"{old!r} not in the example"
    path = tmp_path / "plan.yaml"
    path.write_text(base.replace(old, new, count))
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


def test_example_reports_exactly_its_real_inconsistencies():
    code, out = run("check", str(EXAMPLE))
    assert code == 0
    findings = [ln for ln in out.split("\n") if re.match(r"\S+:\d+:\d+: (error|warning):", ln)]
    assert len(findings) == 2, out
    assert "consent is dated June 28, 2001, before the auditor's report" in out
    assert "no signatures" in out
    code, _ = run("check", "--strict", str(EXAMPLE))
    assert code == 1


def test_clean_file_is_silent(tmp_path):
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN)
    assert run("check", "--strict", str(path)) == (0, "")


def test_changed_holding_breaks_the_stated_totals(tmp_path):
    path = variant(tmp_path, "current: 852540", "current: 852541")
    code, out = run("check", str(path))
    assert code == 1
    where = line_of(path, "total_investments:")
    assert f"{path}:{where}:" in out
    assert "net_assets.stated.total_investments.current: stated total investments at 2001 year-end " \
           "does not agree with the figures" in out
    assert "computed:   3,998,823" in out and "stated:     3,998,822" in out and "difference: -1" in out


def test_changed_contribution_breaks_additions_and_the_roll(tmp_path):
    path = variant(tmp_path, "amount: 892081", "amount: 892080")
    code, out = run("check", str(path))
    assert code == 1
    assert "changes.stated.total_additions: stated total additions does not agree" in out
    assert "the statement of changes does not roll to the statement of net assets" in out
    assert "difference: -1" in out


def test_missing_required_field(tmp_path):
    path = variant(tmp_path, "  fiscal_year_end: 2001-12-31\n", "")
    code, out = run("check", str(path))
    assert code == 2
    assert f"{path}:{line_of(path, 'report: annual')}:3: error: filing: missing required key 'fiscal_year_end'" in out


def test_duplicate_key(tmp_path):
    path = variant(tmp_path, "  ein: 87-0295503\n", "  ein: 87-0295503\n  ein: 87-0295504\n")
    code, out = run("check", str(path))
    assert code == 2
    first = line_of(path, "ein: 87-0295503")
    assert f"{path}:{first + 1}:3: error: plan.ein: duplicate key 'ein' (first defined at line {first})" in out


def test_money_with_three_decimals(tmp_path):
    path = variant(tmp_path, "current: 1046\n", "current: 1046.505\n")
    code, out = run("check", str(path))
    assert code == 2
    where = line_of(path, "1046.505")
    assert f"{path}:{where}:18: error: investments[1].holdings[1].current: expected an amount, " \
           f'got "1046.505" (more than two decimal places)' in out


def test_money_with_thousands_separator(tmp_path):
    path = variant(tmp_path, "current: 1046\n", "current: 1,O46\n")
    code, out = run("check", str(path))
    assert code == 2
    assert f'{path}:{line_of(path, "1,O46")}:18: error: investments[1].holdings[1].current: ' \
           f'expected an amount, got "1,O46"' in out


def test_decimal_amount_is_exact_and_cents_are_refused_in_a_whole_dollar_filing(tmp_path):
    path = variant(tmp_path, "current: 1046\n", "current: 1046.00\n")
    assert run("check", "--strict", str(path)) == (0, "")
    path = variant(tmp_path, "current: 1046\n", "current: 1046.50\n")
    code, out = run("check", str(path))
    assert code == 1
    assert "investments[1].holdings[1].current: 1046.50 has cents but the filing is presented in whole dollars" in out


def test_impossible_date(tmp_path):
    path = variant(tmp_path, "date: 2002-05-30", "date: 2002-02-30")
    code, out = run("check", str(path))
    assert code == 2
    assert f"{path}:{line_of(path, '2002-02-30')}:11: error: auditor.report.date: 2002-02-30 is not a real date" in out


def test_report_dated_before_year_end_is_an_error_unless_accepted(tmp_path):
    path = variant(tmp_path, "date: 2002-05-30", "date: 2001-11-30")
    code, out = run("check", str(path))
    assert code == 1
    assert f"{path}:{line_of(path, '2001-11-30')}:11: error: auditor.report.date: the auditor's report is dated " \
           "November 30, 2001, not after the fiscal year end December 31, 2001" in out
    assert "hint: if it is deliberate, add exceptions: {report_before_year_end: \"<why>\"} (the build's manifest " \
           "records it)" in out
    path.write_text(path.read_text() + "exceptions:\n  report_before_year_end: a draft dated before year-end\n")
    code, out = run("check", str(path))
    assert code == 0
    assert "warning: auditor.report.date: the auditor's report is dated November 30, 2001, not after the fiscal " \
           "year end December 31, 2001 (accepted: exceptions.report_before_year_end: a draft dated before " \
           "year-end)" in out


def test_report_after_the_180_day_deadline(tmp_path):
    path = variant(tmp_path, "date: 2002-05-30", "date: 2002-07-15")
    code, out = run("check", "--strict", str(path))
    assert code == 1
    assert "after the filing deadline June 29, 2002 (180 days after year-end)" in out


def test_unknown_key_with_a_suggestion(tmp_path):
    path = variant(tmp_path, "current: 219054", "curent: 219054")
    code, out = run("check", str(path))
    assert code == 2
    where = line_of(path, "curent: 219054")
    assert f"{path}:{where}:9: error: investments[0].holdings[1].curent: unknown key 'curent'" in out
    assert "did you mean 'current'?" in out
    assert "missing required key" not in out, "the typo explains the missing key: no follow-on error"


def test_wrong_type_for_a_flag(tmp_path):
    path = variant(tmp_path, "party_in_interest: true", "party_in_interest: maybe")
    code, out = run("check", str(path))
    assert code == 2
    assert 'investments[0].holdings[0].party_in_interest: expected true or false, got "maybe"' in out


def test_ein_in_the_wrong_form(tmp_path):
    path = variant(tmp_path, "ein: 87-0295503", "ein: 870295503")
    code, out = run("check", str(path))
    assert code == 2
    assert 'plan.ein: expected an EIN such as 87-0295503, got "870295503"' in out


def test_unknown_figure_in_a_note(tmp_path):
    path = variant(tmp_path, "{count.mutual_funds}", "{count.mutal_funds}")
    code, out = run("check", str(path))
    assert code == 1
    assert "unknown figure {count.mutal_funds} (did you mean {count.mutual_funds}?)" in out
    # at the line that holds it inside the folded text, not at the text's `>-`
    line = line_of(path, "{count.mutal_funds}")
    col = path.read_text().split("\n")[line - 1].index("{count.mutal_funds}") + 1
    assert f"{path}:{line}:{col}: error: notes[0].blocks[2].text: unknown figure {{count.mutal_funds}}" in out


def test_count_typed_into_prose_is_checked(tmp_path):
    path = variant(tmp_path, "{count.mutual_funds} mutual funds", "16 mutual funds")
    code, out = run("check", "--strict", str(path))
    assert code == 1
    assert 'note 1 says "16 mutual funds" but the plan holds 17' in out
    line = line_of(path, "16 mutual funds")
    assert f"{path}:{line}:{path.read_text().split(chr(10))[line - 1].index('16 mutual funds') + 1}: warning:" in out


def test_tab_indentation(tmp_path):
    path = variant(tmp_path, "  ein: 87-0295503", "\tein: 87-0295503")
    code, out = run("check", str(path))
    assert code == 2
    assert f"{path}:{line_of(path, 'ein: 87')}:1: error: invalid YAML" in out


def test_all_errors_are_reported_at_once(tmp_path):
    text = CLEAN.replace("ein: 87-0295503", "ein: 8").replace("number: \"002\"", "number: \"2\"")
    path = tmp_path / "two.yaml"
    path.write_text(text)
    code, out = run("check", str(path))
    assert code == 2
    assert "plan.ein: expected an EIN" in out and "plan.number: expected a three-digit plan number" in out


def test_findings_as_json(tmp_path):
    path = variant(tmp_path, "current: 852540", "current: 852541")
    code, out = run("check", "--json", str(path))
    assert code == 1
    findings = json.loads(out)
    first = findings[0]
    assert first["check"] == "stated-totals" and first["expected"] == "3998823" and first["actual"] == "3998822"
    assert first["difference"] == "-1" and first["line"] == line_of(path, "total_investments:")


def test_build_refuses_a_broken_file_and_writes_nothing(tmp_path):
    path = variant(tmp_path, "current: 852540", "current: 852541")
    code, out = run("build", str(path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "not built" in out
    assert not (tmp_path / "out").exists()


def test_schema_is_json_schema_with_every_section():
    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert set(schema["required"]) >= {"filing", "plan", "issuer", "investments", "changes", "auditor"}
    assert "Holding" in schema["$defs"] and schema["$defs"]["Holding"]["additionalProperties"] is False


@pytest.mark.parametrize("command", ["build", "check", "schema", "names"])
def test_every_command_has_help(command):
    code, out = run(command, "--help")
    assert code == 0 and "Usage:" in out


def test_breakdown_by_type_must_add_up_to_the_face_amount(tmp_path):
    label = "label: Net depreciation in fair value of securities\n"
    ok = variant(tmp_path, label, label + "          amount: -545303\n")
    assert run("check", "--strict", str(ok)) == (0, "")
    path = variant(tmp_path, label, label + "          amount: -545300\n")
    code, out = run("check", str(path))
    assert code == 1
    assert f"{path}:{line_of(path, 'amount: -545300')}:19: error: changes.additions[1].lines[0].amount: " \
           "the breakdown by type does not add up to the amount on the face of the statement" in out
    assert "face:       -545,300" in out and "by type:    -545,303" in out and "difference: -3" in out
