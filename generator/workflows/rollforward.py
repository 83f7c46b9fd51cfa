"""Roll a plan-year file forward: next year's YAML from this year's, every new-year figure marked TODO.

Pure: YAML text in, YAML text and a preview out; the command line reads and writes the files. The new file is
edited through the shared comment-preserving writer (`yaml_roundtrip`), so comments and key order survive where
the content does. The holdings, nearly all of a large file, are rolled line by line as that writer would
write them (`holdings_rollforward`): the round trip edits the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..findings import Finding
from ..load.schema import TO_FILL
from ..load.validate import validate
from ..load.yaml_source import Loaded, parse_yaml_bytes, undotted
from ..model.compute import Filing, one_year_before
from ..model.prose import long_date
from ..pipeline import collector_paused
from .holdings_rollforward import YEARLY_FIGURE, Holdings, cut
from .yaml_roundtrip import drop_eol_comment as _drop_eol_comment
from .yaml_roundtrip import dump, load
from .yaml_roundtrip import insert_after as _insert_after
from .yaml_roundtrip import scalar as _scalar

FILL_MESSAGE = "to be filled (marked TODO)"
SIGN_WORDING = re.compile(r"\b(appreciat|depreciat)\w*", re.I)
YEAR = re.compile(r"\b(19|20)\d\d\b")
# A day of a month written with the year as a reference: a historical date would move with the roll forward.
MOVING_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+\d{1,2},?\s+\{(year|prior_year)\}")
HEADER = ("# Rolled forward from the {old} file by `elevenk rollforward`: every TODO is a figure, date or\n"
          "# description to enter for {new} (`elevenk check` lists them); notes are marked `review:`.\n")
DEFAULT_FLUX = {"percent": 10, "amount": 10000, "net_assets_percent": 5}
PREVIEW_FIELDS = 200  # a preview lists this many fields to fill; `elevenk check` lists them all
SECTIONS = ("filing", "investments", "net assets", "changes", "facts", "form5500", "master trust", "notes", "auditor",
            "signatures", "exceptions", "flux")


@dataclass
class Rollforward:
    """What a rollforward writes and what it leaves the preparer to do."""

    target: Path
    old_year_end: dt.date
    new_year_end: dt.date
    text: str = ""
    summary: dict[str, list[str]] = field(default_factory=dict)  # section -> what happened, in words
    to_fill: list[Finding] = field(default_factory=list)  # located in the new file
    problems: list[Finding] = field(default_factory=list)  # anything else the new file's validation found
    review: list[str] = field(default_factory=list)  # literal years, sign-dependent wording, empty lines
    context: dict[str, str] = field(default_factory=dict)  # path to fill -> the holding or line it belongs to


class RollforwardError(ValueError):
    """The source cannot be rolled forward; the message is for the user."""


def target_path(source: Path, year: int) -> Path:
    """plan_data/<plan>/2001.yaml -> plan_data/<plan>/2002.yaml."""
    return source.parent / f"{year}.yaml"


def roll_forward(text: str, filing: Filing, target: Path, year: int | None = None,
                 text_holdings: bool = True) -> Rollforward:
    """Roll the YAML text of a checked plan year (its computed filing given) forward to year (default: next).

    Returns the new YAML text with the preview; raises RollforwardError for a year that is not later.
    text_holdings False sends the holdings through the round trip too (the same text, slower).
    """
    old_end = filing.fiscal_year_end
    year = old_end.year + 1 if year is None else year
    if year <= old_end.year:
        raise RollforwardError(f"--to {year}: roll forward to a year after {old_end.year}")
    with collector_paused():  # hundreds of thousands of small objects and no cycles among them
        return _roll_forward(text, filing, target, _same_day(old_end, year), text_holdings)


def _roll_forward(text: str, filing: Filing, target: Path, new_end: dt.date, text_holdings: bool) -> Rollforward:
    holdings = cut(text, filing.plan_year.investments) if text_holdings else None
    new_text, roller = _rolled(text, filing, new_end, holdings)
    if new_text is None:  # the round trip moved the holdings' placeholders: roll the whole document instead
        new_text, roller = _rolled(text, filing, new_end, None)
    result = Rollforward(target, filing.fiscal_year_end, new_end, new_text, roller.summary, review=roller.review)
    result.review += _comment_mentions(result.text, roller.years, skip=HEADER.count("\n"))
    loaded = parse_yaml_bytes(result.text.encode("utf-8"), str(target))
    findings = loaded.findings or validate(loaded)[1]
    findings = _located(findings, loaded)
    result.to_fill = [f for f in findings if f.message == FILL_MESSAGE]
    result.context = {f.path: _context(loaded.data, undotted(f.path)) for f in result.to_fill}
    result.problems = [f for f in findings if f.message != FILL_MESSAGE]
    return result


def _rolled(text: str, filing: Filing, new_end: dt.date, holdings: Holdings | None) -> tuple[str | None, "_Roller"]:
    """The new year's text (None when the rolled holdings cannot be put back) and the roller's account."""
    doc = load(holdings.skeleton if holdings else text)
    roller = _Roller(doc, filing, new_end, holdings)
    roller.run()
    dumped = dump(doc)
    return (holdings.splice(dumped) if holdings else dumped), roller


def _context(data, path: tuple) -> str:
    """The name of the nearest holding, line or note on path: what a field to fill belongs to."""
    found, node = "", data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            found = next((str(node[k]) for k in ("identity", "label", "type", "title") if node.get(k)), found)
    return found


def _same_day(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # February 29
        return day.replace(year=year, day=28)


def _located(findings: list[Finding], loaded: Loaded) -> list[Finding]:
    out = [f if f.location else replace(f, location=loaded.where(undotted(f.path))) for f in findings]
    return sorted(out, key=Finding.sort_key)


# ---------------------------------------------------------------- the rollforward itself


class _Roller:
    """Edit a round-trip document in place, section by section, counting what it does."""

    def __init__(self, doc, filing: Filing, new_end: dt.date, holdings: Holdings | None = None):
        self.doc, self.filing, self.py = doc, filing, filing.plan_year
        self.holdings = holdings  # rolled as text already; doc holds a placeholder per group
        self.old_end, self.new_end = filing.fiscal_year_end, new_end
        self.years = {filing.year, filing.prior_year}
        self.counts: dict[str, Counter] = {s: Counter() for s in SECTIONS}
        self.rolled: set[int] = set()  # a mapping reached twice through a YAML alias is rolled once
        self.summary: dict[str, list[str]] = {}
        self.review: list[str] = []

    def run(self) -> None:
        for step in (self.cover, self.investments, self.net_assets, self.changes, self.facts, self.form5500,
                     self.master_trust, self.notes, self.auditor, self.signatures, self.exceptions, self.flux,
                     self.header):
            step()

    def say(self, section: str, text: str) -> None:
        self.summary.setdefault(section, []).append(text)

    def fill(self, section: str, parent, key, what: str) -> None:
        """Mark parent[key] TODO when present; its end-of-line comment went with the old value."""
        if key in parent:
            parent[key] = TO_FILL
            _drop_eol_comment(parent, key)
            self.counts[section][what] += 1

    def roll(self, section: str, mapping, what: str) -> None:
        """current -> prior, current -> TODO; last year's explanation of the move no longer applies."""
        if "current" not in mapping or id(mapping) in self.rolled:
            return
        self.rolled.add(id(mapping))
        if "prior" in mapping:
            mapping["prior"] = mapping["current"]
        else:
            _insert_after(mapping, "current", "prior", mapping["current"])
        self.fill(section, mapping, "current", what)
        if "explanation" in mapping:
            del mapping["explanation"]
            self.counts[section]["explanation"] += 1

    # -- sections

    def cover(self) -> None:
        fil = self.doc["filing"]
        fil["fiscal_year_end"] = self.new_end
        _drop_eol_comment(fil, "fiscal_year_end")
        self.say("filing", f"fiscal_year_end {self.old_end.isoformat()} -> {self.new_end.isoformat()}")
        if "prior_year_end" in fil:
            fil["prior_year_end"] = self.old_end
        elif one_year_before(self.new_end) != self.old_end:
            _insert_after(fil, "fiscal_year_end", "prior_year_end", self.old_end)
        if "prior_year_end" in fil:
            self.say("filing", f"prior_year_end set to {self.old_end.isoformat()}")
        if fil.get("report") == "transition":
            fil["report"] = "annual"
            fil.pop("transition_period", None)
            self.say("filing", "transition report -> annual report")
        self.fill("filing", fil, "filing_date", "filing date")

    def investments(self) -> None:
        groups = self.doc["investments"]
        dropped = []  # in reverse order of the file
        for g in reversed(range(len(groups))):
            if self.holdings is not None:
                if not self.holdings.groups[g]:
                    del groups[g]
                continue
            holdings = groups[g]["holdings"]
            for h in reversed(range(len(holdings))):
                if self.py.investments[g].holdings[h].current == 0:
                    dropped.append(str(holdings[h]["identity"]))
                    del holdings[h]
                else:
                    self.holding(holdings[h])
            if not holdings:
                del groups[g]
        if self.holdings is not None:
            self.counts["investments"].update(self.holdings.counts)
            dropped = self.holdings.dropped[::-1]
        c = self.counts["investments"]
        self.say("investments", f"{c['balance']} holdings carried over, each {self.filing.year} balance "
                 "now the prior")
        if dropped:
            self.say("investments", f"{len(dropped)} dropped (no balance at {long_date(self.old_end)}): "
                     + ", ".join(reversed(dropped)))
        self.say("investments", _fill_words(c, ("balance", "contract value", "description", "cost", "loan figure")))

    def holding(self, h) -> None:
        self.roll("investments", h, "balance")
        if h.get("contract_value"):
            self.roll("investments", h["contract_value"], "contract value")
        self.description("investments", h)
        self.fill("investments", h, "cost", "cost")
        self.loan_summary("investments", h.get("loans"))
        # This year's level is next year's prior level: a separate prior level no longer applies.
        h.pop("prior_fair_value_level", None)

    def description(self, section: str, mapping) -> None:
        """A description stating a share count, units, par or a rate is re-entered; the old one stays as a comment."""
        description = mapping.get("description")
        if isinstance(description, str) and YEARLY_FIGURE.search(description):
            self.fill(section, mapping, "description", "description")
            mapping.yaml_add_eol_comment(f"was: {description}", "description")

    def loan_summary(self, section: str, loans) -> None:
        for key in ("count", "rate_low", "rate_high", "maturity_first", "maturity_last"):
            if loans is not None:
                self.fill(section, loans, key, "loan figure")

    def net_assets(self) -> None:
        na = self.doc.get("net_assets")
        if not na:
            return
        model = self.py.net_assets
        lines = ([("cash", na["cash"], model.cash)] if na.get("cash") else []) + [
            (f"{section}[{i}]", line, getattr(model, section)[i]) for section in ("receivables", "liabilities")
            for i, line in enumerate(na.get(section) or [])]
        for where, line, old in lines:
            if old.current == 0:
                self.review.append(f"net_assets.{where} \"{line.get('label')}\": no balance at "
                                   f"{long_date(self.old_end)}; delete the line if it has none at "
                                   f"{long_date(self.new_end)} either")
            self.roll("net assets", line, "balance")
        if na.get("notes_receivable"):
            self.notes_receivable(na["notes_receivable"])
        for name, pair in (na.get("stated") or {}).items():
            if "current" in pair:
                self.roll("net assets", pair, "stated total")
            elif "prior" in pair:
                pair["prior"] = _scalar(getattr(self.filing, name).current)
        c = self.counts["net assets"]
        self.say("net assets", f"{len(lines)} lines rolled: each {self.filing.year} balance now the prior")
        self.say("net assets", _fill_words(c, ("balance", "loan balance", "description", "loan figure",
                                               "stated total")))

    def notes_receivable(self, nr) -> None:
        """Participant loans: last year's balance becomes the prior; listed loans keep rate and maturity."""
        old = getattr(self.filing, "notes_receivable", None)
        if "current" in nr:
            self.roll("net assets", nr, "balance")
        elif old is not None:  # the balance is computed from the listed loans
            keys = list(nr.keys())
            if "prior" not in nr:
                nr.insert(keys.index("loans") if "loans" in keys else len(keys), "prior", 0)
            nr["prior"] = _scalar(old.amount.current)
        nr.pop("explanation", None)
        self.description("net assets", nr)
        self.loan_summary("net assets", nr.get("summary"))
        loans = nr.get("loans") or []
        repaid = [i for i, loan in enumerate(loans) if self.matures_by_new_end(loan.get("maturity"))]
        for i in reversed(repaid):
            del loans[i]
        for loan in loans:
            self.fill("net assets", loan, "balance", "loan balance")
        if loans or repaid:
            self.say("net assets", f"notes receivable: {len(loans)} loans kept with balance to fill, "
                     f"{len(repaid)} maturing by {long_date(self.new_end)} dropped; add the loans made in "
                     f"{self.new_end.year}")

    def matures_by_new_end(self, maturity) -> bool:
        return isinstance(maturity, dt.date) and maturity <= self.new_end

    def changes(self) -> None:
        changes = self.doc["changes"]
        for section in ("additions", "deductions"):
            for i, item in enumerate(changes.get(section) or []):
                lines = [(f"{section}[{i}].lines[{j}]", ln) for j, ln in enumerate(item["lines"])] \
                    if "lines" in item else [(f"{section}[{i}]", item)]
                for where, line in lines:
                    self.change_line(where, line)
        for i, transfer in enumerate(changes.get("transfers") or []):
            self.fill("changes", transfer, "amount", "amount")
            self.review.append(f"changes.transfers[{i}] \"{transfer.get('label') or transfer.get('kind')}\": "
                               f"a transfer is usually a one-time event; delete it if there was none in "
                               f"{self.new_end.year}")
        stated = changes.get("stated") or {}
        for key in ("total_additions", "total_deductions", "net_change", "net_assets_end"):
            self.fill("changes", stated, key, "stated total")
        if "net_assets_beginning" in stated:
            stated["net_assets_beginning"] = _scalar(self.filing.net_assets.current)
            _drop_eol_comment(stated, "net_assets_beginning")
            self.say("changes", f"net assets at beginning of year: {self.filing.net_assets.current:,} "
                     f"(net assets at {long_date(self.old_end)})")
        self.say("changes", _fill_words(self.counts["changes"], ("amount", "stated total")))

    def change_line(self, where: str, line) -> None:
        self.fill("changes", line, "amount", "amount")
        for part in line.get("by_type") or []:
            self.fill("changes", part, "amount", "amount")
        label = str(line.get("label") or "")
        if SIGN_WORDING.search(label):
            self.review.append(f"changes.{where}.label \"{label}\": the wording depends on the sign of the "
                               f"{self.new_end.year} amount")

    def form5500(self) -> None:
        items = (self.doc.get("form5500") or {}).get("reconciling") or []
        for item in items:
            self.roll("form5500", item, "reconciling item")
        if items:
            self.say("form5500", f"{len(items)} reconciling items rolled; "
                     + _fill_words(self.counts["form5500"], ("reconciling item",)))

    def master_trust(self) -> None:
        """The trust's lines roll like balances (the Plan's interest in each too); its income is re-entered."""
        trust = self.doc.get("master_trust")
        if not trust:
            return
        for line in trust.get("investments") or []:
            self.roll("master trust", line, "balance")
            for part in line.get("by_level") or []:
                self.roll("master trust", part, "balance")
            for key in ("contract_value", "plan"):
                if line.get(key):
                    self.roll("master trust", line[key], "balance")
            line.pop("prior_fair_value_level", None)
        for section in ("other_assets", "liabilities"):
            for line in trust.get(section) or []:
                self.roll("master trust", line, "balance")
                if line.get("plan"):
                    self.roll("master trust", line["plan"], "balance")
        for line in trust.get("income") or []:
            self.fill("master trust", line, "amount", "income figure")
            self.fill("master trust", line, "plan", "income figure")
        stated = trust.get("stated") or {}
        for key in ("total_investments", "net_assets"):
            if stated.get(key):
                self.roll("master trust", stated[key], "stated total")
        self.fill("master trust", stated, "income", "stated total")
        self.say("master trust", "each line's balance now the prior; "
                 + _fill_words(self.counts["master trust"], ("balance", "income figure", "stated total")))

    def facts(self) -> None:
        facts = self.doc.get("facts") or {}
        for key in list(facts):
            self.fill("facts", facts, key, "fact")
        if facts:
            self.say("facts", _fill_words(self.counts["facts"], ("fact",)))

    def notes(self) -> None:
        notes = self.doc.get("notes") or []
        for n, note in enumerate(notes, 1):
            mentions = list(_note_mentions(note, self.years))
            for year, excerpt in mentions:
                self.review.append(f"note {n} \"{note['title']}\" mentions {year}: \"{excerpt}\"")
            # The note that breaks down net appreciation describes its sign in words ("depreciated in value").
            breakdown = any(block.get("breakdown") == "net_appreciation" for block in note.get("blocks") or [])
            signed = [m.group(0) for m in map(SIGN_WORDING.search, _note_texts(note)) if m] if breakdown else []
            if signed:
                wording = signed[0]
                self.review.append(f"note {n} \"{note['title']}\" says \"{wording}\": the wording depends on "
                                   f"the sign of the {self.new_end.year} figure")
            for text in _note_texts(note):
                for m in MOVING_DATE.finditer(" ".join(text.split())):
                    moved = self.new_end.year - (1 if m.group(2) == "prior_year" else 0)
                    self.review.append(f"note {n} \"{note['title']}\" writes \"{m.group(0)}\": it now reads "
                                       f"\"{m.group(0).split('{')[0]}{moved}\"; a date that does not move with the "
                                       "plan year belongs under dates: and is quoted as {dates.NAME}")
            said = "".join(f"; it says {y} (\"{e}\")" for y, e in mentions)
            text = (f"carried over from the {self.filing.year} filing{said}: review it for {self.new_end.year}, "
                    "then delete this line")
            if "review" in note:
                note["review"] = text
            else:
                _insert_after(note, "title", "review", text)
        if notes:
            self.say("notes", f"{len(notes)} carried over, each marked `review:`; references such as {{year}} "
                     "move forward by themselves")
            self.say("notes", "literal years are listed under 'to review', never rewritten")

    def auditor(self) -> None:
        auditor = self.doc["auditor"]
        report = auditor["report"]
        self.fill("auditor", report, "date", "date")
        if "predecessor" in report:
            del report["predecessor"]
            self.say("auditor", f"predecessor auditor's paragraph dropped: {long_date(self.old_end)} was "
                     f"audited by {auditor['firm']}")
        if report.get("periods", "both") != "both":
            report["periods"] = "both"
            _drop_eol_comment(report, "periods")
            self.say("auditor", "report covers both years (periods: both)")
        if "predecessor_auditor" in self.doc:
            del self.doc["predecessor_auditor"]
            self.say("auditor", f"predecessor's report and consent dropped: {long_date(self.old_end)} was audited "
                     f"by {auditor['firm']}")
        if auditor.get("consent"):
            self.fill("auditor", auditor["consent"], "date", "date")
        self.say("auditor", "to fill: report date" + (" and consent date" if auditor.get("consent") else ""))

    def signatures(self) -> None:
        if self.doc.get("signatures"):
            self.fill("signatures", self.doc["signatures"], "date", "date")
            self.say("signatures", "date to fill; signers kept")

    def exceptions(self) -> None:
        """An exception accepted one year's dates; next year's dates are new, so it does not carry over."""
        names = list(self.doc.get("exceptions") or {})
        if names:
            del self.doc["exceptions"]
            self.say("exceptions", f"dropped ({', '.join(names)}): they accepted {self.filing.year}'s dates")

    def flux(self) -> None:
        if "flux" in self.doc:
            return
        from ruamel.yaml.comments import CommentedMap

        self.doc["flux"] = CommentedMap(DEFAULT_FLUX)
        self.doc.yaml_set_comment_before_after_key(
            "flux", before="\nFlux review: a line of the statement of net assets that moves this much needs an\n"
                           "`explanation:` next to its figure (`elevenk flux FILE`; `elevenk check --strict`).")
        self.say("flux", "explanations for large moves required: "
                 + ", ".join(f"{k} {v}" for k, v in DEFAULT_FLUX.items()))

    def header(self) -> None:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        note = HEADER.format(old=self.filing.year, new=self.new_end.year)
        if self.doc.ca.comment is None:
            self.doc.ca.comment = [None, []]
        self.doc.ca.comment[1] = [CommentToken(note, CommentMark(0), None)] + list(self.doc.ca.comment[1] or [])


