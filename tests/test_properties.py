"""Properties: generated valid plan years compute, tie out and render; mutated files end in located
findings or a correct build, never in an exception.

CI runs a bounded number of examples; ELEVENK_PROPERTY_EXAMPLES=500 pytest tests/test_properties.py runs more.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from generator.findings import ERROR, format_finding
from generator.money import group
from generator.pipeline import EXIT_OK, check, excerpt, render
from generator.workflows.build import AVAILABLE

EXAMPLES = int(os.environ.get("ELEVENK_PROPERTY_EXAMPLES", "25"))
SLOW_EXAMPLES = max(1, EXAMPLES // 20)  # PDF takes about a second a filing
# Each example renders a filing (a tenth of a second); shrinking a failure can take minutes, so CI reports the
# failing example as found and the on-demand run shrinks it.
PHASES = list(Phase) if "ELEVENK_PROPERTY_EXAMPLES" in os.environ else [Phase.explicit, Phase.reuse, Phase.generate]
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])
FAST_FORMATS = [f for f in ("text", "html") if f in AVAILABLE]
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plan_data" / "sos-staffing" / "2001.yaml"
MINIMAL = ROOT / "tests" / "bad_inputs" / "valid_minimal.yaml"

HOLDING_TYPES = ["mutual_fund", "money_market_fund", "common_collective_trust", "employer_stock",
                 "common_stock", "corporate_bond", "government_security", "stable_value_fund", "other"]
# Printable text including HTML and template characters, which must print literally; braces would be
# figure references, so they are left to the catalogue.
WORDS = st.from_regex(r"[A-Z][A-Za-z0-9 .,&'()<>/%$*\"#!?-]{0,38}[A-Za-z0-9.)]", fullmatch=True)


class _Dumper(yaml.SafeDumper):
    """Write Decimal amounts as plain YAML numbers, as a preparer would type them."""


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:float" if "." in str(v) else "tag:yaml.org,2002:int", str(v)))


def amounts(cents: bool, high: int = 10**9):
    if cents:
        return st.integers(0, high * 100).map(lambda n: Decimal(n).scaleb(-2))
    return st.integers(0, high).map(Decimal)


@st.composite
def plan_years(draw, cents: bool = False) -> tuple[dict, dict]:
    """A valid plan year as YAML-ready data, and the figures it must show."""
    money = amounts(cents)
    year = draw(st.integers(1995, 2030))
    fye = dt.date(year, 12, 31)
    groups = []
    for g in range(draw(st.integers(1, 3))):
        holdings = [{"identity": draw(WORDS), "type": draw(st.sampled_from(HOLDING_TYPES)),
                     "party_in_interest": draw(st.booleans()), "description": draw(WORDS),
                     "current": draw(money), "prior": draw(money)}
                    for _ in range(draw(st.integers(1, 8)))]
        groups.append({"caption": f"Investments {g + 1}", "holdings": holdings})
    if draw(st.booleans()):
        groups[-1]["holdings"].append({
            "identity": "Participant loans", "type": "participant_loans", "party_in_interest": True,
            "description": "Interest at 5% to 9%", "current": draw(money), "prior": draw(money),
            "loans": {"count": draw(st.integers(0, 500)), "rate_low": "5%", "rate_high": "9%"}})
    lines = lambda prefix: [{"label": f"{prefix} {i + 1}", "current": draw(money), "prior": draw(money)}  # noqa: E731
                            for i in range(draw(st.integers(0, 3)))]
    net_assets = {"receivables": lines("Receivable"), "liabilities": lines("Liability")}
    if draw(st.booleans()):
        net_assets["cash"] = {"label": "Cash", "current": draw(money), "prior": draw(money)}

    def side(when: str) -> Decimal:
        held = sum((h[when] for grp in groups for h in grp["holdings"]), Decimal(0))
        other = sum((r[when] for r in net_assets["receivables"]), Decimal(0))
        cash = net_assets["cash"][when] if "cash" in net_assets else Decimal(0)
        return held + other + cash - sum((r[when] for r in net_assets["liabilities"]), Decimal(0))

    current, prior = side("current"), side("prior")
    # Every signed figure takes either sign: net appreciation (and each of its parts) is drawn with its sign,
    # a transfer may move the net change across zero, and contributions and benefits make the statement
    # of changes roll to the statement of net assets.
    appreciation = draw(money) * draw(st.sampled_from([1, -1]))
    transfers = [{"kind": kind, "amount": draw(money)}
                 for kind in draw(st.lists(st.sampled_from(["transfers_in", "transfers_out"]), max_size=2))]
    moved = sum((t["amount"] if t["kind"] == "transfers_in" else -t["amount"] for t in transfers), Decimal(0))
    other = draw(money) * draw(st.sampled_from([1, -1]))  # other income, or a loss
    contributions_less_benefits = current - prior - moved - appreciation - other
    extra = draw(money)
    contributions = max(contributions_less_benefits, Decimal(0)) + extra
    benefits = contributions - contributions_less_benefits
    unit = Decimal("0.01") if cents else Decimal(1)
    first = draw(money) * draw(st.sampled_from([1, -1])) if draw(st.booleans()) else \
        (appreciation * draw(st.integers(0, 100)) / 100).quantize(unit)
    additions = [{"kind": "participant_contributions", "amount": contributions},
                 {"group": "Investment income (loss)", "lines": [{"kind": "net_appreciation", "by_type": [
                     {"type": "Mutual funds", "amount": first},
                     {"type": "Common stock", "amount": appreciation - first}]},
                     {"kind": "other_income", "amount": other}]}]
    # Benefits payable the Form 5500 reports and the statements do not: a reconciliation note whose net
    # income per the Form 5500 takes either sign too.
    reconciling = [{"kind": "benefits_payable", "current": draw(money), "prior": draw(money)}] \
        if draw(st.booleans()) else []
    report = fye + dt.timedelta(days=draw(st.integers(30, 150)))
    data = {
        "filing": {"fiscal_year_end": fye, "commission_file_numbers": ["0-26094"],
                   "amounts_in": "cents" if cents else "dollars"},
        "plan": {"name": draw(WORDS) + " 401(k) Plan", "ein": "87-0295503", "number": "002"},
        "issuer": {"name": draw(WORDS), "address": ["1 Main Street", "Salt Lake City, UT 84115"]},
        "investments": groups,
        "net_assets": net_assets,
        "changes": {"additions": additions,
                    "deductions": [{"kind": "benefits_paid", "amount": benefits}],
                    "transfers": transfers,
                    "stated": {"net_assets_beginning": prior, "net_assets_end": current}},
        "notes": [{"title": "Description of plan", "blocks": [
            {"text": draw(WORDS) + " The Plan holds {count.holdings} investments."}]},
                  {"title": "Net {net_appreciation:word} in fair value of investments", "blocks": [
                      {"text": "During {year}, the Plan's investments {net_appreciation:verb} in value by "
                               "${net_appreciation:abs}; its mutual funds {net_appreciation.mutual_funds:verb} "
                               "by ${net_appreciation.mutual_funds:abs}. The net {net_change:word} in net "
                               "assets was ${net_change:abs}."},
                      {"breakdown": "net_appreciation"}]}],
        "auditor": {"firm": draw(WORDS), "city": "Salt Lake City", "state": "Utah",
                    "report": {"date": report},
                    "consent": {"date": report, "form_s8_file_numbers": ["33-96362"]}},
        "signatures": {"date": report, "signers": [{"name": "Jane Doe", "title": "Plan Administrator"}]},
        "form5500": {"reconciling": reconciling},
        "xbrl": {"build": False},  # years due after 2025-07-10 would build Inline XBRL: tests/test_ixbrl.py
    }
    return data, {"net_assets": current, "places": 2 if cents else 0, "net_appreciation": appreciation,
                  "mutual_funds": first, "net_change": current - prior,
                  "net_change_before_transfers": current - prior - moved}


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """One scratch file per test, rewritten by each example."""
    path = tmp_path_factory.mktemp("properties") / "plan" / "plan-year.yaml"  # its years vary
    path.parent.mkdir()
    return path


def _located(outcome, source: Path, lines: int) -> None:
    """Every finding names the file and a line of it; printing it never fails."""
    for f in outcome.findings:
        assert f.location is not None and f.location.file == str(source), f
        assert 1 <= f.location.line <= lines + 1 and f.location.column >= 1, f
        format_finding(f, excerpt(outcome.loaded, f.location))


def _check_and_render(source: Path, generated: tuple[dict, dict], formats: list[str]) -> dict[str, bytes]:
    data, figures = generated
    source.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    outcome = check(source, str(source))
    errors = [format_finding(f) for f in outcome.findings if f.severity == ERROR]
    assert not outcome.input_failed and not errors, "\n".join(errors)
    assert outcome.filing.net_assets.current == figures["net_assets"]
    outputs = render(outcome, formats)
    assert set(outputs) == set(formats)
    return outputs


def _shows_net_assets(text: str, figures: dict) -> bool:
    return figures["net_assets"] <= 0 or group(figures["net_assets"], figures["places"]) in text


@BOUNDED
@given(plan_years())
def test_valid_plan_years_tie_out_and_render(source, generated):
    outputs = _check_and_render(source, generated, FAST_FORMATS)
    text = outputs["text"].decode("ascii")
    assert all(len(line) <= 132 for line in text.splitlines())
    assert _shows_net_assets(text, generated[1])
    if "html" in outputs:
        assert "<script" not in outputs["html"].decode("ascii").lower()


def test_cents_filings_print_their_cents(source):
    text = MINIMAL.read_text().replace("  fiscal_year_end: 2001-12-31", "  fiscal_year_end: 2001-12-31\n  amounts_in: cents")
    source.write_text(text.replace("current: 1500", "current: 1500.25").replace("amount: 300", "amount: 300.25"))
    outcome = check(source, str(source))
    assert not outcome.findings
    assert "1,500.25" in render(outcome, ["text"])["text"].decode("ascii")


def _mutate(text: str, draw) -> str:
    lines = text.split("\n")
    i = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["delete", "duplicate", "scalar", "indent", "tab", "truncate", "swap", "char"]))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "scalar" and ": " in lines[i]:
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: " + draw(st.sampled_from(
            ["", "~", "yes", "-1", "1e9", ".nan", "1,500", "$5", "1500.125", "2001-02-30", "[1, 2]", "{a: 1}",
             "'unclosed", "*nowhere", "&a x", "!!binary aGk=", "TODO", "99999999999999999999", "0x10",
             "\"{{ ''.__class__ }}\"", "<script>x</script>", "caf\u00e9", "\u65e5\u672c"]))
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip(" ")
    elif kind == "tab":
        lines[i] = "\t" + lines[i]
    elif kind == "truncate":
        return "\n".join(lines[:i]) + "\n" + lines[i][: draw(st.integers(0, len(lines[i])))]
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "char":
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(st.sampled_from(["\x07", "\u00a0", "\u2014", ":", "#", "&", "*", "\"",
                                                          "{", "}", "[", "-", "?", "|", ">", "%"])) + lines[i][at:]
    return "\n".join(lines)


@BOUNDED
@given(st.data(), st.sampled_from([EXAMPLE, MINIMAL]), st.integers(1, 3))
def test_mutated_files_end_in_findings_or_a_build(source, data, base, times):
    text = base.read_text(encoding="utf-8")
    for _ in range(times):
        text = _mutate(text, data.draw)
    assume(text != base.read_text(encoding="utf-8"))
    source.write_bytes(text.encode("utf-8"))
    outcome = check(source, str(source))
    _located(outcome, source, text.count("\n") + 1)
    if outcome.input_failed:
        assert any(f.severity == ERROR for f in outcome.findings)
    elif outcome.exit_code() == EXIT_OK:
        outputs = render(outcome, FAST_FORMATS)
        assert set(outputs) == set(FAST_FORMATS) and all(outputs.values())


@pytest.mark.skipif("pdf" not in AVAILABLE, reason="the PDF renderer is not available in this version")
@settings(BOUNDED, max_examples=SLOW_EXAMPLES)
@given(plan_years())
def test_valid_plan_years_render_to_pdf(source, generated):
    assert _check_and_render(source, generated, ["pdf"])["pdf"].startswith(b"%PDF-")


# ---------------------------------------------------------------- words that follow the sign

# A statement caption that carries a sign word, and the figure printed beside it.
CAPTION = r"\b(?:net|other) (?P<word>appreciation|depreciation|increase|decrease|income|loss)\b"
FIGURE = r"\$?\s*(?P<figure>\(\s*[\d,.]+\s*\)|[\d,.]*\d|--|\u2014)"
CAPTION_FIGURE = re.compile(CAPTION + r"(?P<rest>[^$()\d]{0,80}?)\s*" + FIGURE, re.I)
# In the text filing a figure stands in its column: two spaces or more before it, the end of the line or the
# next column after it; the first is the caption's own (a group's last line also shows the group's subtotal).
# A wrapped caption's words run over lines; prose such as "to the Form 5500:" is no caption.
TEXT_CAPTION_FIGURE = re.compile(CAPTION + r"(?P<rest>[^$()]{0,160}?) {2,}" + FIGURE + r"(?= {2,}\S| ?$)",
                                 re.I | re.M)
NEGATIVE_WORDS = {"depreciation", "decrease", "loss"}


def caption_contradictions(statement: str, text: bool = False) -> list[str]:
    """Captions of a rendered statement whose sign word disagrees with the figure beside them."""
    found = []
    matches = TEXT_CAPTION_FIGURE.finditer(statement) if text else CAPTION_FIGURE.finditer(" ".join(statement.split()))
    for m in matches:
        negative_word = m.group("word").lower() in NEGATIVE_WORDS
        negative_figure = m.group("figure").startswith("(")
        if negative_word != negative_figure and m.group("figure") not in ("--", "\u2014"):
            found.append(m.group(0))
    return found


def test_the_caption_oracle_can_fail():
    assert caption_contradictions("NET INCREASE  (1,815,272)") == ["NET INCREASE (1,815,272)"]
    assert caption_contradictions("  Net decrease in net assets\n     per the statements    $ 5,000\n", text=True) != []
    assert caption_contradictions("the net decrease in net assets per the statements to the Form 5500:", text=True) == []
    assert caption_contradictions("  Other income        44,311      (72,116,231)\n", text=True) == []
    assert caption_contradictions("Net depreciation in fair value of investments  $ 545,303") != []
    assert caption_contradictions("NET DECREASE  (1,815,272)  Net appreciation in fair value $ 5") == []


def _between(text: str, start: str, end: str) -> str:
    at = text.index(start)
    return text[at:text.index(end, at)]


def _html_text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@BOUNDED
@given(plan_years())
def test_no_caption_or_prose_word_contradicts_its_figure(source, generated):
    """Every signed figure of a generated plan takes either sign; each word that describes one follows it."""
    outputs = _check_and_render(source, generated, FAST_FORMATS)
    figures = generated[1]
    text = outputs["text"].decode("ascii")
    statements = [_between(text, "ADDITIONS TO NET ASSETS", "AT BEGINNING OF YEAR")]
    if "RECONCILIATION OF FINANCIAL STATEMENTS TO FORM 5500" in text:
        statements.append(_between(text, "RECONCILIATION OF FINANCIAL STATEMENTS TO FORM 5500", "SCHEDULE H"))
    for statement in statements:
        assert caption_contradictions(statement, text=True) == []
        assert len(TEXT_CAPTION_FIGURE.findall(statement)) >= 2  # the oracle saw the captions
    if "html" in outputs:
        html = _html_text(outputs["html"].decode("ascii"))
        statement = _between(html, "Additions to net assets attributed to", "at beginning of year")
        assert caption_contradictions(statement) == []
        assert len(CAPTION_FIGURE.findall(statement)) >= 2

    def said(value: Decimal, positive: str, negative: str) -> str:
        return negative if value < 0 else positive

    def dollars(value: Decimal) -> str:
        return "$" + group(abs(value), figures["places"])

    apprec, funds, change = figures["net_appreciation"], figures["mutual_funds"], figures["net_change"]
    prose = " ".join(text.split())
    for phrase in (f"investments {said(apprec, 'appreciated', 'depreciated')} in value by {dollars(apprec)}",
                   f"mutual funds {said(funds, 'appreciated', 'depreciated')} by {dollars(funds)}",
                   f"The net {said(change, 'increase', 'decrease')} in net assets was {dollars(change)}",
                   f"NET {said(apprec, 'APPRECIATION', 'DEPRECIATION')} IN FAIR VALUE OF INVESTMENTS"):
        assert phrase in prose
