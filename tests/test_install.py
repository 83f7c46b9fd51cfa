"""The built wheel carries its templates and assets: an install outside the checkout builds the example."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(result.stderr[-2000:])
    return next(out.glob("elevenk-*.whl"))


def test_wheel_contains_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/templates/text/net_assets.txt.j2" in names
    assert "generator/templates/prose/auditor_report_gaas.txt.j2" in names
    assert "generator/assets/xbrl/elements.tsv" in names  # the taxonomy tables Inline XBRL is built from


def test_installed_wheel_builds_the_example_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
                   check=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]))
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import generator, sys; from generator.cli import main; "
         "assert 'site' in generator.__file__, generator.__file__; main()",
         "build", str(EXAMPLE), "-o", str(work / "output")],
        cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = work / "output" / "sos-staffing" / "2001"
    assert "SCHEDULE H, LINE 4i" in (built / "sos-staffing-2001.txt").read_text()
    assert (built / "sos-staffing-2001.pdf").read_bytes().startswith(b"%PDF-")  # fonts and CSS ship too
    assert "<table" in (built / "sos-staffing-2001.htm").read_text()
