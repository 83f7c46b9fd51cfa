"""Form 5500 Schedule H crosswalk: the lines foot, tie to the statements through the reconciliation note,
and `elevenk form5500` prints them as text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.pipeline import check, render

from .conftest import EXAMPLE
from .test_modern import MODERN, SOURCE, run, variant

ZERO = Decimal(0)


@pytest.fixture(scope="module")
def filing():
    return check(MODERN).filing


def part1(f, column: str) -> dict[str, Decimal]:
    return {ln.code: getattr(ln, column) for ln in f.form5500.part1}


def part2(f) -> dict[str, Decimal]:
    return {ln.code: ln.amount for ln in f.form5500.part2}


def detail(values: dict[str, Decimal], *prefixes: str, totals: tuple = ()) -> Decimal:
    """The sum of the lines starting with any prefix, less the total lines named."""
    return sum((v for code, v in values.items() if code.startswith(prefixes) and code not in totals), ZERO)


# ---------------------------------------------------------------- the lines foot


@pytest.mark.parametrize("column", ["beginning", "end"])
@pytest.mark.parametrize("source", [MODERN, EXAMPLE], ids=["modern", "2001"])
def test_part1_foots(source, column):
    lines = part1(check(source).filing, column)
    assert lines["1f"] == detail(lines, "1a", "1b", "1c", "1d", "1e") != ZERO
    assert lines["1k"] == lines["1g"] + lines["1h"] + lines["1i"] + lines["1j"]
    assert lines["1l"] == lines["1f"] - lines["1k"]


@pytest.mark.parametrize("source", [MODERN, EXAMPLE], ids=["modern", "2001"])
def test_part2_foots(source):
    lines = part2(check(source).filing)
    assert lines["2a(3)"] == detail(lines, "2a(1)", "2a(2)")
    income = detail(lines, "2a(1)", "2a(2)", "2b", "2c", totals=("2b(1)(G)", "2b(2)(D)", "2b(5)(C)"))
    assert lines["2d"] == income
    assert lines["2j"] == detail(lines, "2e", "2f", "2g", "2h", "2i", totals=("2e(4)", "2i(5)"))
    assert lines["2k"] == lines["2d"] - lines["2j"]


def test_every_statement_figure_lands_on_a_line(filing):
    begin, end, year = part1(filing, "beginning"), part1(filing, "end"), part2(filing)
    assert end["1c(8)"] == filing.notes_receivable.amount.current
    assert end["1c(9)"] == filing.investment_groups[1].subtotal.current  # common collective trusts
    assert end["1d(1)"] == filing.investment_groups[2].subtotal.current  # employer stock
    assert (end["1b(1)"], end["1b(2)"]) == (Decimal(212480), Decimal(96120))
    assert (begin["1h"], end["1h"]) == (Decimal(21300), Decimal(24150))  # accrued expenses: operating payables
    assert year["2b(1)(E)"] == filing.change_by_kind["interest_on_notes_receivable"]
    assert year["2b(10)"] == Decimal(3076704) and year["2b(6)"] == Decimal(1306040)  # by_type form5500_line
    assert year["2g"] == filing.change_by_kind["deemed_distributions"]
    assert year["2l(1)"] == Decimal(1284516) and year["2l(2)"] == ZERO


# ---------------------------------------------------------------- reconciled to the statements, both ways


def test_form5500_reconciles_to_the_statements(filing):
    begin, end, year = part1(filing, "beginning"), part1(filing, "end"), part2(filing)
    payable = filing.plan_year.form5500.reconciling[0]
    assert payable.kind == "benefits_payable"
    assert end["1g"] == payable.current and begin["1g"] == payable.prior
    assert end["1l"] == filing.net_assets.current - payable.current
    assert begin["1l"] == filing.net_assets.prior - payable.prior
    assert year["2k"] == filing.net_change_before_transfers - (payable.current - payable.prior)
    assert year["2e(1)"] == filing.change_by_kind["benefits_paid"] + payable.current - payable.prior
    assert end["1l"] - begin["1l"] == year["2k"] + year["2l(1)"] - year["2l(2)"]


def test_reconciliation_note_is_generated_with_the_figures(filing):
    text = render(check(MODERN), ["text"])["text"].decode("ascii")
    note = text[text.index("RECONCILIATION OF FINANCIAL STATEMENTS TO FORM 5500"):]
    note = note[:note.index("SCHEDULE H, LINE 4i")]
    rec = filing.reconciliation
    assert filing.notes[-1].title == "Reconciliation of financial statements to Form 5500"
    expected = [f"${filing.net_assets.current:,}", f"${filing.net_assets.prior:,}", "(86,240)", "(41,905)",
                f"${part1(filing, 'end')['1l']:,}", f"${part1(filing, 'beginning')['1l']:,}",
                f"${filing.net_change_before_transfers:,}", "(44,335)", f"${part2(filing)['2k']:,}",
                f"${rec.benefits_paid:,}", f"${part2(filing)['2e(1)']:,}"]
    numbers = re.findall(r"\$?\(?[\d,]{5,}\)?", note)
    it = iter(numbers)
    assert all(any(e == n for n in it) for e in expected), (expected, numbers)


def test_no_reconciliation_when_nothing_differs():
    f = check(EXAMPLE).filing
    assert not f.reconciliation.differs
    assert part1(f, "end")["1l"] == f.net_assets.current
    assert all("Form 5500" not in n.title for n in f.notes)


def test_deemed_distributions_reconcile_through_participant_loans(tmp_path):
    path = variant(tmp_path, "      prior: 41905\n", "      prior: 41905\n    - kind: deemed_distributions\n"
                                                     "      current: 12400\n      prior: 7300\n")
    assert run("check", "--strict", str(path)) == (0, "")
    f = check(path).filing
    end, year = part1(f, "end"), part2(f)
    assert end["1c(8)"] == f.notes_receivable.amount.current - 12400
    assert year["2g"] == f.change_by_kind["deemed_distributions"] + 5100
    assert end["1l"] == f.net_assets.current - 86240 - 12400
    text = render(check(path), ["text"])["text"].decode("ascii")
    assert re.search(r"Deemed distributions of participant\s+loans\s+\(12,400\)\s+\(7,300\)\n", text)
    assert re.search(r"Change in deemed distributions of participant\s+loans\s+\(5,100\)\n", text)


def test_deemed_distributions_beyond_the_loans_are_an_error(tmp_path):
    path = variant(tmp_path, "      prior: 41905\n", "      prior: 41905\n    - kind: deemed_distributions\n"
                                                     "      current: 990000\n      prior: 0\n")
    code, out = run("check", str(path))
    assert code == 1
    assert "form5500.reconciling[1]: deemed distributions exceed the notes receivable" in out


def test_a_placed_reconciliation_with_nothing_to_reconcile_warns(tmp_path):
    source = EXAMPLE.read_text() + "\n"
    source = source.replace("      - breakdown: net_appreciation\n",
                            "      - breakdown: net_appreciation\n      - breakdown: form5500_reconciliation\n")
    path = tmp_path / "2001.yaml"
    path.write_text(source)
    code, out = run("check", "--strict", str(path))
    assert code == 1 and "a note reconciles to Form 5500 but nothing differs" in out


# ---------------------------------------------------------------- the command


def test_json_output_is_exact_and_complete(filing):
    code, out = run("form5500", "--json", str(MODERN))
    assert code == 0
    data = json.loads(out)
    assert [ln["line"] for ln in data["part1"]][-3:] == ["1j", "1k", "1l"]
    assert len(data["part2"]) == len(filing.form5500.part2)
    end = {ln["line"]: ln["end_of_year"] for ln in data["part1"]}
    assert end["1l"] == data["reconciliation"]["net_assets_per_form_5500"]["end_of_year"] == "69245804"
    assert data["reconciliation"]["items"][0]["kind"] == "benefits_payable"


def test_csv_output_has_every_line(filing):
    code, out = run("form5500", "--csv", str(MODERN))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(filing.form5500.part1) + len(filing.form5500.part2)
    by_line = {r["line"]: r for r in rows}
    assert by_line["2k"]["amount"] == str(part2(filing)["2k"])
    assert by_line["1f"]["beginning_of_year"] == str(part1(filing, "beginning")["1f"])


def test_text_output_lists_the_lines_with_amounts():
    code, out = run("form5500", str(MODERN))
    assert code == 0
    assert re.search(r"^  1l\s+Net assets\s+61,509,372\s+69,245,804$", out, re.M)
    assert re.search(r"^  2k\s+Net income \(loss\)\s+6,451,916$", out, re.M)
    assert "1c(5)" not in out  # no amount, left out


def test_command_refuses_a_file_with_errors(tmp_path):
    path = variant(tmp_path, "    net_assets: {current: 69332044", "    net_assets: {current: 69332045")
    code, out = run("form5500", "--json", str(path))
    assert code == 1
    assert "would not tie" in out and "{" not in out.split("\n")[0]
    assert run("form5500", "--json", "--csv", str(MODERN))[0] == 2
    assert run("form5500", str(Path(MODERN).with_name("missing.yaml")))[0] == 2
    assert SOURCE  # the example itself is untouched


# ---------------------------------------------------------------- defaults by holding type, shown and overridable


def test_net_appreciation_goes_where_the_instructions_put_each_kind_of_gain():
    year = part2(check(EXAMPLE).filing)
    # The 2001 example's mutual funds are registered investment companies (1c(13)): their gain is 2b(10);
    # the employer's common stock appreciates on 2b(5)(B).
    assert year["2b(10)"] == Decimal(-500554) and year["2b(5)(B)"] == Decimal(-44749)


def test_every_default_is_shown_and_lines_without_an_amount_are_left_out():
    code, out = run("form5500", str(EXAMPLE))
    assert code == 0
    assert "2b(1)(G)" not in out and "1c(5)" not in out  # no amount, total or not: left out
    assert "Where the amounts come from (a default, or form5500_line in the YAML to override it)" in out
    assert re.search(r"^  2b\(10\)\s+Net depreciation in fair value of securities: Mutual funds: default: the "
                     r"holdings are on 1c\(13\) \(group \"Mutual funds\"\)$", out, re.M)
    assert re.search(r"^  1c\(13\)\s+Fidelity U.S. Bond Index Fund \(mutual_fund\), .* and 13 more: default for "
                     r"mutual_fund$", out, re.M)
    assert re.search(r"^  1a\s+Cash: default for cash$", out, re.M)


def test_cash_equivalents_are_interest_bearing_cash_and_a_holding_names_its_own_line(tmp_path):
    text = EXAMPLE.read_text().replace("    label: Cash\n", "    label: Cash and cash equivalents\n")
    text = text.replace("        type: employer_stock\n", "        type: employer_stock\n        form5500_line: 1c(4)(B)\n")
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    end = part1(check(path).filing, "end")
    assert end["1a"] == ZERO and end["1c(1)"] == Decimal(1470)
    assert end["1d(1)"] == ZERO and end["1c(4)(B)"] == Decimal(71797)
    code, out = run("form5500", str(path))
    assert re.search(r"^  1c\(1\)\s+Cash and cash equivalents: default: \"Cash and cash equivalents\" earns "
                     r"interest$", out, re.M)
    assert re.search(r"^  1c\(4\)\(B\)\s+SOS Staffing Services, Inc. common stock \(employer_stock\): "
                     r"form5500_line$", out, re.M)


def test_one_amount_of_net_appreciation_over_several_kinds_of_holdings_is_a_warning(tmp_path):
    text = EXAMPLE.read_text().replace(
        "          by_type:\n            - {type: Mutual funds, amount: -500554}\n"
        "            - {type: Common stock, amount: -44749, xbrl_member: EmployeeBenefitPlanEmployerCommonStockMember}\n",
        "          amount: -545303\n")
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    code, out = run("check", str(path))
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "amount: -545303" in t)
    assert (f"{path}:{line}:19: warning: changes.additions[1].lines[0].amount: net appreciation goes to Form 5500 "
            "line 2b(5)(B) as one amount, but the plan's holdings are on 1c(13), 1d(1), whose gains belong on "
            "different lines") in out
