"""Synthetic plans (benchmarks/synth.py): deterministic, and their figures tie so `check` passes clean."""

from __future__ import annotations

import pytest

from benchmarks import synth
from generator.pipeline import check


@pytest.mark.parametrize("n", [8, 20, 300])
def test_synthetic_plan_checks_clean(tmp_path, n):
    path = synth.write_plan(tmp_path, n, seed=n)
    outcome = check(path)
    assert outcome.findings == []
    assert outcome.exit_code(strict=True) == 0
    assert outcome.filing.counts["holdings"] == n
    assert len(outcome.filing.schedule_rows) == n
    assert outcome.filing.schedule_total == outcome.filing.total_investments.current


def test_same_seed_same_bytes_other_seed_other_plan():
    assert synth.plan_yaml(50, seed=3) == synth.plan_yaml(50, seed=3)
    assert synth.plan_yaml(50, seed=3) != synth.plan_yaml(50, seed=4)


def test_holdings_look_like_a_large_plan():
    rows = synth.holdings(2000, seed=1, sponsor="Acme Widgets, Inc.")
    kinds = {r.type for r in rows}
    assert {"mutual_fund", "money_market_fund", "employer_stock", "participant_loans", "common_stock",
            "corporate_bond", "government_security"} <= kinds
    stocks = [r.identity for r in rows if r.type == "common_stock"]
    assert len(stocks) == len(set(stocks))  # one row per issuer
    assert all(r.current > 0 for r in rows)


def test_batch_writes_one_folder_per_plan_and_ignores_itself(tmp_path):
    paths = synth.write_batch(tmp_path / "batch", 3)
    assert [p.parent.name for p in paths] == ["plan-001", "plan-002", "plan-003"]
    assert (tmp_path / "batch" / ".gitignore").read_text().endswith("*\n")
    assert all(check(p).exit_code() == 0 for p in paths)
