"""No silent defaults: every balance is entered, and a tie-out failure names the lines most likely responsible."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from generator.cli import main

from .conftest import EXAMPLE

NEW_FUND = """      - identity: Vanguard Target 2040 Fund
        type: mutual_fund
        description: 300 shares of mutual fund
        current: 5000
        prior: 0
"""


def _check(path):
    result = CliRunner().invoke(main, ["check", str(path)])
    return result.exit_code, result.stderr


def test_a_new_fund_left_out_of_the_stated_totals_is_named_by_every_error(tmp_path):
    path = tmp_path / "2001.yaml"
    path.write_text(EXAMPLE.read_text().replace("      - identity: Fidelity Freedom 2030 Fund\n",
                                                NEW_FUND + "      - identity: Fidelity Freedom 2030 Fund\n"))
    code, err = _check(path)
    assert code == 1
    errors = [block for block in re.split(rf"^(?={re.escape(str(path))}:)", err, flags=re.M)
              if ": error: " in block.split("\n")[0]]
    assert len(errors) == 4  # total investments, total assets, net assets, and the roll
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if "current: 5000" in text)
    likely = (f"  likely: {path}:{line}:18: investments[0].holdings[16].current: \"Vanguard Target 2040 Fund\": "
              "its 2001 balance 5,000 is the difference")
    assert all(likely in block for block in errors)


def test_a_prior_balance_left_at_zero_is_named(tmp_path):
    path = tmp_path / "2001.yaml"
    text = EXAMPLE.read_text()
    assert text.count("        prior: 73075\n") == 1
    path.write_text(text.replace("        prior: 73075\n", "        prior: 0\n"))
    code, err = _check(path)
    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if "prior: 0" in text)
    assert (f"  likely: {path}:{line}:16: investments[0].holdings[12].prior: \"Janus Overseas Fund\" has no 2000 "
            "balance (prior: 0): is it missing?") in err


def test_json_findings_carry_the_likely_lines_with_their_places(tmp_path):
    path = tmp_path / "2001.yaml"
    path.write_text(EXAMPLE.read_text().replace("      - identity: Fidelity Freedom 2030 Fund\n",
                                                NEW_FUND + "      - identity: Fidelity Freedom 2030 Fund\n"))
    result = CliRunner().invoke(main, ["check", "--json", str(path)])
    findings = json.loads(result.stdout)
    stated = next(f for f in findings if f["path"] == "net_assets.stated.total_investments.current")
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if "current: 5000" in text)
    assert stated["related"] == [{"path": "investments[0].holdings[16].current",
                                  "note": "\"Vanguard Target 2040 Fund\": its 2001 balance 5,000 is the difference",
                                  "file": str(path), "line": line, "column": 18}]
    consent = next(f for f in findings if f["path"] == "auditor.consent.date")
    assert consent["severity"] == "warning" and consent["exception"] == "consent_before_report"
