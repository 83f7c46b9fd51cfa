"""Inline XBRL validated offline with Arelle, the field's reference processor: XBRL 2.1, dimensions, the ix 1.1
schema and calculations 1.1, then the SEC's EDGAR plugin (EFM rules, efm-pragmatic, an 11-K submission); and
every fact Arelle reads back from the document equals the figure elevenk computed.

Needs arelle-release (the test extra) and ../shared (FASB's taxonomy package, the dei stub and the EDGAR
plugin); each test says so and skips when they are absent. The us-gaap 2025 schema is not available offline:
the shared package carries a test stand-in declaring the us-gaap names the EBP schema refers to, and
us_gaap_package() below adds the few more elevenk uses, each one a name FASB's EBP cubes reference.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import os
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks import synth
from generator.checks import xbrl as rules
from generator.model.xbrl import mapping
from generator.model.xbrl.facts import identifier
from generator.model.scale import presented
from generator.pipeline import check, render_ixbrl

from .conftest import EXAMPLE, ROOT
from .xbrl_packages import EDGAR_PLUGIN, TAXONOMY, test_packages

MODERN = ROOT / "plan_data" / "harbor-point" / "2024.yaml"
PROBLEMS = {"WARNING", "ERROR", "INCONSISTENCY", "CRITICAL"}

arelle = pytest.importorskip("arelle.api.Session", reason="arelle-release is not installed (pip install -e '.[test]')")
if not (TAXONOMY / "us-gaap-2025-partial-plus-stub.zip").is_file() or not EDGAR_PLUGIN.is_dir():
    pytest.skip("../shared (the FASB taxonomy package, the dei stub and the EDGAR plugin) is absent",
                allow_module_level=True)

from arelle.RuntimeOptions import RuntimeOptions  # noqa: E402

@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> list[str]:
    """FASB's package with the shared us-gaap stand-in plus the us-gaap names elevenk uses beyond it, and the
    dei stand-in (tests/xbrl_packages.py)."""
    folder = tmp_path_factory.mktemp("taxonomy")
    os.environ.setdefault("XDG_CONFIG_HOME", str(folder / "arelle-config"))  # Arelle's config and cache
    return test_packages(folder)


def arelle_run(entry: str, packages: list[str], efm: bool = False, facts: bool = False):
    """Run Arelle offline on a document: (messages worth reporting, facts read back or None)."""
    from arelle.api.Session import Session

    options = RuntimeOptions(
        entrypointFile=entry, packages=packages, internetConnectivity="offline", validate=True,
        calcs=None if efm else "c11r", logFile="logToStructuredMessage", keepOpen=facts,
        plugins=str(EDGAR_PLUGIN.resolve()) if efm else None, disclosureSystemName="efm-pragmatic" if efm else None)
    with Session() as session:
        session.run(options)
        messages = [f"[{m['messageCode']}] {m['msg']}" for m in session.get_log_messages()
                    if m["levelname"] in PROBLEMS]
        read = _read_back(session.get_models()[0]) if facts else None
    return messages, read


def _read_back(model) -> list[tuple]:
    """(concept, period, explicit dims, typed dims, value) of every fact in the loaded instance."""
    out = []
    for f in model.facts:
        ctx = f.context
        if ctx.isInstantPeriod:
            period = ((ctx.instantDatetime - dt.timedelta(days=1)).date(),)
        else:
            period = (ctx.startDatetime.date(), (ctx.endDatetime - dt.timedelta(days=1)).date())
        explicit = frozenset((str(d.dimensionQname), str(d.memberQname)) for d in ctx.qnameDims.values()
                             if d.isExplicit)
        typed = frozenset((str(d.dimensionQname), d.typedMember.textValue) for d in ctx.qnameDims.values()
                          if d.isTyped)
        out.append((str(f.qname), period, explicit, typed, f.xValue))
    return out


# ---------------------------------------------------------------- the submissions


def _submission(source: Path, folder: Path):
    outcome = check(source, ixbrl=True)
    assert not [f for f in outcome.findings if f.severity == "error"], outcome.findings
    files = render_ixbrl(outcome)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return outcome, folder / f"{outcome.filing.xbrl.base}.htm"


CALLOWAY = ROOT / "plan_data" / "calloway" / "2015.yaml"


def _at_contract_value(folder: Path) -> Path:
    """The Calloway example as a plan year after ASU 2015-12 shows it: the master trust's contracts at contract
    value (the Plan's interest in them too), in a group of their own after its total at fair value."""
    text = CALLOWAY.read_text()
    for old, new in (("  in_thousands: true\n", "  in_thousands: true\n  contracts: contract_value\n"),
                     ("    total_assets: {current: 4438169271, prior: 4239020716}\n", ""),  # stated at fair value
                     ("      plan: {current: 552395061, prior: 476839505}",  # the Plan's contracts at contract value
                      "      plan: {current: 550049383, prior: 478407395}")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "calloway" / "2015.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


@pytest.fixture(scope="session")
def submissions(tmp_path_factory) -> dict:
    """The Inline XBRL of each bundled example, of the Calloway example at contract value and of a synthetic plan
    of 1,000 holdings."""
    root = tmp_path_factory.mktemp("ixbrl")
    plans = {"harbor-point": MODERN, "sos-staffing": EXAMPLE, "calloway": CALLOWAY,
             "calloway-contract-value": _at_contract_value(root / "plans"),
             "synthetic-1000": synth.write_plan(root / "plans", 1000, seed=7)}
    return {name: _submission(path, root / name) for name, path in plans.items()}


# calloway: master trust, contracts, thousands
PLANS = ["harbor-point", "sos-staffing", "calloway", "calloway-contract-value", "synthetic-1000"]


@pytest.mark.parametrize("plan", PLANS)
def test_validates_as_xbrl_with_calculations(plan, submissions, packages):
    """XBRL 2.1, XBRL Dimensions, the Inline XBRL 1.1 schema and calculations 1.1: no error, no warning."""
    _, document = submissions[plan]
    messages, _ = arelle_run(str(document), packages)
    assert messages == []


@pytest.mark.parametrize("plan", PLANS)
def test_passes_edgar_filer_manual_rules(plan, submissions, packages):
    """The SEC's own EDGAR plugin, as EDGAR runs it on an 11-K: no error, no warning."""
    outcome, document = submissions[plan]
    entry = json.dumps([{"file": str(document), "cik": outcome.plan_year.plan.cik, "submissionType": "11-K"}])
    messages, _ = arelle_run(entry, packages, efm=True)
    assert messages == []


def _dims(x, ctx) -> tuple[frozenset, frozenset]:
    return (frozenset((axis, x.qname(member)) for axis, member in ctx.explicit), frozenset(ctx.typed))


def _period(ctx) -> tuple:
    return (ctx.period.end,) if ctx.period.instant else (ctx.period.start, ctx.period.end)


def _value(value):
    return value if isinstance(value, (Decimal, bool)) else None  # text and dates: their presence


def mismatches(x, read: list[tuple]) -> list[tuple]:
    """The facts elevenk computed that Arelle does not read back from the document with the same value, each
    printing counted: a figure printed twice (a statement's total and a note's quote of it) is read twice."""
    found = Counter((concept, period, explicit, typed, _value(value)) for concept, period, explicit, typed, value in read)
    out = []
    for fact in x.facts + x.hidden:
        key = (x.qname(fact.concept), _period(fact.context), *_dims(x, fact.context))
        if found[key + (_value(fact.value),)]:
            found[key + (_value(fact.value),)] -= 1
        else:
            out.append(key)
    return out


@pytest.mark.parametrize("plan", PLANS)
def test_every_fact_reads_back_as_computed(plan, submissions, packages):
    """Arelle reads each figure from the document as printed (digits, sign, scale, transformation) and finds
    the value elevenk computed; and the statements, the fair value table and Schedule H are all there."""
    outcome, document = submissions[plan]
    x = outcome.filing.xbrl
    f = presented(outcome.filing)  # the figures as printed: in thousands, each fact is a thousand times one
    k = Decimal(1000) if f.layout.in_thousands else Decimal(1)
    _, read = arelle_run(str(document), packages, facts=True)
    assert mismatches(x, read) == []
    found = {}
    for concept, period, explicit, typed, value in read:  # the first printing: the statements', before the notes
        found.setdefault((concept, period, explicit, typed), value)
    member = (("dei:LegalEntityAxis", x.qname(x.plan_member)),)

    def value(concept: str, period: tuple, *dims, typed=()) -> Decimal:
        return found[(concept, period, frozenset(member + dims), frozenset(typed))] / k

    end, start = (f.fiscal_year_end,), (f.prior_year_end,)
    year = (f.prior_year_end + dt.timedelta(days=1), f.fiscal_year_end)
    assert value(mapping.NET_ASSETS["net_assets"], end) == f.net_assets.current
    assert value(mapping.NET_ASSETS["net_assets"], start) == f.net_assets.prior
    if f.layout.total_investments:
        assert value(mapping.NET_ASSETS["total_investments"], end) == f.total_investments.current
    assert value(mapping.NET_ASSETS["total_assets"], start) == f.total_assets.prior
    assert value(mapping.CHANGE_TOTALS["net_change_before_transfers"], year) == f.net_change_before_transfers
    rows = [v for concept, period, explicit, typed, v in read
            if concept in (mapping.SCHEDULE_H["value"], mapping.SCHEDULE_H["loan_value"]) and typed]
    assert sorted(rows) == sorted(r.current * k for r in f.schedule_rows)
    assert value(mapping.SCHEDULE_H["total"], end) == f.schedule_total
    first = next((r for r in f.schedule_rows if r.path[0] == "investments"), None)  # not the loans' row
    if first is not None:
        assert value(mapping.SCHEDULE_H["value"], end, typed=[(mapping.SCHEDULE_H["axis"],
                     identifier(first.identity, first.description))]) == first.current
    for table, period in zip(f.fair_value, (end, start)):
        fv = mapping.FAIR_VALUE
        for level in ("1", "2", "3"):
            assert value(fv["value"], period, (fv["axis"], fv[level])) == getattr(table.hierarchy, f"level{level}")
        assert value(fv["total"], period) == table.total


def _changed(document: Path, folder: Path, shown: str, changed: str) -> Path:
    """A copy of the submission with the first printing of a figure changed."""
    folder.mkdir(exist_ok=True)
    for item in document.parent.iterdir():
        shutil.copy(item, folder / item.name)
    text = document.read_text(encoding="ascii")
    assert shown in text, shown
    (folder / document.name).write_text(text.replace(shown, changed, 1), encoding="ascii")
    return folder / document.name


def test_a_figure_changed_by_one_in_the_document_is_caught(submissions, packages, tmp_path):
    """Proof that the checks can fail: net assets printed one dollar off read back as a figure elevenk did not
    compute, and EDGAR refuses the two values of one fact (calculations 1.1 allow a dollar of rounding)."""
    outcome, document = submissions["harbor-point"]
    x, net = outcome.filing.xbrl, outcome.filing.net_assets.current
    changed = _changed(document, tmp_path, f">{net:,}<", f">{net + 1:,}<")
    _, read = arelle_run(str(changed), packages, facts=True)
    assert [key[0] for key in mismatches(x, read)] == [mapping.NET_ASSETS["net_assets"]]
    entry = json.dumps([{"file": str(changed), "cik": outcome.plan_year.plan.cik, "submissionType": "11-K"}])
    messages, _ = arelle_run(entry, packages, efm=True)
    assert messages, "an inconsistent duplicate passed EDGAR's rules"


def test_a_total_that_does_not_foot_fails_the_calculation(submissions, packages, tmp_path):
    outcome, document = submissions["harbor-point"]
    total = outcome.filing.total_liabilities.current
    changed = _changed(document, tmp_path, f">{total:,}<", f">{total + 1000:,}<")
    messages, _ = arelle_run(str(changed), packages)
    assert any("calc11e:inconsistentCalculationUsingRounding" in m for m in messages), messages


# ---------------------------------------------------------------- the figures inside the notes


def _reader(outcome, read):
    """values(concept, period, *dims): every value Arelle read of a concept in the plan's context with dims, in
    the document's order."""
    x = outcome.filing.xbrl
    member = ("dei:LegalEntityAxis", x.qname(x.plan_member))

    def values(concept: str, period: tuple, *dims) -> list:
        return [v for c, p, explicit, typed, v in read
                if c == concept and p == period and explicit == frozenset((member,) + dims) and not typed]
    return values


def _periods(f) -> tuple[tuple, tuple, tuple]:
    return (f.fiscal_year_end,), (f.prior_year_end,), (f.prior_year_end + dt.timedelta(days=1), f.fiscal_year_end)


def test_figures_quoted_in_prose_are_the_facts_they_quote(submissions, packages):
    """A figure a note's prose quotes reads back as the fact it quotes (a net depreciation quoted "by $545,303" is
    the negative fact), a figure under facts: as the element the YAML names, the loans' rates and latest maturity
    as FASB's loan elements (a range's ends on srt:RangeAxis), the Plan's share of its master trust as a
    percentage; figures the statements print in thousands and the prose in dollars, as both."""
    loans = mapping.LOANS
    low, high = (loans["range_axis"], loans["low"]), (loans["range_axis"], loans["high"])
    rate = loans["rate"]

    outcome, document = submissions["sos-staffing"]
    f = outcome.filing
    end, _, year = _periods(f)
    values = _reader(outcome, arelle_run(str(document), packages, facts=True)[1])
    depreciation = f.change_by_kind["net_appreciation"]
    assert depreciation == -545303 and re.search(r'depreciated in value by \$<ix:nonFraction [^>]*sign="-">545,303<',
                                                 document.read_text(encoding="ascii"))
    assert values(mapping.CHANGES["net_appreciation"], year) == [depreciation] * 3  # statement, prose, breakdown
    assert values(mapping.ebp("ForfeitedNonvestedAccount"), end) == [f.plan_year.facts["forfeited_nonvested"]]
    assert values(mapping.ebp("ForfeitedNonvestedAccountReallocatedToParticipant"), year) == [
        Decimal(150000), f.plan_year.facts["forfeitures_allocated"]]  # "approximately $150,000", then exactly
    assert values(rate, year) == [f.loans.rate_low / 100]  # one loan, one rate

    outcome, document = submissions["harbor-point"]
    f = outcome.filing
    end, _, year = _periods(f)
    values = _reader(outcome, arelle_run(str(document), packages, facts=True)[1])
    assert values(mapping.CHANGE_TOTALS["transfers"], year) == [f.change_by_kind["transfers_in"]] * 2
    assert values(mapping.ebp("ForfeitedNonvestedAccountDecreaseForEmployerContribution"), year) == [Decimal(51760)]
    assert values(rate, year, low) == [f.loans.rate_low / 100] and values(rate, year, high) == [f.loans.rate_high / 100]
    assert [str(v)[:10] for v in values(loans["maturity"], year, high)] == [f.loans.maturity_last.isoformat()]

    outcome, document = submissions["calloway"]
    f = outcome.filing
    end, start, _ = _periods(f)
    values = _reader(outcome, arelle_run(str(document), packages, facts=True)[1])
    adjustment = mapping.NET_ASSETS["contract_adjustment"].replace("ext:", f"{f.xbrl.prefix}:")
    exact = dict(zip(("current", "prior"), (-2345678, 1567890)))  # the note's "$2,345,678 below" and "above"
    assert sorted(values(adjustment, end)) == sorted([Decimal(-2346000), Decimal(exact["current"])])
    assert sorted(values(adjustment, start)) == sorted([Decimal(1568000), Decimal(exact["prior"])])
    assert [values(mapping.MASTER_TRUST["share"], p) for p in (end, start)] == [
        [share / 100] for share in f.master_trust.shares]


TRUST_MEMBERS = [  # the Calloway example's master trust lines, in order, and the member each is tagged with
    "us-gaap-ebp:EmployeeBenefitPlanEmployerCommonStockMember", "us-gaap-ebp:EbpNonemployerCommonStockMember",
    "us-gaap:MutualFundMember", "us-gaap:DefinedBenefitPlanCommonCollectiveTrustMember",
    "us-gaap:DefinedBenefitPlanRealEstateMember", "us-gaap:USTreasuryAndGovernmentMember",
    "us-gaap:CorporateBondSecuritiesMember", "us-gaap-ebp:EmployeeBenefitPlanSyntheticInvestmentContractMember",
    "us-gaap-ebp:EbpOtherInvestmentMember", "us-gaap:DerivativeMember"]


def test_the_master_trust_tables_read_back_as_computed(submissions, packages):
    """The master trust note's tables on FASB's master trust axis: each investment line by type for the trust and
    the Plan's interest (derivatives owed as an investment liability, positive), its totals, other assets,
    liabilities (positive), net assets before and after the adjustment to contract value, its income (expenses
    positive) and its fair value hierarchy, as elevenk computed them; never the split elements DQC 10607 bars."""
    outcome, document = submissions["calloway"]
    f = presented(outcome.filing)
    read = arelle_run(str(document), packages, facts=True)[1]
    values = _reader(outcome, read)
    k, mt, axis = Decimal(1000), f.master_trust, mapping.MASTER_TRUST["axis"]
    trust, plan = (axis, mapping.MASTER_TRUST["trust"]), (axis, mapping.MASTER_TRUST["plan"])
    end, start, year = _periods(f)
    fair, owed = mapping.MASTER_TRUST["investment"], mapping.MASTER_TRUST["investment_liability"]
    for trust_year, period in zip(mt.years, (end, start)):
        for row in trust_year.rows:
            if row.key == "investment":
                kind = ("us-gaap:InvestmentTypeAxis", TRUST_MEMBERS[row.path[2]])
                for whose, amount in ((trust, row.trust), (plan, row.plan)):  # (the note's prose quotes one)
                    assert values(fair if amount >= 0 else owed, period, whose, kind)[0] == abs(amount) * k
        assert values(fair, period, trust)[0] == trust_year.total_investments * k
        assert values(mapping.MASTER_TRUST["net_assets"], period, trust) == [trust_year.net_assets * k]
        assert values(mapping.MASTER_TRUST["net_assets"], period, plan) == [trust_year.plan_net_assets * k]
        payable = next(r for r in trust_year.rows if r.key == "liability")
        assert values(mapping.ebp("LiabilityInvestmentPurchase"), period, trust) == [-payable.trust * k]
    assert values(mapping.MASTER_TRUST["income_total"], year, trust) == [mt.income.total * k]
    assert values(mapping.MASTER_TRUST["income_total"], year, plan) == [mt.income.plan_total * k]
    fees = mt.income.rows[2]
    assert values(mapping.ebp("ChangeInNetAssetAvailableForBenefitDecreaseForInvestmentExpense"), year, plan) == [
        -fees.plan * k]
    fv = mapping.FAIR_VALUE
    captions = [line.caption for line in f.plan_year.master_trust.investments]
    for table, period in zip(mt.fair_value, (end, start)):
        for row in table.rows:
            kind = ("us-gaap:InvestmentTypeAxis", TRUST_MEMBERS[captions.index(row.caption)])
            for level, amount in zip(("1", "2", "3"), row.amounts):
                assert values(fair if amount >= 0 else owed, period, trust, kind, (fv["axis"], fv[level])) == [
                    abs(amount) * k]
        for caption, amount in table.nav_rows:
            kind = ("us-gaap:InvestmentTypeAxis", TRUST_MEMBERS[captions.index(caption)])
            assert values(fair, period, trust, kind, (fv["axis"], fv["nav"])) == [amount * k]
    barred = {c for c in rules.NOT_ON_MASTER_TRUST_AXIS}
    assert not [c for c, _, explicit, _, _ in read if c in barred and any(a == axis for a, _ in explicit)]


def test_the_master_trusts_contracts_at_contract_value_read_back(submissions, packages):
    """After ASU 2015-12 the trust's contracts are a group at contract value: the line is InvestmentContractValue by
    type and, the one line, their total too, which total investments (fair and contract value) add."""
    outcome, document = submissions["calloway-contract-value"]
    f = presented(outcome.filing)
    values = _reader(outcome, arelle_run(str(document), packages, facts=True)[1])
    k, axis = Decimal(1000), mapping.MASTER_TRUST["axis"]
    trust = (axis, mapping.MASTER_TRUST["trust"])
    end, _, _ = _periods(f)
    row = next(r for r in f.master_trust.years[0].rows if r.key == "contract")
    kind = ("us-gaap:InvestmentTypeAxis", TRUST_MEMBERS[row.path[2]])
    assert values(mapping.MASTER_TRUST["contract"], end, trust, kind) == [row.trust * k]
    assert values(mapping.MASTER_TRUST["contract"], end, trust) == [row.trust * k]
    total = f.master_trust.years[0].total_investments
    assert values(mapping.MASTER_TRUST["total_investments"], end, trust) == [total * k]
    fair = next(r for r in f.master_trust.years[0].rows if r.key == "total_fair_value")
    assert total == fair.trust + row.trust


def test_a_figure_changed_in_a_note_is_caught(submissions, packages, tmp_path):
    """A figure of the master trust's table, or one the prose quotes, changed in the document: Arelle reads back
    a figure elevenk did not compute, and EDGAR refuses the table's one against the prose's quote of it."""
    outcome, document = submissions["calloway"]
    x = outcome.filing.xbrl
    changed = _changed(document, tmp_path / "table", ">540,113<", ">540,114<")  # the Plan's employer stock
    _, read = arelle_run(str(changed), packages, facts=True)
    assert [key[0] for key in mismatches(x, read)] == [mapping.MASTER_TRUST["investment"]]
    entry = json.dumps([{"file": str(changed), "cik": outcome.plan_year.plan.cik, "submissionType": "11-K"}])
    messages, _ = arelle_run(entry, packages, efm=True)
    assert any("EFM.6.05.12" in m for m in messages), messages
    changed = _changed(document, tmp_path / "prose", ">1,567,890<", ">1,567,891<")
    _, read = arelle_run(str(changed), packages, facts=True)
    assert [key[0] for key in mismatches(x, read)] == [mapping.NET_ASSETS["contract_adjustment"].replace(
        "ext:", f"{x.prefix}:")]


def test_the_review_page_uses_the_installed_viewer_script(submissions, packages, monkeypatch):
    """The optional review page: Arelle's iXBRL Viewer over the submission, its script the installed
    package's own copy (never a CDN's), every fact inside."""
    constants = pytest.importorskip("iXBRLViewerPlugin.constants", reason="ixbrl-viewer (optional) is not installed")
    from generator.workflows import review

    monkeypatch.setenv(review.PACKAGES_ENV, "|".join(packages))
    assert review.unavailable() is None
    outcome, document = submissions["harbor-point"]
    page = review.review_files({p.name: p.read_bytes() for p in document.parent.iterdir()}, document.name)
    assert sorted(page) == ["hpl-20241231-review.html", "ixbrlviewer.js"]
    html = page["hpl-20241231-review.html"].decode("utf-8")
    assert '<script src="ixbrlviewer.js" type="text/javascript">' in html and "cdn." not in html
    assert page["ixbrlviewer.js"] == Path(constants.DEFAULT_VIEWER_PATH).read_bytes()
    assert str(outcome.filing.net_assets.current) in html
