"""`elevenk schema`: the JSON Schema an editor holds a plan-year file against flags what `check` refuses."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import ROOT

PLANS = [ROOT / "plan_data" / "sos-staffing" / "2001.yaml", ROOT / "plan_data" / "harbor-point" / "2024.yaml"]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(CliRunner().invoke(main, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_an_editor_reads(path) -> dict:
    """The YAML as a language server sees it: dates are text."""
    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value
    return plain(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_the_bundled_plans_pass(validator, plan):
    assert list(validator.iter_errors(as_an_editor_reads(plan))) == []


@pytest.mark.parametrize("value, valid", [
    (1046, True), ("1046", True), (1046.5, True), ("1046.50", True),
    ("1,046", False), ("$1046", False), ("(1,046)", False), (-1046, False), ("-1046", False), (10.465, False),
])
def test_a_balance_is_held_to_what_check_accepts(validator, value, valid):
    data = as_an_editor_reads(PLANS[0])
    data["investments"][1]["holdings"][1]["current"] = value
    errors = [e for e in validator.iter_errors(data) if list(e.absolute_path)[-1:] == ["current"]]
    assert (not errors) == valid, [e.message for e in errors]


def test_a_signed_amount_may_be_negative_but_not_in_parentheses(validator):
    data = as_an_editor_reads(PLANS[0])
    item = data["changes"]["additions"][0]
    for value, valid in ((-300, True), ("-300", True), ("(300)", False), ("1,046", False)):
        item["amount"] = value
        assert (not list(validator.iter_errors(data))) == valid, value
