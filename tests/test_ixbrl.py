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
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks import synth
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


@pytest.fixture(scope="session")
def submissions(tmp_path_factory) -> dict:
    """The Inline XBRL of each bundled example and of a synthetic plan of 1,000 holdings."""
    root = tmp_path_factory.mktemp("ixbrl")
    plans = {"harbor-point": MODERN, "sos-staffing": EXAMPLE, "calloway": ROOT / "plan_data" / "calloway" / "2015.yaml",
             "synthetic-1000": synth.write_plan(root / "plans", 1000, seed=7)}
    return {name: _submission(path, root / name) for name, path in plans.items()}


PLANS = ["harbor-point", "sos-staffing", "calloway", "synthetic-1000"]  # calloway: master trust, contracts, thousands


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


def mismatches(x, read: list[tuple]) -> list[tuple]:
    """The facts elevenk computed that Arelle does not read back from the document with the same value."""
    found: dict[tuple, list] = {}
    for concept, period, explicit, typed, value in read:
        found.setdefault((concept, period, explicit, typed), []).append(value)
    out = []
    for fact in x.unique_facts():
        key = (x.qname(fact.concept), _period(fact.context), *_dims(x, fact.context))
        if key not in found:
            out.append(key)
        elif isinstance(fact.value, (Decimal, bool)) and any(v != fact.value for v in found[key]):
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
    found = {(concept, period, explicit, typed): value for concept, period, explicit, typed, value in read}
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