def _fill_words(counts: Counter, kinds: tuple[str, ...]) -> str:
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in kinds if counts[k]]
    return ("to fill: " + ", ".join(parts)) if parts else "nothing to fill"


def _note_texts(note):
    yield str(note.get("title") or "")
    for block in note.get("blocks") or []:
        for key in ("item", "heading", "text"):
            if block.get(key) is not None:
                yield str(block[key])
        table = block.get("table") or {}
        for row in [table.get("columns") or []] + list(table.get("rows") or []):
            yield " ".join(str(cell) for cell in row)


def _note_mentions(note, years: set[int]):
    """(year, excerpt) for each literal mention of the old fiscal or prior year in a note's text."""
    for text in _note_texts(note):
        text = " ".join(text.split())
        for m in YEAR.finditer(text):
            if int(m.group(0)) in years:
                yield int(m.group(0)), _excerpt(text, m.start())


def _excerpt(text: str, start: int, words: int = 4) -> str:
    """The words around position start, with ... where the text goes on."""
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", text)]
    i = next(k for k, (s, w) in enumerate(spans) if s <= start < s + len(w))
    lo, hi = max(0, i - words), min(len(spans), i + words + 1)
    return ("..." if lo else "") + " ".join(w for _, w in spans[lo:hi]) + ("..." if hi < len(spans) else "")


