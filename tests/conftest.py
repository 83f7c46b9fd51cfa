"""Shared fixtures: the repository root and the bundled example; helpers to read a text filing and write a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
REFERENCE = ROOT / "tests" / "reference" / "sos-staffing-401k-2001.txt"  # a public SEC filing, kept in the repository


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The 2001 example, copied to a folder of its own (a module may define its own `plan`)."""
    path = tmp_path / "sos" / "2001.yaml"
    path.parent.mkdir()
    path.write_text(EXAMPLE.read_text())
    return path


def page_with(text: str, needle: str) -> str:
    """The first page of a text filing that holds needle."""
    return next(p for p in text.split("\n<PAGE>\n") if needle in p)


def write_plan(folder: Path, text: str, name: str = "2024.yaml") -> Path:
    """A plan-year file in folder, named for its year (the file's year must be the plan year's)."""
    path = folder / name
    path.write_text(text)
    return path
