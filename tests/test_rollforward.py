"""`elevenk rollforward`: the 2001 example rolled to 2002, filled in with figures that tie, and built."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import writer
from generator.cli import main
from generator.load.schema import TO_FILL
from generator.pipeline import check

from .conftest import EXAMPLE

FINDING = re.compile(r"^(\S+):(\d+):(\d+): (error|warning): (\S+): (.*)$", re.M)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def rolled(tmp_path_factory) -> tuple[Path, str]:
    """The example copied to <tmp>/sos-staffing/2001.yaml and rolled forward once; (2002.yaml, preview)."""
    plan = tmp_path_factory.mktemp("plans") / "sos-staffing"
    plan.mkdir()
    shutil.copy(EXAMPLE, plan / "2001.yaml")
    code, out = run("rollforward", str(plan / "2001.yaml"))
    assert code == 0, out
    return plan / "2002.yaml", out


def _holdings(py):
    return {h.identity: h for g in py.investments for h in g.holdings}


def test_prior_year_figures_are_2001_current_exactly(rolled):
    old = check(EXAMPLE).filing
    new, _ = rolled
    loaded = check(new).loaded.data
    holdings = {h["identity"]: h for g in loaded["investments"] for h in g["holdings"]}
    for h in _holdings(old.plan_year).values():
        assert Decimal(holdings[h.identity]["prior"].source) == h.current, h.identity
        assert holdings[h.identity]["current"] == TO_FILL
    na = loaded["net_assets"]
    assert Decimal(na["cash"]["prior"].source) == old.cash.amount.current
    assert [Decimal(r["prior"].source) for r in na["receivables"]] == [r.amount.current for r in old.receivables]
    assert [Decimal(r["prior"].source) for r in na["liabilities"]] == [r.amount.current for r in old.liabilities]
    for name in ("total_investments", "total_receivables", "total_assets", "total_liabilities", "net_assets"):
        assert Decimal(na["stated"][name]["prior"].source) == getattr(old, name).current
        assert na["stated"][name]["current"] == TO_FILL
    assert Decimal(loaded["changes"]["stated"]["net_assets_beginning"].source) == old.net_assets.current
    assert str(loaded["filing"]["fiscal_year_end"]) == "2002-12-31"


def test_check_lists_every_field_to_fill_and_fails(rolled):
    new, preview = rolled
    code, out = run("check", str(new))
    assert code == 2
    findings = FINDING.findall(out)
    assert findings and all(f[3] == "error" and f[5] == "to be filled (marked TODO)" for f in findings)
    todo_lines = [n for n, line in enumerate(new.read_text().split("\n"), 1) if re.search(r":\s+TODO\b", line)
                  or "current: TODO" in line or "amount: TODO" in line]
    assert sorted({int(f[1]) for f in findings}) == todo_lines
    paths = {f[4] for f in findings}
    for path in ("investments[0].holdings[0].current", "investments[0].holdings[0].description",
                 "investments[1].holdings[1].loans.count", "net_assets.cash.current",
                 "net_assets.stated.net_assets.current", "changes.additions[0].amount",
                 "changes.additions[1].lines[0].by_type[1].amount", "changes.stated.net_assets_end",
                 "facts.forfeitures_allocated", "auditor.report.date", "auditor.consent.date"):
        assert path in paths
    # The preview listed the same fields, with the same line numbers.
    assert f"fields to fill ({len(findings)}):" in preview
    for _, line, col, _, path, _ in findings:
        assert re.search(rf"^\s+{line}:{col}\s+{re.escape(path)}\b", preview, re.M), path


def test_rolled_file_keeps_comments_identity_and_notes(rolled):
    new, preview = rolled
    text = new.read_text()
    source = EXAMPLE.read_text()
    # Comments of content that stays are kept; those of replaced values went with them.
    assert "# Each holding is one line of the statement of net assets and one row of Schedule H, line 4i." in text
    assert "cost_column: omitted      # all investments are participant-directed" in text
    assert "as printed in the filing" not in text and "audited by the predecessor firm" not in text
    assert text.index("filing:") < text.index("plan:") < text.index("investments:") < text.index("auditor:")
    # Holdings keep identity, label, type and party-in-interest flag; shares are re-entered.
    assert "label: SOS Staffing Services, Inc. common stock" in text
    assert text.count("party_in_interest: true") == source.count("party_in_interest: true")
    assert "description: TODO  # was: 20,283 shares of mutual fund" in text
    # The predecessor's paragraph is gone; the firm now reports on both years.
    assert "predecessor:" not in text and "periods: both" in text
    # Notes carry over word for word, each marked for review; the 2000 letter date is flagged, not moved.
    assert text.count("    review: ") == 5
    assert "letter dated\n          March 9, 2000, that the Plan" in text
    assert 'note 4 "Income tax status" mentions 2000: "...letter dated March 9, 2000, that the Plan is..."' \
        in preview
    assert "predecessor auditor's paragraph dropped" in preview
    assert "flux:\n  percent: 10\n  amount: 10000\n  net_assets_percent: 5" in text


def test_a_holding_with_no_balance_is_dropped(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    source = EXAMPLE.read_text()
    # Janus sold out during 2001: zero at the 2001 year-end (and the totals that print it adjusted).
    source = source.replace("current: 86812", "current: 0").replace("current: 1470", "current: 88282") \
        .replace("total_investments: {current: 3998822", "total_investments: {current: 3912010")
    (plan / "2001.yaml").write_text(source)
    assert run("check", str(plan / "2001.yaml"))[0] == 0
    code, out = run("rollforward", str(plan / "2001.yaml"), "--dry-run")
    assert code == 0
    assert "1 dropped (no balance at December 31, 2001): Janus Overseas Fund" in out
    assert "18 holdings carried over" in out
    assert not (plan / "2002.yaml").exists() and "dry run" in out


def _fill(path: Path) -> None:
    """Enter a consistent set of 2002 figures at every place `check` lists, so that everything ties."""
    outcome = check(path)
    todo = {f.path: f.location for f in outcome.findings}
    data = outcome.loaded.data
    values: dict[str, str] = {}
    investments = Decimal(0)
    for g, group in enumerate(data["investments"]):
        for h, holding in enumerate(group["holdings"]):
            prior = Decimal(holding["prior"].source)
            current = (prior * Decimal("0.9")).quantize(Decimal(1)) + 1000
            investments += current
            values[f"investments[{g}].holdings[{h}].current"] = str(current)
            values[f"investments[{g}].holdings[{h}].description"] = f"{int(current) // 20:,} shares"
    values["investments[1].holdings[1].loans.count"] = "1"
    values["investments[1].holdings[1].loans.rate_low"] = "8.5%"
    cash, participant, employer, refund = Decimal(2500), Decimal(31000), Decimal(50000), Decimal(0)
    receivables = participant + employer
    assets = investments + receivables + cash
    net = assets - refund
    contributions, mutual, stock, interest = Decimal(801234), Decimal(-301000), Decimal(-9000), Decimal(88000)
    additions = contributions + mutual + stock + interest
    beginning = Decimal(4022421)
    benefits = beginning + additions - net
    values.update({
        "net_assets.cash.current": str(cash), "net_assets.receivables[0].current": str(participant),
        "net_assets.receivables[1].current": str(employer), "net_assets.liabilities[0].current": str(refund),
        "net_assets.stated.total_investments.current": str(investments),
        "net_assets.stated.total_receivables.current": str(receivables),
        "net_assets.stated.total_assets.current": str(assets),
        "net_assets.stated.total_liabilities.current": str(refund),
        "net_assets.stated.net_assets.current": str(net),
        "changes.additions[0].amount": str(contributions),
        "changes.additions[1].lines[0].by_type[0].amount": str(mutual),
        "changes.additions[1].lines[0].by_type[1].amount": str(stock),
        "changes.additions[1].lines[1].amount": str(interest),
        "changes.deductions[0].amount": str(benefits),
        "changes.stated.total_additions": str(additions),
        "changes.stated.net_change": str(additions - benefits),
        "changes.stated.net_assets_end": str(net),
        "facts.forfeited_nonvested": "98765", "facts.forfeitures_allocated": "120400",
        "auditor.report.date": "2003-06-20", "auditor.consent.date": "2003-06-25",
    })
    assert set(values) == set(todo), set(todo) ^ set(values)
    lines = path.read_text().split("\n")
    for name, loc in todo.items():
        line = lines[loc.line - 1]
        assert line[loc.column - 1:].startswith(TO_FILL), (name, line)
        lines[loc.line - 1] = line[:loc.column - 1] + values[name] + line[loc.column - 1 + len(TO_FILL):]
    path.write_text("\n".join(lines))


def test_filled_in_2002_builds_with_both_columns_and_ties(rolled, tmp_path):
    new, _ = rolled
    work = tmp_path / "sos-staffing"
    work.mkdir()
    target = work / "2002.yaml"
    shutil.copy(new, target)
    _fill(target)
    code, out = run("check", str(target))
    assert code == 0, out
    assert " error: " not in out
    # What is left is review work: the notes' review marks and the large moves to explain.
    assert out.count("is marked for review") == 5
    assert "Employer contributions receivable increased by 50,000 (new) between the 2001 and 2002 year-ends" in out
    assert run("check", "--strict", str(target))[0] == 1
    code, out = run("build", str(target), "-o", str(tmp_path / "out"), "--format", "text,pdf")
    assert code == 0, out
    built = tmp_path / "out" / "sos-staffing" / "2002"
    text = (built / "sos-staffing-2002.txt").read_text()
    assert "For the fiscal year ended December 31, 2002" in text
    assert "December 31, 2002 and 2001" in text
    assert re.search(r"^\s+2002\s+2001$", text, re.M)
    assert "Year ended December 31, 2002" in text
    # The 2001 column is the 2001 filing's current column; the statement ties to the filled figures.
    assert "4,022,421" in text and "3,998,822" in text
    filing = check(target).filing
    assert filing.net_assets_beginning == Decimal(4022421)
    assert filing.net_assets_end == filing.net_assets.current
    assert f"{filing.net_assets.current:,}" in text
    # No predecessor paragraph: the firm audited both years.
    assert "other auditors" not in text
    assert "as of December 31, 2002 and December 31, 2001" in " ".join(text.split())
    # The PDF shows the same statement: both columns, the same totals.
    pdf = "\n".join(page.extract_text() for page in PdfReader(built / "sos-staffing-2002.pdf").pages)
    assert "For the fiscal year ended December 31, 2002" in pdf
    assert "December 31, 2002 and 2001\n2002 2001\n" in pdf
    net = f"{filing.net_assets.current:,}"
    assert re.search(rf"Net assets available for benefits \$ ?{net} \$ ?4,022,421", pdf)
    assert "Year ended December 31, 2002" in pdf and "other auditors" not in pdf


def test_second_rollforward_refuses_without_force(rolled):
    new, _ = rolled
    before = new.read_bytes()
    code, out = run("rollforward", str(new.parent / "2001.yaml"))
    assert code == 1
    assert f"{new} exists; not overwritten (use --force to replace it)" in out
    assert new.read_bytes() == before
    code, out = run("rollforward", str(new.parent / "2001.yaml"), "--force")
    assert code == 0 and f"wrote {new}" in out
    assert new.read_bytes() == before  # the same source rolls forward to the same file


def test_interrupted_write_leaves_the_old_file_intact(rolled, monkeypatch):
    new, _ = rolled
    plan = new.parent
    (plan / "2002.yaml").write_text("# the preparer's work in progress\n")

    def interrupted(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", interrupted)
    code, out = run("rollforward", str(plan / "2001.yaml"), "--force")
    assert code == 1
    assert "could not write" in out and "No space left on device" in out
    assert (plan / "2002.yaml").read_text() == "# the preparer's work in progress\n"
    assert sorted(p.name for p in plan.iterdir()) == ["2001.yaml", "2002.yaml"]  # no temporary file left
    monkeypatch.undo()
    assert run("rollforward", str(plan / "2001.yaml"), "--force")[0] == 0


def test_refuses_a_source_with_errors_and_a_year_not_later(tmp_path):
    bad = tmp_path / "2001.yaml"
    bad.write_text(EXAMPLE.read_text().replace("current: 852540", "current: 852541"))
    code, out = run("rollforward", str(bad))
    assert code == 1 and "fix the errors above before rolling forward" in out
    assert not (tmp_path / "2002.yaml").exists()
    code, out = run("rollforward", str(EXAMPLE), "--to", "2001", "--dry-run")
    assert code == 1 and "roll forward to a year after 2001" in out


@pytest.mark.parametrize("seed", [3, 7])
def test_synthetic_plans_roll_forward_exactly(tmp_path, seed):
    """Larger plans (securities with cost, a loans row): every prior is last year's current, every TODO listed."""
    from benchmarks.synth import plan_yaml
    from generator.workflows.rollforward import roll_forward

    source = tmp_path / "2024.yaml"
    source.write_text(plan_yaml(60, seed))
    old = check(source)
    assert not [f for f in old.findings if f.severity == "error"]
    result = roll_forward(old.loaded.text, old.filing, tmp_path / "2025.yaml")
    assert result.problems == []
    assert len(result.to_fill) == len(re.findall(r"(?<![\w-])TODO\b(?!\w)", result.text.split("\n", 2)[2]))
    (tmp_path / "2025.yaml").write_text(result.text)
    new = check(tmp_path / "2025.yaml").loaded.data
    kept = [h for g in old.plan_year.investments for h in g.holdings if h.current != 0]
    rolled = [h for g in new["investments"] for h in g["holdings"]]
    assert [h["identity"] for h in rolled] == [h.identity for h in kept]
    assert [Decimal(h["prior"].source) for h in rolled] == [h.current for h in kept]
    assert all(h["current"] == TO_FILL for h in rolled)
    assert all(h.get("cost", TO_FILL) == TO_FILL for h in rolled)


