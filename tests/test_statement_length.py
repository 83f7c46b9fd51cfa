"""A statement of net assets too long to itemize is shown by type, with a warning saying so."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from generator.model.compute import ITEMIZED_UP_TO
from generator.pipeline import check, render


def _plan(tmp_path, holdings: int, presentation: str | None):
    from benchmarks.synth import plan_yaml

    text = plan_yaml(holdings, 5).replace("  presentation: by_type\n", "")
    if presentation:
        text = text.replace("net_assets:\n", f"net_assets:\n  presentation: {presentation}\n", 1)
    path = tmp_path / "2024.yaml"
    path.write_text(text)
    return path


def test_a_plan_past_the_limit_gets_the_statement_by_type_and_a_warning(tmp_path):
    path = _plan(tmp_path, ITEMIZED_UP_TO + 20, None)
    outcome = check(path)
    [found] = [f for f in outcome.findings if f.check == "statement-by-type"]
    assert found.severity == "warning" and found.path == "investments"
    assert found.message.startswith(f"{ITEMIZED_UP_TO + 20:,} holdings are more than an itemized statement")
    lines = [line for g in outcome.filing.statement_investments for line in g.lines]
    assert [line.label for line in lines] == [g.caption for g in outcome.filing.plan_year.investments]
    text = render(outcome, ["text"])["text"].decode("ascii")
    [statement] = [page for page in text.split("<PAGE>") if "TOTAL INVESTMENTS" in page]
    some_holding = next(h.identity for g in outcome.filing.plan_year.investments for h in g.holdings
                        if h.type == "common_stock")
    assert "Common stocks" in statement and some_holding not in statement
    result = CliRunner().invoke(main, ["check", "--strict", str(path)])
    assert result.exit_code == 1 and f"{path}:" in result.output and "statement-by-type" not in result.output


def test_an_explicit_itemized_is_named_and_by_type_is_quiet(tmp_path):
    outcome = check(_plan(tmp_path, ITEMIZED_UP_TO + 1, "itemized"))
    assert [f.path for f in outcome.findings if f.check == "statement-by-type"] == ["net_assets.presentation"]
    assert not [f for f in check(_plan(tmp_path, ITEMIZED_UP_TO + 1, "by_type")).findings
                if f.check == "statement-by-type"]


def test_up_to_the_limit_the_statement_is_itemized(tmp_path):
    outcome = check(_plan(tmp_path, ITEMIZED_UP_TO, None))
    assert not [f for f in outcome.findings if f.check == "statement-by-type"]
    assert sum(len(g.lines) for g in outcome.filing.statement_investments) == ITEMIZED_UP_TO
