"""The catalogue of bad input: each tests/bad_inputs/NAME.yaml runs through the real command line and must
end as NAME.expect says (exit code, the finding's exact line:col and a phrase of its message), never in a
traceback. Cases too large to commit are generated here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.load.yaml_source import MAX_BYTES, read_yaml

CASES = Path(__file__).parent / "bad_inputs"
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.*)$")


LISTS = ("prints", "absent", "html_prints", "html_absent", "stderr")


@dataclass
class Expect:
    """What one case must produce; read from NAME.expect (`key: value` lines, # comments)."""

    exit: int
    command: str = "check"
    at: str | None = None
    severity: str = "error"
    message: str = ""
    hint: str = ""
    errors: int | None = None
    formats: str = "text"
    prints: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    html_prints: list[str] = field(default_factory=list)
    html_absent: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> "Expect":
        fields: dict = {key: [] for key in LISTS}
        for line in path.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            key, value = line.split(": ", 1)
            if key in LISTS:
                fields[key].append(value)
            else:
                fields[key] = int(value) if key in ("exit", "errors") else value
        return cls(**fields)

    @property
    def error_count(self) -> int:
        if self.errors is not None:
            return self.errors
        return 1 if self.exit else 0


@dataclass
class Run:
    exit: int
    stdout: str
    stderr: str
    findings: list[dict]
    built: str = ""


def run_cli(args: list[str]) -> Run:
    """Run elevenk in-process; an exception other than the exit is a failure of the case."""
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"elevenk raised {result.exception!r}"
    stderr = result.stderr
    findings = [m.groupdict() for m in map(FINDING.match, stderr.splitlines()) if m]
    return Run(result.exit_code, result.stdout, stderr, findings)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def test_the_catalogue_is_complete():
    names = _case_names()
    assert len(names) >= 40
    assert sorted(p.stem for p in CASES.glob("*.expect")) == names


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str, tmp_path: Path):
    expect = Expect.read(CASES / f"{name}.expect")
    source = CASES / f"{name}.yaml"
    args = (["check", str(source)] if expect.command == "check" else
            ["build", str(source), "-o", str(tmp_path), "--format", expect.formats])
    run = run_cli(args)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.exit == expect.exit, run.stderr
    errors = [f for f in run.findings if f["severity"] == "error"]
    assert len(errors) == expect.error_count, run.stderr
    if expect.at:
        line, col = expect.at.split(":")
        assert any(f["file"] == str(source) and (f["line"], f["col"]) == (line, col)
                   and f["severity"] == expect.severity and expect.message in f["message"]
                   for f in run.findings), f"no {expect.severity} at {expect.at} saying {expect.message!r}:\n{run.stderr}"
    if expect.hint:
        assert f"hint: {expect.hint}" in run.stderr
    for phrase in expect.stderr:
        assert phrase in run.stderr
    if expect.command == "build" and expect.exit == 0:
        _check_output(tmp_path, "txt", expect.prints, expect.absent)
        if "html" in expect.formats:
            _check_output(tmp_path, "htm", expect.html_prints, expect.html_absent)


def _check_output(out: Path, extension: str, prints: list[str], absent: list[str]) -> None:
    built = sorted(out.rglob(f"*.{extension}"))
    assert len(built) == 1
    text = _normal(built[0].read_text(encoding="ascii"))
    for phrase in prints:
        assert _normal(phrase) in text
    for phrase in absent:
        assert _normal(phrase) not in text


def test_template_symlink_out_of_its_folder_is_refused(tmp_path: Path):
    """A plan's template folder holding a symlink to a file elsewhere: refused, not read."""
    source = tmp_path / "plan" / "2001.yaml"
    (tmp_path / "plan" / "tpl" / "text").mkdir(parents=True)
    (tmp_path / "secret.txt.j2").write_text("secret")
    (tmp_path / "plan" / "tpl" / "text" / "cover.txt.j2").symlink_to(tmp_path / "secret.txt.j2")
    source.write_text((CASES / "valid_minimal.yaml").read_text().replace("signatures:", "templates: tpl\nsignatures:"))
    run = run_cli(["build", str(source), "-o", str(tmp_path / "out")])
    assert run.exit == 2 and "a symlink leading outside" in run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.txt"))


def test_python_tag_never_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    run_cli(["check", str(CASES / "python_tag.yaml")])
    assert not (tmp_path / "pwned.txt").exists()


