"""`elevenk compare`: a changed holding and a changed word in a note, in the terminal and in HTML."""

from __future__ import annotations

from pathlib import Path

from generator.load.yaml_source import read_yaml
from generator.workflows.compare import Run, compare, word_diff

from .conftest import EXAMPLE
from .test_rollforward import run

SOURCE = EXAMPLE.read_text()


def edited(tmp_path: Path, *changes: tuple[str, str], name: str = "new.yaml") -> Path:
    text = SOURCE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def test_reports_a_changed_holding_and_a_changed_word(tmp_path):
    new = edited(tmp_path, ("current: 157665", "current: 157000"),
                 ("determined and informed the Company", "determined and notified the Company"))
    code, out = run("compare", str(EXAMPLE), str(new))
    assert code == 0
    assert "figures: 1 changed, 175 the same; notes: 1 changed, 4 the same" in out
    assert "investments:\n  Loomis Sayles Bond Fund / current: 157,665 -> 157,000  (-665)\n" in out
    assert 'note 4 "Income tax status": changed\n' \
           "  The Internal Revenue Service has determined and [-informed-] {+notified+} the Company by a " \
           "letter dated ...\n" in out


def test_html_page_marks_the_changes_and_escapes_the_text(tmp_path):
    new = edited(tmp_path, ("current: 157665", "current: 157000"),
                 ("determined and informed the Company", "determined and notified <b>the</b> Company"),
                 ("name: SOS Staffing Services, Inc. 401(k) Plan", "name: SOS Staffing Services, Inc. 401(k) & Trust"))
    page = tmp_path / "out" / "blackline.html"
    code, out = run("compare", str(EXAMPLE), str(new), "--html", str(page))
    assert code == 0 and f"wrote {page}" in out
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "<td>Loomis Sayles Bond Fund</td><td>current</td>" in html
    assert "<del>157,665</del>" in html and "<ins>157,000</ins>" in html and "-665" in html
    assert "determined and <del>informed the</del> <ins>notified &lt;b&gt;the&lt;/b&gt;</ins> Company" in html
    assert "<b>the</b>" not in html
    assert "<ins>SOS Staffing Services, Inc. 401(k) &amp; Trust</ins>" in html
    assert not list(page.parent.glob(".*.tmp"))


def test_identical_files_and_added_or_removed_items(tmp_path):
    code, out = run("compare", str(EXAMPLE), str(EXAMPLE))
    assert code == 0
    assert "figures: 0 changed, 176 the same; notes: 0 changed, 5 the same" in out
    janus = "      - identity: Janus Overseas Fund\n        type: mutual_fund\n" \
            "        description: 4,277 shares of mutual fund\n        current: 86812\n        prior: 73075\n"
    new = edited(tmp_path, (janus, ""), ("  - title: Plan termination\n", "  - title: Termination of the Plan\n"))
    _, out = run("compare", str(EXAMPLE), str(new))
    assert "  Janus Overseas Fund / current: 86,812 -> -  [removed]" in out
    assert "  Janus Overseas Fund / type: mutual_fund -> -  [removed]" in out
    # A retitled note is still the same note: its title changes, its text does not.
    assert 'note 5 "Termination of the Plan": changed\n  title: Plan termination -> Termination of the Plan' in out
    _, back = run("compare", str(new), str(EXAMPLE))
    assert "  Janus Overseas Fund / current: - -> 86,812  [added]" in back


def test_compares_a_rolled_forward_file_with_its_blanks(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "2001.yaml").write_text(SOURCE)
    assert run("rollforward", str(plan / "2001.yaml"))[0] == 0
    code, out = run("compare", str(plan / "2001.yaml"), str(plan / "2002.yaml"))
    assert code == 0
    assert "  Dreyfus Appreciation Fund / current: 407,882 -> TODO\n" in out
    # 2002's prior balances are 2001's current ones: nothing to report (2000's balances are left out)
    assert "Dreyfus Appreciation Fund / prior" not in out and "net_assets_beginning" not in out
    assert "  the next plan year: current figures against last year's, prior balances against last year's " \
           "current ones\n" in out
    assert f"  notes of {plan / '2002.yaml'} compared as written: it does not compute yet\n" in out
    assert "  report.predecessor.report_date: 2001-06-25 -> -  [removed]" in out
    assert "  fiscal_year_end: 2001-12-31 -> 2002-12-31" in out
    assert 'note 4 "Income tax status": changed\n  review: - -> carried over from the 2001 filing' in out


def test_word_diff_keeps_paragraphs():
    old = ["One two three.", "Four five six."]
    new = ["One two four.", "Four five six.", "Seven."]
    assert word_diff(old, new) == [
        [Run("equal", "One two"), Run("delete", "three."), Run("insert", "four.")],
        [Run("equal", "Four five six.")],
        [Run("insert", "Seven.")],
    ]


def test_an_unreadable_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("filing: [unclosed\n")
    code, out = run("compare", str(EXAMPLE), str(bad))
    assert code == 2 and "not a plan-year file" in out
    assert compare(read_yaml(EXAMPLE).data, read_yaml(EXAMPLE).data).identical


def test_the_next_years_prior_balance_is_held_against_last_years_current(tmp_path):
    """A prior balance re-entered differently in the next year's file is a restatement, and reported."""
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "2001.yaml").write_text(SOURCE)
    assert run("rollforward", str(plan / "2001.yaml"))[0] == 0
    rolled = (plan / "2002.yaml").read_text()
    assert rolled.count("prior: 407882") == 1
    (plan / "2002.yaml").write_text(rolled.replace("prior: 407882", "prior: 407000"))
    code, out = run("compare", str(plan))  # a plan's folder: its last two plan years
    assert code == 0 and out.startswith(f"compare {plan / '2001.yaml'} -> {plan / '2002.yaml'}\n")
    assert "  Dreyfus Appreciation Fund / prior: 407,882 -> 407,000  (-882)\n" in out
    assert out.count(" / prior: ") == 1


def test_notes_are_compared_as_printed(tmp_path):
    """A figure a note quotes by name changes the printed note, though the note's YAML is the same."""
    new = edited(tmp_path, ("current: 157665", "current: 157000"))
    code, out = run("compare", str(EXAMPLE), str(new))
    assert code == 0 and "compared as written" not in out
    assert "figures: 1 changed" in out and "notes: 0 changed" in out  # no note quotes that holding
    old_counts = tmp_path / "fewer.yaml"
    janus = "      - identity: Janus Overseas Fund\n        type: mutual_fund\n" \
            "        description: 4,277 shares of mutual fund\n        current: 86812\n        prior: 73075\n"
    old_counts.write_text(SOURCE.replace(janus, ""))
    _, out = run("compare", str(EXAMPLE), str(old_counts))
    assert "[-17-] {+16+} mutual funds" in out, out  # {count.mutual_funds}, as printed
