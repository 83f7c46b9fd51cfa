"""Batch builds: every plan year under a folder, in parallel; one plan's failure never stops the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import synth
from generator.cli import main
from generator.pipeline import EXIT_OK, check
from generator.workflows import batch

from .conftest import EXAMPLE


@pytest.fixture()
def plans(tmp_path: Path) -> Path:
    """A folder with the bundled example, a small synthetic plan, and a plan whose YAML is broken."""
    root = tmp_path / "plans"
    (root / "sos-staffing").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "sos-staffing" / "2001.yaml")
    synth.write_plan(root, 12, seed=5, plan_dir="acme")
    (root / "broken").mkdir()
    (root / "broken" / "2024.yaml").write_text("filing: [\n")
    return root


def test_folder_builds_the_good_plans_reports_the_bad_one_and_fails(plans, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(out), "--jobs", "2", "--format", "text"])
    assert result.exit_code == 2, result.output
    assert (out / "sos-staffing" / "2001" / "sos-staffing-2001.txt").is_file()
    assert (out / "acme" / "2024" / "acme-2024.txt").is_file()
    assert not (out / "broken").exists()
    # the broken plan's finding is shown with its location, and the table has one row per plan
    assert "broken/2024.yaml:2:1: error: invalid YAML" in result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") == 6}
    assert set(rows) == {"acme", "broken", "sos-staffing"}
    assert "invalid" in rows["broken"] and "built" in rows["acme"] and "built" in rows["sos-staffing"]
    assert "2 of 3 plan years built" in result.output


def test_batch_output_is_the_single_file_build_output(plans, tmp_path):
    """The same files, byte for byte, whether a plan is built alone or in a batch."""
    alone, together = tmp_path / "alone", tmp_path / "together"
    source = plans / "acme" / f"{synth.YEAR}.yaml"
    single = CliRunner().invoke(main, ["build", str(source), "-o", str(alone), "--format", "text"])
    assert single.exit_code == 0
    assert single.output == f"wrote {alone / 'acme' / '2024' / 'acme-2024.txt'}\n"  # no table, as before
    CliRunner().invoke(main, ["build", str(plans), "-o", str(together), "-j", "1", "--format", "text"])
    name = Path("acme") / "2024" / "acme-2024.txt"
    assert (alone / name).read_bytes() == (together / name).read_bytes()


def test_files_that_would_publish_into_one_folder_stop_the_batch_before_anything_is_built(plans, tmp_path):
    """Two files of one plan folder and one fiscal year (and the same plan folder name in two places):
    one filing would silently replace the other, so nothing is built and each pair is named."""
    shutil.copy(plans / "sos-staffing" / "2001.yaml", plans / "sos-staffing" / "2001-restated.yaml")
    elsewhere = tmp_path / "elsewhere" / "acme"
    elsewhere.mkdir(parents=True)
    shutil.copy(plans / "acme" / f"{synth.YEAR}.yaml", elsewhere / "2024-copy.yaml")
    out = tmp_path / "out"
    for args in ([str(plans), str(elsewhere)],
                 [str(plans / "acme" / "2024.yaml"), str(elsewhere / "2024-copy.yaml")]):
        result = CliRunner().invoke(main, ["build", *args, "-o", str(out), "--format", "text"])
        assert result.exit_code == 2, result.output
        assert f"elevenk: {plans / 'acme' / '2024.yaml'} and {elsewhere / '2024-copy.yaml'} would both be " \
               f"published as {out / 'acme' / '2024'}/ (plan folder 'acme', fiscal year 2024)" in result.stderr
        assert "nothing was built" in result.stderr
        assert not out.exists()
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(out), "--format", "text"])
    restated, original = plans / "sos-staffing" / "2001-restated.yaml", plans / "sos-staffing" / "2001.yaml"
    assert f"{restated} and {original} would both be published as" in result.stderr and not out.exists()
    same = plans / "acme" / "2024.yaml"
    result = CliRunner().invoke(main, ["build", str(same), str(same), "-o", str(out), "--format", "text"])
    assert result.exit_code == 0 and result.output == f"wrote {out / 'acme' / '2024' / 'acme-2024.txt'}\n"


def test_clean_folder_exits_zero(tmp_path):
    synth.write_batch(tmp_path / "plans", 3)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "plans"), "-o", str(tmp_path / "out"), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "3 of 3 plan years built" in result.output


# ---------------------------------------------------------------- failures inside the workers


def _build_raising(source: Path):
    if source.parent.name == "plan-002":
        raise RuntimeError("a bug in a renderer")
    return check(source), EXIT_OK


def _build_dying(source: Path):
    if source.parent.name == "plan-002":
        os._exit(9)  # as the kernel's OOM killer would end it
    return check(source), EXIT_OK


@pytest.mark.parametrize("build, status", [(_build_raising, "error"), (_build_dying, "crashed")])
def test_an_exception_or_a_dead_worker_fails_only_its_plan(tmp_path, build, status):
    sources = synth.write_batch(tmp_path, 4, holdings_each=8)
    results: dict[str, batch.PlanResult] = {}
    batch.run_batch(build, sources, 2, ["text"], lambda r: results.setdefault(r.plan, r))
    assert {plan: r.status for plan, r in results.items()} == {
        "plan-001": "built", "plan-002": status, "plan-003": "built", "plan-004": "built"}
    assert results["plan-002"].failed and "plan-002" in results["plan-002"].stderr


def test_build_batch_returns_the_worst_code(tmp_path):
    sources = synth.write_batch(tmp_path, 2, holdings_each=8)
    assert batch.build_batch(sources, _build_raising, ["text"], jobs=1) == 1
