"""Nothing lost: outputs appear complete or not at all, whatever happens to the build, and the same input
always gives the same bytes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
MINIMAL = ROOT / "tests" / "bad_inputs" / "valid_minimal.yaml"
HOLDING = "      - {{identity: Example Fund {i}, type: mutual_fund, description: 10 shares, current: 1, prior: 0}}\n"


def plan(folder: Path, holdings: int = 0, note: str = "") -> Path:
    """The minimal plan year as folder/plan/2001.yaml, with extra holdings of $1 (kept in balance) and a note."""
    text = MINIMAL.read_text()
    text = text.replace("        prior: 1200\n", "        prior: 1200\n" + "".join(HOLDING.format(i=i) for i in range(holdings)))
    text = text.replace("      amount: 300", f"      amount: {300 + holdings}")
    if note:
        text = text.replace("auditor:\n", f"notes:\n  - title: Note\n    blocks:\n      - text: {note}\nauditor:\n")
    source = folder / "plan" / "2001.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text)
    return source


def build(source: Path, out: Path, formats: str = "text", *extra: str) -> int:
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", formats, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code:
        print(result.output)  # shown by pytest when the test fails
    return result.exit_code


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under out, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def elevenk(*args: str, **env: str) -> subprocess.Popen:
    """elevenk in a process of its own, as a user runs it."""
    return subprocess.Popen([sys.executable, "-c", "from generator.cli import main; main()", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **env})


def test_every_file_write_goes_through_the_writer():
    """Only writer.write_atomic and confined_fs (the output folders, by descriptor) write files; review.py
    copies the submission into a private temporary folder for Arelle, and nothing else."""
    writes = re.compile(r"\.write_(bytes|text)\(|\bopen\([^)]*,\s*[\"'][rbt]*[wax+]|os\.(replace|rename|link|symlink|unlink|"
                        r"rmdir|mkdir)\(|shutil\.(copy|move|rmtree)|O_WRONLY|O_CREAT")
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "generator").rglob("*.py"))
                 if p.name not in ("writer.py", "confined_fs.py", "review.py")
                 for n, line in enumerate(p.read_text().splitlines(), 1)
                 if writes.search(line) and "os.devnull" not in line]
    assert not offenders


def test_a_failing_build_leaves_the_previous_outputs(tmp_path: Path):
    source, out = plan(tmp_path), tmp_path / "out"
    assert build(source, out, "text,html") == 0
    before = snapshot(out)
    source.write_text(source.read_text().replace("      amount: 300", "      amount: 301"))  # no longer rolls
    assert build(source, out, "text,html") == 1
    broken = tmp_path / "templates" / "text"
    broken.mkdir(parents=True)
    (broken / "cover.txt.j2").write_text("{{ no_such_value }}")
    source.write_text(source.read_text().replace("      amount: 301", "      amount: 300"))
    assert build(source, out, "text,html", "--templates", str(broken.parent)) == 2
    assert snapshot(out) == before


def test_a_killed_build_leaves_the_previous_outputs(tmp_path: Path):
    """SIGKILL in the middle of a 5,000-holding PDF: the earlier outputs stay byte-identical, nothing partial
    appears under a final name, and the next build sweeps what a killed build left (kills in the middle of
    publishing are in test_publish_faults)."""
    source, out = plan(tmp_path), tmp_path / "out"
    assert build(source, out, "text,pdf") == 0
    before = snapshot(out)
    plan(tmp_path, holdings=5000)
    proc = elevenk("build", str(source), "-o", str(out), "--format", "text,pdf")
    time.sleep(2.5)  # starting, loading and the text take a second or two; the PDF a minute or more
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert snapshot(out) == before
    plans = out / "plan"
    (plans / ".2001.elevenk-new-0123abcd").mkdir()
    (plans / ".2001.elevenk-new-0123abcd" / "plan-2001.txt").write_bytes(b"half a filing")
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (plans / ".2001.elevenk-old-89abcdef").symlink_to(outside)
    plan(tmp_path)
    assert build(source, out, "text,pdf") == 0
    assert snapshot(out) == before
    assert sorted(p.name for p in plans.iterdir()) == ["2001"]
    assert (outside / "keep").is_dir()


def test_two_builds_at_once_do_not_corrupt_each_other(tmp_path: Path):
    """Two different inputs for the same plan year built into one folder at once: the folder ends as one
    build's complete outputs with that build's manifest, never a mixture."""
    sources = [plan(tmp_path / name, note=name) for name in ("first", "second")]
    expected = []
    for source in sources:
        out = tmp_path / ("alone-" + source.parent.parent.name)
        assert build(source, out, "text,html") == 0
        expected.append({k: v for k, v in snapshot(out).items() if not k.endswith("manifest.json")})
    shared = tmp_path / "shared"
    for _ in range(2):
        procs = [elevenk("build", str(s), "-o", str(shared), "--format", "text,html") for s in sources]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        files = snapshot(shared)
        outputs = {k: v for k, v in files.items() if not k.endswith("manifest.json")}
        assert outputs in expected
        assert not [k for k in files if Path(k).name.startswith(".")]
        assert CliRunner().invoke(main, ["verify", str(shared)]).exit_code == 0


def test_same_input_same_bytes_across_processes(tmp_path: Path):
    """Two processes with different hash seeds build the example to byte-identical outputs and manifests
    (the PDF is compared in one process below: it costs seconds a build)."""
    procs = [elevenk("build", str(EXAMPLE), "-o", str(tmp_path / seed), "--format", "text,html",
                     PYTHONHASHSEED=seed) for seed in ("1", "2")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    runs = [snapshot(tmp_path / seed) for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert {Path(k).suffix for k in runs[0]} == {".txt", ".htm", ".json"}


def test_same_input_same_bytes_in_one_process(tmp_path: Path):
    assert build(EXAMPLE, tmp_path / "a", "text,pdf") == 0
    assert build(EXAMPLE, tmp_path / "b", "text,pdf") == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_the_lock_is_released_when_a_build_dies(tmp_path: Path):
    """A killed build holding the plan folder's lock does not block the next one (the kernel drops the lock),
    and the lock leaves no file behind."""
    source, out = plan(tmp_path), tmp_path / "out"
    assert build(source, out) == 0
    import fcntl

    child = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
                              "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
                              str(out / "plan")], stdout=subprocess.PIPE)
    assert child.stdout.readline().strip() == b"locked"
    fd = os.open(out / "plan", os.O_RDONLY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    assert build(source, out) == 0
    assert [p.name for p in out.rglob(".*")] == []


def test_plan_years_of_one_plan_published_at_once(tmp_path: Path):
    """Sixteen years of one plan published at once (as a batch's workers do): each makes the plan's folder if
    it is not there yet, and none fails because another just made it."""
    import threading

    from generator.workflows.manifest import Record
    from generator.workflows.publish import publish

    failures: list[Exception] = []

    def one(year: int) -> None:
        try:
            publish(tmp_path / "out", "acme", str(year), {"acme.txt": str(year).encode()}, Record("x.yaml", "0" * 64))
        except Exception as exc:  # noqa: BLE001 (the test reports it)
            failures.append(exc)
    threads = [threading.Thread(target=one, args=(2000 + i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(p.name for p in (tmp_path / "out" / "acme").iterdir()) == [str(2000 + i) for i in range(16)]
