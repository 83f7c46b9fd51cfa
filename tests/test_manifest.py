"""The build manifest records input, templates and outputs by sha256; `elevenk verify` finds any change."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator import __version__
from generator.cli import main
from generator.render.templating import builtin_templates

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built(tmp_path: Path, formats: str = "text", *extra: str) -> tuple[Path, Path]:
    """A copy of the example built into tmp_path/out; returns the source and the output folder."""
    source = tmp_path / "sos-staffing" / "2001.yaml"
    source.parent.mkdir(exist_ok=True)
    if not source.exists():
        shutil.copy(EXAMPLE, source)
    assert run("build", str(source), "-o", str(tmp_path / "out"), "--format", formats, *extra).exit_code == 0
    return source, tmp_path / "out" / "sos-staffing" / "2001"


def test_manifest_records_version_input_templates_and_outputs(tmp_path: Path):
    source, folder = built(tmp_path, "text,html")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["elevenk"] == __version__
    assert manifest["input"] == {"path": "../../../sos-staffing/2001.yaml", "sha256": sha(source)}
    assert [o["path"] for o in manifest["outputs"]] == ["sos-staffing-2001.htm", "sos-staffing-2001.txt"]
    assert all(o["sha256"] == sha(folder / o["path"]) for o in manifest["outputs"])
    templates = {t["path"]: t["sha256"] for t in manifest["templates"]}
    assert templates["elevenk:templates/text/cover.txt.j2"] == sha(builtin_templates() / "text" / "cover.txt.j2")
    assert any(p.endswith(".html.j2") for p in templates)
    assert all(p.startswith(("elevenk:templates/", "elevenk:assets/")) for p in templates)


def test_moving_the_project_folder_keeps_verify_clean(tmp_path: Path):
    """Every path in the manifest is relative: the project moved elsewhere still verifies."""
    overrides = tmp_path / "project" / "templates" / "text"
    overrides.mkdir(parents=True)
    shutil.copy(builtin_templates() / "text" / "cover.txt.j2", overrides / "cover.txt.j2")
    _, folder = built(tmp_path / "project", "text", "--templates", str(overrides.parent))
    assert "../../../templates/text/cover.txt.j2" in (folder / "manifest.json").read_text()
    (tmp_path / "project").rename(tmp_path / "moved")
    result = run("verify", str(tmp_path / "moved" / "out"))
    assert (result.exit_code, result.output) == (0, "")


def test_verify_is_silent_when_nothing_changed(tmp_path: Path):
    _, folder = built(tmp_path)
    for target in (folder, tmp_path / "out"):
        result = run("verify", str(target))
        assert (result.exit_code, result.output) == (0, "")


def test_verify_names_every_change(tmp_path: Path):
    overrides = tmp_path / "templates" / "text"
    overrides.mkdir(parents=True)
    shutil.copy(builtin_templates() / "text" / "cover.txt.j2", overrides / "cover.txt.j2")
    source, folder = built(tmp_path, "text,html", "--templates", str(overrides.parent))
    (folder / "sos-staffing-2001.txt").write_bytes(b"edited by hand\n")
    (folder / "sos-staffing-2001.htm").unlink()
    (folder / "notes.txt").write_text("not built")
    (overrides / "cover.txt.j2").write_text((overrides / "cover.txt.j2").read_text() + "\n")
    source.write_text(source.read_text().replace("current: 852540", "current: 852541"))
    result = run("verify", str(folder))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5 and all(line.startswith(str(folder / "manifest.json")) for line in lines)
    assert any("input ../../../sos-staffing/2001.yaml: sha256 is" in line for line in lines)
    assert any("template ../../../templates/text/cover.txt.j2: sha256 is" in line for line in lines)
    assert any("output sos-staffing-2001.txt: sha256 is" in line for line in lines)
    assert any("output sos-staffing-2001.htm: missing" in line for line in lines)
    assert any("output notes.txt: not in the manifest" in line for line in lines)


def test_a_later_build_of_other_formats_keeps_the_earlier_outputs_listed(tmp_path: Path):
    """Outputs of the same input are kept and listed; outputs of another input go with the earlier set, and
    a file no build made (a reviewer's note) stays, unlisted."""
    source, folder = built(tmp_path, "text")
    (folder / "review.txt").write_text("reviewed")
    built(tmp_path, "html")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [o["path"] for o in manifest["outputs"]] == ["sos-staffing-2001.htm", "sos-staffing-2001.txt"]
    source.write_text(source.read_text().replace("current: 852540", "current: 852540 "))  # new input
    built(tmp_path, "html")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [o["path"] for o in manifest["outputs"]] == ["sos-staffing-2001.htm"]
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "review.txt", "sos-staffing-2001.htm"]
    result = run("verify", str(folder))
    assert result.exit_code == 1 and result.stderr.splitlines() == [
        f"{folder / 'manifest.json'}: output review.txt: not in the manifest"]


