"""Inline XBRL without a validator: the mapping table against FASB's element list, `check`'s XBRL rules (each
shown to fail on a bad fact), located findings for what cannot be tagged, and the submission folder a build
writes. Validation by Arelle is in test_ixbrl.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import xbrl as rules
from generator.model.xbrl import mapping
from generator.model.xbrl.facts import ENTITY_AXIS, Context, Fact, Period, default_prefix, wanted
from generator.model.xbrl.taxonomy import domain_members, ebp_elements
from generator.pipeline import check

from .conftest import EXAMPLE, ROOT
from .test_check import line_of, run

MODERN = ROOT / "plan_data" / "harbor-point" / "2024.yaml"
MODERN_TEXT = MODERN.read_text()
CALLOWAY = ROOT / "plan_data" / "calloway" / "2015.yaml"


def modern(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = MODERN_TEXT
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "harbor-point" / "2024.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---------------------------------------------------------------- the mapping is FASB's


def _ebp(qname: str):
    concept = ebp_elements().get(qname)
    assert concept is not None, f"{qname} is not in us-gaap-ebp-2025.xsd"
    assert not concept.abstract, qname
    return concept


@pytest.mark.parametrize("table, period, balance", [
    (mapping.RECEIVABLES, "instant", "debit"),
    (mapping.LIABILITIES, "instant", "credit"),
    ({k: v for k, v in mapping.NET_ASSETS.items() if k != "total_liabilities"}, "instant", "debit"),
    ({"total_liabilities": mapping.NET_ASSETS["total_liabilities"]}, "instant", "credit"),
    ({k: v for k, v in mapping.CHANGES.items() if k in ("benefits_paid", "administrative_expenses")}, "duration",
     "credit"),
    ({k: v for k, v in mapping.CHANGES.items() if k not in ("benefits_paid", "administrative_expenses")}, "duration",
     "debit"),
])
def test_every_mapped_element_is_fasbs_with_its_period_and_balance(table, period, balance):
    for element in table.values():
        if element is None:
            continue
        if element.startswith("ext:"):
            ext = mapping.EXTENSIONS[element[4:]]
            assert (ext.period, ext.type) == (period, "xbrli:monetaryItemType")
            continue
        concept = _ebp(element)
        assert (concept.period, concept.balance, concept.type) == (period, balance, "xbrli:monetaryItemType")


def test_text_blocks_members_and_extensions_exist():
    for _, element in mapping.NOTE_BLOCKS:
        if not element.startswith("ext:"):
            assert _ebp(element).type == "dtr-types:textBlockItemType"
    members = domain_members()["us-gaap:InvestmentTypeAxis"]
    for member in list(mapping.INVESTMENT_TYPES.values()) + list(mapping.GROUP_TYPES.values()):
        assert member is None or member in members, member
    for key in ("1", "2", "3", "hierarchy", "nav"):
        assert mapping.FAIR_VALUE[key] in domain_members()[mapping.FAIR_VALUE["axis"]]
    for name in mapping.EXTENSIONS:  # an extension never shadows a FASB element
        assert f"us-gaap-ebp:{name}" not in ebp_elements()
    for items in mapping.RECONCILING.values():
        for element in items:
            assert element is None or element.startswith("ext:") or _ebp(element)


def test_the_prefix_defaults_to_the_issuers_initials():
    assert default_prefix("Harbor Point Logistics, Inc.") == "hpl"
    assert default_prefix("SOS Staffing Services, Inc.") == "sss"
    assert default_prefix("3M Company") == "p3"


def test_inline_xbrl_is_built_when_the_filing_is_due_after_july_10_2025_or_asked_for():
    assert wanted(check(MODERN).filing)  # asks for it (xbrl.build: true)
    assert not wanted(check(EXAMPLE).filing)  # 2001: no
    later = dataclasses.replace(check(EXAMPLE).filing, deadline=dt.date(2025, 7, 11))
    assert wanted(later)


# ---------------------------------------------------------------- what cannot be tagged is a located finding


def test_a_missing_cik_is_a_located_error(tmp_path):
    path = modern(tmp_path, ('  cik: "0001982471"             # the filer\'s EDGAR Central Index Key (fictional)\n',
                             ""))
    code, out = run("check", str(path))
    assert code == 1
    line = path.read_text().split("\n").index("plan:") + 1
    assert (f"{path}:{line}:1: error: plan: the plan's CIK is missing: the Inline XBRL "
            "submission names its filer by CIK\n") in out
    assert '  hint: add plan.cik: "0001234567" (the 10-digit Central Index Key EDGAR assigned)\n' in out


def test_a_line_without_a_kind_cannot_be_tagged(tmp_path):
    path = modern(tmp_path, ("      kind: accrued_expenses\n", ""))
    code, out = run("check", str(path))
    assert code == 1
    line = line_of(path, "- label: Accrued administrative expenses")
    assert (f"{path}:{line}:7: error: net_assets.liabilities[1]: the liability 'Accrued administrative expenses' "
            "cannot be tagged: it has no kind\n") in out


def test_a_line_names_its_element_instead(tmp_path):
    path = modern(tmp_path, ("      kind: accrued_expenses\n", "      xbrl_element: EmployeeBenefitPlanAccruedExpense\n"))
    assert run("check", "--strict", str(path)) == (0, "")
    path = modern(tmp_path, ("      kind: accrued_expenses\n", "      xbrl_element: EmployeeBenefitPlanAccruedExpenses\n"))
    code, out = run("check", str(path))
    assert code == 1
    assert ("net_assets.liabilities[1].xbrl_element: EmployeeBenefitPlanAccruedExpenses is not in the us-gaap-ebp "
            "2025 taxonomy\n") in out


def test_an_unknown_investment_type_member_is_refused(tmp_path):
    """The 2001 example prints net depreciation by type; built as Inline XBRL, each type needs its member."""
    text = EXAMPLE.read_text().replace("xbrl_member: EmployeeBenefitPlanEmployerCommonStockMember",
                                       "xbrl_member: BondsMember").replace("\nxbrl:\n", "\nxbrl:\n  build: true\n")
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    code, out = run("check", str(path))
    assert code == 1
    assert ("changes.additions[1].lines[0].by_type[1].xbrl_member: BondsMember is not a member of "
            "us-gaap:InvestmentTypeAxis in the 2025 EBP taxonomy\n") in out


def test_a_deduction_with_no_element_is_an_error_until_it_names_one(tmp_path):
    path = modern(tmp_path, ("    - kind: administrative_expenses\n", "    - kind: other_deduction\n"))
    code, out = run("check", str(path))
    assert code == 1
    assert ("error: changes.deductions[2]: the line 'Other deductions' cannot be tagged: no us-gaap-ebp element is "
            "mapped to kind other_deduction\n") in out


def test_a_plan_year_that_does_not_build_inline_xbrl_is_not_held_to_it(tmp_path):
    path = modern(tmp_path, ("  build: true\n", "  build: false\n"),
                  ('  cik: "0001982471"             # the filer\'s EDGAR Central Index Key (fictional)\n', ""))
    assert run("check", "--strict", str(path)) == (0, "")


def _variant(tmp_path: Path, source: Path, *changes: tuple[str, str]) -> Path:
    text = source.read_text()
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / source.parent.name / source.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_master_trust_line_its_caption_does_not_type_is_a_located_error(tmp_path):
    """The master trust's investment lines are typed from their captions ("Corporate bonds"); one that names no
    type (a "Short-term investments" line) names its member, and until it does, the build says where."""
    path = _variant(tmp_path, CALLOWAY, ("      xbrl_member: EbpOtherInvestmentMember\n", ""))
    outcome = check(path, ixbrl=True)
    assert [(f.severity, f.path, f.message, f.hint) for f in outcome.findings if f.check == "xbrl-mapping"] == [
        ("error", "master_trust.investments[8]", "cannot tell which investment type the master trust's line "
         "'Short-term investments' is", "name its us-gaap:InvestmentTypeAxis member: xbrl_member: "
         "EmployeeBenefitPlanEmployerCommonStockMember (or another)")]


def test_a_quoted_figure_whose_element_is_not_named_is_a_warning(tmp_path):
    """A figure under facts: that a note quotes is tagged with the element xbrl.facts names; without one it is
    left untagged, and the check says so where the note quotes it."""
    path = _variant(tmp_path, EXAMPLE, ("    forfeited_nonvested: EmployeeBenefitPlanForfeitedNonvestedAccount\n", ""))
    outcome = check(path, ixbrl=True)
    found = [(f.severity, f.path, f.message) for f in outcome.findings if f.check == "xbrl-mapping"]
    assert found == [("warning", "notes[0].blocks[8].text", "note 1 quotes {facts.forfeited_nonvested}, whose "
                      "element the plan year does not name: it is not tagged")]
    named = check(EXAMPLE, ixbrl=True).filing.xbrl
    forfeited = [fact for fact in named.facts if fact.concept == mapping.ebp("ForfeitedNonvestedAccount")]
    assert [(fact.value, fact.context.period.end, fact.decimals) for fact in forfeited] == [
        (Decimal(127451), dt.date(2001, 12, 31), 0)]


@pytest.fixture(scope="module")
def trust_filing():
    return check(CALLOWAY, ixbrl=True).filing


def test_the_master_trust_axis_keeps_to_the_master_trust_table(trust_filing):
    """DQC_0190: the trust's investments are InvestmentFairValue on the master trust axis, a total its splits
    never accompany there (10602 asks them only of the statements' tables); the Plan's interest and the split
    elements are never on that axis (10607); a total of fair and contract value has one of its parts (10606)."""
    f = trust_filing
    assert [x for fn in rules.CHECKS.values() for x in fn(f)] == []
    end = Period(f.fiscal_year_end)
    axis = mapping.MASTER_TRUST["axis"]
    by_trust = Context(end, tuple(sorted(((ENTITY_AXIS, f.xbrl.plan_member), (axis, mapping.MASTER_TRUST["plan"])))))
    interest = Fact(mapping.NET_ASSETS["master_trust_line"], by_trust, Decimal(1000), -3)
    assert [x.message for x in rules.dqc_0190(_with(f, interest))] == [
        f"{mapping.NET_ASSETS['master_trust_line']}: the Plan's interest in a master trust and its other investments "
        "are never reported by the master trust axis (DQC 10607)"]
    total = Fact(mapping.MASTER_TRUST["total_investments"], _plan(f, end), Decimal(1000), -3)
    assert "DQC 10602, 10603, 10605, 10606" in rules.dqc_0190(_with(f, total))[0].message


def test_a_figure_printed_at_two_precisions_is_one_fact_when_they_agree(filing):
    """A statement's figure in thousands and a note's exact quote of it are one fact if they agree to the
    thousand (EFM 6.5.12); a thousand further apart they are two values of one fact."""
    end = Period(filing.fiscal_year_end)
    liability, value = mapping.NET_ASSETS["total_liabilities"], filing.total_liabilities.current
    rounded = (value / 1000).quantize(Decimal(1)) * 1000
    assert rules.duplicates(_with(filing, Fact(liability, _plan(filing, end), rounded, -3))) == []
    assert [x.check for x in rules.duplicates(_with(filing, Fact(liability, _plan(filing, end), rounded + 1000, -3)))] \
        == ["xbrl-duplicates"]


# ---------------------------------------------------------------- each rule fails on a bad fact


@pytest.fixture(scope="module")
def filing():
    return check(MODERN).filing


def _with(filing, *facts: Fact):
    x = dataclasses.replace(filing.xbrl, facts=list(filing.xbrl.facts) + list(facts))
    return dataclasses.replace(filing, xbrl=x)


def _plan(filing, period: Period) -> Context:
    return Context(period, ((ENTITY_AXIS, filing.xbrl.plan_member),))


def test_the_example_passes_every_xbrl_rule(filing):
    assert [f for name, fn in rules.CHECKS.items() for f in fn(filing)] == []


def test_rules_catch_bad_facts(filing):
    end = Period(filing.fiscal_year_end)
    year = Period(filing.fiscal_year_end, filing.prior_year_end + dt.timedelta(days=1))
    plan = _plan(filing, end)
    liability = mapping.NET_ASSETS["total_liabilities"]
    assert [f.check for f in rules.dqc_0226(_with(filing, Fact("us-gaap:Assets", plan, Decimal(1), 0)))] == \
        ["xbrl-dqc-0226"]
    signs = rules.signs(_with(filing, Fact(mapping.LIABILITIES["accrued_expenses"], plan, Decimal(-5), 0)))
    assert [(f.check, f.severity) for f in signs] == [("xbrl-dqc-0015", "warning")]
    bare = Context(end)
    assert "DQC 10616" in rules.dqc_0190(_with(filing, Fact(liability, bare, Decimal(0), 0)))[0].message
    wrong = rules.concepts(_with(filing, Fact(liability, _plan(filing, year), Decimal(0), 0)))
    assert wrong[0].message.endswith("is an instant element reported for a duration")
    off = rules.calculations(_with(filing, Fact(liability, plan, filing.total_liabilities.current + 1, 0)))
    assert any(f.check == "xbrl-calculation" for f in off)
    assert [f.check for f in rules.duplicates(_with(filing, Fact(liability, plan, Decimal(1), 0)))] == \
        ["xbrl-duplicates"]


# ---------------------------------------------------------------- the submission folder


def test_build_writes_the_submission_folder_and_the_manifest_records_it(tmp_path):
    out = tmp_path / "out"
    code, text = run("build", str(MODERN), "--format", "text,ixbrl", "-o", str(out))
    assert code == 0, text
    folder = out / "harbor-point" / "2024"
    names = sorted(p.name for p in (folder / "ixbrl").iterdir())
    assert names == ["hpl-20241231.htm", "hpl-20241231.xsd", "hpl-20241231_cal.xml", "hpl-20241231_def.xml",
                     "hpl-20241231_lab.xml", "hpl-20241231_pre.xml", "hpl-ex23.htm"]
    manifest = (folder / "manifest.json").read_text()
    assert all(f'"path": "ixbrl/{name}"' in manifest for name in names)
    assert run("verify", str(folder)) == (0, run("verify", str(folder))[1])
    (folder / "ixbrl" / "old-20231231.htm").write_text("last year's")
    assert run("verify", str(folder))[0] == 1  # a file the manifest does not list
    assert run("build", str(MODERN), "--format", "text,ixbrl", "-o", str(out))[0] == 0
    assert not (folder / "ixbrl" / "old-20231231.htm").exists()  # the folder holds exactly the submission
    assert run("verify", str(folder))[0] == 0


def test_two_investments_alike_keep_a_context_each(tmp_path):
    path = modern(tmp_path, ('description: "U.S. Treasury note, 4.625%, due 05/15/2054; par $150,000"',
                             'description: "U.S. Treasury note, 4.125%, due 11/15/2032; par $150,000"'))
    outcome = check(path)
    assert [f for f in outcome.findings if f.severity == "error"] == []
    names = [dict(f.context.typed)[mapping.SCHEDULE_H["axis"]] for f in outcome.filing.xbrl.facts
             if f.concept == mapping.SCHEDULE_H["value"] and f.context.typed]
    alike = "United States Treasury, U.S. Treasury note, 4.125%, due 11/15/2032; par $150,000"
    assert [n for n in names if n.startswith(alike)] == [alike, alike + " (2)"]
