"""A bug inside elevenk reaches the user as one plain line and exit status 3, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import generator.cli as cli
import generator.cli.check as check_command
from generator.workflows.batch import build_one

from .conftest import EXAMPLE


def _boom(*args, **kwargs):
    raise ZeroDivisionError("division by zero")


def test_command_reports_an_internal_error_in_one_line(monkeypatch):
    monkeypatch.delenv("ELEVENK_DEBUG", raising=False)
    monkeypatch.setattr(check_command, "check", _boom)
    result = CliRunner().invoke(cli.main, ["check", str(EXAMPLE)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        "elevenk: internal error (ZeroDivisionError: division by zero); this is a bug in elevenk: please report "
        "it with the input file (ELEVENK_DEBUG=1 shows the traceback)"]


def test_debug_setting_shows_the_traceback(monkeypatch):
    monkeypatch.setenv("ELEVENK_DEBUG", "1")
    monkeypatch.setattr(check_command, "check", _boom)
    result = CliRunner().invoke(cli.main, ["check", str(EXAMPLE)])
    assert result.exit_code == 3 and "Traceback" in result.output and "_boom" in result.output


def test_batch_plan_with_an_internal_error_is_one_line(monkeypatch):
    monkeypatch.delenv("ELEVENK_DEBUG", raising=False)
    result = build_one(_boom, Path("plan_data/x/2024.yaml"))
    assert result.status == "error"
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("plan_data/x/2024.yaml: not built: internal error (ZeroDivisionError")


def test_a_reader_that_leaves_early_is_not_an_internal_error():
    """`elevenk names FILE | head`: the pipe closes under the command; it stops quietly with 141, as piped tools do."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        proc = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "names", str(EXAMPLE)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (141, "")