def _comment_mentions(text: str, years: set[int], skip: int) -> list[str]:
    """Comments (after the first skip lines) that mention the old fiscal or prior year."""
    out = []
    for n, line in enumerate(text.split("\n")[skip:], skip + 1):
        comment = line.lstrip()[1:] if line.lstrip().startswith("#") else \
            (line.split(" #", 1)[1] if " #" in line else "")
        found = sorted({int(m.group(0)) for m in YEAR.finditer(comment)} & years)
        if found:
            out.append(f"line {n} comment mentions {', '.join(map(str, found))}: \"{comment.strip()}\"")
    return out


# ---------------------------------------------------------------- the preview


def preview(result: Rollforward, source: str) -> str:
    """The preview printed before anything is written: per section, then what to review and fill."""
    lines = [f"rollforward {source} -> {result.target}",
             f"  plan year ended {long_date(result.old_year_end)} -> {long_date(result.new_year_end)}", ""]
    for section in SECTIONS:
        for i, text in enumerate(result.summary.get(section, [])):
            lines.append(f"  {section if i == 0 else '':<13}{text}")
    if result.review:
        lines += ["", f"to review ({len(result.review)}):"] + [f"  {r}" for r in result.review]
    lines += ["", f"fields to fill ({len(result.to_fill):,}):"]
    shown = result.to_fill[:PREVIEW_FIELDS]
    width = max((len(f.path) for f in shown), default=0)
    lines += [f"  {f.location.line:>4}:{f.location.column:<3} {f.path:<{width}}  {result.context.get(f.path, '')}"
              .rstrip() for f in shown]
    if len(result.to_fill) > len(shown):
        lines.append(f"  ... and {len(result.to_fill) - len(shown):,} more: `elevenk check {result.target}` "
                     "lists every one")
    if result.problems:
        lines += ["", f"other problems in the new file ({len(result.problems)}):"]
        lines += [f"  {f.location}: {f.path}: {f.message}" for f in result.problems]
    return "\n".join(lines)
