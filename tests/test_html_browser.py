"""The EDGAR HTML as a current browser lays it out: headless Chromium, measured and screenshot.

A copy of each bundled filing's .htm gets a measuring script (the filed document has none); Chromium
loads it, the script writes what it measured into the page, and --dump-dom hands the page back. The
checks: standards (or almost-standards) mode, one type size for tables and prose, `$` and `)` tight
against their figures, stacked tables of a note in line, and a measure a reader can follow on a wide
screen.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pipeline import check, render

from .conftest import ROOT

PLANS = {path.parent.name: path for path in sorted((ROOT / "plan_data").glob("*/*.yaml"))}  # every bundled plan
BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium here (Debian: apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
WINDOW = (1600, 1200)  # a wide screen: the measure must not follow it
MEASURE = """
<script>
function box(node) { const r = document.createRange(); r.selectNodeContents(node); return r.getBoundingClientRect(); }
function size(e) { return getComputedStyle(e).fontSize; }
const money = [...document.querySelectorAll("td")].filter(td => /^\\(?[0-9][0-9,.]*$/.test(td.textContent.trim()));
const dollars = [], parens = [];
for (const td of money) {
  const before = td.previousElementSibling, after = td.nextElementSibling;
  if (before && before.textContent.trim() === "$") {
    const column = money.filter(o => Math.abs(box(o).right - box(td).right) < 1).map(o => box(o).width);
    dollars.push({figure: td.textContent.trim(), gap: box(td).left - box(before).right,
                  slack: Math.max(...column) - box(td).width});
  }
  if (after && after.textContent.trim() === ")") parens.push({figure: td.textContent.trim(), gap: box(after).left - box(td).right});
}
const columns = [];  // a column heading met in several tables of one note: where each ends
for (const note of document.querySelectorAll("div[id^=note-]")) {
  const heads = {};
  for (const th of note.querySelectorAll("table th")) {
    const t = th.textContent.trim();
    if (t) (heads[t] = heads[t] || []).push(th.getBoundingClientRect().right);
  }
  for (const [t, rights] of Object.entries(heads)) if (rights.length > 1) columns.push({note: note.id, head: t, rights});
}
const prose = [...document.querySelectorAll("p")].filter(p => p.textContent.trim().length > 300);
document.body.setAttribute("data-measured", JSON.stringify({
  mode: document.compatMode,
  body: size(document.body),
  cells: [...new Set([...document.querySelectorAll("td")].filter(td => td.textContent.trim()).map(size))],
  prose: [...new Set(prose.map(size))],
  dollars: dollars, parens: parens, columns: columns,
  widest: Math.max(...prose.map(p => p.getBoundingClientRect().width)),
  px_per_in: 96,
}));
</script>
"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                           *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module", params=list(PLANS))
def page(request, tmp_path_factory) -> dict:
    """What Chromium measured on the plan's EDGAR HTML; its screenshot is left beside it."""
    folder = tmp_path_factory.mktemp(request.param)
    html = render(check(PLANS[request.param]), ["html"])["html"].decode("ascii")
    (folder / "filing.htm").write_text(html)
    (folder / "measured.htm").write_text(html.replace("</body>", MEASURE + "</body>"))
    done = chromium("--dump-dom", (folder / "measured.htm").as_uri(), profile=folder / "profile")
    found = re.search(r'data-measured="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    shot = chromium(f"--screenshot={folder / 'filing.png'}", (folder / "filing.htm").as_uri(), profile=folder / "profile")
    measured["screenshot"] = folder / "filing.png"
    assert shot.returncode == 0 and measured["screenshot"].stat().st_size > 10_000, shot.stderr[-2000:]
    return measured


def test_the_browser_lays_it_out_in_standards_mode(page):
    assert page["mode"] == "CSS1Compat"  # standards or almost-standards; quirks mode is "BackCompat"


def test_tables_and_prose_share_the_body_type_size(page):
    assert page["cells"] == [page["body"]] and page["prose"] == [page["body"]]


def test_dollar_signs_stand_against_the_widest_figure_of_their_column(page):
    assert page["dollars"]
    for d in page["dollars"]:
        assert d["gap"] - d["slack"] <= 8, d  # px: a space, not a column's width


def test_closing_parentheses_touch_their_figures(page):
    assert page["parens"]
    for p in page["parens"]:
        assert p["gap"] <= 1, p


def test_stacked_tables_of_a_note_keep_their_columns_in_line(page):
    for column in page["columns"]:
        assert max(column["rights"]) - min(column["rights"]) <= 1, column


def test_the_measure_stays_readable_on_a_wide_screen(page):
    assert page["widest"] <= 7 * page["px_per_in"], page["widest"]


def test_the_preview_error_page_wraps_long_lines(tmp_path):
    """A finding with a long message (an unknown figure named in a long note) stays inside a narrow window."""
    from generator.workflows.preview import Preview

    plan = tmp_path / "2001.yaml"
    long_name = "quoted_" + "very_long_figure_name_" * 12
    plan.write_text(PLANS["sos-staffing"].read_text().replace("offers {count", "offers {" + long_name + "} {count", 1))
    build = Preview(plan, lambda outcome: []).rebuild()
    assert not build.ok and long_name in build.page.decode("utf-8")
    page = tmp_path / "error.htm"
    page.write_bytes(build.page.replace(b"</body>", b"""<script>
document.body.setAttribute("data-measured", JSON.stringify({
  wide: document.documentElement.scrollWidth, window: window.innerWidth}));
</script></body>"""))
    done = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=600,800",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    measured = json.loads(re.search(r'data-measured="([^"]*)"', done.stdout).group(1).replace("&quot;", '"'))
    assert measured["wide"] <= measured["window"], measured