def test_billion_laughs_is_refused_quickly_in_bounded_memory():
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded = read_yaml(CASES / "billion_laughs.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 20 * 1024 * 1024
    assert loaded.data is None and "aliases expand" in loaded.findings[0].message


def test_50_mb_file_is_refused_before_it_is_read(tmp_path: Path):
    source = tmp_path / "huge.yaml"
    padding = b"# " + b"x" * 1021 + b"\n"
    with source.open("wb") as out:
        out.write((CASES / "valid_minimal.yaml").read_bytes())
        for _ in range(50 * 1024):
            out.write(padding)
    assert source.stat().st_size > MAX_BYTES
    tracemalloc.start()
    started = time.perf_counter()
    try:
        run = run_cli(["check", str(source)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 20 * 1024 * 1024
    assert run.exit == 2
    assert run.findings[0]["line"] == "1" and "the limit is" in run.findings[0]["message"]


def test_missing_file_is_a_finding_not_a_traceback(tmp_path: Path):
    run = run_cli(["check", str(tmp_path / "nowhere.yaml")])
    assert run.exit == 2 and "cannot read file" in run.stderr


def test_real_process_prints_no_traceback():
    """One case through a real process, as a user runs it: stderr is findings, not a stack."""
    proc = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "check", str(CASES / "deep_nesting.yaml")],
                          capture_output=True, text=True, timeout=60, cwd=CASES.parent.parent)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "nested more than 64 levels" in proc.stderr


def test_too_many_holdings_are_refused_while_reading(tmp_path: Path):
    """25,001 holdings: one located message, before the schema or any arithmetic runs."""
    from generator.load.limits import HOLDINGS

    source = tmp_path / "plan" / "2001.yaml"
    source.parent.mkdir()
    rows = "".join(f"      - {{identity: Fund {i}, type: mutual_fund, current: 1, prior: 0}}\n" for i in range(HOLDINGS + 1))
    source.write_text((CASES / "valid_minimal.yaml").read_text().replace("    holdings:\n", "    holdings:\n" + rows, 1))
    started = time.perf_counter()
    run = run_cli(["check", str(source)])
    assert time.perf_counter() - started < 30
    assert run.exit == 2
    assert [(f["line"], f["col"]) for f in run.findings] == [("17", "7")]
    assert run.findings[0]["message"] == ("investments[0].holdings: the plan year holds more than 25,000 holdings "
                                          "(25,002 up to this list); the limit is 25,000")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_device_or_pipe_is_refused_without_reading_it(tmp_path: Path, special: str):
    """The size limit is counted while reading, never trusted from the file system: /dev/zero reports 0 bytes."""
    if special == "fifo":
        special = str(tmp_path / "plan.yaml")
        os.mkfifo(special)  # nobody writes: opening it to read would wait for ever
    elif not Path(special).exists():
        pytest.skip(f"no {special} here")
    run = run_cli(["check", special])
    assert run.exit == 2
    assert run.stderr.startswith(f"{special}: error: cannot read file: ")
    assert "not a regular file (a device or a pipe?)" in run.stderr


def test_the_notes_text_together_is_limited(tmp_path: Path):
    """Each paragraph within its limit, but 600,000 characters of notes: refused once, where the limit is passed."""
    para = "The Plan is a defined contribution plan covering employees who have completed a year of service. " * 200
    notes = "notes:\n" + "".join(f"  - title: Note {n}\n    blocks:\n" + f"      - text: {para}\n" * 10 for n in range(3))
    source = tmp_path / "plan" / "2001.yaml"
    source.parent.mkdir()
    source.write_text((CASES / "valid_minimal.yaml").read_text().replace("auditor:\n", notes + "auditor:\n"))
    run = run_cli(["check", str(source)])
    assert run.exit == 2 and len(run.findings) == 1
    assert run.findings[0]["message"].endswith("the notes hold more than 500,000 characters of text up to here; "
                                               "the limit is 500,000")


@pytest.mark.parametrize("oddity", ["{qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq: 1}",
                                    "{type: !foo mutual_fund}"])
def test_a_finding_on_every_holding_is_reported_in_time_proportional_to_the_file(tmp_path: Path, oddity: str):
    """24,000 holdings, each with an unknown key or a refused tag: 24,000 findings with their source lines, in
    seconds (the source lines were split once per finding, and the findings compared pair by pair)."""
    source = tmp_path / "plan" / "2001.yaml"
    source.parent.mkdir()
    row = "      - {identity: Fund %d, type: mutual_fund, current: 1, prior: 0}\n"
    rows = "".join((row % i).replace("{type: mutual_fund}", "") for i in range(24_000))
    extra = oddity.strip("{}")
    rows = rows.replace("prior: 0}", f"prior: 0, {extra}}}") if "type" not in extra else rows.replace(
        "type: mutual_fund", extra)
    source.write_text((CASES / "valid_minimal.yaml").read_text().replace("    holdings:\n", "    holdings:\n" + rows, 1))
    started = time.perf_counter()
    run = run_cli(["check", str(source)])
    assert time.perf_counter() - started < 60  # 2 to 6 s; one and a half to three minutes before
    assert run.exit == 2 and len([f for f in run.findings if f["severity"] == "error"]) == 24_000
