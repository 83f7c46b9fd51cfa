"""Years that agree: the file's name and fiscal_year_end; dates of the audit; exceptions recorded in the manifest;
historical dates in notes that stay put when the file is rolled forward."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import check

from .conftest import EXAMPLE

MINIMAL = Path(__file__).parent / "bad_inputs" / "valid_minimal.yaml"
CLEAN = EXAMPLE.read_text().split("\n# Rules set aside on purpose")[0].replace("date: 2001-06-28", "date: 2002-06-10")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


def test_a_file_named_for_another_year_is_not_built_over_that_year(tmp_path):
    plan = tmp_path / "plans" / "sos-staffing"
    plan.mkdir(parents=True)
    real = plan / "2002.yaml"
    real.write_text(MINIMAL.read_text().replace("2001-12-31", "2002-12-31").replace("2002-05-30", "2003-05-30")
                    .replace("2002-06-27", "2003-06-27"))
    wrong = plan / "2001.yaml"
    wrong.write_text(real.read_text())
    out = tmp_path / "out"
    assert run("build", str(real), "-o", str(out))[0] == 0
    built = out / "sos-staffing" / "2002" / "sos-staffing-2002.txt"
    before = built.read_bytes()

    code, text = run("build", str(wrong), "-o", str(out))
    assert code == 1
    assert (f"{wrong}:{line_of(wrong, 'fiscal_year_end')}:20: error: filing.fiscal_year_end: fiscal_year_end "
            "2002-12-31 is in 2002, but the file is named for 2001 (2001.yaml): the build would write 2002's "
            "filing") in text
    assert "hint: correct the year, or rename the file for its plan year; if it is deliberate, add exceptions: " \
           "{file_year: \"<why>\"}" in text
    assert built.read_bytes() == before

    # Accepted on purpose, it still never replaces the outputs of 2002.yaml beside it.
    wrong.write_text(wrong.read_text() + "exceptions:\n  file_year: kept under its old name\n")
    code, text = run("build", str(wrong), "-o", str(out))
    assert code == 1
    assert f"{wrong}: not built: {out / 'sos-staffing' / '2002'} holds the filing built from 2002.yaml beside it" in text
    assert built.read_bytes() == before


def test_a_folder_named_for_a_year_counts_too(tmp_path):
    path = tmp_path / "2000" / "plan.yaml"
    path.parent.mkdir()
    path.write_text(CLEAN)
    code, text = run("check", str(path))
    assert code == 1 and "but the file is named for 2000 (2000/)" in text


def test_a_consent_before_the_report_is_an_error_and_an_exception_is_recorded_in_the_manifest(tmp_path):
    path = tmp_path / "sos-staffing" / "2001.yaml"
    path.parent.mkdir()
    shutil.copy(EXAMPLE, path)
    without = path.read_text().split("\n# Rules set aside on purpose")[0]
    bare = tmp_path / "bare" / "2001.yaml"
    bare.parent.mkdir()
    bare.write_text(without)
    code, text = run("check", str(bare))
    assert code == 1
    assert (f"{bare}:{line_of(bare, '2001-06-28')}:11: error: auditor.consent.date: the consent is dated June 28, "
            "2001, before the auditor's report it consents to (May 30, 2002) and before the fiscal year end") in text
    assert "hint: a consent cannot predate the report: check the year; if it is deliberate, add exceptions: " \
           "{consent_before_report: \"<why>\"} (the build's manifest records it)" in text

    assert run("build", str(path), "-o", str(tmp_path / "out"))[0] == 0
    manifest = json.loads((tmp_path / "out" / "sos-staffing" / "2001" / "manifest.json").read_text())
    assert manifest["exceptions"] == [{
        "name": "consent_before_report",
        "reason": "the consent is dated June 28, 2001 in the filing as printed, before the report it consents to",
        "path": "auditor.consent.date",
        "finding": "the consent is dated June 28, 2001, before the auditor's report it consents to (May 30, 2002) "
                   "and before the fiscal year end (accepted: exceptions.consent_before_report: the consent is dated "
                   "June 28, 2001 in the filing as printed, before the report it consents to)"}]


def test_a_filing_date_past_the_deadline_is_an_error(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(CLEAN.replace("  commission_file_numbers: [0-26094]\n",
                                  "  commission_file_numbers: [0-26094]\n  filing_date: 2002-07-15\n"))
    code, text = run("check", str(path))
    assert code == 1
    assert (f"{path}:{line_of(path, 'filing_date')}:16: error: filing.filing_date: filing on July 15, 2002 misses "
            "the deadline June 29, 2002 (180 days after year-end)") in text


def test_a_historical_date_is_quoted_by_name_and_a_moving_one_is_flagged_by_rollforward(tmp_path):
    plan = tmp_path / "sos-staffing"
    plan.mkdir()
    source = plan / "2001.yaml"
    merger = ("      - text: >-\n          Effective July 1, {year}, the Inteliant plan was merged into the Plan;"
              " its participants joined on {dates.merger}.\n")
    text = EXAMPLE.read_text().replace("  - title: Income tax status\n", "  - title: Plan merger\n    blocks:\n"
                                       + merger + "\n  - title: Income tax status\n")
    source.write_text(text.replace("# Figures quoted only in the notes.\n",
                                   "dates:\n  merger: 2001-07-01\n\n# Figures quoted only in the notes.\n"))
    outcome = check(source)
    notes = [n for n in outcome.filing.notes if n.title == "Plan merger"][0]
    assert notes.blocks[0].text.endswith("its participants joined on July 1, 2001.")
    code, out = run("rollforward", str(source))
    assert code == 0, out
    assert ('note 4 "Plan merger" writes "July 1, {year}": it now reads "July 1, 2002"; a date that does not '
            "move with the plan year belongs under dates: and is quoted as {dates.NAME}") in " ".join(out.split())
    rolled = (plan / "2002.yaml").read_text()
    assert "  merger: 2001-07-01\n" in rolled and "exceptions:" not in rolled


def test_an_exception_for_a_rule_the_year_keeps_is_flagged(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(CLEAN + "exceptions:\n  consent_before_report: as printed\n")
    code, text = run("check", str(path))
    assert code == 0
    assert (f"{path}:{line_of(path, 'consent_before_report')}:26: warning: exceptions.consent_before_report: "
            "an exception for a rule this plan year keeps") in text
    assert "hint: remove it: the dates it accepted are no longer there" in text