def test_after_a_transition_period_and_across_a_skipped_year(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "2001.yaml").write_text(EXAMPLE.read_text().replace(
        "  report: annual\n",
        "  report: transition\n  transition_period: {start: 2001-07-01, end: 2001-12-31}\n  prior_year_end: 2001-06-30\n"))
    code, out = run("rollforward", str(plan / "2001.yaml"))
    assert code == 0 and "transition report -> annual report" in out
    text = (plan / "2002.yaml").read_text()
    assert "filing:\n  report: annual\n  prior_year_end: 2001-12-31\n  fiscal_year_end: 2002-12-31\n" in text
    code, out = run("rollforward", str(EXAMPLE), "--to", "2003", "--dry-run")
    assert code == 0 and "prior_year_end set to 2001-12-31" in out and "-> December 31, 2003" in out


def test_amounts_with_cents_move_digit_for_digit(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    source = EXAMPLE.read_text().replace("  fiscal_year_end: 2001-12-31\n",
                                         "  fiscal_year_end: 2001-12-31\n  amounts_in: cents\n")
    source = source.replace("current: 1470\n", "current: 1470.25\n").replace("current: 22522\n", "current: 22521.75\n")
    source = source.replace("total_receivables: {current: 22522,", "total_receivables: {current: 22521.75,")
    (plan / "2001.yaml").write_text(source)
    assert run("check", str(plan / "2001.yaml"))[0] == 0
    assert run("rollforward", str(plan / "2001.yaml"))[0] == 0
    text = (plan / "2002.yaml").read_text()
    assert "    current: TODO\n    prior: 1470.25\n" in text
    assert "      current: TODO\n      prior: 22521.75\n" in text
    assert "total_receivables: {current: TODO, prior: 22521.75}" in text


def test_harbor_point_2024_rolls_to_2025(tmp_path):
    """The modern example: loans listed on their own line, fair value levels, a transfer, Form 5500 items."""
    from generator.workflows.rollforward import roll_forward

    source = EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"
    old = check(source)
    result = roll_forward(old.loaded.text, old.filing, tmp_path / "2025.yaml")
    assert result.problems == []
    path = tmp_path / "2025.yaml"
    path.write_text(result.text)
    new = check(path)
    assert new.input_failed and {f.message for f in new.findings} == {"to be filled (marked TODO)"}
    assert len(new.findings) == len(result.to_fill)
    data = new.loaded.data
    # Notes receivable: last year's computed balance is the prior; loans repaid by 2025-12-31 are gone.
    nr = data["net_assets"]["notes_receivable"]
    assert Decimal(nr["prior"].source) == old.filing.notes_receivable.amount.current
    kept = [ln for ln in old.plan_year.net_assets.notes_receivable.loans if ln.maturity > dt.date(2025, 12, 31)]
    assert [str(ln["maturity"]) for ln in nr["loans"]] == [ln.maturity.isoformat() for ln in kept]
    assert all(ln["balance"] == TO_FILL for ln in nr["loans"])
    # Levels stay with their holdings; a transfer and the Form 5500 items are to be entered again.
    holdings = [h for g in data["investments"] for h in g["holdings"]]
    assert all(h.get("fair_value_level") for h in holdings)
    assert data["changes"]["transfers"][0]["amount"] == TO_FILL
    item = data["form5500"]["reconciling"][0]
    assert item["current"] == TO_FILL and Decimal(item["prior"].source) == Decimal(86240)
    assert data["signatures"]["date"] == TO_FILL and data["auditor"]["report"]["auditor_since"] == 2016
    assert "a transfer is usually a one-time event" in "\n".join(result.review)
    assert "1 dropped (no balance at December 31, 2024): Tidewater Municipal-Free Ultra Short Fund" in \
        result.summary["investments"]
