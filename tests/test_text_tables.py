"""Note tables in the text filing: a table too wide for EDGAR's lines wraps and splits as filers do, so that
every text filing, nine-digit figures and all, passes lint-edgar."""

from __future__ import annotations

import pytest

from benchmarks import synth
from generator.pipeline import check, render
from generator.render.edgar_lint import lint_html, lint_text
from generator.render.text import text_table

LONG = "Fidelity Government Money Market Fund, Institutional Shares (a money market fund)"


def test_a_table_that_fits_is_laid_out_as_before():
    table = text_table(["Years of Service", "Vested Percentage"], [["Less than three years", "0%"],
                                                                  ["Five years or more", "100%"]], 21)
    assert table.split("\n") == [
        "                                                                        Vested",
        "                        Years of Service                              Percentage",
        "                     ---------------------                            ----------",
        "                     Less than three years                                    0%",
        "                     Five years or more                                     100%"]


def test_a_long_label_wraps_and_figures_sit_on_the_row_s_last_line():
    table = text_table(["Investment", "2024", "2023"], [[LONG, "1,234,567,890", "1,111,222,333"]], 15)
    lines = table.split("\n")
    assert max(len(line) for line in lines) <= 80
    assert [line.rstrip() for line in lines[-3:-1]] == ["               Fidelity Government Money Market",
                                                        "                Fund, Institutional Shares (a"]
    assert lines[-1].startswith("                money market fund) ")
    assert lines[-1].endswith("1,234,567,890  1,111,222,333")


def test_a_table_wider_than_132_columns_is_split_and_repeats_its_first_column():
    columns = ["Fund"] + [f"{year} balance at year-end" for year in range(2015, 2025)]
    rows = [["Fund A"] + ["1,234,567,890"] * 10, ["Fund B"] + ["987,654,321"] * 10]
    table = text_table(columns, rows, 15)
    assert max(len(line) for line in table.split("\n")) <= 132
    assert table.count("Fund A") == 2 and table.count("1,234,567,890") == 10
    assert lint_text(table) == []


@pytest.mark.parametrize("holdings", [20, 300])
def test_a_synthetic_plan_with_nine_digit_figures_gives_filings_edgar_accepts(tmp_path, holdings):
    path = synth.write_plan(tmp_path, holdings, seed=holdings, scale=1000)
    outcome = check(path)
    assert [f for f in outcome.findings if f.severity == "error"] == []
    assert outcome.filing.total_investments.current >= 10**9
    outputs = render(outcome, ["text", "html"])
    text = outputs["text"].decode("ascii")
    assert "CONCENTRATIONS" in text
    assert lint_text(text) == [] and lint_html(outputs["html"].decode("ascii")) == []
