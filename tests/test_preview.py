"""`elevenk serve`: the live preview rebuilds when the YAML changes and shows findings in place of the filing."""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import threading
import time
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
    assert preview.watched() == (plan, ())


def test_an_edit_that_breaks_a_total_shows_the_finding_and_fixing_it_brings_the_filing_back(plan):
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    edit(plan, "total_investments: {current: 3998822", "total_investments: {current: 3998823")
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


@pytest.fixture
def served(plan):
    """The preview of plan behind a server and a watcher; yields the preview and a get(path, host) function."""
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watching = threading.Event()
    threading.Thread(target=watch, args=(preview, stop, lambda build: None, watching), daemon=True).start()
    port = server.server_address[1]

    def get(path: str, host: str | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                         headers={"Host": f"127.0.0.1:{port}" if host is None else host})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    get.port = port
    assert watching.wait(10)
    try:
        yield preview, get
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def wait_for_version(get, version: int, seconds: float = 20) -> float:
    """Seconds until /__version says version (the test fails after `seconds`)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if get("/__version")[1] == str(version).encode():
            return time.monotonic() - started
        time.sleep(0.01)
    raise AssertionError(f"no build {version} after {seconds} s: {get('/__version')}")


def test_the_server_serves_the_filing_text_pdf_and_rebuilds_on_save(plan, served):
    preview, get = served
    assert get("/__version") == (200, b"1")
    status, text = get("/filing.txt")
    assert status == 200 and b"SCHEDULE H, LINE 4I" in text.upper() and b"3,998,822" in text
    status, pdf = get("/filing.pdf")
    assert status == 200 and "3,998,822" in pypdf.PdfReader(io.BytesIO(pdf)).pages[3].extract_text()
    assert get("/nothing")[0] == 404
    edit(plan, "total_investments: {current: 3998822", "total_investments: {current: 3998823")
    # The page asks for a newer build and is answered when there is one: the OS tells of the save, no polling.
    started = time.monotonic()
    assert get("/__version?after=1") == (200, b"2")
    assert time.monotonic() - started < 5  # about a tenth of a second on a quiet machine
    assert b'fetch("/__version?after=" + shown)' in get("/")[1] and b"var shown = 2;" in get("/")[1]
    assert b"3,998,823" in get("/")[1]
    assert get("/filing.pdf")[0] == 409
    replacement = plan.with_name(".2001.yaml.swp")  # an editor's save: a new file renamed over the old one
    replacement.write_text(plan.read_text().replace("3998823", "3998822", 1))
    replacement.replace(plan)
    wait_for_version(get, 3)
    assert get("/filing.pdf")[0] == 200
    (plan.parent / "notes.txt").write_text("another file in the folder")
    time.sleep(1)
    assert get("/__version") == (200, b"3")  # only the plan year's own file counts


@pytest.mark.parametrize("host", ["localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}", "127.0.0.1:{port}"])
def test_local_host_names_are_served(served, host):
    _, get = served
    assert get("/__version", host.format(port=get.port)) == (200, b"1")


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "localhost", "127.0.0.1:1",
                                  "localhost.evil.example:{port}", "", "127.0.0.2:{port}"])
def test_other_host_names_are_refused_against_dns_rebinding(served, host):
    _, get = served
    status, body = get("/filing.txt", host.format(port=get.port))
    assert status == 421 and b"3,998,822" not in body


def test_serve_a_missing_file_exits_2():
    result = CliRunner().invoke(main, ["serve", "no/such/2001.yaml"])
    assert result.exit_code == 2 and "no/such/2001.yaml: no such file" in result.output


@pytest.mark.parametrize("backend", [True, False], ids=["watchfiles backend", "watchfiles.watch"])
def test_a_saved_template_rebuilds_the_preview(tmp_path, monkeypatch, backend):
    """Through watchfiles' backend, and through its public watch where a watchfiles lacks the backend's names."""
    if not backend:
        from generator.workflows import preview_server
        monkeypatch.setattr(preview_server, "_notify", lambda folders, recursive: None)
    plan = tmp_path / "sos" / "2001.yaml"
    plan.parent.mkdir()
    plan.write_text(EXAMPLE.read_text())
    overrides = tmp_path / "overrides" / "html"
    overrides.mkdir(parents=True)
    preview = Preview(plan, lambda outcome: [overrides.parent])
    assert preview.rebuild().ok and preview.watched() == (plan, (overrides.parent,))
    stop = threading.Event()
    builds = []
    watching = threading.Event()
    threading.Thread(target=watch, args=(preview, stop, builds.append, watching), daemon=True).start()
    try:
        assert watching.wait(10)
        (overrides / "cover.html.j2").write_text("{# a firm's own cover #}\n")
        for _ in range(2000):
            if builds:
                break
            time.sleep(0.01)
        assert builds and builds[0].version == 2 and preview.current.version >= 2
    finally:
        stop.set()


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


def test_a_save_right_after_serving_is_announced_is_seen(plan):
    """The watcher watches before `elevenk serve` says it serves: a save the moment it does is rebuilt."""
    server = subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", "serve", str(plan),
                               "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        address, lines = None, []
        for line in server.stderr:
            lines.append(line)
            found = re.search(r"at (http://[^/]+)/", line)
            if found:
                address = found.group(1)
                break
        assert address, f"elevenk serve did not start: {server.poll()}"
        assert re.fullmatch(rf"{re.escape(str(plan))}: built, build 1 in \d+\.\d\d s\n", lines[0])  # and how long
        saving = plan.with_name(".2001.yaml.saving")  # at once, as an editor saves: renamed over the file
        saving.write_text(plan.read_text().replace("3998822", "3998823", 1))
        saving.replace(plan)
        with urllib.request.urlopen(f"{address}/__version?after=1", timeout=30) as answer:
            assert answer.read() == b"2"  # answered at once when the save is seen; "1" after 20 s when missed
        with urllib.request.urlopen(f"{address}/", timeout=30) as answer:
            assert b"3,998,823" in answer.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("year", ["calloway/2015.yaml", "harbor-point/2024.yaml"])
def test_the_preview_shows_the_html_the_build_writes(tmp_path, year):
    """A plan year with no findings: the page (before its reload script) is `elevenk build`'s .htm, byte for byte."""
    source = EXAMPLE.parent.parent / year
    result = CliRunner().invoke(main, ["build", str(source), "--format", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [built] = tmp_path.rglob("*.htm")
    from generator.workflows.build import template_dirs
    build = Preview(source, lambda outcome: template_dirs(outcome, None)).rebuild()
    assert build.ok and build.page == built.read_bytes()


def test_the_findings_page_shows_what_elevenk_check_prints(plan):
    edit(plan, "total_investments: {current: 3998822", "total_investments: {current: 3998823")
    result = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "check", str(plan)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    printed = result.stderr.rstrip("\n").split("\n")
    assert printed[-1] == f"{plan}: 1 error, 2 warnings"
    preview = Preview(plan, lambda outcome: [])
    page = preview.rebuild().page.decode("ascii")
    shown = page[page.index("<pre"):page.index("</pre>")]
    lines = html.unescape(shown[shown.index(">") + 1:]).split("\n")
    assert [line for line in lines if line] == printed[:-1]  # every finding, in order (a blank line between them)


def test_a_watch_that_cannot_be_set_up_does_not_hold_the_server_back(plan, monkeypatch):
    from generator.workflows import preview_server

    def no_watch(*args):
        raise OSError(28, "inotify watch limit reached")
    monkeypatch.setattr(preview_server, "_watcher", no_watch)
    preview = Preview(plan, lambda outcome: [])
    preview.rebuild()
    ready, failed = threading.Event(), []

    def run() -> None:
        try:
            watch(preview, threading.Event(), lambda build: None, ready)
        except OSError as exc:
            failed.append(exc)
    threading.Thread(target=run, daemon=True).start()
    assert ready.wait(10)
    time.sleep(0.1)
    assert [str(exc) for exc in failed] == ["[Errno 28] inotify watch limit reached"]


def test_the_servers_rebuild_holds_the_collector_off_and_tidy_collects_the_cycles_later(plan):
    """`serve` rebuilds with the collector paused and freezes what is alive; garbage in cycles waits for tidy()."""
    import gc
    import weakref

    from generator.workflows import preview_server

    class Cycle:
        pass

    plain = Preview(plan, lambda outcome: [])
    preview = Preview(plan, lambda outcome: [])
    try:
        cycle = Cycle()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
        build = preview_server.rebuild(preview)
        assert build.page == plain.rebuild().page  # the same bytes as a rebuild outside the server
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.collect()
        assert gone() is not None  # frozen with the rebuild's objects: no collection on the way to the page
        preview_server.tidy()
        assert gone() is None
    finally:
        gc.unfreeze()
