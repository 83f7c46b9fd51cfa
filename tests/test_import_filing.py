"""`elevenk import filing`: the reference filing's text back into a plan year that rebuilds it, figure for figure."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import check, render

from .conftest import EXAMPLE, REFERENCE
from .test_reference import is_subsequence, numbers, without_contents_page

pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared/reference (the reference filing)")
KNOWN = ["signatures", "auditor.consent.date"]  # the reference filing's own defects: unsigned, consent misdated


def known(findings) -> list[str]:
    """What each finding is about: its path, or for the missing signatures the word."""
    return [f.path or ("signatures" if "signatures" in f.message else f.message) for f in findings]


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
    assert known(outcome.findings) == KNOWN


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
    # The example quotes its sign word ({net_appreciation:word}); the import has the title as printed.
    assert [n.title for n in check(path).filing.notes] == [n.title for n in check(EXAMPLE).filing.notes]
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
    # The filing as printed dates its consent before the report: an error, accepted here as the example does.
    (tmp_path / "2001.yaml").write_text(path.read_text() + "\nexceptions:\n  consent_before_report: as printed\n")
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
    assert known(check(tmp_path / "2001.yaml").findings) == KNOWN


MODERN = EXAMPLE.parent.parent / "harbor-point" / "2024.yaml"


@pytest.mark.parametrize("form", ["text", "html"])
def test_a_modern_filing_by_type_comes_back_with_its_current_year(tmp_path, form):
    """Harbor Point (PCAOB report, investments by type, notes receivable, a transfer in, signatures) rendered
    and imported: every current-year figure comes back; the holdings' prior balances, which a statement by
    type does not print, are TODO and listed."""
    original = check(MODERN).plan_year
    (tmp_path / "filing").write_bytes(render(check(MODERN), [form])[form])
    code, out = run("import", "filing", str(tmp_path / "filing"), "-o", str(tmp_path / "2024.yaml"))
    assert code == 0, out
    from generator.load.yaml_source import read_yaml

    data = read_yaml(tmp_path / "2024.yaml").data
    assert data["net_assets"]["presentation"] == "by_type"
    assert [g["caption"] for g in data["investments"]] == [g.caption for g in original.investments]
    held = [(h.identity, h.description, str(h.current), h.party_in_interest)
            for g in original.investments for h in g.holdings if h.current]
    got = [(str(h["identity"]), str(h["description"]), str(h["current"]), bool(h.get("party_in_interest")))
           for g in data["investments"] for h in g["holdings"]]
    assert got == held
    todo = sum(1 for g in data["investments"] for h in g["holdings"] if h["prior"] == "TODO")
    assert todo == sum(len(g["holdings"]) for g in data["investments"] if len(g["holdings"]) > 1)
    assert '"Registered investment companies": the prior-year balances of its 33 holdings' in out
    nr = data["net_assets"]["notes_receivable"]
    assert (str(nr["current"]), str(nr["prior"]), nr["identity"]) == ("902791", "884512", "Participant loans")
    stated = data["net_assets"]["stated"]
    assert str(stated["net_assets"]["current"]) == "69332044" and str(stated["net_assets"]["prior"]) == "61551277"
    changes = data["changes"]
    assert [(t["kind"], str(t["amount"])) for t in changes["transfers"]] == [("transfers_in", "1284516")]
    kinds = {ln.get("kind"): str(ln.get("amount")) for item in changes["additions"] + changes["deductions"]
             for ln in item.get("lines", [item])}
    assert kinds["interest_on_notes_receivable"] == "58466" and kinds["deemed_distributions"] == "14218"
    assert kinds["participant_contributions"] == "4118342" and kinds["net_appreciation"] == "4669534"
    assert str(changes["stated"]["net_change"]) == "7780767"
    assert data["signatures"]["signers"] == [{"name": "Renata M. Okafor", "title": "Chair, Retirement Plan Committee"}]
    assert data["auditor"]["consent"]["form_s8_file_numbers"] == ["333-221087", "333-256410"]
    report = data["auditor"]["report"]
    assert (report["style"], report["auditor_since"], str(report["date"])) == ("pcaob", 2016, "2025-06-18")


def test_a_file_that_is_no_11k_is_refused_and_a_cut_one_lists_what_is_missing(tmp_path):
    (tmp_path / "junk.txt").write_text("hello\n")
    code, out = run("import", "filing", str(tmp_path / "junk.txt"), "-o", str(tmp_path / "a.yaml"))
    assert code == 2 and "not a Form 11-K as filed: no statement of net assets" in out
    assert not (tmp_path / "a.yaml").exists()
    cut = REFERENCE.read_text().split("NOTES TO FINANCIAL STATEMENTS\n                           December")[0]
    (tmp_path / "cut.txt").write_text(cut)
    code, out = run("import", "filing", str(tmp_path / "cut.txt"), "-o", str(tmp_path / "b.yaml"))
    assert code == 0, out
    assert "Schedule H, line 4i (no heading found)" in out
    assert "the auditor's consent (Exhibit 23) was not found" in out
    assert "investments[0].holdings[0].description" in out  # to fill: no Schedule H to give it


def test_the_notes_quote_by_name_only_what_resolves_to_the_same_words(imported):
    path, out = imported
    text = path.read_text()
    assert "depreciated in value by ${net_appreciation:abs}" in text
    assert "As of {fiscal_year_end}, only one loan" in text and "offers {count.mutual_funds} mutual funds" in text
    assert "approximately $127,451" in text  # no computed figure says it: as written
    assert "{fiscal_year_end} x3, {count.mutual_funds}, {net_appreciation} by name" in out


def test_an_amount_two_figures_share_stays_as_written():
    from decimal import Decimal

    from generator.workflows.note_figures import quote_by_name

    names = {"net_assets": Decimal(4022421), "net_assets_end": Decimal(4022421), "net_change": Decimal(-1815272)}
    text = "Net assets were $4,022,421 after a decrease of $1,815,272."
    assert quote_by_name(text, names) == ("Net assets were $4,022,421 after a decrease of ${net_change:abs}.",
                                          ["net_change"])


def test_page_numbers_past_999_and_unpaired_parentheses_are_read_as_what_they_are():
    from generator.workflows.filing_document import is_page_number
    from generator.workflows.text_columns import figures, is_amount, pages

    assert is_page_number(" " * 38 + "1000") and not is_page_number("Total  1000")
    assert len(pages("a\n" + " " * 38 + "1000\nb\n")) == 2
    assert not is_amount("2)") and not is_amount("(2")
    assert figures("Item 2)         1,046").amounts[0][0] == 1046
