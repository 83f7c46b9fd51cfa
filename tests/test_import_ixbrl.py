"""`elevenk import filing` on the Inline XBRL form: each bundled plan year built as Inline XBRL, its primary document
read back by its facts, gives a plan year that checks (only TODO fields left, each listed) and rebuilds both
statements figure for figure; a malformed document is refused at its place, and nothing is written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.findings import ERROR
from generator.pipeline import check, render, render_ixbrl
from generator.workflows.filing_document import is_page_number
from generator.workflows.rollforward import FILL_MESSAGE
from generator.workflows.yaml_roundtrip import dump, load

from .conftest import ROOT

EXAMPLES = sorted(ROOT.glob("plan_data/*/*.yaml"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def primary_document(original: Path) -> tuple[str, bytes]:
    """The Inline XBRL primary document elevenk builds for a plan year: its name and bytes."""
    files = render_ixbrl(check(original, ixbrl=True))
    name = next(n for n in files if re.fullmatch(r"[a-z0-9]+-\d{8}\.htm", n))
    return name, files[name]


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.parent.name)
def imported(request, tmp_path_factory):
    original = request.param
    folder = tmp_path_factory.mktemp(original.parent.name)
    name, data = primary_document(original)
    (folder / name).write_bytes(data)
    target = folder / "imported" / original.name
    code, out = run("import", "filing", str(folder / name), "-o", str(target))
    assert code == 0, out
    return original, target, out


def filled(original: Path, imported: Path, folder: Path) -> Path:
    """The imported plan year with what the filing cannot hold entered from the original, as a preparer enters
    it from last year's Schedule H: each holding's prior-year balance on a statement by type (marked TODO), and
    the holdings sold during the year (prior balance only, in no Schedule H of this year)."""
    source = check(original).plan_year
    prior = {(g.caption, h.identity, h.description): h.prior for g in source.investments for h in g.holdings}
    doc = load(imported.read_text())
    for group in doc["investments"]:
        for holding in group["holdings"]:
            if holding["prior"] == "TODO":
                holding["prior"] = int(prior[group["caption"], holding["identity"], holding["description"]])
        if any(h["prior"] == "TODO" for h in group["holdings"]):
            continue
        mine = next((g for g in source.investments if g.caption == group["caption"]), None)
        listed = {h["identity"] for h in group["holdings"]}
        for h in (mine.holdings if mine and len(group["holdings"]) > 1 else []):
            if h.identity not in listed and h.current == 0:
                group["holdings"].append({"identity": h.identity, "type": h.type, "current": 0,
                                          "prior": int(h.prior)})
    path = folder / "filled" / original.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(dump(doc))
    return path


def statements(path: Path) -> str:
    """Both statements as the text filing prints them (their pages), without page numbers."""
    outcome = check(path)
    assert not outcome.input_failed, [f.message for f in outcome.findings][:5]
    text = render(outcome, ["text"])["text"].decode("ascii")
    pages = [p for p in text.split("\n<PAGE>\n") if "accompanying notes are an integral part" in p]
    assert len(pages) >= 2
    return "\n".join(ln for p in pages for ln in p.splitlines() if not is_page_number(ln))


def test_the_import_loads_and_checks_with_only_todo_fields_left_each_listed(imported):
    original, path, out = imported
    outcome = check(path)
    todo = [f for f in outcome.findings if f.message == FILL_MESSAGE]
    assert [f for f in outcome.findings if f.severity == ERROR and f not in todo] == []
    assert all(f.path.endswith(".prior") for f in todo)  # a statement by type prints no holding's prior balance
    assert load(path.read_text())["xbrl"]["build"] is True  # filed in Inline XBRL, it stays so
    if todo:
        assert f"fields to fill ({len(todo):,}):" in out
        assert "prior-year balances of its" in out
    else:
        assert not outcome.input_failed and "fields to fill" not in out


def test_the_imported_year_rebuilds_both_statements_figure_for_figure(imported, tmp_path):
    original, path, _ = imported
    assert statements(filled(original, path, tmp_path)) == statements(original)


def test_the_holdings_come_back_with_both_years_where_the_facts_give_them(imported):
    """Issue, description, party-in-interest and year-end value from Schedule H; on an itemized statement the
    holding's line gives the prior year-end and its type too (in thousands as the filing prints them)."""
    original, path, _ = imported
    outcome = check(original)
    source, scale = outcome.plan_year, outcome.filing.layout.in_thousands
    data = load(path.read_text())
    itemized = source.net_assets.presentation == "itemized"

    def value(amount):
        return int(amount / 1000 + Decimal("0.5")) if scale else int(amount)

    want = [(h.identity, h.description, h.party_in_interest, value(h.current))
            + ((value(h.prior), h.type) if itemized else ())
            for g in source.investments for h in g.holdings if h.type != "master_trust" and (h.current or itemized)]
    got = [(str(h["identity"]), str(h["description"]), bool(h.get("party_in_interest")), h["current"])
           + ((h["prior"], h["type"]) if itemized else ())
           for g in data["investments"] for h in g["holdings"] if h["type"] != "master_trust"]
    assert got == want


