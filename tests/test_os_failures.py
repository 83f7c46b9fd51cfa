"""Ordinary failures of the operating system (a read-only or full disk, a name too long, a device where a file
was expected) are the user's to fix: a message naming the path and exit 2, never "internal error"."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import confined_fs
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "bad_inputs" / "valid_minimal.yaml"


def elevenk(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *args], cwd=ROOT,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)


def plan(folder: Path, name: str = "plan") -> Path:
    source = folder / name / "2001.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(MINIMAL.read_text())
    return source


def test_a_plan_folder_name_too_long_for_its_outputs(tmp_path: Path):
    source = plan(tmp_path, "p" * 250)  # the folder is allowed; p...p-2001.txt is 259 bytes
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "out"), "--format", "text"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(f"{'p' * 250}-2001.txt: cannot create: File name too long (the earlier "
                                          "outputs are unchanged)")
    assert "internal error" not in result.output


def test_an_output_root_that_is_a_file(tmp_path: Path):
    (tmp_path / "out").write_text("not a folder")
    result = CliRunner().invoke(main, ["build", str(plan(tmp_path)), "-o", str(tmp_path / "out" / "x"),
                                       "--format", "text"])
    assert result.exit_code == 2
    assert f"not built: {tmp_path / 'out' / 'x'}: cannot create folder: Not a directory" in result.stderr


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_a_read_only_or_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int):
    """As the operating system reports it at the first file created (root ignores permissions: injected)."""
    source, out = plan(tmp_path), tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", "text"]).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(confined_fs.os, "open", refusing)
    source.write_text(source.read_text() + "# revised\n")
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", "text"])
    monkeypatch.undo()
    assert result.exit_code == 2
    assert f"{out / 'plan' / '2001' / 'plan-2001.txt'}: cannot create: {os.strerror(code)}" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in (out / "plan").iterdir()] == ["2001"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_a_read_only_output_folder(tmp_path: Path):
    source, out = plan(tmp_path), tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", "text"])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and f"{out / 'plan'}: cannot create folder: Permission denied" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["names", "plan_data/sos-staffing/2001.yaml"], ["schema"],
                                  ["check", "--json", "plan_data/harbor-point/2024.yaml"]])
def test_output_to_a_full_device(args: list[str]):
    with open("/dev/full", "w") as full:
        result = elevenk(*args, stdout=full)
    assert result.returncode == 2
    assert result.stderr == "elevenk: standard output: No space left on device\n"


@pytest.mark.parametrize("args", [["lint-edgar", "{dev}"], ["import", "holdings", "{dev}", "--into", "{plan}"],
                                  ["import", "filing", "{dev}", "--dry-run"], ["check", "{dev}"]])
@pytest.mark.parametrize("dev", ["/dev/zero", "fifo"])
def test_no_command_reads_a_device_or_a_pipe(tmp_path: Path, args: list[str], dev: str):
    """/dev/zero reports a size of 0 and never ends; a pipe nobody writes to never answers."""
    if dev == "fifo":
        dev = str(tmp_path / "holdings.csv")
        os.mkfifo(dev)
    elif not Path(dev).exists():
        pytest.skip(f"no {dev}")
    target = plan(tmp_path)
    result = elevenk(*(a.format(dev=dev, plan=target) for a in args))
    assert result.returncode == 2, result.stderr
    assert f"{dev}: " in result.stderr and "not a regular file (a device or a pipe?)" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == MINIMAL.read_text()


def test_rollforward_into_a_folder_where_the_file_should_be(tmp_path: Path):
    source = plan(tmp_path)
    shutil.copy(ROOT / "plan_data" / "sos-staffing" / "2001.yaml", source)
    (source.parent / "2002.yaml").mkdir()
    result = CliRunner().invoke(main, ["rollforward", str(source), "--force"])
    assert result.exit_code == 1, result.output  # rollforward's "not written"
    assert f"could not write {source.parent / '2002.yaml'}: Is a directory; nothing was changed" in result.stderr
    assert "internal error" not in result.output
