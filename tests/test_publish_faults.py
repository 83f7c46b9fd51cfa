"""Publishing is all or nothing, SQLite-style: fail the Nth file-system operation of a publish (create, write,
fsync, link, rename, exchange, delete), for every N, and the plan year's folder holds the earlier set or the
new one, complete, with `verify` clean; never a mixture. Two ways to fail: the operation raises and the
build goes on to clean up ("fail"), or it and everything after it fails, as when the process is killed or
the machine stops ("crash"); after a crash the next build sweeps what was left."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import synth
from generator import confined_fs
from generator.cli import main
from generator.confined_fs import OutputError
from generator.workflows import manifest, publish

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
CHANGING = {"open", "write", "fsync", "fchmod", "mkdir", "link", "symlink", "rename", "unlink", "rmdir"}


class Died(OSError):
    """The injected failure."""


class FaultyOs:
    """The os module, but the Nth changing operation (and in crash mode every one after it) fails."""

    def __init__(self, fail_at: int, crash: bool) -> None:
        self.fail_at, self.crash, self.count = fail_at, crash, 0

    def step(self, name: str) -> None:
        self.count += 1
        if self.count == self.fail_at or (self.crash and self.count > self.fail_at):
            code = errno.ENOSPC if name == "write" else errno.EIO
            raise Died(code, f"{os.strerror(code)} (injected at operation {self.count}, {name})")

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name not in CHANGING:
            return real

        def counted(*args, **kwargs):
            if name != "open" or args[1] & (os.O_WRONLY | os.O_CREAT):
                self.step(name)
            return real(*args, **kwargs)
        return counted


def inject(monkeypatch: pytest.MonkeyPatch, fail_at: int, crash: bool, exchange: bool = True) -> FaultyOs:
    faulty = FaultyOs(fail_at, crash)
    monkeypatch.setattr(confined_fs, "os", faulty)
    real_exchange = confined_fs.exchange_at

    def exchange_at(fd: int, first: str, second: str) -> None:
        faulty.step("exchange")
        if not exchange:
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
        real_exchange(fd, first, second)
    monkeypatch.setattr(confined_fs, "exchange_at", exchange_at)
    return faulty


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def verify_clean(folder: Path) -> bool:
    return manifest.verify(folder) == []


class Scenario:
    """A plan year built once (set A) and a second set B to publish over it: A's outputs changed, from an
    input changed by a comment, so that each set verifies clean against its own input."""

    def __init__(self, tmp_path: Path, source: Path, formats: str | None) -> None:
        self.root, self.source = tmp_path / "out", source
        self.input_a = source.read_bytes()
        self.input_b = self.input_a + b"# revised\n"
        chosen = ["--format", formats] if formats else []
        result = CliRunner().invoke(main, ["build", str(source), "-o", str(self.root), *chosen])
        assert result.exit_code == 0, result.output
        self.plan = source.resolve().parent.name
        self.folder = next((self.root / self.plan).iterdir())
        self.year = self.folder.name
        self.set_a = files(self.folder)
        self.pristine = tmp_path / "pristine"
        shutil.copytree(self.root, self.pristine, symlinks=True)
        recorded = manifest.parse(self.set_a["manifest.json"], self.folder)
        self.outputs_b = {name: self.set_a[name] + b"\n% revised\n" for name in recorded.outputs}
        self.record_b = manifest.Record(recorded.record.input_path, hashlib.sha256(self.input_b).hexdigest(),
                                        recorded.record.templates)

    def reset(self) -> None:
        shutil.rmtree(self.root)
        shutil.copytree(self.pristine, self.root, symlinks=True)
        self.source.write_bytes(self.input_b)

    def publish_b(self) -> None:
        whole = tuple({name.split("/")[0] for name in self.outputs_b if "/" in name})  # as build does
        publish.publish(self.root, self.plan, self.year, self.outputs_b, self.record_b, self.source, whole)

    def which_set(self) -> str:
        """'A' or 'B' when the folder holds exactly one set and it verifies clean against its input."""
        now = files(self.folder)
        if now == self.set_a:
            self.source.write_bytes(self.input_a)
            which = "A"
        else:
            assert {k: v for k, v in now.items() if k != "manifest.json"} == self.outputs_b, "a mixture of sets"
            self.source.write_bytes(self.input_b)
            which = "B"
        assert verify_clean(self.folder), manifest.verify(self.folder)
        return which

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in (self.root / self.plan).iterdir() if p.name != self.year)


def operations(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many changing operations a publish of B over A takes, counted on a run without faults."""
    scenario.reset()
    with monkeypatch.context() as patch:
        counter = inject(patch, fail_at=0, crash=False)
        scenario.publish_b()
    assert scenario.which_set() == "B" and scenario.leftovers() == []
    return counter.count


