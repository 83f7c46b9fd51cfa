"""An import edits the holdings on their lines and gives, byte for byte, the file the ruamel round trip of the
whole file gives: `import_holdings(..., text_holdings=False)` is that round trip. Compared on the sample trustee
reports into the 2001 example and its 2002 roll-forward, on synthetic plans with their trustee reports (holdings
sold, new holdings in known and new sections, changed descriptions and costs), and on decorated files."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from generator.cli import main
from generator.load.yaml_source import read_yaml
from generator.workflows.holdings_columns import find_columns
from generator.workflows.holdings_import import import_holdings
from generator.workflows.holdings_rollforward import NotCanonical
from generator.workflows.holdings_text_edit import read_holdings, written
from generator.workflows.table_file import read_rows
from generator.workflows.trustee_report import read_report

from .conftest import ROOT
from .test_import_holdings import plan  # noqa: F401 (the 2001 example in a folder of its own)

SAMPLES = ROOT / "docs" / "trustee"


def both(plan: Path, report: Path, same_as: dict[str, str] | None = None):
    """(the import with the holdings as text, the import through the round trip, whether text was taken)."""
    loaded = read_yaml(plan)
    rows = read_rows(report)
    parsed = read_report(str(report), rows, find_columns(rows))
    assert not parsed.findings, parsed.findings
    fast = import_holdings(loaded.text, loaded, parsed, same_as)
    whole = import_holdings(loaded.text, loaded, parsed, same_as, text_holdings=False)
    try:
        read_holdings(loaded.text, loaded.data)
        taken = True
    except NotCanonical:
        taken = False
    return fast, whole, taken


def same(fast, whole) -> None:
    assert not whole.findings, [f.message for f in whole.findings]
    assert fast.text == whole.text
    assert [f.message for f in fast.findings] == [f.message for f in whole.findings]
    for name in ("updated", "changed", "added", "sold", "removed", "proposals", "rounded", "total", "stated",
                 "notes_receivable"):
        assert getattr(fast, name) == getattr(whole, name), name
    assert [(f.path, f.location) for f in fast.to_fill] == [(f.path, f.location) for f in whole.to_fill]


@pytest.mark.parametrize("report", ["sos-staffing-2001.csv", "sos-staffing-2001.xlsx"])
def test_the_2001_samples_into_the_2001_example(plan, report):
    fast, whole, taken = both(plan, SAMPLES / report)
    assert taken
    same(fast, whole)


@pytest.mark.parametrize("report", ["sos-staffing-2002.csv", "sos-staffing-2002.xlsx"])
def test_the_2002_samples_into_the_rolled_forward_year(plan, report):
    result = CliRunner().invoke(main, ["rollforward", str(plan)])
    assert result.exit_code == 0, result.output
    target = plan.with_name("2002.yaml")
    fast, whole, taken = both(target, SAMPLES / report)
    assert taken
    same(fast, whole)
    assert fast.added and fast.sold  # new holdings and holdings no longer held, both written as text
    again, whole, _ = both(target, SAMPLES / report,
                           {"Managers Special Equity Fund": "Manager's Special Equity Fund"})
    same(again, whole)


def synthetic(tmp_path: Path, n: int, seed: int, change) -> tuple[Path, Path]:
    """A synthetic plan and its trustee's report, the report's holdings changed by change(rng, rows)."""
    import csv

    from benchmarks.import_holdings import plan_and_holdings, report_rows

    text, held = plan_and_holdings(n, seed)
    plan = tmp_path / "2024.yaml"
    plan.write_text(text)
    rng = random.Random(seed)
    rows = report_rows(change(rng, held), seed)
    report = tmp_path / "trustee.csv"
    with report.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return plan, report


def _unchanged(rng, held):
    return held


def _moved(rng, held):
    """Some holdings sold, some new (in sections the plan has and one it has not), values and words changed."""
    from dataclasses import replace

    kept = [h for h in held if rng.random() > 0.1]
    words = ["O'Brien's fund", "#1 pick", "yes", "12,345 shares", "Café Holdings", "- dashed", "2024-01-01"]
    out = []
    for n, h in enumerate(kept):
        roll = rng.random()
        if roll < 0.2:
            h = replace(h, current=h.current + rng.randint(1, 999))
        elif roll < 0.3 and h.description:
            h = replace(h, description=words.pop() if words else f"{h.description}: class {n}")
        elif roll < 0.35 and h.cost is not None:
            h = replace(h, cost=h.cost + 1)
        out.append(h)
    template = held[0]
    for k in range(rng.randint(1, 5)):
        out.append(replace(held[rng.randrange(len(held))], identity=f"New Holding {k}: It's {k}", current=1000 + k))
    out.append(replace(template, identity="Brand New Trust", group="Collective trusts", current=5000, cost=None))
    return out


@pytest.mark.parametrize("n, seed, change", [(60, 3, _unchanged), (400, 7, _moved), (1000, 1, _moved),
                                             (150, 11, _moved)], ids=["60", "400 moved", "1000 moved", "150 moved"])
def test_synthetic_plans_import_the_same_through_the_text_path(tmp_path, n, seed, change):
    plan, report = synthetic(tmp_path, n, seed, change)
    fast, whole, taken = both(plan, report)
    assert taken
    same(fast, whole)


@pytest.mark.parametrize("decorate", [
    lambda t: t.replace("        current: ", "        # a comment below\n        current: ", 3),
    lambda t: t.replace("\n      - identity:", "\n      # between holdings\n\n      - identity:", 4),
    lambda t: t.replace("description: ", "description: 'x' # old words\n        was_desc: ", 1),
], ids=["comment inside a holding", "comments between holdings", "an extra key"])
def test_decorated_plans_import_the_same_either_way(plan, decorate):
    plan.write_text(decorate(plan.read_text()))
    fast, whole, _ = both(plan, SAMPLES / "sos-staffing-2001.csv")
    if whole.findings:  # a decoration the schema refuses: both refuse it alike
        assert [f.message for f in fast.findings] == [f.message for f in whole.findings]
        return
    same(fast, whole)


@pytest.mark.parametrize("value, old, text", [
    ("Growth fund", None, "Growth fund"), ("12 shares: A", None, "'12 shares: A'"),
    ("O'Neil Fund: a", None, '"O\'Neil Fund: a"'), ("it's", None, "it's"), ("yes", None, "yes"), ("null", None, "'null'"),
    ("2024-01-01", None, "'2024-01-01'"), ("x", '"old"', '"x"'), ("a: b", "'old'", "'a: b'"),
    (True, None, "true"), (12, '"TODO"', "12")])
def test_a_value_is_written_as_ruamel_writes_it(value, old, text):
    assert written(value, old) == text


def test_what_needs_an_escape_is_left_to_the_round_trip():
    with pytest.raises(NotCanonical):
        written('say "hi"\t', '"old"')


@given(st.text(alphabet="abcXYZ019 .,()/&+-:#'\"", min_size=1, max_size=14))
@settings(max_examples=300, deadline=None)
def test_words_written_plain_at_once_are_those_the_emitter_allows_plain(text):
    """The shortcut past the emitter's analysis takes only words the analysis would write plain."""
    from generator.workflows.holdings_text_edit import _PLAIN, _emitter

    if _PLAIN.fullmatch(text):
        assert _emitter().analyze_scalar(text).allow_block_plain
