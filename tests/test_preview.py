"""`elevenk serve`: the live preview rebuilds when the YAML changes and shows findings in place of the filing."""

from __future__ import annotations

import io
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.workflows.preview import Preview
from generator.workflows.preview_server import make_server, watch

from .conftest import EXAMPLE


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "sos" / "2001.yaml"
    path.parent.mkdir()
    path.write_text(EXAMPLE.read_text())
    return path


def edit(path: Path, old: str, new: str) -> None:
    """Change the file as an editor saves it, with a modification time the watcher cannot miss."""
    text = path.read_text()
    assert old in text
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new, 1))
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_a_clean_plan_shows_the_filing_with_its_warnings_and_the_reload_script(plan):
    preview = Preview(plan, lambda outcome: [])
    build = preview.rebuild()
    page = preview.page().decode("ascii")
    assert build.ok and build.version == 1
    assert "Statements of Net Assets Available for Benefits" in page and "3,998,822" in page
    assert "consent" in page.lower() and "before" in page  # the example's warning, above the filing
    assert page.count("<script>") == 1 and "var shown = 1;" in page
    assert b"<script" not in build.page  # the filing itself carries no script: the served copy does
    assert not preview.stale()


def test_an_edit_that_breaks_a_total_shows_the_finding_and_fixing_it_brings_the_filing_back(plan):
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    edit(plan, "total_investments: {current: 3998822", "total_investments: {current: 3998823")
    assert preview.stale()
    build = preview.rebuild()
    page = preview.page().decode("utf-8")
    assert not build.ok and build.version == 2
    line = plan.read_text().split("\n").index("    total_investments: {current: 3998823, prior: 5437869}") + 1
    assert f"{plan}:{line}:" in page and "3,998,823" in page and "not built (1 error, 2 warnings)" in page
    assert "Statements of Net Assets" not in page
    edit(plan, "3998823", "3998822")
    assert preview.rebuild().ok and preview.current.version == 3


def test_unreadable_yaml_is_a_page_not_a_crash(plan):
    preview = Preview(plan, lambda outcome: [])
    edit(plan, "plan:", "plan: [")
    build = preview.rebuild()
    assert not build.ok and f"{plan}:" in build.page.decode("utf-8")
    assert preview.pdf() is None


def test_the_server_serves_the_filing_text_pdf_and_rebuilds_on_save(plan):
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    try:
        assert get("/__version") == (200, b"1")
        status, text = get("/filing.txt")
        assert status == 200 and b"SCHEDULE H, LINE 4I" in text.upper() and b"3,998,822" in text
        status, pdf = get("/filing.pdf")
        assert status == 200 and "3,998,822" in pypdf.PdfReader(io.BytesIO(pdf)).pages[3].extract_text()
        assert get("/nothing")[0] == 404
        # The page asks for a newer build and is answered when there is one, without polling.
        edit(plan, "total_investments: {current: 3998822", "total_investments: {current: 3998823")
        assert get("/__version?after=1") == (200, b"2")
        assert get("/__version") == (200, b"2")
        assert b'fetch("/__version?after=" + shown)' in get("/")[1] and b"var shown = 2;" in get("/")[1]
        assert b"3,998,823" in get("/")[1]
        assert get("/filing.pdf")[0] == 409
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def test_serve_a_missing_file_exits_2():
    result = CliRunner().invoke(main, ["serve", "no/such/2001.yaml"])
    assert result.exit_code == 2 and "no/such/2001.yaml: no such file" in result.output


def test_a_saved_template_makes_the_preview_stale(plan, tmp_path):
    overrides = tmp_path / "overrides" / "html"
    overrides.mkdir(parents=True)
    preview = Preview(plan, lambda outcome: [overrides.parent])
    assert preview.rebuild().ok and not preview.stale()
    (overrides / "cover.html.j2").write_text("{# a firm's own cover #}\n")
    assert preview.stale()


def test_a_request_for_a_newer_build_waits_for_one(plan):
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    assert preview.newer(1, timeout=0.05) == 1  # nothing newer: the same number, after the wait
    answers = []
    waiting = threading.Thread(target=lambda: answers.append(preview.newer(1, timeout=30)))
    waiting.start()
    preview.rebuild()
    waiting.join(timeout=30)
    assert answers == [2]
