"""Ctrl-C stops a batch at once, keeps what was published and says what was not; killed, the batch takes its
workers with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import synth
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")


def batch(tmp_path: Path, out: Path, one_by_one: bool = False) -> subprocess.Popen:
    """A batch of eight plans with their PDFs, two at a time (or the files named one by one), in a process
    group of its own (as a shell runs a command: Ctrl-C reaches the whole group)."""
    files = synth.write_batch(tmp_path / "plans", 8, holdings_each=120)
    what = [str(f) for f in files] if one_by_one else [str(tmp_path / "plans"), "-j", "2"]
    return subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", "build", *what,
                             "-o", str(out), "--format", "text,pdf"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def living(group: int) -> list[int]:
    """Processes of the group that are neither gone nor zombies waiting to be reaped."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("one_by_one", [False, True], ids=["folder", "files"])
def test_ctrl_c_stops_a_batch_keeps_what_was_published_and_exits_130(tmp_path: Path, one_by_one: bool):
    out = tmp_path / "out"
    proc = batch(tmp_path, out, one_by_one)
    try:
        assert wait_for(lambda: list(out.glob("*/2024/manifest.json")), 300), "no plan was published"
        assert one_by_one or len(living(proc.pid)) >= 3  # the batch and its two workers
        interrupted = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert time.monotonic() - interrupted < 5  # within a second on a quiet machine
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    published = sorted(p.parent.parent.name for p in out.glob("*/2024/manifest.json"))
    assert published and len(published) < 8
    not_built = stderr.split("elevenk: interrupted; not built: ", 1)[1].split(" (what was built")[0].split(", ")
    assert sorted(Path(p).parent.name for p in not_built) == sorted(
        p.name for p in (tmp_path / "plans").iterdir() if p.is_dir() and p.name not in published)
    assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0
    assert wait_for(lambda: not living(proc.pid), 10)


def test_killing_a_batch_kills_its_workers(tmp_path: Path):
    out = tmp_path / "out"
    proc = batch(tmp_path, out)
    try:
        assert wait_for(lambda: len(living(proc.pid)) >= 3, 120), "the workers never started"
        workers = [pid for pid in living(proc.pid) if pid != proc.pid]
        proc.kill()
        proc.communicate(timeout=30)
        assert wait_for(lambda: not living(proc.pid), 10), f"workers {workers} outlived their parent"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