def every_fault(scenario: Scenario, monkeypatch: pytest.MonkeyPatch, exchange: bool = True) -> int:
    total = operations(scenario, monkeypatch)
    assert total >= 8
    for crash in (False, True):
        for n in range(1, total + 1):
            scenario.reset()
            with monkeypatch.context() as patch:
                inject(patch, n, crash, exchange)
                try:
                    scenario.publish_b()
                    failed = None
                except OutputError as exc:
                    failed = str(exc)
            if failed is None:
                assert scenario.which_set() == "B", (n, crash)
            elif "in place" in failed:
                assert scenario.which_set() == "B", (n, crash, failed)
            else:
                assert scenario.which_set() == "A", (n, crash, failed)
                assert "injected" in failed and str(scenario.root) in failed, failed
            scenario.source.write_bytes(scenario.input_b)
            scenario.publish_b()  # the next build: sweeps what was left, publishes B
            assert scenario.which_set() == "B" and scenario.leftovers() == [], (n, crash)
    return total


def test_every_fault_of_a_standard_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = tmp_path / "plans" / "sos-staffing" / "2001.yaml"
    source.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE, source)
    scenario = Scenario(tmp_path, source, "text,html,pdf")
    assert {Path(k).suffix for k in scenario.set_a} == {".txt", ".htm", ".pdf", ".json"}
    every_fault(scenario, monkeypatch)


def test_every_fault_of_a_build_with_its_inline_xbrl_submission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Harbor Point's default build: the three documents and the submission's seven files in ixbrl/."""
    source = tmp_path / "plans" / "harbor-point" / "2024.yaml"
    source.parent.mkdir(parents=True)
    shutil.copy(ROOT / "plan_data" / "harbor-point" / "2024.yaml", source)
    scenario = Scenario(tmp_path, source, None)
    assert len([k for k in scenario.set_a if k.startswith("ixbrl/")]) >= 5
    every_fault(scenario, monkeypatch)


def test_every_fault_of_a_1000_holding_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = synth.write_plan(tmp_path / "plans", 1000)
    scenario = Scenario(tmp_path, source, "text,pdf")
    assert len(scenario.set_a[f"{scenario.plan}-{scenario.year}.pdf"]) > confined_fs.WRITE_CHUNK  # written in steps
    every_fault(scenario, monkeypatch)


def test_every_fault_without_an_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Where the system cannot swap two folders in one step, two renames: a failure between them is undone,
    and a crash between them leaves the earlier set under a hidden name that the next build puts back."""
    source = tmp_path / "plans" / "sos-staffing" / "2001.yaml"
    source.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE, source)
    scenario = Scenario(tmp_path, source, "text,html")
    total = operations(scenario, monkeypatch)
    for crash in (False, True):
        for n in range(1, total + 1):
            scenario.reset()
            with monkeypatch.context() as patch:
                inject(patch, n, crash, exchange=False)
                try:
                    scenario.publish_b()
                except OutputError:
                    pass
            if not (scenario.folder / "manifest.json").exists():  # died between the renames
                assert crash
                with confined_fs.Folder.open(scenario.root / scenario.plan) as plans:
                    publish.sweep(plans)  # what the next build does first
            assert scenario.which_set() in ("A", "B"), (n, crash)
            scenario.source.write_bytes(scenario.input_b)
            scenario.publish_b()
            assert scenario.which_set() == "B" and scenario.leftovers() == []


def test_a_full_disk_is_a_located_message_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = tmp_path / "plans" / "sos-staffing" / "2001.yaml"
    source.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE, source)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", "text"]).exit_code == 0
    before = files(out)
    source.write_text(source.read_text() + "# revised\n")
    faulty = FaultyOs(fail_at=0, crash=False)
    monkeypatch.setattr(confined_fs, "os", faulty)
    faulty.step = lambda name: (_ for _ in ()).throw(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) \
        if name == "write" else None
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", "text"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"{source}: not built: {out}/sos-staffing/2001/sos-staffing-2001.txt: cannot write: No space left on device "
        "(the earlier outputs are unchanged)")
    assert files(out) == before