def test_an_import_of_the_same_document_is_the_same_file(imported, tmp_path):
    original, path, _ = imported
    name, data = primary_document(original)
    (tmp_path / name).write_bytes(data)
    assert run("import", "filing", str(tmp_path / name), "-o", str(tmp_path / original.name))[0] == 0
    assert (tmp_path / original.name).read_bytes() == path.read_bytes()


# ---------------------------------------------------------------- documents elevenk did not write, and broken ones

HARBOR = ROOT / "plan_data" / "harbor-point" / "2024.yaml"


@pytest.fixture(scope="module")
def harbor() -> str:
    return primary_document(HARBOR)[1].decode("ascii")


def place(text: str, offset: int) -> str:
    """line:column (1-based) of an offset."""
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"


def refused(folder: Path, text: str) -> tuple[Path, str]:
    """Import a document that must be refused: exit 2, the same words each time, nothing written."""
    path = folder / "hpl-20241231.htm"
    path.write_text(text)
    outputs = []
    for _ in range(2):
        code, out = run("import", "filing", str(path), "-o", str(folder / "2024.yaml"))
        assert code == 2 and not (folder / "2024.yaml").exists()
        assert out.endswith(f"elevenk: {path}: not read as an Inline XBRL Form 11-K; nothing was written\n")
        outputs.append(out)
    assert outputs[0] == outputs[1]
    return path, outputs[0]


NET_ASSETS = re.compile(r'<ix:nonFraction name="us-gaap-ebp:EmployeeBenefitPlanNetAssetAvailableForBenefit" '
                        r'contextRef="(c\d+)"[^>]*>69,332,044<')


def test_a_figure_that_is_no_number_is_refused_at_its_fact(harbor, tmp_path):
    fact = NET_ASSETS.search(harbor)
    text = harbor[:fact.end() - 11] + "69,332,O44<" + harbor[fact.end():]
    path, out = refused(tmp_path, text)
    assert out.startswith(f"{path}:{place(text, fact.start())}: error: us-gaap-ebp:EmployeeBenefitPlanNetAssetAvailable"
                          f"ForBenefit (context {fact[1]}): expected a number in the format ixt:num-dot-decimal, got "
                          "\"69,332,O44\"\n  hint: correct the printed figure, or its format\n")


def test_a_fact_of_an_unknown_context_is_refused_at_its_fact(harbor, tmp_path):
    fact = NET_ASSETS.search(harbor)
    text = harbor[:fact.start(1)] + "c0" + harbor[fact.end(1):]
    path, out = refused(tmp_path, text)
    assert out.startswith(f"{path}:{place(text, fact.start())}: error: us-gaap-ebp:EmployeeBenefitPlanNetAssetAvailable"
                          "ForBenefit: its context 'c0' is not among the document's contexts\n")


def test_a_context_without_the_plan_member_is_refused_at_the_context(harbor, tmp_path):
    cid = NET_ASSETS.search(harbor)[1]
    context = re.search(rf'<xbrli:context id="{cid}">.*?(<xbrli:segment>.*?</xbrli:segment>)', harbor)
    assert "dei:LegalEntityAxis" in context[1] and context[1].count("explicitMember dimension") == 1
    text = harbor[:context.start(1)] + harbor[context.end(1):]
    path, out = refused(tmp_path, text)
    assert out.startswith(f"{path}:{place(text, context.start())}: error: context {cid} names no plan: it has no "
                          "dei:LegalEntityAxis member, and ")
    assert "hint: every fact of an 11-K carries the plan's member on dei:LegalEntityAxis" in out


def test_a_document_that_is_not_an_11k_is_refused(harbor, tmp_path):
    kind = re.search(r'<ix:nonNumeric name="dei:DocumentType"[^>]*>11-K<', harbor)
    text = harbor[:kind.end() - 5] + "10-K<" + harbor[kind.end():]
    path, out = refused(tmp_path, text)
    assert out.startswith(f'{path}:{place(text, kind.start())}: error: dei:DocumentType is "10-K": not a Form 11-K\n')


def test_a_document_that_is_not_xml_is_refused_where_it_breaks(harbor, tmp_path):
    at = harbor.index("<br/>")
    path, out = refused(tmp_path, harbor[:at] + "<br>" + harbor[at + 5:])
    assert out.startswith(f"{path}:{harbor.count(chr(10), 0, at) + 1}:") and "error: not well-formed XML: " in out


