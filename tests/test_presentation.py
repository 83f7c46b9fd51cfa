"""Presentation choices real statements make (issue 12), each as a YAML key whose default keeps today's output:
the statements' title, subtotals only under two or more lines, the preparer's order of the assets, grouped
receivables, a labelled group total, "Net assets available for benefits:" over two lines, a committee signing,
a plan whose name begins with "The". Built from the Harbor Point example, read back from text, HTML and PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from generator.pipeline import check, render

from .conftest import ROOT, page_with

MODERN = ROOT / "plan_data" / "harbor-point" / "2024.yaml"

# Harbor Point without liabilities (their change becomes other income, so everything still ties), its two
# contribution receivables grouped, and every presentation option set.
EDITS = [
    ("  name: Harbor Point Logistics, Inc. 401(k) Savings Plan\n",
     "  name: The Harbor Point Logistics, Inc. 401(k) Savings Plan\n"),
    ("    - label: Employer contributions\n      kind: employer_contributions",
     "    - label: Employer\n      group: Contributions receivable\n      kind: employer_contributions"),
    ("    - label: Participant contributions\n      kind: participant_contributions",
     "    - label: Participant\n      group: Contributions receivable\n      kind: participant_contributions"),
    ("""  liabilities:
    - label: Excess contributions refundable
      kind: excess_contributions_refundable
      current: 18432
      prior: 9876
    - label: Accrued administrative expenses
      kind: accrued_expenses
      current: 24150
      prior: 21300
""", ""),
    ("    net_assets: {current: 69332044, prior: 61551277}", "    net_assets: {current: 69374626, prior: 61582453}"),
    ("    net_assets_end: 69332044", "    net_assets_end: 69374626"),
    ("    - kind: interest_on_notes_receivable\n      amount: 58466",
     "    - kind: interest_on_notes_receivable\n      amount: 58466\n    - kind: other_income\n      amount: 11406"),
    ("    - group: Contributions\n      lines:", "    - group: Contributions\n      total_label: Total contributions\n      lines:"),
    ("""          Amounts contributed in excess of the IRC limits, and the earnings on them, are recorded as a
          liability and refunded to participants after year-end. Excess contributions refundable were
          ${liability.excess_contributions_refundable} at {fiscal_year_end}.""", "          None."),
    ("signatures:\n  date: 2025-06-23\n", """presentation:
  title: assets
  subtotals: two_or_more
  order: [investments, receivables]
  net_assets_lines: captioned

signatures:
  date: 2025-06-23
  committee: Retirement Plan Committee
