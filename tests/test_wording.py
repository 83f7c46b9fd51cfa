"""Words that follow the sign: captions, note prose and the flux review take their words from the figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model import wording
from generator.model.prose import resolve
from generator.pipeline import check, render

from .conftest import EXAMPLE

# The 2001 example with net appreciation of +545,303 instead of -545,303; benefits paid take the difference,
# so that everything else still ties out.
APPRECIATED = {
    "- {type: Mutual funds, amount: -500554}": "- {type: Mutual funds, amount: 500554}",
    "- {type: Common stock, amount: -44749,": "- {type: Common stock, amount: 44749,",
    "      amount: 2280520": "      amount: 3371126",
    "    total_additions: 465248": "    total_additions: 1555854",
}


def appreciated(tmp_path: Path, label: bool = True) -> Path:
    text = EXAMPLE.read_text()
    for old, new in APPRECIATED.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    if not label:
        text = text.replace("          label: Net depreciation in fair value of securities\n", "")
    path = tmp_path / "sos-staffing" / "2001.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def test_a_typed_caption_that_contradicts_its_figure_is_a_located_error(tmp_path):
    path = appreciated(tmp_path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if "Net depreciation in fair" in text)
    assert (
        f"{path}:{line}:18: error: changes.additions[1].lines[0].label: the caption \"Net depreciation in fair value "
        "of securities\" says \"depreciation\", but its figure 545,303 is an appreciation\n") in result.stderr
    assert "hint: write \"appreciation\", or leave out the label to have the caption follow the sign" in result.stderr
    assert result.stderr.count(": error: ") == 1  # everything else ties out


def test_without_the_label_the_caption_and_the_note_follow_the_sign(tmp_path):
    outcome = check(appreciated(tmp_path, label=False))
    assert [f for f in outcome.findings if f.severity == "error"] == []
    text = " ".join(render(outcome, ["text"])["text"].decode("ascii").split())
    assert "Net appreciation in fair value of investments $ 545,303" in text
    assert "NOTE 3 - NET APPRECIATION IN FAIR VALUE OF INVESTMENTS" in text
    assert "held during the year) appreciated in value by $545,303 as follows" in text
    assert "depreciat" not in text.lower()


def test_a_group_caption_is_read_against_its_subtotal(tmp_path):
    text = EXAMPLE.read_text().replace("- group: Investment income (loss)", "- group: Investment income")
    path = tmp_path / "2001.yaml"
    path.write_text(text)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert ": error: changes.additions[1].group: the group caption \"Investment income\" says \"income\", but its " \
           "subtotal -426,833 is a loss" in result.stderr
    assert 'hint: write "loss", or both words: "income (loss)"' in result.stderr


def test_a_deduction_reads_as_a_reduction_of_net_assets():
    assert wording.contradiction("Net depreciation in fair value", Decimal(-5)) is None
    assert wording.contradiction("Net appreciation (depreciation)", Decimal(-5)) is None  # both words: either sign
    assert wording.contradiction("Net appreciation in fair value", Decimal(-5)) == ("appreciation", "depreciation")
    assert wording.contradiction("Investment loss", Decimal(7)) == ("loss", "income")
    assert wording.contradiction("Net decrease", Decimal(0)) is None


@pytest.mark.parametrize("reference, value, printed", [
    ("{net_appreciation:verb}", Decimal(-1), "depreciated"),
    ("{net_appreciation:verb}", Decimal(1), "appreciated"),
    ("{net_appreciation:word,cap}", Decimal(-1), "Depreciation"),
    ("{net_appreciation.mutual_funds:word}", Decimal(2), "appreciation"),
    ("{net_change:word}", Decimal(-3), "decrease"),
    ("{net_change:verb}", Decimal(0), "increased"),
])
def test_word_forms_of_signed_figures(reference, value, printed):
    name = reference[1:].split(":")[0]
    assert resolve(reference, {name: value}) == (printed, [])


def test_word_forms_apply_only_to_signed_figures():
    text, problems = resolve("{total_assets:verb}", {"total_assets": Decimal(5)})
    assert problems == [("{total_assets:verb}: word and verb apply to signed figures (net_appreciation, net_change, "
                         "...; see `elevenk names FILE`)", "{total_assets:verb}")]


def test_names_lists_the_word_forms():
    result = CliRunner().invoke(main, ["names", str(EXAMPLE)])
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert any(line.split() == ["net_appreciation:word", "depreciation"] for line in lines)
    assert any(line.split() == ["net_appreciation:verb", "depreciated"] for line in lines)
    assert any(line.split() == ["net_change:word", "decrease"] for line in lines)
