"""EDGAR's own validation passes the bundled examples' HTML with zero errors: the SEC's EDGAR plugin for Arelle
(in ../shared/tools/arelle-edgar), as EDGAR runs it on an HTML document. Skips without ../shared or Arelle."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import check, render
from generator.render.edgar_lint import lint_html

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT.parent / "shared" / "tools" / "arelle-edgar" / "EDGAR" / "validateHtm"
EXAMPLES = sorted((ROOT / "plan_data").glob("*/*.yaml"))
# Arelle's own notices, not findings about the document.
NOT_PROBLEMS = re.compile(r"^\[(info|arelle\.xulePluginNotLoaded)\b")

pytestmark = [
    pytest.mark.skipif(not PLUGIN.is_dir(), reason="the SEC's EDGAR plugin is in ../shared, which is absent"),
    pytest.mark.skipif(importlib.util.find_spec("arelle") is None,
                       reason="Arelle is not installed (pip install 'arelle-release[efm]')"),
]


def arelle_problems(document: Path, config: Path) -> list[str]:
    """What EDGAR's HTML validation (disclosure system efm-htm) reports about a document, one line each."""
    proc = subprocess.run(
        [sys.executable, "-m", "arelle.CntlrCmdLine", "--workOffline", "--plugins", str(PLUGIN.resolve()),
         "--disclosureSystem", "efm-htm", "--file", str(document), "--validate"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "XDG_CONFIG_HOME": str(config)})
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.startswith("[")]
    assert any("validated in" in ln for ln in lines), proc.stdout + proc.stderr  # it ran to the end
    return [ln for ln in lines if not NOT_PROBLEMS.match(ln)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_example_html_passes_edgar_validation_with_zero_errors(example, tmp_path):
    html = render(check(example), ["html"])["html"]
    document = tmp_path / f"{example.parent.name}.htm"
    document.write_bytes(html)
    assert arelle_problems(document, tmp_path / "arelle") == []
    assert lint_html(html.decode("ascii")) == []


def test_edgar_validation_fails_what_edgar_refuses(tmp_path):
    """The control: the row groups and scope= the PDF's HTML uses are refused, by Arelle and by our lint."""
    html = render(check(EXAMPLES[0]), ["html"])["html"].decode("ascii")
    bad = html.replace("<table", "<table><tbody><tr><th scope=\"col\">x</th></tr></tbody></table><table", 1)
    document = tmp_path / "bad.htm"
    document.write_text(bad)
    problems = arelle_problems(document, tmp_path / "arelle")
    assert any("EFM.5.02.02.04.disallowedElement" in p and "<tbody>" in p for p in problems), problems
    ours = [v.message for v in lint_html(bad)]
    assert "No declaration for element tbody" in ours and "No declaration for attribute scope of element th" in ours