"""),
]


def edited(edits=EDITS) -> str:
    text = MODERN.read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    # An "Other income" line has no us-gaap-ebp element until the YAML names one: not built as Inline XBRL.
    return text.replace("xbrl:\n  build: true\n", "xbrl:\n  build: false\n", 1)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "2024.yaml"
    path.write_text(edited())
    result = check(path)
    assert result.exit_code(strict=True) == 0, [f.message for f in result.findings]
    return result


@pytest.fixture(scope="module")
def outputs(outcome) -> dict[str, str]:
    built = render(outcome, ["text", "html", "pdf"])
    reader = pypdf.PdfReader(io.BytesIO(built["pdf"]))
    return {"text": built["text"].decode("ascii"), "html": built["html"].decode("ascii"),
            "pdf": "\n".join(" ".join(p.extract_text().split()) for p in reader.pages),
            "bookmarks": "\n".join(item.title for item in reader.outline if not isinstance(item, list))}



def test_the_assets_title_everywhere_the_statements_are_named(outputs):
    for name in ("text", "html", "pdf", "bookmarks"):
        flat = " ".join(outputs[name].split()).lower()
        assert "statements of assets available for benefits" in flat, name
        assert "net assets available for benefits" not in flat.split("notes to financial statements")[0], name
    report = " ".join(page_with(outputs["text"], "Opinion on the Financial Statements").split())
    assert "the accompanying statements of assets available for benefits of The Harbor Point" in report
    assert "the related statement of changes in assets available for benefits" in report
    contents = page_with(outputs["text"], "C O N T E N T S")
    assert "STATEMENTS OF ASSETS AVAILABLE FOR BENEFITS....." in contents
    assert "Statement of Changes in Assets Available for Benefits" in outputs["bookmarks"]
    statement = page_with(outputs["text"], "STATEMENTS OF ASSETS AVAILABLE FOR BENEFITS\n")
    assert re.search(r"^ +ASSETS AVAILABLE FOR BENEFITS +\$69,374,626 +\$61,582,453$", statement, re.M)


def test_subtotals_only_under_two_or_more_lines_and_the_one_receivable_group_stands_for_all(outputs):
    statement = page_with(outputs["text"], "STATEMENTS OF ASSETS AVAILABLE FOR BENEFITS\n")
    lines = [ln.strip() for ln in statement.splitlines() if ln.strip()]
    start = lines.index("CONTRIBUTIONS RECEIVABLE:")
    assert re.fullmatch(r"Employer +212,480 +198,315", lines[start + 1])
    assert re.fullmatch(r"Participant +96,120 +88,904", lines[start + 2])
    assert re.fullmatch(r"TOTAL CONTRIBUTIONS RECEIVABLE +308,600 +287,219", lines[start + 4])
    assert "RECEIVABLES:" not in lines and not any("TOTAL RECEIVABLES" in ln for ln in lines)
    assert not any("LIABILITIES" in ln for ln in lines)
    html = outputs["html"]
    assert "Total contributions receivable" in html and "Total receivables" not in html
    assert ">Receivables:<" not in html


def test_the_preparers_order_puts_receivables_before_notes_receivable(outputs):
    statement = page_with(outputs["text"], "STATEMENTS OF ASSETS AVAILABLE FOR BENEFITS\n")
    assert statement.index("TOTAL INVESTMENTS") < statement.index("CONTRIBUTIONS RECEIVABLE:") \
        < statement.index("NOTES RECEIVABLE FROM PARTICIPANTS") < statement.index("TOTAL ASSETS")
    pdf = outputs["pdf"]
    assert pdf.index("Total contributions receivable 308,600") < pdf.index("Notes receivable from participants 902,791")


def test_a_labelled_group_total_and_net_assets_over_two_lines(outputs):
    changes = page_with(outputs["text"], "STATEMENT OF CHANGES IN ASSETS\n")
    assert re.search(r"^ {7}Total contributions +6,660,419$", changes, re.M)
    assert re.search(r"^ASSETS AVAILABLE FOR BENEFITS:\n {3}Beginning of year +61,582,453\n +-+\n {3}End of year "
                     r"+\$69,374,626$", changes, re.M)
    assert "Total contributions 6,660,419" in outputs["pdf"]
    assert "Assets available for benefits: Beginning of year 61,582,453 End of year $ 69,374,626" in outputs["pdf"]


def test_a_name_beginning_with_the_and_a_committee_signing(outputs):
    report = page_with(outputs["text"], "Opinion on the Financial Statements")
    assert "Committee of\nThe Harbor Point Logistics, Inc. 401(k) Savings Plan\n" in report
    assert "of the The" not in outputs["text"] + outputs["html"]
    signatures = " ".join(page_with(outputs["text"], "SIGNATURES").split())
    assert "the Retirement Plan Committee has duly caused this annual report to be signed on its behalf" in signatures
    assert "Savings Plan Retirement Plan Committee Date: June 23, 2025 By: /s/ Renata M. Okafor" in signatures


def test_defaults_print_what_they_printed_before(tmp_path: Path):
    """The options written out at their defaults give the same text as leaving them out."""
    explicit = tmp_path / "2024.yaml"
    explicit.write_text(MODERN.read_text().replace("signatures:\n", """presentation:
  title: net_assets
  subtotals: always
  order: [investments, notes_receivable, cash, receivables]
  net_assets_lines: inline

