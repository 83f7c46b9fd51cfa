"""The PDF press: WeasyPrint imported in a process of its own while the plan loads; the same bytes, the same
errors and the same manifest as a PDF typeset in the build's own process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import check, render
from generator.render.pdf_press import Press
from generator.render.templating import TemplateProblem
from generator.workflows.build import build_file

from .conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def example():
    return check(EXAMPLE)


def test_the_press_gives_the_bytes_of_a_render_in_process(example):
    press = Press()
    try:
        for variant in (None, "pdf/a-3b"):
            pressed = render(example, ["pdf"], None, variant, press=press)["pdf"]
            assert pressed == render(example, ["pdf"], None, variant)["pdf"]
            assert pressed.startswith(b"%PDF-")
    finally:
        press.close()


def test_a_refused_resource_is_refused_through_the_press(example, tmp_path):
    css = (ROOT / "templates" / "pdf" / "print.css").read_text()
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "print.css").write_text(css + '\nbody { background: url("http://example.com/x.png") }\n')
    press = Press()
    try:
        with pytest.raises(TemplateProblem, match="http://example.com/x.png"):
            render(example, ["pdf"], [tmp_path], press=press)
        # The press is still there for the next request.
        assert render(example, ["pdf"], None, press=press)["pdf"].startswith(b"%PDF-")
    finally:
        press.close()


def test_an_answer_nobody_waited_for_is_passed_over(example, tmp_path):
    """A build that failed after sending its PDF (a text template broke) leaves an answer in the pipe; the
    next build gets its own PDF, not that one."""
    press = Press()
    try:
        other = check(ROOT / "plan_data" / "harbor-point" / "2024.yaml")
        from generator.render.pdf import start_pdf

        start_pdf(other.filing, None, ("2024.yaml", b""), None, False, press)  # sent, never received
        assert render(example, ["pdf"], None, press=press)["pdf"] == render(example, ["pdf"], None)["pdf"]
    finally:
        press.close()


def test_a_press_that_died_leaves_the_pdf_to_the_build(example):
    press = Press()
    press._process.kill()
    press._process.join()
    try:
        assert render(example, ["pdf"], None, press=press)["pdf"] == render(example, ["pdf"], None)["pdf"]
    finally:
        press.close()


def test_elevenk_build_with_its_press_writes_what_an_in_process_build_writes(tmp_path):
    plan = tmp_path / "sos-staffing" / "2001.yaml"
    plan.parent.mkdir()
    shutil.copy(EXAMPLE, plan)
    command = Path(sys.executable).with_name("elevenk")
    done = subprocess.run([str(command), "build", str(plan), "-o", str(tmp_path / "press")], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    build_file(plan, ["text", "html", "pdf"], str(tmp_path / "alone"), None, False, None, False)
    pressed, alone = tmp_path / "press" / "sos-staffing" / "2001", tmp_path / "alone" / "sos-staffing" / "2001"
    names = sorted(p.name for p in alone.iterdir())
    assert sorted(p.name for p in pressed.iterdir()) == names and "manifest.json" in names
    for name in names:  # the manifest too: the fonts the press read are recorded as the build's reads
        assert (pressed / name).read_bytes() == (alone / name).read_bytes(), name
    assert "Caladea-Regular.ttf" in (pressed / "manifest.json").read_text()