def test_a_filers_own_elements_and_members_are_listed_and_the_reader_keeps_to_the_standard_ones(harbor, tmp_path):
    """Another filer's extension element for deemed distributions and its own member for the collective trusts:
    the line is skipped and listed (the statement's stated total then says by how much it is short), the trusts
    are read by their words."""
    text = harbor.replace('name="hpl:DeemedDistributionOfParticipantLoan"', 'name="hpl:LoansDeemedDistributed"')
    text = text.replace("us-gaap:DefinedBenefitPlanCommonCollectiveTrustMember", "hpl:CollectiveFundsMember")
    (tmp_path / "hpl-20241231.htm").write_text(text)
    code, out = run("import", "filing", str(tmp_path / "hpl-20241231.htm"), "-o", str(tmp_path / "2024.yaml"))
    assert code == 0, out
    assert 'statement of changes: "Deemed distributions of participant loans" (14,218) is tagged ' \
           "hpl:LoansDeemedDistributed, which elevenk does not read: skipped" in out
    assert '"Common collective trusts": its member hpl:CollectiveFundsMember is the filer\'s own: its holdings\' ' \
           "types are read from their words" in out
    data = load((tmp_path / "2024.yaml").read_text())
    trusts = next(g for g in data["investments"] if g["caption"] == "Common collective trusts")
    assert {h["type"] for h in trusts["holdings"]} == {"common_collective_trust"} and "xbrl_member" not in trusts
    kinds = [ln.get("kind") for item in data["changes"]["deductions"] for ln in item.get("lines", [item])]
    assert kinds == ["benefits_paid", "administrative_expenses"]
    findings = check(filled(HARBOR, tmp_path / "2024.yaml", tmp_path)).findings
    missing = [f for f in findings if f.path == "changes.stated.total_deductions"]
    assert missing and missing[0].difference == 14218  # stated, less what was read


def test_formats_scale_and_sign_are_applied_exactly():
    """ixt number formats, scale and sign in Decimal: no float anywhere between the print and the value."""
    from generator.workflows.ixbrl_document import read_document

    head = ('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
            'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
            'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:e="http://fasb.org/us-gaap-ebp/2025"><body>'
            '<ix:header><ix:resources><xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="x">1'
            '</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2024-12-31</xbrli:instant></xbrli:period>'
            '</xbrli:context></ix:resources></ix:header>')
    facts = [('format="ixt:num-dot-decimal" scale="3"', "4,332,972.865", "4332972865"),
             ('format="ixt:num-comma-decimal" scale="-2"', "1.234.567,89", "12345.6789"),
             ('format="ixt:num-dot-decimal" sign="-"', "0.10", "-0.1"),
             ('format="ixt:fixed-zero" sign="-"', "&#8212;", "0"),
             ('scale="6"', "0.000001", "1"),
             ('format="ixt:num-dot-decimal" scale="0"', "9 999 999 999 999.99", "9999999999999.99")]
    body = "".join(f'<p><ix:nonFraction name="e:X{i}" contextRef="c" unitRef="u" decimals="0" {attrs}>{shown}'
                   "</ix:nonFraction></p>" for i, (attrs, shown, _) in enumerate(facts))
    doc = read_document(head + body + "</body></html>", "x.htm")
    assert doc.problems == []
    assert [str(f.value) for f in doc.facts] == [want for _, _, want in facts]
    assert all(isinstance(f.value, Decimal) for f in doc.facts)


def test_with_its_schema_and_consent_beside_it_a_filers_own_line_is_read_by_its_calculation(tmp_path):
    """The whole submission in one folder, the deemed distributions renamed as another filer would: the
    filer's calculation linkbase adds its element into total deductions, so the line is read (without a kind,
    said) and the statement still ties; the consent comes from its exhibit document."""
    files = render_ixbrl(check(HARBOR, ixbrl=True))
    for name, data in files.items():
        (tmp_path / name).write_bytes(data.replace(b"DeemedDistributionOfParticipantLoan", b"LoansDeemedDistributed"))
    primary = next(n for n in files if re.fullmatch(r"[a-z0-9]+-\d{8}\.htm", n))
    code, out = run("import", "filing", str(tmp_path / primary), "-o", str(tmp_path / "imported" / "2024.yaml"))
    assert code == 0, out
    assert 'statement of changes: "Deemed distributions of participant loans" (14,218) is tagged ' \
           "hpl:LoansDeemedDistributed, the filer's own element, which its calculations add into " \
           "us-gaap-ebp:EmployeeBenefitPlanChangeInNetAssetAvailableForBenefitDecrease: read as a line of " \
           "deductions without a kind (give it one, or name its element)" in out
    assert "Exhibit 23" not in out
    data = load((tmp_path / "imported" / "2024.yaml").read_text())
    assert data["changes"]["deductions"][1] == {"label": "Deemed distributions of participant loans",
                                                "amount": 14218}
    assert data["auditor"]["consent"]["form_s8_file_numbers"] == ["333-221087", "333-256410"]
    findings = check(filled(HARBOR, tmp_path / "imported" / "2024.yaml", tmp_path), ixbrl=True).findings
    assert [f.message for f in findings if f.severity == ERROR] == \
        ["the line 'Deemed distributions of participant loans' cannot be tagged: it has no kind"]