def test_verify_without_a_manifest_or_with_a_broken_one(tmp_path: Path):
    assert run("verify", str(tmp_path)).exit_code == 2
    (tmp_path / "manifest.json").write_text("{not json")
    result = run("verify", str(tmp_path))
    assert result.exit_code == 2 and "not an elevenk manifest" in result.stderr
    assert "Traceback" not in result.output


def _planted(folder: Path, **changes) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    for key, value in changes.items():
        manifest[key] = value
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_verify_refuses_output_paths_that_leave_the_folder(tmp_path: Path):
    """A planted manifest naming ../, absolute or hidden output paths is refused before anything is read."""
    _, folder = built(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    for bad in ("../../../secret.txt", str(secret), "a/../../x", ".hidden", "a//b", ""):
        _planted(folder, outputs=[{"path": bad, "sha256": "0" * 64}])
        result = run("verify", str(folder))
        assert result.exit_code == 2, bad
        assert f"output path {bad!r} leads outside" in result.stderr and "sha256 is" not in result.stderr
        assert "Traceback" not in result.output


def test_verify_refuses_absolute_input_paths_and_reads_no_device(tmp_path: Path):
    _, folder = built(tmp_path)
    _planted(folder, input={"path": "/etc/hostname", "sha256": "0" * 64})
    result = run("verify", str(folder))
    assert result.exit_code == 2 and "'/etc/hostname' is an absolute path" in result.stderr
    _, folder = built(tmp_path)
    depth = len(folder.resolve().parts) - 1
    _planted(folder, templates=[{"path": "../" * depth + "dev/zero", "sha256": "0" * 64}])
    result = run("verify", str(folder))  # hashing /dev/zero would never end
    assert result.exit_code == 1 and "dev/zero: cannot be read (not a regular file)" in result.stderr


def test_verify_does_not_follow_a_link_in_the_folder(tmp_path: Path):
    _, folder = built(tmp_path)
    output = folder / "sos-staffing-2001.txt"
    (tmp_path / "copy.txt").write_bytes(output.read_bytes())
    output.unlink()
    output.symlink_to(tmp_path / "copy.txt")
    (folder / "elsewhere.txt").symlink_to("/etc/hostname")
    result = run("verify", str(folder))
    assert result.exit_code == 1
    assert "output sos-staffing-2001.txt: is a symbolic link, not a file" in result.stderr
    assert "output elsewhere.txt: not in the manifest" in result.stderr


def test_a_manifest_of_an_older_elevenk_asks_for_a_new_build(tmp_path: Path):
    _, folder = built(tmp_path)
    _planted(folder, manifest=1)
    result = run("verify", str(folder))
    assert result.exit_code == 2 and "written by an older elevenk (format 1); build the plan year again" in result.stderr


def test_a_failed_build_writes_no_manifest(tmp_path: Path):
    source = tmp_path / "plan" / "2001.yaml"
    source.parent.mkdir()
    source.write_text(EXAMPLE.read_text().replace("current: 852540", "current: 1,852,540"))
    assert run("build", str(source), "-o", str(tmp_path / "out")).exit_code == 2
    assert not list((tmp_path).rglob("manifest.json"))


def test_a_build_over_an_older_elevenk_build_replaces_its_set(tmp_path: Path):
    """A folder an older elevenk built (manifest format 1, absolute paths): the new set replaces its outputs
    as it would its own, and the refusal to replace another file's filing still holds."""
    source, folder = built(tmp_path, "text,html")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(manifest=1, input={"path": str(source.resolve()), "sha256": "0" * 64})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    built(tmp_path, "text")
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "sos-staffing-2001.txt"]
    assert run("verify", str(folder)).exit_code == 0
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(manifest=1, input={"path": str(source.resolve().with_name("2002.yaml")), "sha256": "0" * 64})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    result = run("build", str(source), "-o", str(tmp_path / "out"), "--format", "text")
    assert result.exit_code == 1 and "holds the filing built from 2002.yaml beside it" in result.stderr
