"""`elevenk flux` and the flux check: the 2001 example's large moves are flagged, its small ones are not."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest

from generator.model.compute import Pair
from generator.model.flux import MATERIAL, SIZE, FluxLine, Limits, reasons

from .conftest import EXAMPLE
from .test_rollforward import run

SOURCE = EXAMPLE.read_text()


def rows(*args: str) -> dict[str, dict[str, str]]:
    code, out = run("flux", *args, "--csv")
    assert code == 0, out
    return {row["line"]: row for row in csv.DictReader(io.StringIO(out))}


def test_csv_flags_the_large_moves_of_2001_and_not_the_small_ones():
    table = rows(str(EXAMPLE))
    employer = table["Employer contributions receivable"]
    assert (employer["current"], employer["prior"], employer["change"], employer["change_percent"]) == \
        ("0", "185528", "-185528", "-100.0")
    assert employer["flagged"] == "yes" and employer["reason"] == "at least 10% and $10,000"
    cash = table["Cash"]
    assert (cash["change"], cash["change_percent"], cash["flagged"]) == ("-148771", "-99.0", "yes")
    spartan = table["Spartan U.S. Treasury Money Market Fund"]
    assert spartan["change_percent"] == "42.1"
    assert spartan["reason"] == "at least 10% and $10,000; more than 5% of net assets"
    # Small moves stay quiet: under 10% (bond index), under $10,000 (Freedom 2010, the refund).
    for quiet in ("Fidelity U.S. Bond Index Fund", "Fidelity Freedom 2010 Fund", "Refund of excess contributions"):
        assert table[quiet]["flagged"] == "", quiet
    assert table["Refund of excess contributions"]["change_percent"] == ""  # from zero: no percent
    # Totals are shown for context and never flagged.
    assert table["Net assets available for benefits"]["change"] == "-1815272"
    assert table["Net assets available for benefits"]["flagged"] == ""
    assert sum(1 for r in table.values() if r["flagged"]) == 20


def test_terminal_table():
    code, out = run("flux", str(EXAMPLE))
    assert code == 0
    line = next(ln for ln in out.split("\n") if "Employer contributions receivable" in ln)
    assert re.search(r"\b0\b.*185,528.*-185,528.*-100\.0%.*size.*MISSING", line)
    assert "20 of 23 lines flagged; 20 without an explanation" in out


def test_thresholds_from_the_options_and_from_the_file(tmp_path):
    strict = rows(str(EXAMPLE), "--percent", "50", "--amount", "100000", "--net-assets-percent", "100")
    flagged = sorted(name for name, r in strict.items() if r["flagged"])
    assert flagged == ["Cash", "Dreyfus Appreciation Fund", "Employer contributions receivable",
                       "Gabelli Growth Fund"]
    path = tmp_path / "2001.yaml"
    path.write_text(SOURCE + "\nflux: {percent: 50, amount: 100000, net_assets_percent: 100}\n")
    assert sorted(name for name, r in rows(str(path)).items() if r["flagged"]) == flagged
    # An option given on the command line wins over the file.
    assert sum(1 for r in rows(str(path), "--percent", "10").values() if r["flagged"]) > len(flagged)
    code, out = run("flux", str(EXAMPLE), "--percent", "ten")
    assert code == 2 and "expected a number such as 10 or 7.5" in out


def test_the_check_is_off_without_a_flux_key_and_on_with_it(tmp_path):
    code, out = run("check", str(EXAMPLE))
    assert code == 0 and "flux" not in out
    path = tmp_path / "2001.yaml"
    path.write_text(SOURCE + "\nflux: {}\n")
    code, out = run("check", str(path))
    assert code == 0  # warnings: the file still builds
    assert len(re.findall(r": warning: \S+\.current: .* has no explanation", out)) == 20
    where = next(n for n, ln in enumerate(SOURCE.split("\n"), 1) if "prior: 185528" in ln) - 1
    assert (f"{path}:{where}:16: warning: net_assets.receivables[1].current: Employer contributions receivable "
            "decreased by 185,528 (-100.0%) between the 2000 and 2001 year-ends (at least 10% and $10,000) and has no "
            "explanation") in out
    assert "  2000:       185,528\n  2001:       0\n  difference: -185,528" in out
    assert run("check", "--strict", str(path))[0] == 1


def test_an_explanation_beside_the_figure_clears_its_warning(tmp_path):
    path = tmp_path / "2001.yaml"
    explained = SOURCE.replace("      current: 0\n      prior: 185528\n",
                               "      current: 0\n      prior: 185528\n"
                               "      explanation: No year-end match for 2001; the 2000 match was paid in 2001.\n")
    assert explained != SOURCE
    path.write_text(explained + "\nflux: {}\n")
    code, out = run("check", str(path))
    assert "Employer contributions receivable decreased" not in out
    assert "Cash decreased by 148,771" in out
    _, table = run("flux", str(path))
    line = next(ln for ln in table.split("\n") if "Employer contributions receivable" in ln)
    assert "No year-end match" in line and "MISSING" not in line and "-185,528" in line
    assert "20 of 23 lines flagged; 19 without an explanation" in table


@pytest.mark.parametrize("current, prior, net, expected", [
    ("11000", "10000", "1000000", ()),             # 10% but only $1,000
    ("20000", "10000", "1000000", (SIZE,)),         # 100% and $10,000 exactly: at least
    ("109999", "100000", "1000000", ()),           # $9,999 and 9.999%
    ("110000", "100000", "1000000", (SIZE,)),       # 10% and $10,000 exactly
    ("150000", "100000", "1000000", (SIZE,)),       # $50,000 is 5% of net assets: not above
    ("150001", "100000", "1000000", (SIZE, MATERIAL)),
    ("740000", "700000", "700000", (MATERIAL,)),   # 5.7%, but $40,000 is above 5% of net assets
])
def test_threshold_boundaries(current, prior, net, expected):
    assert reasons(Pair(Decimal(current), Decimal(prior)), Decimal(net), Limits()) == expected


def test_percent_is_rounded_half_up_to_one_place():
    def percent(current: str, prior: str) -> Decimal | None:
        return FluxLine("x", "", Pair(Decimal(current), Decimal(prior))).percent
    assert percent("2001", "2000") == Decimal("0.1")      # 0.05% rounds up
    assert percent("8001", "8000") == Decimal("0.0")      # 0.0125%
    assert percent("0", "185528") == Decimal("-100.0")
    assert percent("100", "0") is None
    assert percent("-1999", "-2000") == Decimal("0.1")   # a negative prior: the move is against its size


def test_a_file_with_blanks_is_an_input_error(tmp_path):
    path = tmp_path / "2002.yaml"
    path.write_text(SOURCE.replace("current: 1470", "current: TODO"))
    code, out = run("flux", str(path))
    assert code == 2
    assert "net_assets.cash.current: to be filled (marked TODO)" in out


def test_a_statement_by_type_with_notes_receivable():
    table = rows(str(EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"))
    loans = table["Notes receivable from participants"]
    assert (loans["path"], loans["change"], loans["change_percent"]) == ("net_assets.notes_receivable", "18279", "2.1")
    # Each type is the statement's line: shown as a subtotal, while each holding carries the flag.
    assert table["Employer stock"]["path"] == "" and table["Employer stock"]["flagged"] == ""
    stock = table["Harbor Point Logistics, Inc. common stock"]
    assert (stock["change"], stock["flagged"]) == ("406313", "yes")


def test_the_table_says_its_threshold_against_net_assets():
    """The figure beside the percent is the threshold a move must pass, and net assets are named as such."""
    code, out = run("flux", str(EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"))
    lines = [line.rstrip() for line in out.split("\n")]  # the table pads its title to its width
    assert code == 0
    assert lines[1:3] == ["flagged for size: a move of at least 10% and $10,000",
                          "flagged for net assets: a move of more than $3,466,602 (5% of net assets of $69,332,044)"]


@pytest.mark.parametrize("net, places, threshold", [
    ("69332044", 0, "3466602"),      # 3,466,602.20: a whole-dollar move passes it at 3,466,603
    ("1000000", 0, "50000"),
    ("1234567.89", 2, "61728.39"),   # 61,728.3945, cut to cents
])
def test_the_threshold_is_cut_to_the_filings_places(net, places, threshold):
    assert Limits().threshold(Decimal(net), places) == Decimal(threshold)


def test_an_explanation_that_says_the_move_went_the_other_way_is_a_warning(tmp_path):
    path = tmp_path / "2001.yaml"
    text = SOURCE.replace("      current: 0\n      prior: 185528\n",
                          "      current: 0\n      prior: 185528\n"
                          "      explanation: Increase from the year-end match.\n")
    path.write_text(text)
    code, out = run("check", str(path))
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "Increase from the year-end" in t)
    assert (f"{path}:{line}:20: warning: net_assets.receivables[1].explanation: the explanation says \"Increase\", "
            "but Employer contributions receivable decreased by 185,528") in out