def test_a_transition_report_comes_back_with_its_short_year(tmp_path):
    """An 11-KT (a plan year of six months): the year-ends and the transition period come from the contexts,
    and both statements rebuild."""
    text = HARBOR.read_text().replace("  report: annual\n  fiscal_year_end: 2024-12-31\n",
                                      "  report: transition\n  fiscal_year_end: 2024-12-31\n"
                                      "  prior_year_end: 2024-06-30\n"
                                      "  transition_period: {start: 2024-07-01, end: 2024-12-31}\n")
    original = tmp_path / "original" / "2024.yaml"
    original.parent.mkdir()
    original.write_text(text)
    name, data = primary_document(original)
    assert re.search(rb"name=\"dei:DocumentType\"[^>]*>11-KT<", data)
    (tmp_path / name).write_bytes(data)
    code, out = run("import", "filing", str(tmp_path / name), "-o", str(tmp_path / "imported" / "2024.yaml"))
    assert code == 0, out
    filing = load((tmp_path / "imported" / "2024.yaml").read_text())["filing"]
    assert (filing["report"], str(filing["prior_year_end"]), str(filing["transition_period"]["start"])) == \
        ("transition", "2024-06-30", "2024-07-01")
    assert statements(filled(original, tmp_path / "imported" / "2024.yaml", tmp_path)) == statements(original)


def test_contracts_at_contract_value_keep_it_and_their_current_value_comes_from_schedule_h(tmp_path):
    """A stable value fund shown at contract value (ASU 2015-12): the statement's line is its contract value,
    Schedule H's row its current value; the prior year-end's fair value is in no statement (TODO, listed)."""
    text = HARBOR.read_text()
    at = text.index("\nnet_assets:\n")
    text = (text[:at] + "\n  - caption: Stable value fund\n"
            "    xbrl_member: EmployeeBenefitPlanSyntheticInvestmentContractMember\n    holdings:\n"
            "      - identity: Meridian Stable Value Fund\n        type: stable_value_fund\n"
            "        description: Fully benefit-responsive synthetic investment contract\n"
            "        current: 1000000\n        prior: 900000\n"
            "        contract_value: {current: 990000, prior: 905000}\n" + text[at:])
    text = text.replace("  stated:\n    net_assets: {current: 69332044, prior: 61551277}\n", "")
    text = text.replace("  stated:\n    net_assets_end: 69332044\n", "").replace("amount: 1121877", "amount: 1206877")
    original = tmp_path / "original" / "2024.yaml"
    original.parent.mkdir()
    original.write_text(text)
    assert not [f for f in check(original, ixbrl=True).findings if f.severity == ERROR]
    name, data = primary_document(original)
    (tmp_path / name).write_bytes(data)
    code, out = run("import", "filing", str(tmp_path / name), "-o", str(tmp_path / "imported" / "2024.yaml"))
    assert code == 0, out
    assert '"Stable value fund": at contract value on the statement; its fair value at the prior year-end' in out
    group = load((tmp_path / "imported" / "2024.yaml").read_text())["investments"][-1]
    assert (group["xbrl_member"], group["holdings"][0]["current"], group["holdings"][0]["prior"],
            dict(group["holdings"][0]["contract_value"])) == \
        ("EmployeeBenefitPlanSyntheticInvestmentContractMember", 1000000, "TODO", {"current": 990000, "prior": 905000})
    assert statements(filled(original, tmp_path / "imported" / "2024.yaml", tmp_path)) == statements(original)


def test_a_plan_member_not_named_as_fasb_says_leaves_its_ein_and_number_to_enter(tmp_path):
    name, data = primary_document(ROOT / "plan_data" / "sos-staffing" / "2001.yaml")
    assert b"EBP87-0295503-002Member" in data
    (tmp_path / name).write_bytes(data.replace(b"EBP87-0295503-002Member", b"SosPlanMember"))
    code, out = run("import", "filing", str(tmp_path / name), "-o", str(tmp_path / "2001.yaml"))
    assert code == 0, out
    assert "the plan's EIN and number: its member SosPlanMember is not named EBP<EIN>-<plan number>Member as " \
           "FASB's guidance says" in out
    assert re.search(r"\d+:\d+ +plan\.ein\n +\d+:\d+ +plan\.number\n", out)
