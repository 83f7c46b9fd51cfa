"""`elevenk import filing`: the reference filing's text back into a plan year that rebuilds it, figure for figure."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import check, render

from .conftest import EXAMPLE, REFERENCE
from .test_reference import is_subsequence, numbers, without_contents_page

pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared/reference (the reference filing)")
KNOWN = ["no signatures: Form 11-K must be signed on behalf of the plan by the persons who administer it",
         "the consent is dated June 28, 2001, before the auditor's report it consents to (May 30, 2002) and "
         "before the fiscal year end"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    code, out = run("import", "filing", str(REFERENCE), "-o", str(folder / "2001.yaml"))
    assert code == 0, out
    return folder / "2001.yaml", out


def test_the_import_checks_with_only_the_reference_filings_own_defects(imported):
    path, _ = imported
    outcome = check(path)
    assert not outcome.input_failed, outcome.findings
    assert [f.message for f in outcome.findings] == KNOWN


def test_the_imported_year_builds_every_figure_of_the_reference_in_order(imported):
    path, _ = imported
    ours = render(check(path), ["text"])["text"].decode("ascii")
    ref_numbers = numbers(without_contents_page(REFERENCE.read_text()))
    ok, matched = is_subsequence(ref_numbers, numbers(without_contents_page(ours)))
    assert ok, f"reference number #{matched} ({ref_numbers[matched]}) missing or out of order; " \
               f"context {ref_numbers[max(0, matched - 5):matched + 5]}"


def test_the_figures_are_the_hand_written_examples(imported):
    path, _ = imported
    ours, example = check(path).plan_year, check(EXAMPLE).plan_year
    # The CIK and the Inline XBRL members are not in a text filing: the example adds them for its iXBRL.
    assert ours.plan == example.plan.model_copy(update={"cik": None})
    assert ours.issuer == example.issuer and ours.filing == example.filing
    assert [[(h.identity, h.label, h.type, h.party_in_interest, h.description, h.current, h.prior)
             for h in g.holdings] for g in ours.investments] == \
        [[(h.identity, h.label, h.type, h.party_in_interest, h.description, h.current, h.prior)
          for h in g.holdings] for g in example.investments]
    assert ours.net_assets.stated == example.net_assets.stated and ours.changes.stated == example.changes.stated
    assert ours.changes.additions[1].lines[0].by_type == [t.model_copy(update={"xbrl_member": None})
                                                          for t in example.changes.additions[1].lines[0].by_type]
    assert [n.title for n in ours.notes] == [n.title for n in example.notes]
    assert [[(b.item, b.heading, b.table, b.breakdown, b.page_break) for b in n.blocks] for n in ours.notes] == \
        [[(b.item, b.heading, b.table, b.breakdown, b.page_break) for b in n.blocks] for n in example.notes]
    assert ours.auditor.report.predecessor == example.auditor.report.predecessor
    assert ours.auditor.consent == example.auditor.consent


def test_what_could_not_be_read_is_listed(imported):
    path, out = imported
    assert "not read from the filing (2), listed at the top of the file too:" in out
    assert "signatures: the filing has no SIGNATURES section" in out
    assert "# - signatures: the filing has no SIGNATURES section" in path.read_text()


def test_an_import_is_deterministic_and_never_overwrites(imported, tmp_path):
    path, _ = imported
    code, out = run("import", "filing", str(REFERENCE), "-o", str(path))
    assert code == 1 and "exists; not overwritten (use --force to replace it)" in out
    copy = tmp_path / "again.yaml"
    assert run("import", "filing", str(REFERENCE), "-o", str(copy))[0] == 0
    assert copy.read_bytes() == path.read_bytes()


def test_our_own_text_filing_reads_back(tmp_path):
    """The 2001 example rendered as text, imported, rendered again: the same figures in the same order."""
    first = render(check(EXAMPLE), ["text"])["text"].decode("ascii")
    (tmp_path / "filing.txt").write_text(first)
    code, out = run("import", "filing", str(tmp_path / "filing.txt"), "-o", str(tmp_path / "2001.yaml"))
    assert code == 0, out
    again = render(check(tmp_path / "2001.yaml"), ["text"])["text"].decode("ascii")
    assert numbers(without_contents_page(again)) == numbers(without_contents_page(first))


def test_the_imported_year_rolls_forward(imported, tmp_path):
    path, _ = imported
    shutil.copy(path, tmp_path / "2001.yaml")
    code, out = run("rollforward", str(tmp_path / "2001.yaml"))
    assert code == 0, out
    assert re.search(r"wrote .*2002\.yaml: \d+ fields to fill", out)


def test_our_own_html_filing_reads_back_as_the_text_one_does(imported, tmp_path):
    """The EDGAR HTML form of the 2001 example is laid out as text and read by the same reader: the same
    plan year as the reference's text gives, but for the text form's page breaks."""
    html = render(check(EXAMPLE), ["html"])["html"]
    (tmp_path / "filing.htm").write_bytes(html)
    code, out = run("import", "filing", str(tmp_path / "filing.htm"), "-o", str(tmp_path / "2001.yaml"))
    assert code == 0, out
    path, _ = imported

    def body(p):
        return [ln for ln in p.read_text().splitlines() if not ln.startswith("#") and "page_break" not in ln]
    assert body(tmp_path / "2001.yaml") == body(path)
    assert [f.message for f in check(tmp_path / "2001.yaml").findings] == KNOWN
