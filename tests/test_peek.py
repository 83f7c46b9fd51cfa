"""load.peek finds a plan year's fiscal year from the top of its file, as the full load would read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.peek import fiscal_year
from generator.pipeline import check

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, year", [
    ("filing:\n  fiscal_year_end: 2001-12-31\n", 2001),
    ("filing: {report: annual, fiscal_year_end: '2004-06-30'}\n", 2004),
    ("dates: &end 2003-12-31\nfiling:\n  fiscal_year_end: *end\n", 2003),
    ("notes: [{filing: {fiscal_year_end: 1999-12-31}}]\nfiling:\n  x: [1, {fiscal_year_end: 1998-12-31}]\n"
     "  fiscal_year_end: 2007-12-31\n", 2007),
    ("? [a, b]\n: 1\nfiling: {fiscal_year_end: 2010-12-31}\n", 2010),
    ("filing:\n  fiscal_year_end: TODO\n", None),
    ("filing: [\n", None),
    ("plan: {name: x}\n", None),
])
def test_the_fiscal_year_is_read_from_the_events(tmp_path: Path, text: str, year: int | None):
    path = tmp_path / "2001.yaml"
    path.write_text(text)
    assert fiscal_year(path) == year


@pytest.mark.parametrize("example", sorted((ROOT / "plan_data").glob("*/*.yaml")))
def test_it_agrees_with_the_full_load(example: Path):
    assert fiscal_year(example) == check(example).filing.year


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_not_read():
    assert fiscal_year(Path("/dev/zero")) is None
