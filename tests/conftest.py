"""Shared fixtures: the repository root and the bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
REFERENCE = ROOT / "tests" / "reference" / "sos-staffing-401k-2001.txt"  # a public SEC filing, kept in the repository


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE
