"""Holdings rolled forward as text give, byte for byte, the file the ruamel round trip gives.

`roll_forward(..., text_holdings=False)` rolls the whole document through the round trip (the writer every
other edit uses); each test compares the two, on the bundled examples, synthetic plans and the 2001 example
decorated at random with comments, blank lines, quotes, dropped holdings and extra keys.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.pipeline import check
from generator.workflows.holdings_rollforward import cut
from generator.workflows.rollforward import roll_forward

from .conftest import EXAMPLE, ROOT

HARBOR = ROOT / "plan_data" / "harbor-point" / "2024.yaml"
EXAMPLES = int(os.environ.get("ELEVENK_PROPERTY_EXAMPLES", "25"))
COMMENT = st.from_regex(r"[A-Za-z0-9 ,.'()$%:-]{0,30}[A-Za-z0-9.)]", fullmatch=True)


def both(tmp_path: Path, text: str):
    """(the roll with holdings as text, the roll through the round trip, whether the text path was taken)."""
    source = tmp_path / "2001.yaml"
    source.write_text(text)
    outcome = check(source)
    assert outcome.filing is not None, [f.message for f in outcome.findings]
    fast = roll_forward(outcome.loaded.text, outcome.filing, tmp_path / "next.yaml")
    whole = roll_forward(outcome.loaded.text, outcome.filing, tmp_path / "next.yaml", text_holdings=False)
    taken = cut(outcome.loaded.text, outcome.filing.plan_year.investments) is not None
    return fast, whole, taken


def same(fast, whole) -> None:
    assert fast.text == whole.text
    assert fast.summary == whole.summary and fast.review == whole.review
    assert [(f.path, f.location) for f in fast.to_fill] == [(f.path, f.location) for f in whole.to_fill]


@pytest.mark.parametrize("plan", [EXAMPLE, HARBOR], ids=["sos-staffing", "harbor-point"])
def test_bundled_examples_roll_the_same_through_the_text_path(tmp_path, plan):
    fast, whole, taken = both(tmp_path, plan.read_text())
    assert taken
    same(fast, whole)


@pytest.mark.parametrize("n, seed", [(60, 3), (400, 7), (1000, 1)])
def test_synthetic_plans_roll_the_same_through_the_text_path(tmp_path, n, seed):
    from benchmarks.synth import plan_yaml

    fast, whole, taken = both(tmp_path, plan_yaml(n, seed))
    assert taken
    same(fast, whole)


def test_dropped_holdings_and_groups_go_with_their_comments(tmp_path):
    text = EXAMPLE.read_text()
    # Janus sold out; the whole "Other investments" group too; comments follow the values above them.
    text = text.replace("current: 86812\n        prior: 73075\n",
                        "current: 0  # sold in March\n        prior: 73075\n        # gone\n")
    text = text.replace("current: 71797", "current: 0").replace("current: 1046", "current: 0")
    text = text.replace("          rate_low: 8.5%\n", "          rate_low: 8.5%   # one loan\n\n# the rest\n")
    fast, whole, taken = both(tmp_path, text)
    assert taken
    same(fast, whole)
    assert "Janus" not in fast.text and "Other investments" not in fast.text and "# the rest" not in fast.text
    assert "1 dropped" not in str(fast.summary) and "3 dropped" in str(fast.summary)


def test_comments_keep_their_column_and_quoted_values_their_quotes(tmp_path):
    text = EXAMPLE.read_text()
    text = text.replace("        description: 20,283 shares of mutual fund\n",
                        "        description: \"20,283 shares of mutual fund\"   # per statement\n")
    text = text.replace("        current: 219054\n", "        current: 219054            # trustee p. 3\n")
    text = text.replace("        prior: 229207\n", "        prior: 2  # short\n")
    text = text.replace("        description: 15,102 shares of mutual fund\n",
                        "        description: '15,102 shares of mutual fund'\n")
    text = text.replace("        prior: 180606\n", "        prior: 180606\n        explanation: Market decline\n")
    fast, whole, taken = both(tmp_path, text)
    assert taken
    same(fast, whole)
    # The comment on the old balance went with it; the prior's stays, a space after its longer value; the
    # old description goes into a comment.
    assert "        description: \"TODO\" # was: 20,283 shares of mutual fund\n        current: TODO\n" \
        "        prior: 219054 # short\n" in fast.text
    assert "description: 'TODO'  # was: 15,102" in fast.text and "Market decline" not in fast.text


@pytest.mark.parametrize("change", [
    ("        description: 20,283", "        description:   20,283"),
    ("      - identity: Loomis Sayles Bond Fund\n        type: mutual_fund\n        description: 15,102 shares of"
     " mutual fund\n        current: 157665\n        prior: 180606\n",
     "      - {identity: Loomis Sayles Bond Fund, type: mutual_fund, description: \"15,102 shares of mutual fund\","
     " current: 157665, prior: 180606}\n"),
    ("        description: 15,102 shares of mutual fund\n",
     "        description: >-\n          15,102 shares\n          of mutual fund\n"),
    ("      - identity: Gabelli Growth Fund\n", "      - identity: &gab Gabelli Growth Fund\n"),
    ("        prior: 93610\n", "        # inside a holding\n        prior: 93610\n"),
    ("        party_in_interest: true\n        description: 14,923", "        party_in_interest: True\n"
     "        description: 14,923"),
    ("        description: 3,009 shares of mutual fund\n", "        description: \"3,009 shares\\tof mutual fund\"\n"),
], ids=["spacing", "flow", "folded", "anchor", "comment-inside", "capital-bool", "escape"])
def test_text_the_path_does_not_reproduce_goes_through_the_round_trip(tmp_path, change):
    text = EXAMPLE.read_text()
    assert change[0] in text
    fast, whole, taken = both(tmp_path, text.replace(change[0], change[1], 1))
    assert not taken
    same(fast, whole)


@st.composite
def decorated_example(draw) -> str:
    """The 2001 example with comments, blank lines, quotes, zero balances and extra keys at random."""
    out = []
    lines = EXAMPLE.read_text().split("\n")
    inside = False
    for line in lines:
        inside = inside or line == "investments:"
        if line == "net_assets:":
            inside = False
        m = re.fullmatch(r"( *)(- )?(\w+): (.+)", line)
        if inside and re.fullmatch(r" *- (identity|caption): .*|net_assets:", line) or line == "net_assets:":
            for _ in range(draw(st.integers(0, 2))):
                out.append(draw(st.sampled_from(["", " " * draw(st.integers(0, 10)) + "# " + draw(COMMENT)])))
        if inside and m and m.group(1).startswith("      "):
            indent, dash, key, value = m.groups()
            if key == "current" and draw(st.integers(0, 9)) == 0:
                value = "0"
            if key == "description" and draw(st.booleans()):
                value = draw(st.sampled_from(['"{}"', "'{}'"] if "'" not in value else ['"{}"'])).format(value)
            line = f"{indent}{dash or ''}{key}: {value}"
            if draw(st.integers(0, 3)) == 0:
                line += " " * draw(st.integers(1, 30)) + "# " + draw(COMMENT)
            out.append(line)
            if draw(st.integers(0, 60)) == 0:  # a comment inside a holding: the round trip takes it
                out.append(f"{indent}  # inside")
            if key == "prior" and draw(st.integers(0, 9)) == 0:
                plain = COMMENT.filter(lambda c: c[0].isalpha() and ": " not in c)  # a plain YAML scalar
                out.append(f"{indent}explanation: {draw(plain)}")
            continue
        out.append(line)
    return "\n".join(out)


@given(decorated_example())
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_decorated_example_rolls_the_same_either_way(tmp_path, text):
    fast, whole, _ = both(tmp_path, text)
    same(fast, whole)
