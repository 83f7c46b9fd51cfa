"""The preview checks the plan in a forked child while it renders the page: what it shows is what it showed
when it did both in turn, byte for byte, and a plan that no longer checks out shows its findings, never a page."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.workflows import preview as preview_module
from generator.workflows.aside import Aside, can_fork
from generator.workflows.preview import Preview

pytestmark = pytest.mark.skipif(not can_fork(), reason="work is done aside only where fork is (Linux)")

BROKEN = ("total_investments: {current: 3998822", "total_investments: {current: 3998823")


@pytest.fixture(autouse=True)
def spare_core(monkeypatch):
    """A core to spare, whatever the machine's load (the child is what these tests are about)."""
    monkeypatch.setattr(preview_module, "spare_core", lambda: True)


@pytest.fixture
def checked_here(monkeypatch) -> list:
    """The checks run in this process (a child's run in its own copy of it, and are not counted)."""
    runs = []
    checked = preview_module.checked

    def counted(outcome):
        runs.append(os.getpid())
        return checked(outcome)
    monkeypatch.setattr(preview_module, "checked", counted)
    return runs


def in_turn(source: Path, dirs=lambda outcome: []):
    """The build as a rebuild makes it with no child: checks, then the page."""
    preview = Preview(source, dirs)
    preview._checks_aside = lambda outcome: None
    return preview.rebuild()


def assert_same(build, alone) -> None:
    assert (build.page, build.ok, build.template_dirs) == (alone.page, alone.ok, alone.template_dirs)
    if build.ok:
        assert build.outcome.findings == alone.outcome.findings


def test_the_page_with_the_checks_aside_is_the_page_without(plan, checked_here):
    build = Preview(plan, lambda outcome: []).rebuild()
    assert build.ok and checked_here == []  # the child checked it
    assert b"Statements of Net Assets Available for Benefits" in build.page
    assert len(build.outcome.findings) == 2 and b"consent" in build.page  # its warnings, above the filing
    assert_same(build, in_turn(plan))


def test_a_large_plan_with_the_checks_aside_is_the_page_without(tmp_path, checked_here):
    from benchmarks import synth
    from generator.workflows.build import template_dirs

    source = synth.write_plan(tmp_path, 300)
    dirs = lambda outcome: template_dirs(outcome, None)  # noqa: E731
    build = Preview(source, dirs).rebuild()
    assert build.ok and checked_here == []
    assert_same(build, in_turn(source, dirs))


def test_an_edit_that_breaks_the_plan_shows_its_findings_and_the_fix_the_page(plan, checked_here):
    preview = Preview(plan, lambda outcome: [])
    assert preview.rebuild().ok
    text = plan.read_text()
    plan.write_text(text.replace(*BROKEN, 1))
    build = preview.rebuild()
    assert not build.ok and b"not built (1 error" in build.page
    assert b"Statements of Net Assets Available for Benefits" not in build.page  # rendered, and not shown
    assert_same(build, in_turn(plan))
    checked_here.clear()  # in_turn checked here
    plan.write_text(text.replace("provides only general information", "provides general information only", 1))
    build = preview.rebuild()
    assert build.ok and b"provides general information only" in build.page and checked_here == []


def test_a_template_that_fails_is_reported_when_the_checks_pass_and_the_findings_shown_when_not(plan, tmp_path):
    overrides = tmp_path / "overrides" / "html"
    overrides.mkdir(parents=True)
    (overrides / "cover.html.j2").write_text("{{ f.no_such_figure() }}\n")
    dirs = lambda outcome: [overrides.parent]  # noqa: E731
    build = Preview(plan, dirs).rebuild()
    assert not build.ok and b"not built: " in build.page and b"no_such_figure" in build.page
    assert_same(build, in_turn(plan, dirs))
    plan.write_text(plan.read_text().replace(*BROKEN, 1))
    build = Preview(plan, dirs).rebuild()
    assert not build.ok and b"not built (1 error" in build.page and b"no_such_figure" not in build.page
    assert_same(build, in_turn(plan, dirs))


def test_an_edited_template_is_what_the_next_page_shows(plan, tmp_path):
    overrides = tmp_path / "overrides" / "html"
    overrides.mkdir(parents=True)
    override = overrides / "cover.html.j2"
    override.write_text("<p>A firm's cover, first</p>\n")
    preview = Preview(plan, lambda outcome: [overrides.parent])
    assert b"cover, first" in preview.rebuild().page
    override.write_text("<p>A firm's cover, second</p>\n")
    page = preview.rebuild().page
    assert b"cover, second" in page and b"cover, first" not in page


def test_the_checks_run_here_when_the_child_gives_nothing(plan, monkeypatch, checked_here):
    here = os.getpid()
    checked = preview_module.checked

    def fails_in_a_child(outcome):
        if os.getpid() != here:
            raise RuntimeError("in the child")
        return checked(outcome)
    monkeypatch.setattr(preview_module, "checked", fails_in_a_child)
    build = Preview(plan, lambda outcome: []).rebuild()
    assert build.ok and checked_here == [here]
    assert_same(build, in_turn(plan))


def test_no_child_while_a_text_or_pdf_is_rendered_on_request(plan, checked_here):
    preview = Preview(plan, lambda outcome: [])
    with preview._rendering:  # held by a request's render: a child would inherit its locks held
        build = preview.rebuild()
    assert build.ok and checked_here == [os.getpid()]


def test_no_child_without_a_core_to_spare(plan, monkeypatch, checked_here):
    monkeypatch.setattr(preview_module, "spare_core", lambda: False)
    build = Preview(plan, lambda outcome: []).rebuild()
    assert build.ok and checked_here == [os.getpid()]


def test_a_core_is_spare_when_the_load_leaves_one(monkeypatch):
    from generator.workflows import aside

    monkeypatch.setattr(aside.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(aside.os, "getloadavg", lambda: (1.4, 3.0, 3.0))
    assert aside.spare_core()
    monkeypatch.setattr(aside.os, "getloadavg", lambda: (1.6, 0.5, 0.5))
    assert not aside.spare_core()


def test_a_child_that_fails_or_hangs_gives_no_result():
    assert Aside(lambda: b"made aside").result() == b"made aside"
    assert Aside(lambda: b"").result() == b""

    def fails() -> bytes:
        raise RuntimeError("in the child")
    assert Aside(fails).result() is None
    started = time.monotonic()
    assert Aside(lambda: time.sleep(60) or b"late").result(timeout=0.5) is None
    assert time.monotonic() - started < 10


def test_a_child_no_longer_wanted_is_stopped():
    aside = Aside(lambda: time.sleep(60) or b"late")
    pid = aside._pid
    aside.close()
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break  # stopped and reaped
        time.sleep(0.05)
    else:
        raise AssertionError(f"child {pid} still there")
    assert aside.result() is None
