"""The large-plan example (Calloway, FY2015): the Plan's interest in a master trust, a stable value fund at fair
value with the adjustment to contract value (negative in 2015, positive in 2014), amounts in thousands, grouped
contributions receivable, two auditors' reports and two consents. It checks clean, builds in every format, and
its statements foot, roll and tie to the master trust note, Schedule H and the Form 5500 crosswalk as printed."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model.scale import presented
from generator.pipeline import check, render
from generator.render.edgar_lint import lint
from generator.workflows.build import AVAILABLE

from .conftest import ROOT, page_with

LARGE = ROOT / "plan_data" / "calloway" / "2015.yaml"
SOURCE = LARGE.read_text()
NUMBER = r"\$?\s*\(?[\d,]+\)?"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = SOURCE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "2015.yaml"
    path.write_text(text)
    return path


def figure(text: str) -> Decimal:
    """A printed figure: $ and separators dropped, parentheses negative."""
    text = text.replace("$", "").replace(",", "").strip()
    return -Decimal(text[1:-1]) if text.startswith("(") else Decimal(text)


@pytest.fixture(scope="module")
def outcome():
    result = check(LARGE)
    assert not result.input_failed
    return result


@pytest.fixture(scope="module")
def shown(outcome):
    return presented(outcome.filing)


@pytest.fixture(scope="module")
def outputs(outcome) -> dict[str, bytes]:
    return render(outcome, list(AVAILABLE))


@pytest.fixture(scope="module")
def text(outputs) -> str:
    return outputs["text"].decode("ascii")



def line_figures(page: str, label: str) -> list[Decimal]:
    """The figures on the line of a page that starts with label (after any indent)."""
    line = next(ln for ln in page.splitlines() if ln.strip().startswith(label))
    return [figure(f) for f in re.findall(r"\$?\s*\(?\d[\d,]*\)?", line[len(line) - len(line.lstrip()) + len(label):])]


# ---------------------------------------------------------------- clean and buildable


def test_check_strict_is_silent():
    assert run("check", "--strict", str(LARGE)) == (0, "")


def test_builds_to_every_available_format_within_edgars_rules(outputs, tmp_path):
    assert set(outputs) == set(AVAILABLE) - {"ixbrl"}  # the Inline XBRL submission is a folder (test_ixbrl.py)
    for name in ("text", "html"):
        if name in outputs:
            assert lint(f"x.{'txt' if name == 'text' else 'htm'}", outputs[name]) == []
    code, out = run("build", str(LARGE), "--format", ",".join(AVAILABLE), "-o", str(tmp_path))
    assert code == 0, out
    assert len(list(tmp_path.rglob("calloway-2015.*"))) == len(AVAILABLE) - 1
    assert (tmp_path / "calloway" / "2015" / "ixbrl" / "cm-20151231.htm").is_file()


def test_nine_and_ten_digit_figures_in_dollars_stay_within_edgars_columns(tmp_path):
    """The same plan printed in dollars (figures up to $6,025,523,348): no text line over 132 columns, none over
    80 outside a table."""
    path = variant(tmp_path, ("  in_thousands: true\n", ""))
    outcome = check(path)
    assert outcome.exit_code(strict=True) == 0
    built = render(outcome, ["text", "html"])
    assert lint("x.txt", built["text"]) == [] and lint("x.htm", built["html"]) == []
    assert "6,025,523,348" in built["text"].decode("ascii")


# ---------------------------------------------------------------- the statements as printed


def test_the_statement_of_net_assets_foots_with_the_adjustment_changing_sign(text):
    page = page_with(text, "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS\n")
    assert "(In thousands)" in page
    interest = line_figures(page, "Plan interest in Master Trust")
    loans = line_figures(page, "NOTES RECEIVABLE FROM PARTICIPANTS")
    receivable = line_figures(page, "TOTAL CONTRIBUTIONS RECEIVABLE")
    assert [sum(p) for p in zip(line_figures(page, "Participant"), line_figures(page, "Employer"))] == receivable
    assets = line_figures(page, "TOTAL ASSETS")
    assert [a + b + c for a, b, c in zip(interest, loans, receivable)] == assets
    at_fair_value = line_figures(page, "NET ASSETS REFLECTING ALL INVESTMENTS AT FAIR VALUE")
    assert [a - b for a, b in zip(assets, line_figures(page, "ACCRUED ADMINISTRATIVE EXPENSES"))] == at_fair_value
    adjustment = [figure(f) for f in re.findall(r"INVESTMENT CONTRACTS +(\(?[\d,]+\)?) +(\(?[\d,]+\)?)\n", page)[0]]
    assert adjustment[0] < 0 < adjustment[1]  # the adjustment changes sign between the two years
    net = line_figures(page, "NET ASSETS AVAILABLE FOR BENEFITS")
    assert [a + b for a, b in zip(at_fair_value, adjustment)] == net == [Decimal(4434589), Decimal(4239477)]
    assert "TOTAL INVESTMENTS" not in page and "TOTAL LIABILITIES" not in page  # one line each


def test_the_statement_of_changes_rolls_as_printed(text):
    page = page_with(text, "STATEMENT OF CHANGES IN NET ASSETS\n")
    additions = line_figures(page, "TOTAL ADDITIONS")[0]
    deductions = line_figures(page, "TOTAL DEDUCTIONS")[0]
    increase = line_figures(page, "NET INCREASE")[0]
    assert additions - deductions == increase
    beginning, end = line_figures(page, "Beginning of year")[0], line_figures(page, "End of year")[0]
    assert beginning + increase == end == Decimal(4434589) and beginning == Decimal(4239477)
    contributions = [line_figures(page, label)[0] for label in ("Participant", "Employer", "Rollover")]
    assert sum(contributions) == line_figures(page, "Total contributions")[0]


def test_the_master_trust_note_ties_to_the_statement(shown, text):
    trust = shown.master_trust
    for year, column in zip(trust.years, ("current", "prior")):
        fair_value_row = next(r for r in year.rows if r.label == "Net assets at fair value")
        assert fair_value_row.plan == getattr(shown.master_trust_interest, column)  # the statement's line
        assert year.plan_net_assets == getattr(shown.master_trust_interest + shown.contract_adjustment, column)
        assert year.total_investments == sum(r.trust for r in year.rows if r.kind == "line"
                                             and r.label not in ("Receivables for investments sold",
                                                                 "Accrued interest and dividends",
                                                                 "Payables for investments purchased",
                                                                 "Accrued expenses")
                                             and not r.label.startswith("Adjustment"))
    assert trust.income.plan_total == shown.change_by_kind["master_trust_income"] == Decimal(110360)
    note = text[text.index("NOTE 3 -"):text.index("NOTE 4 -")]
    assert re.search(r"Net assets +\$6,022,662 +\$4,330,627\n", note)
    assert re.search(r"Net investment income +\$ 161,010 +\$ 110,360\n", note)
    assert "the Plan's interest was 71.9% of the Master Trust's net assets at fair value at December 31, 2015 " \
           "(72.0% at December 31, 2014)" in " ".join(note.split())
    assert "(3,872)" in note  # derivative liabilities, negative


def test_the_master_trust_fair_value_tables_total_to_its_investments(shown):
    trust = shown.master_trust
    for table, year in zip(trust.fair_value, trust.years):
        assert table.total == next(r.trust for r in year.rows if r.label == "Total investments at fair value")
        assert table.hierarchy.total + table.nav == table.total
        assert table.subject == "Master Trust investments"


def test_schedule_h_lists_only_what_the_plan_holds_outside_the_master_trust(shown, text):
    assert [r.identity for r in shown.schedule_rows] == ["Participant loans"]
    assert shown.schedule_total == shown.notes_receivable.amount.current == Decimal(98765)
    schedule = text[text.index("SCHEDULE H, LINE 4i - SCHEDULE OF ASSETS"):]
    assert re.search(r"TOTAL +\$ +98,765\n", schedule) and "(In thousands)" in schedule


def test_the_form_5500_crosswalk_puts_the_master_trust_on_1c11_and_2b8(outcome):
    f = outcome.filing
    cw = f.form5500
    assert cw.end("1c(11)") == Decimal(4332972865) and cw.beginning("1c(11)") == Decimal(4137588608)
    assert cw.end("1c(15)") == 0
    change = f.contract_adjustment.current - f.contract_adjustment.prior
    assert cw.amount("2b(8)") == f.change_by_kind["master_trust_income"] - change
    rec = f.reconciliation
    assert rec.net_assets_5500 == (cw.end("1l"), cw.beginning("1l"))
    assert rec.net_assets_5500 == (f.net_assets_fair_value.current, f.net_assets_fair_value.prior)
    code, out = run("form5500", str(LARGE))
    assert code == 0 and "1c(11)" in out and "4,332,972,865" in out


def test_the_reconciliation_note_adds_back_the_adjustment_in_thousands(text):
    note = text[text.index("RECONCILIATION OF FINANCIAL STATEMENTS TO FORM 5500"):]
    assert "to the Form 5500 (in thousands):" in " ".join(note.split())
    assert re.search(r"contracts +2,346 +\(1,568\)\n", note)
    assert re.search(r"Net assets per the Form 5500 +\$4,436,935 +\$4,237,909\n", note)


# ---------------------------------------------------------------- two reports, two consents


def test_two_reports_and_two_consents_in_the_contents_and_bookmarks(outputs, text):
    contents = " ".join(page_with(text, "C O N T E N T S").split())
    assert "REPORT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM - HOLLIS & PRYOR LLP" in contents
    assert "ASHBY KENT LLP" in contents
    current = " ".join(page_with(text, "/s/ Hollis & Pryor LLP").split())
    assert "as of December 31, 2015, and the related statement of changes" in current
    assert "standards of the Public Company Accounting Oversight Board (United States)" in current
    assert "were audited by other auditors" not in current  # the predecessor's report is included instead
    predecessor = " ".join(page_with(text, "/s/ Ashby Kent LLP").split())
    assert "statement of net assets available for benefits of The Calloway Manufacturing Company Savings and " \
           "Investment Plan (the \"Plan\") as of December 31, 2014. This financial statement" in predecessor
    assert "June 19, 2015" in predecessor
    assert "EXHIBIT 23.1" in text and "EXHIBIT 23.2" in text and "\nEXHIBIT 23\n" not in text
    consent = " ".join(page_with(text, "EXHIBIT 23.2").split())
    assert "our report dated June 19, 2015, with respect to the statement of net assets available for benefits" \
           in consent
    if "pdf" in outputs:
        import pypdf

        titles = [item.title for item in pypdf.PdfReader(io.BytesIO(outputs["pdf"])).outline
                  if not isinstance(item, list)]
        assert "Report of Independent Registered Public Accounting Firm - Ashby Kent LLP" in titles
        assert "Exhibit 23.2 - Consent of independent auditors" in titles


def test_the_committee_signs_and_the_name_beginning_with_the_reads_well(text):
    report = page_with(text, "/s/ Hollis & Pryor LLP")
    assert "Board of\nThe Calloway Manufacturing Company Savings and Investment Plan\n" in report
    assert "of the The" not in text


# ---------------------------------------------------------------- what the master trust checks catch


@pytest.mark.parametrize("edits, message", [
    ((("      plan: {current: 540112905, prior: 578330194}", "      plan: {current: 540112906, prior: 578330194}"),),
     "the Plan's interest in the master trust's net assets at December 31, 2015 (the sum of its lines) does not "
     "agree with the statement of net assets"),
    ((("      plan: 83412557", "      plan: 83412558"),),
     "the Plan's interest in the master trust's net investment income does not agree with the statement of changes"),
    ((("    income: 161010171", "    income: 161010170"),),
     "stated master trust net investment income does not agree with its lines"),
    ((("        - {fair_value_level: 2, current: 57220116, prior: 61004583}",
       "        - {fair_value_level: 2, current: 57220116, prior: 61004583}\n      current: 258555007"),),
     "the parts by level do not add up to the line"),
    ((("      fair_value_level: 2\n      current: 244916357", "      current: 244916357"),),
     "this master trust investment has no fair value level, but others do"),
    ((("  interest: divided", "  interest: undivided"),),
     "plan: gives a divided interest's share, but the interest is undivided"),
    ((("      amount: 48223117\n      plan: 33151020", "      amount: -48223117\n      plan: -33151020"),
      ("      plan: 83412557", "      plan: 83412557\n    - label: Balance\n      amount: 96446234\n      plan: 66302040"),
      ("    income: 161010171", "    income: 161010171")),
     'the caption "Net appreciation in fair value of investments" says "appreciation", but its amount '
     '-48,223,117 is a depreciation'),
])
def test_the_master_trust_checks_find(tmp_path, edits, message):
    outcome = check(variant(tmp_path, *edits))
    assert any(message in f.message for f in outcome.findings), [f.message for f in outcome.findings]
    assert outcome.exit_code(strict=True) == 1


def test_an_undivided_interest_larger_than_the_trust_is_an_error(tmp_path):
    outcome = check(variant(tmp_path, ("  interest: divided", "  interest: undivided"),
                            ("        current: 4332972865", "        current: 7332972865"),
                            ("    net_assets: {current: 4434589026", "    net_assets: {current: 7434589026")))
    found = [f for f in outcome.findings if f.check == "master-trust" and f.severity == "error"]
    assert any("the Plan's interest is more than the master trust's net assets at December 31, 2015" in f.message
               for f in found), [f.message for f in outcome.findings]


def test_a_master_trust_table_without_a_master_trust_is_an_error(tmp_path):
    text = SOURCE[:SOURCE.index("master_trust:\n  name:")] + SOURCE[SOURCE.index("presentation:\n"):]
    path = tmp_path / "2015.yaml"
    path.write_text(text)
    outcome = check(path)
    messages = [(f.severity, f.message) for f in outcome.findings if f.check == "master-trust"]
    assert ("error", "a note shows the master trust, but the plan year has no master_trust") in messages
    assert any(s == "warning" and "the master trust's investments are not given" in m for s, m in messages)


def test_rollforward_rolls_the_master_trust_and_drops_the_predecessor(tmp_path):
    import yaml

    (tmp_path / "calloway").mkdir()
    source = tmp_path / "calloway" / "2015.yaml"
    source.write_text(SOURCE)
    code, out = run("rollforward", str(source))
    assert code == 0, out
    rolled = yaml.safe_load((tmp_path / "calloway" / "2016.yaml").read_text())
    trust = rolled["master_trust"]
    first = trust["investments"][0]
    assert (first["current"], first["prior"]) == ("TODO", 612834517)
    assert (first["plan"]["current"], first["plan"]["prior"]) == ("TODO", 540112905)
    parts = next(line for line in trust["investments"] if "by_level" in line)["by_level"]
    assert [(p["current"], p["prior"]) for p in parts] == [("TODO", 201334890), ("TODO", 57220116)]
    assert trust["income"][0]["amount"] == "TODO" and trust["income"][0]["plan"] == "TODO"
    interest = rolled["investments"][0]["holdings"][0]["contract_value"]
    assert (interest["current"], interest["prior"]) == ("TODO", 4330627187)
    assert "predecessor_auditor" not in rolled and rolled["auditor"]["report"]["periods"] == "both"
    assert "predecessor's report and consent dropped" in out


def test_each_nav_category_on_its_own_line_and_the_filers_footnote(text, outputs):
    note = text[text.index("NOTE 4 -"):text.index("NOTE 5 -")]
    assert re.search(r"Investments measured at net\n +asset value \(a\):\n +Common collective trusts +1,211,870\n"
                     r" +Real estate investment\n +fund +100,000\n", note), note
    assert "(a) In accordance with Subtopic 820-10" in " ".join(note.split())
    assert "Certain investments that are measured" not in note
    html = outputs["html"].decode("ascii")
    assert "Investments measured at net asset value (a):" in html and "In accordance with Subtopic 820-10" in html


def test_the_master_trust_at_contract_value_as_asu_2015_12_shows_it(tmp_path):
    """Early adoption of ASU 2015-12: the Plan's interest on one line at contract value, no adjustment line; the
    trust's contracts after its investments at fair value, the Plan's interest in them at contract value."""
    path = variant(tmp_path, ("  in_thousands: true\n", "  in_thousands: true\n  contracts: contract_value\n"),
                   ("      plan: {current: 552395061, prior: 476839505}",
                    "      plan: {current: 550049383, prior: 478407395}"),
                   ("    total_assets: {current: 4438169271, prior: 4239020716}\n", ""))
    outcome = check(path)
    assert outcome.exit_code(strict=True) == 0, [f.message for f in outcome.findings]
    f, shown = outcome.filing, presented(outcome.filing)
    assert f.contract_adjustment is None and f.net_assets.current == Decimal(4434589026)
    assert f.total_investments.current == Decimal(4330627187)  # the interest at contract value
    rows = shown.master_trust.years[0].rows
    labels = [r.label for r in rows]
    assert labels.index("Total investments at fair value") < labels.index("Investments at contract value:") \
        < labels.index("Total investments") and "Net assets at fair value" not in labels
    assert rows[-1].plan == shown.total_investments.current == Decimal(4330627)
    assert all(r.caption != "Fully benefit-responsive investment contracts" for r in shown.master_trust.fair_value[0].rows)
    item = next(i for i in f.reconciliation.items if i.kind == "contract_value")
    assert (item.current, item.prior) == (Decimal(-2345678), Decimal(1567890))
    text = render(outcome, ["text"])["text"].decode("ascii")
    assert "ADJUSTMENT FROM FAIR VALUE" not in page_with(text, "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS\n")