signatures:
""", 1))
    assert render(check(explicit), ["text"]) == render(check(MODERN), ["text"])


@pytest.mark.parametrize("yaml, message", [
    ("presentation:\n  order: [cash, cash]\n", "cash named more than once"),
    ("presentation:\n  order: [loans]\n", "expected one of"),
    ("presentation:\n  title: liabilities\n", "expected one of"),
])
def test_bad_presentation_keys_are_located(tmp_path: Path, yaml: str, message: str):
    path = tmp_path / "2024.yaml"
    path.write_text(MODERN.read_text().replace("signatures:\n", yaml + "\nsignatures:\n", 1))
    outcome = check(path)
    assert outcome.input_failed
    assert any(message in f.message and f.path.startswith("presentation.") for f in outcome.findings), \
        [(f.path, f.message) for f in outcome.findings]


def test_every_key_of_this_issue_is_described_in_the_json_schema():
    from generator.load.schema import json_schema

    defs = json_schema()["$defs"]
    keys = {"Presentation": ["title", "subtotals", "order", "investments_caption", "net_assets_lines", "in_thousands",
                             "contracts", "adjustment_label", "fair_value_net_assets_label", "captions"],
            "Holding": ["contract_value"], "ContractValue": ["current", "prior"], "Filing": ["amounts_in"],
            "MasterTrust": ["name", "interest", "investments", "other_assets", "liabilities", "income", "stated"],
            "TrustInvestment": ["caption", "current", "prior", "fair_value_level", "prior_fair_value_level",
                                "by_level", "contract_value", "plan"],
            "TrustLine": ["label", "current", "prior", "plan"], "TrustIncome": ["label", "amount", "plan"],
            "LevelPart": ["fair_value_level", "current", "prior"], "SignedPair": ["current", "prior"],
            "TrustStated": ["total_investments", "net_assets", "income"],
            "PredecessorAuditor": ["firm", "city", "state", "report", "consent"],
            "PredecessorReport": ["style", "title", "addressee", "date"], "AuditorReport": ["style"],
            "NoteBlock": ["breakdown", "nav_lines", "footnote"],
            "ReceivableLine": ["group"], "ChangeItem": ["total_label"], "Signatures": ["committee"],
            "Signer": ["title"], "PlanYear": ["presentation", "master_trust", "predecessor_auditor"]}
    for model, names in keys.items():
        props = (defs.get(model) or json_schema())["properties"]
        for name in names:
            assert props[name].get("description"), f"{model}.{name}"


def test_the_plans_fair_value_table_can_list_each_nav_category(tmp_path: Path):
    path = tmp_path / "2024.yaml"
    path.write_text(MODERN.read_text().replace("      - breakdown: fair_value\n", "      - breakdown: fair_value\n"
                                               "        nav_lines: each\n        footnote: (a) As the filer words it.\n"))
    text = render(check(path), ["text"])["text"].decode("ascii")
    assert re.search(r"asset value \(a\):\n +Common collective trusts +19,354,953\n +-+\n *Investments at fair "
                     r"value +\$68,163,235\n", text)
    assert "(a) As the filer words it." in text and "Certain investments that are measured" not in text


def test_the_fixed_captions_in_the_filers_words(tmp_path: Path):
    path = tmp_path / "2024.yaml"
    path.write_text(MODERN.read_text().replace("signatures:\n", """presentation:
  captions:
    additions: "Additions:"
    total_investments: Total investments at fair value
    total_assets: Total assets
    liabilities: "Liabilities:"
    deductions: "Deductions:"

signatures:
""", 1))
    built = render(check(path), ["text", "html"])
    text, html = built["text"].decode("ascii"), built["html"].decode("ascii")
    statement = page_with(text, "STATEMENTS OF NET ASSETS AVAILABLE FOR BENEFITS\n")
    assert re.search(r"TOTAL INVESTMENTS AT FAIR VALUE +68,163,235 +60,410,722\n", statement)
    assert "\nLIABILITIES:\n" in statement
    changes = page_with(text, "STATEMENT OF CHANGES IN NET ASSETS\n")
    assert "\nADDITIONS:\n" in changes and "\nDEDUCTIONS:\n" in changes and "ADDITIONS TO NET ASSETS" not in changes
    assert ">Additions:<" in html and ">Total investments at fair value<" in html
    assert "attributed to:" not in html
