"""Fully benefit-responsive investment contracts in both presentations: at fair value with the adjustment line
(before ASU 2015-12) and as a line at contract value (after); the Form 5500 reports them at fair value, so the
adjustment is a reconciling item; a presentation that does not match the plan year is a warning."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from generator.model.scale import presented
from generator.pipeline import check, render

from .conftest import ROOT, write_plan as write

MODERN = ROOT / "plan_data" / "harbor-point" / "2024.yaml"
STABLE_VALUE = """      - identity: Meridian Stable Value Trust
        type: common_collective_trust
        party_in_interest: true
        fair_value_level: nav
        description: "Common collective trust; 102,722 units"
        current: 3137005
        prior: 2973854
"""
# Harbor Point's stable value fund as a fully benefit-responsive contract: contract value 17,005 below its fair
# value at the end of 2024, 16,146 above it at the end of 2023. Net assets and the year's appreciation move by
# the adjustment, so everything still ties.
CONTRACT = STABLE_VALUE + "        contract_value: {current: 3120000, prior: 2990000}\n"


def with_contract(extra: str = "") -> str:
    text = MODERN.read_text().replace(STABLE_VALUE, "", 1)
    text = text.replace("  - caption: Employer stock", "  - caption: Fully benefit-responsive investment contracts\n"
                        "    holdings:\n" + CONTRACT + "  - caption: Employer stock", 1)
    text = text.replace("1306040", str(1306040 - 17005 - 16146))
    text = text.replace("net_assets: {current: 69332044, prior: 61551277}",
                        "net_assets: {current: 69315039, prior: 61567423}")
    # Two lines of common collective trusts by type would be one XBRL fact: this variant is not built as Inline
    # XBRL (tests/test_ixbrl.py tags contracts in the Calloway example).
    text = text.replace("xbrl:\n  build: true\n", "xbrl:\n  build: false\n", 1)
    return text.replace("net_assets_end: 69332044", "net_assets_end: 69315039").replace("signatures:\n", extra + "signatures:\n", 1)



@pytest.fixture(scope="module")
def contract_value(tmp_path_factory):
    return check(write(tmp_path_factory.mktemp("cv"), with_contract()))


@pytest.fixture(scope="module")
def adjustment(tmp_path_factory):
    return check(write(tmp_path_factory.mktemp("adj"), with_contract("presentation:\n  contracts: adjustment\n\n")))


def statement(outcome) -> str:
    text = render(outcome, ["text"])["text"].decode("ascii")
    return next(p for p in text.split("\n<PAGE>\n") if "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS\n" in p)


def test_after_asu_2015_12_the_contract_is_a_line_at_contract_value(contract_value):
    f = contract_value.filing
    assert contract_value.exit_code(strict=True) == 0, [x.message for x in contract_value.findings]
    assert f.contracts == "contract_value" and f.contract_adjustment is None
    page = statement(contract_value)
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("TOTAL INVESTMENTS AT FAIR VALUE"))
    assert re.fullmatch(r"TOTAL INVESTMENTS AT FAIR VALUE +65,026,230 +57,436,868", lines[at])
    assert re.fullmatch(r"Fully benefit-responsive investment contracts +3,120,000 +2,990,000", lines[at + 1])
    assert re.fullmatch(r"TOTAL INVESTMENTS +68,146,230 +60,426,868", lines[at + 3])
    assert "ADJUSTMENT FROM FAIR VALUE" not in page
    assert f.net_assets == f.total_assets - f.total_liabilities
    # The contract is not in the fair value hierarchy, which ties to the investments at fair value.
    assert [t.total for t in f.fair_value] == [Decimal(65026230), Decimal(57436868)]


def test_before_asu_2015_12_the_adjustment_follows_net_assets_at_fair_value(adjustment):
    f = adjustment.filing
    assert f.contracts == "adjustment" and f.contract_groups == []
    assert f.contract_adjustment.current == Decimal(-17005) and f.contract_adjustment.prior == Decimal(16146)
    page = statement(adjustment)
    assert re.search(r"NET ASSETS REFLECTING ALL INVESTMENTS AT FAIR VALUE +69,332,044 +61,551,277\n\n"
                     r"ADJUSTMENT FROM FAIR VALUE TO CONTRACT VALUE FOR FULLY BENEFIT-RESPONSIVE\n"
                     r" +INVESTMENT CONTRACTS +\(17,005\) +16,146\n +-+ +-+\n"
                     r" +NET ASSETS AVAILABLE FOR BENEFITS +\$69,315,039 +\$61,567,423", page)
    assert f.net_assets == f.net_assets_fair_value + f.contract_adjustment
    assert [t.total for t in f.fair_value] == [f.total_investments.current, f.total_investments.prior]


def test_both_presentations_give_the_same_net_assets_and_form_5500(contract_value, adjustment):
    a, b = contract_value.filing, adjustment.filing
    assert a.net_assets == b.net_assets
    for f in (a, b):
        rec = f.reconciliation
        item = next(i for i in rec.items if i.kind == "contract_value")
        assert (item.current, item.prior) == (Decimal(-17005), Decimal(16146))
        assert rec.net_assets_5500 == (f.form5500.end("1l"), f.form5500.beginning("1l"))
        assert rec.income_5500 == f.form5500.amount("2k")
        # The Form 5500 reports the contract at fair value, and its change with the trust's income (2b(6)).
        assert f.form5500.end("1c(9)") == Decimal(16217948 + 3137005)
    html = render(contract_value, ["html"])["html"].decode("ascii")
    assert "Adjustment from contract value to fair value for fully benefit-responsive investment contracts" in html


def test_the_presentation_that_does_not_match_the_plan_year_is_a_warning(adjustment, tmp_path):
    warnings = [f for f in adjustment.findings if f.check == "contract-presentation"]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert "the plan year begins January 1, 2024: ASU 2015-12 shows fully benefit-responsive contracts at " \
           "contract value" in warnings[0].message
    assert adjustment.exit_code() == 0 and adjustment.exit_code(strict=True) == 1
    early = check(write(tmp_path, with_contract("presentation:\n  contracts: contract_value\n\n")
                        .replace("    date: 2025-06-18\n", "    date: 2015-06-18\n", 1)))
    assert any("before the standard was issued (July 31, 2015)" in f.message for f in early.findings)


def test_a_contract_presentation_without_contracts_is_a_warning(tmp_path):
    outcome = check(write(tmp_path, MODERN.read_text().replace(
        "signatures:\n", "presentation:\n  contracts: contract_value\n\nsignatures:\n", 1)))
    assert [f.message for f in outcome.findings if f.check == "contract-presentation"] == \
        ["contract_value is chosen, but no holding has a contract_value"]


@pytest.mark.parametrize("fixture, shown_as", [("contract_value", ""), ("adjustment", "  contracts: adjustment\n")])
def test_in_thousands_the_adjustment_and_the_contract_line_tie(fixture, shown_as, request, tmp_path):
    outcome = request.getfixturevalue(fixture)
    shown = presented(check(write(tmp_path, with_contract(f"presentation:\n  in_thousands: true\n{shown_as}\n"))).filing)
    for column in ("current", "prior"):
        value = lambda pair: getattr(pair, column)  # noqa: E731
        assert value(shown.net_assets) == (value(outcome.filing.net_assets) / 1000).quantize(Decimal(1))
        if shown.contract_adjustment:
            assert value(shown.net_assets) == value(shown.net_assets_fair_value) + value(shown.contract_adjustment)
        else:
            assert value(shown.total_investments) == value(shown.total_fair_value_investments) + \
                sum(value(g.subtotal) for g in shown.contract_groups)
    rec = shown.reconciliation
    assert rec.net_assets_5500 == (shown.form5500.end("1l"), shown.form5500.beginning("1l"))
