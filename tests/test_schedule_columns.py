"""Schedule H's text columns split where the most rows fit on one line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pipeline import check
from generator.render.schedule_columns import NARROWEST, identity_width, schedule_columns, text_width

from .conftest import ROOT

WORDS = st.sampled_from(["Fund", "Index", "Registered", "investment", "company;", "12,345", "shares", "Trust",
                         "Meridian", "Common", "stock", "-", "R6", "Institutional", "Corporate", "bond,"])
TEXTS = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


def one_line(pairs, width, available, padding) -> int:
    return sum(1 for b, c in pairs
               if text_width(b) + padding <= width and text_width(c) + padding <= available - width)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXTS, TEXTS), min_size=1, max_size=30), st.floats(20, 45))
def test_no_split_puts_more_rows_on_one_line(pairs, available):
    chosen = identity_width(pairs, available, 0.6)
    assert available * NARROWEST <= chosen <= available * (1 - NARROWEST)
    grid = [available * (NARROWEST + (1 - 2 * NARROWEST) * i / 400) for i in range(401)]
    assert one_line(pairs, chosen, available, 0.6) >= max(one_line(pairs, w, available, 0.6) for w in grid)


def test_the_common_description_decides_the_split():
    """Twenty rows whose description needs most of the width, one long identity: the descriptions win."""
    pairs = [("Fund %d" % i, "Registered investment company; 12,345 shares") for i in range(20)]
    pairs.append(("Harborview Core Fixed Income Collective Trust", "Units"))
    available = 32.0
    chosen = identity_width(pairs, available, 0.6)
    assert available - chosen >= text_width("Registered investment company; 12,345 shares") + 0.6


@pytest.mark.parametrize("plan, cost", [("sos-staffing/2001.yaml", False), ("harbor-point/2024.yaml", True)])
def test_columns_come_from_the_whole_filing(plan, cost):
    f = check(ROOT / "plan_data" / plan).filing
    columns = schedule_columns(f)
    assert (columns.cost_figure > 0) == cost
    assert columns.cost_dollar == 0  # neither prints a "$" in its cost column
    assert columns.figure >= text_width("{:,}".format(f.schedule_total))
