"""The loader keeps where every value came from and never lets money pass through float."""

from __future__ import annotations

from decimal import Decimal

from generator.load.yaml_source import PlainFloat, PlainInt, parse_yaml_bytes
from generator.pipeline import check

from .conftest import EXAMPLE


def test_locations_of_keys_and_values():
    loaded = parse_yaml_bytes(b"plan:\n  name: X\n  items:\n    - a: 1\n", "f.yaml")
    assert str(loaded.where(("plan", "name"))) == "f.yaml:2:9"
    assert str(loaded.where_key(("plan", "name"))) == "f.yaml:2:3"
    assert str(loaded.where(("plan", "items", 0, "a"))) == "f.yaml:4:10"
    assert str(loaded.where(("plan", "items", 0, "missing"))) == "f.yaml:4:7"


def test_scalars_keep_their_source_text():
    loaded = parse_yaml_bytes(b"a: 1046.50\nb: 002\nc: 1_000\n", "f.yaml")
    assert isinstance(loaded.data["a"], PlainFloat) and loaded.data["a"] == "1046.50"
    assert isinstance(loaded.data["b"], PlainInt) and loaded.data["b"].source == "002"
    assert loaded.data["c"].source == "1_000"


def test_money_is_decimal_from_the_text(tmp_path):
    source = EXAMPLE.read_text().replace("prior: 600055", "prior: 600055.10").replace(
        "amounts_in", "amounts_in").replace("report: annual", "report: annual\n  amounts_in: cents")
    path = tmp_path / "cents.yaml"
    path.write_text(source)
    outcome = check(path)
    assert not outcome.input_failed
    value = outcome.plan_year.investments[0].holdings[0].prior
    assert isinstance(value, Decimal) and value == Decimal("600055.10") and str(value) == "600055.10"
    # the prior-year total moved by exactly ten cents: the stated total no longer agrees
    messages = [f.message for f in outcome.findings]
    assert any("total investments at 2000 year-end" in m for m in messages)
    diffs = {f.difference for f in outcome.findings if f.difference is not None}
    assert Decimal("-0.10") in diffs


def test_aliases_cannot_inflate_the_document():
    laughs = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
        for i in range(8))
    loaded = parse_yaml_bytes(laughs, "lol.yaml")
    assert loaded.data is None
    assert "aliases expand the document to more than" in loaded.findings[0].message
