"""The modern example (Harbor Point, FY2024): PCAOB report, investments by type, notes receivable,
fair value hierarchy, transfers; builds to every available format and checks clean."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import check, render
from generator.workflows.build import AVAILABLE

from .conftest import EXAMPLE, ROOT

MODERN = ROOT / "plan_data" / "harbor-point" / "2024.yaml"
SOURCE = MODERN.read_text()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert SOURCE.count(old) >= 1, f"{old!r} not in the example"
    path = tmp_path / "2024.yaml"
    path.write_text(SOURCE.replace(old, new, 1))
    return path


@pytest.fixture(scope="module")
def outcome():
    result = check(MODERN)
    assert not result.input_failed
    return result


@pytest.fixture(scope="module")
def outputs(outcome) -> dict[str, bytes]:
    return render(outcome, list(AVAILABLE))


@pytest.fixture(scope="module")
def text(outputs) -> str:
    return outputs["text"].decode("ascii")


def page_with(text: str, needle: str) -> str:
    return next(p for p in text.split("\n<PAGE>\n") if needle in p)


# ---------------------------------------------------------------- clean and buildable


def test_check_strict_is_silent():
    assert run("check", "--strict", str(MODERN)) == (0, "")


def test_builds_to_every_available_format(outputs, tmp_path):
    assert set(outputs) == set(AVAILABLE) - {"ixbrl"}  # the Inline XBRL submission is a folder (test_ixbrl.py)
    if "pdf" in outputs:
        assert outputs["pdf"].startswith(b"%PDF")
    if "html" in outputs:
        html = outputs["html"].decode("ascii")
        for phrase in ("Opinion on the Financial Statements", "Notes receivable from participants",
                       "Investments measured at net asset value", "Net assets per the Form 5500",
                       "Transfer of assets from the Crestline Freight Services 401(k) Plan"):
            assert phrase in html, phrase
    code, out = run("build", str(MODERN), "--format", ",".join(AVAILABLE), "-o", str(tmp_path))
    assert code == 0, out
    assert len(list(tmp_path.rglob("harbor-point-2024.*"))) == len(AVAILABLE) - 1
    assert (tmp_path / "harbor-point" / "2024" / "ixbrl" / "hpl-20241231.htm").is_file()


def test_text_is_edgar_ascii_within_line_limits(text):
    wide_pages = ("STATEMENTS OF NET ASSETS", "SCHEDULE H, LINE 4i")
    for page in text.split("\n<PAGE>\n"):
        wide = any(title in page for title in wide_pages)
        for line in page.split("\n"):
            assert all(c == "\t" or " " <= c <= "~" for c in line) and "^" not in line, line
            assert len(line) <= (132 if wide else 80), line


# ---------------------------------------------------------------- the PCAOB report


def test_pcaob_report_sections_in_order_with_tenure_city_and_date(text):
    report = page_with(text, "REPORT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM")
    order = ["REPORT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM",
             "To the Plan Participants and the Retirement Plan Committee of the",
             "\nOpinion on the Financial Statements\n", "\nBasis for Opinion\n", "\nSupplemental Information\n",
             "/s/ Calder & Whitfield LLP", "We have served as the Plan's auditor since 2016.",
             "Cincinnati, Ohio", "June 18, 2025"]
    places = [report.find(phrase) for phrase in order]
    assert -1 not in places, [p for p, at in zip(order, places) if at < 0]
    assert places == sorted(places)
    assert "in accordance with the standards of the PCAOB" in " ".join(report.split())


def test_no_critical_audit_matters(text, outputs):
    for document in [text] + [outputs[k].decode("latin-1") for k in ("html",) if k in outputs]:
        assert "critical audit matter" not in document.lower()


def test_report_style_defaults_from_the_year(tmp_path):
    path = variant(tmp_path, "    style: pcaob\n", "")
    assert check(path).filing.report_style == "pcaob"
    assert check(EXAMPLE).filing.report_style == "gaas"


def test_pcaob_report_without_tenure_warns(tmp_path):
    path = variant(tmp_path, "    auditor_since: 2016\n", "")
    code, out = run("check", "--strict", str(path))
    assert code == 1
    assert "auditor.report: a PCAOB (AS 3101) report states the auditor's tenure" in out
    assert "We have served" not in render(check(path), ["text"])["text"].decode("ascii")


# ---------------------------------------------------------------- the statements


def test_investments_by_type_and_notes_receivable_on_their_own_line(outcome, text):
    f = outcome.filing
    statement = page_with(text, "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS\n")
    for group in f.investment_groups:
        assert re.search(rf"^{re.escape(group.caption)}\s+\$?{group.subtotal.current:,}\s+\$?"
                         rf"{group.subtotal.prior:,}$", statement, re.M), group.caption
    nr = f.notes_receivable.amount
    assert re.search(rf"^NOTES RECEIVABLE FROM PARTICIPANTS\s+{nr.current:,}\s+{nr.prior:,}$", statement, re.M)
    assert f.total_assets.current == f.total_investments.current + nr.current + f.total_receivables.current
    assert "Participant loans" not in statement  # not an investment


def test_loan_summary_is_computed_from_the_loans(outcome):
    loans = outcome.plan_year.net_assets.notes_receivable.loans
    summary = outcome.filing.loans
    assert summary.count == len(loans) == 52
    assert (summary.rate_low, summary.rate_high) == (min(x.rate for x in loans), max(x.rate for x in loans))
    assert summary.maturity_last == max(x.maturity for x in loans)
    assert summary.balance == sum(x.balance for x in loans) == outcome.filing.notes_receivable.amount.current


def test_statement_of_changes_shows_transfers_after_the_net_increase(outcome, text):
    f = outcome.filing
    changes = page_with(text, "STATEMENT OF CHANGES IN NET ASSETS\n")
    before = changes.index("NET INCREASE BEFORE TRANSFERS")
    after = re.search(rf"NET INCREASE\s+{f.net_change:,}\n", changes).start()
    assert before < changes.index("TRANSFERS\n") < changes.index("1,284,516") < after
    assert f.net_change == f.net_change_before_transfers + Decimal(1284516)
    assert f.net_assets_beginning + f.net_change == f.net_assets.current
    for kind in ("interest_on_notes_receivable", "rollover_contributions", "deemed_distributions",
                 "administrative_expenses"):
        assert f"{f.change_by_kind[kind]:,}" in changes, kind


def test_stated_notes_receivable_is_checked_against_the_loans(tmp_path):
    path = variant(tmp_path, "    prior: 884512\n", "    prior: 884512\n    current: 902790\n")
    code, out = run("check", str(path))
    assert code == 1
    assert "net_assets.notes_receivable.current: stated notes receivable balance" in out
    assert "difference: -1" in out


# ---------------------------------------------------------------- fair value


def _levels_from_the_yaml(column: str) -> dict[str, Decimal]:
    """The hierarchy recomputed straight from the YAML text, holding by holding."""
    sums = {"1": Decimal(0), "2": Decimal(0), "3": Decimal(0), "nav": Decimal(0)}
    for block in re.findall(r"fair_value_level: (\w+)\n(?:.*\n)*?\s+current: (\d+)\n\s+prior: (\d+)", SOURCE):
        level, current, prior = block
        sums[level] += Decimal(current if column == "current" else prior)
    return sums


@pytest.mark.parametrize("index,column", [(0, "current"), (1, "prior")])
def test_fair_value_table_recomputes_from_the_holdings(outcome, text, index, column):
    table = outcome.filing.fair_value[index]
    levels = _levels_from_the_yaml(column)
    assert [table.hierarchy.level1, table.hierarchy.level2, table.hierarchy.level3, table.nav] == \
           [levels["1"], levels["2"], levels["3"], levels["nav"]]
    assert table.total == getattr(outcome.filing.total_investments, column)
    note = text[text.index("NOTE 3 -"):text.index("NOTE 4 -")]
    for figure in (table.hierarchy.level1, table.hierarchy.level2, table.hierarchy.total, table.nav, table.total):
        assert f"{figure:,}" in note


def test_a_holding_without_a_level_is_found(tmp_path):
    path = variant(tmp_path, "        fair_value_level: 2\n", "")
    code, out = run("check", str(path))
    assert code == 1
    assert re.search(r"2024\.yaml:\d+:\d+: error: investments\[4\]\.holdings\[0\]: this holding has no fair "
                     r"value level", out), out
    assert "does not total to the investments on the statement" in out


def test_the_2001_example_has_no_fair_value_table():
    f = check(EXAMPLE).filing
    assert f.fair_value == [] and f.notes_receivable is None and f.statement_investments == f.investment_groups


# ---------------------------------------------------------------- Schedule H


def test_schedule_h_modern_columns_and_loans_row(outcome, text):
    f = outcome.filing
    schedule = text[text.index("SCHEDULE H, LINE 4i - SCHEDULE OF ASSETS"):]
    assert "(d) Cost" in schedule and "(e) Current" in schedule
    assert "**       Cost omitted for participant-directed investments" in schedule
    holdings = [h for g in outcome.plan_year.investments for h in g.holdings if h.current]
    assert len(f.schedule_rows) == len(holdings) + 1 >= 55
    loans = f.schedule_rows[-1]
    assert loans.identity == "Participant loans" and loans.party_in_interest
    assert "interest rates ranging from 4.25% to 9.5%" in loans.description
    assert f"through {f.loans.maturity_last:%B %Y}" in loans.description
    assert f.schedule_total == f.total_investments.current + f.notes_receivable.amount.current
    assert f"${f.schedule_total:,}" in schedule


def test_loans_cannot_be_both_an_investment_and_notes_receivable(tmp_path):
    path = variant(tmp_path, "        type: common_stock\n", "        type: participant_loans\n")
    code, out = run("check", str(path))
    assert code == 1
    assert re.search(r"investments\[3\]\.holdings\[0\]: participant loans are both an investment and notes "
                     r"receivable", out), out


def test_a_typed_count_of_registered_investment_companies_is_checked(tmp_path):
    path = variant(tmp_path, "{count.mutual_funds:words} registered", "thirty registered")
    code, out = run("check", "--strict", str(path))
    assert code == 1
    assert 'says "thirty registered investment companies" but the plan holds 33' in out


# ---------------------------------------------------------------- the PDF, as a reader pages through it


@pytest.fixture(scope="module")
def pdf_pages(outputs) -> list[str]:
    import io

    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(outputs["pdf"])).pages]


@pytest.mark.parametrize("first, last", [
    ("Investments at fair value as of December 31, 2024", "Investments at fair value $ 68,163,235"),
    ("Investments at fair value as of December 31, 2023", "Investments at fair value $ 60,410,722"),
    ("The following is a reconciliation of net assets", "Net assets per the Form 5500 $ 69,245,804"),
])
def test_a_table_in_the_notes_is_not_split_from_its_lead_in_or_its_total(pdf_pages, first, last):
    page = next(p for p in pdf_pages if first in p)
    assert last in page


def test_a_cost_column_of_double_asterisks_is_only_as_wide_as_its_heading(outcome):
    """Harbor Point omits cost for participant-directed holdings (**) and shows 0 for the loans."""
    from generator.render.html import html_environment, render_html

    assert outcome.filing.schedule_largest_cost == 0
    html = render_html(outcome.filing, html_environment(None), "pdf")
    widths = [float(w) if w else None for w in re.findall(r'<col(?: style="width: ([\d.]+)em")?>', html)]
    assert len(widths) == 6  # (a), (b), (c), cost, gap, current value: a money column is one cell
    assert widths[3] == 3.05  # 2.6 + 0.45: no "$" is printed for cost, "Cost" fits 2.6em, room for ")"
    assert 1.0 + 4.6 + 0.45 <= widths[5] <= 1.0 + 5.2 + 0.45  # $, 69,066,026 in tabular figures, ")"


def test_contents_says_the_other_dol_schedules_are_not_applicable(text, pdf_pages, tmp_path):
    sentence = "have been omitted because they are not applicable."
    contents = page_with(text, "C O N T E N T S")
    assert "Section 2520.103-10" in " ".join(contents.split()) and sentence in " ".join(contents.split())
    assert sentence in next(p for p in pdf_pages if "Page" in p and "Notes to Financial Statements" in p)
    quiet = variant(tmp_path, "  cost_column: shown", "  omitted_schedules_note: false\n  cost_column: shown")
    outcome = check(quiet)
    assert outcome.exit_code() == 0 and not outcome.filing.omitted_schedules_note
    assert sentence not in " ".join(render(outcome, ["text"])["text"].decode("ascii").split())


def test_the_2001_example_has_no_omitted_schedules_note():
    """The reference filing (a GAAS report) does not say it; the default follows the report's style."""
    assert not check(EXAMPLE).filing.omitted_schedules_note
