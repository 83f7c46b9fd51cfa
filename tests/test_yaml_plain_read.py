"""The one-pass read of a plain YAML file (`yaml_source._read_plain`) gives what the full read (node tree, then
walk) gives: the same values of the same types with the same source text, the same locations in the same order,
the same findings. Anything it does not handle itself it leaves to the full read, which must then be what runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import yaml_source
from generator.load.yaml_source import parse_yaml_bytes

from .conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("plan_data", "tests") for p in (ROOT / folder).rglob("*.y*ml"))


def full_read(raw: bytes, name: str) -> yaml_source.Loaded:
    """What parse_yaml_bytes gives without the one-pass read."""
    plain = yaml_source._read_plain

    def refuse(*args):
        raise yaml_source._Unusual("the full read, for the comparison")
    yaml_source._read_plain = refuse
    try:
        return parse_yaml_bytes(raw, name)
    finally:
        yaml_source._read_plain = plain


def reads_plainly(raw: bytes) -> bool:
    text = raw.decode("utf-8").removeprefix("\ufeff")
    try:
        yaml_source._read_plain(text, yaml_source.Loaded(file="f"), yaml_source._positions(text))
    except Exception:  # noqa: BLE001 (anything it leaves to the full read)
        return False
    return True


def same_values(a, b) -> bool:
    """Equal, of the same types, with the same source text where a value keeps it, keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_values(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b))
    return a == b and getattr(a, "source", None) == getattr(b, "source", None)


def assert_same_read(raw: bytes, name: str = "plan.yaml") -> None:
    fast, full = parse_yaml_bytes(raw, name), full_read(raw, name)
    assert same_values(fast.data, full.data)
    assert list(fast.locations.items()) == list(full.locations.items())
    assert list(fast.key_locations.items()) == list(full.key_locations.items())
    assert fast.findings == full.findings
    assert (fast.text, fast.sha256) == (full.text, full.sha256)


def test_the_repositorys_plan_years_and_bad_inputs_read_the_same_both_ways():
    assert len(FILES) > 50
    plain = 0
    for path in FILES:
        raw = path.read_bytes()
        assert_same_read(raw, str(path))
        try:
            plain += reads_plainly(raw)
        except UnicodeDecodeError:
            pass
    assert plain > len(FILES) // 2  # most files take the one pass: a test of it, not only of the fallback


def test_a_synthetic_plan_of_2000_holdings_reads_the_same_and_in_one_pass(tmp_path):
    from benchmarks import synth

    plan = synth.write_plan(tmp_path, 2000)
    raw = plan.read_bytes()
    assert reads_plainly(raw)
    assert_same_read(raw)


PLAN = EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: !!str 1\nb: ! 2\n",  # tags
    "a: 1\na: 2\n",  # a duplicate key
    "base: &b {x: 1}\nc:\n  <<: *b\n",  # a merge key
    "a: 1\n---\nb: 2\n",  # a second document
    "# only a comment\n",  # no document
    "? [a, b]\n: 1\n",  # a key that is not text
    "a: =\n",  # the value tag
    "- a\n- b\n",  # a list at the top
    "just text\n",
    "a: 'x\n",  # a syntax error
    "a:\n\tb: 1\n",  # a tab
    "when: 2024-12-31\nat: 2024-12-31 10:00:00\nn: 0o17\nh: 0x1F\ns: 1:30\nu: 1_000\no: 017\nneg: -5\nf: 1.5e3\n"
    "b: yes\nnull: ~\nnan: .nan\nbig: 99999999999999999999\n",  # every resolver
    "a: \u00e9\nb: e\u0301\n\"e\u0301\": 1\n",  # composed and decomposed text, keys included
    "a: x\u2028y\nb: 1\n",  # a line break YAML counts and editors do not
    "a: [1, {b: 2, c: [3]}]\nd: {}\ne: []\nf:\n",
    "notes:\n  - text: " + "x" * 300_000 + "\n",  # past a limit
    PLAN.replace("holdings:", "holdings: &h", 1),
])
def test_what_the_one_pass_leaves_or_takes_reads_the_same(text):
    assert_same_read(text.encode("utf-8"))


@settings(max_examples=int(os.environ.get("ELEVENK_PROPERTY_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(PLAN)), st.sampled_from(
    ["&a ", "*a", "!!str ", "<<: ", "\n", "  ", "- ", ": ", "#", "'", '"', "{", "[", ",", "\t", "~", "0x1", "2024-01-01",
     "\u00e9", "\u2028", "\r", "yes", "1_0", "? ", "--- ", "x" * 5000]), st.integers(0, 40)), max_size=4))
def test_an_edited_plan_year_reads_the_same_both_ways(edits):
    """The example with text inserted or cut at random places: whatever the edit, the reads agree."""
    text = PLAN
    for at, insert, cut in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    assert_same_read(text.encode("utf-8"))
