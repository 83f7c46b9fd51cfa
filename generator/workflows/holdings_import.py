"""Import a trustee's holdings report into a plan-year file: this year-end's values onto the plan's holdings.

Pure: the plan's YAML text and the report's rows in, the new YAML text and a preview out; the command line
reads and writes the files. Holdings are matched by identity (and description, where an identity repeats);
a close but inexact name is proposed, never applied. Last year's balance (`prior`) stays with its holding;
a holding the report no longer lists keeps its prior and gets a current value of 0. The file is edited
through the shared comment-preserving writer (`yaml_roundtrip`) and checked by the loader and the schema
before it is offered.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..findings import ERROR, Finding, Location
from ..load.schema import TO_FILL
from ..load.yaml_source import Loaded
from ..money import ZERO, AmountError, group, parse_amount, round_to
from .holdings_columns import HEADINGS
from .holdings_rollforward import NotCanonical
from .holdings_text_edit import TextHolding, TextHoldings, read_holdings
from .investment_kinds import TYPE_CAPTIONS, TYPE_WORDS
from .trustee_report import Report, ReportRow, normal_name
from .yaml_check import to_fill_and_problems
from .yaml_roundtrip import drop_eol_comment, dump, insert_after, load, scalar

SHARE_COUNT = re.compile(r"\d[\d,]*(\.\d+)?(?=\s*(shares?|units?)\b)", re.I)
WAS = re.compile(r"#\s*was:\s*(.*)")
CLOSE = 0.8  # difflib ratio from which a name is proposed as the same holding


@dataclass
class Imported:
    """What an import writes and what it tells the preparer."""

    text: str = ""
    findings: list[Finding] = field(default_factory=list)  # problems: nothing may be written
    to_fill: list[Finding] = field(default_factory=list)  # fields still marked TODO in the new file
    updated: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # a value that was entered and is now different
    added: list[str] = field(default_factory=list)
    sold: list[str] = field(default_factory=list)  # no longer held: current 0, prior kept
    removed: list[str] = field(default_factory=list)  # no balance either year
    proposals: list[str] = field(default_factory=list)
    rounded: int = 0
    notes_receivable: str = ""  # what became of participant loans the plan shows on their own line
    total: Decimal = ZERO
    stated: str = ""  # the stated total investments at this year-end, as written


def import_holdings(text: str, loaded: Loaded, report: Report, same_as: dict[str, str] | None = None,
                    text_holdings: bool = True) -> Imported:
    """Put the report's holdings into the plan-year YAML text (loaded is its parse, for places and values).

    The holdings are edited on their lines (`holdings_text_edit`) and the rest of the file through the round
    trip, giving the bytes the round trip of the whole file gives; text_holdings False, or a file whose
    holdings are not written as the round trip writes them, takes the whole file through the round trip.
    """
    if text_holdings:
        try:
            out = _import(text, loaded, report, same_as, read_holdings(text, loaded.data))
        except NotCanonical:
            out = None
        if out is not None:
            return out
    return _import(text, loaded, report, same_as, None)  # type: ignore[return-value]


def _import(text: str, loaded: Loaded, report: Report, same_as: dict[str, str] | None,
            holdings: TextHoldings | None) -> Imported | None:
    """The import, with the holdings as text when given; None when the round trip moved them."""
    out = Imported()
    data = loaded.data
    settings = ((data.get("imports") or {}).get("holdings") or {})
    aliases = {**(settings.get("same_as") or {}), **(same_as or {})}
    cents = (data.get("filing") or {}).get("amounts_in") == "cents"
    doc = load(holdings.skeleton if holdings is not None else text)
    editor = _Editor(doc, data, report, out, settings.get("types") or {}, aliases, cents, holdings)
    editor.run()
    if out.findings:
        return out
    out.text = dump(doc)
    if holdings is not None:
        spliced = holdings.splice(out.text)
        if spliced is None:
            return None
        out.text = spliced
    _check_output(out, loaded.file)
    return out


class _Editor:
    """Edit the round-trip document: match rows to holdings, then update, add, zero and remove."""

    def __init__(self, doc, data, report: Report, out: Imported, types: dict, aliases: dict, cents: bool,
                 holdings: TextHoldings | None = None):
        self.doc, self.data, self.report, self.out = doc, data, report, out
        self.text_holdings = holdings  # the holdings as text, the document holding placeholders for them
        self.types, self.aliases, self.cents = types, aliases, cents
        self.used_types: dict[str, str] = {}
        self.used_aliases: dict[str, str] = {}

    def run(self) -> None:
        rows = [self.rounded(r) for r in self.report.rows]
        rows = self.notes_receivable(rows)
        existing = self.existing()
        matches, new = self.match(rows, existing)
        placeholders = [(g, h) for g, h, raw in existing if _is_todo(raw.get("identity"))]
        for row in new:
            self.propose(row, [e for e in existing if id(e[2]) not in matches.values()
                               and not _is_todo(e[2].get("identity"))])
        new_holdings = [(row, self.new_holding(row)) for row in new]
        if self.out.findings:
            return
        by_ref = {ref: row for row, ref in ((r, matches.get(r.row)) for r in rows) if ref is not None}
        for g, h, raw in existing:
            if (g, h) in placeholders:
                continue
            row = by_ref.get(id(raw))
            if row is not None:
                self.update(self.holdings(self.doc["investments"][g])[h], raw, row)
        self.drop_unmatched(existing, set(by_ref), placeholders)
        self.add(new_holdings, rows, matches, existing)
        self.out.total = sum((r.current for r in rows), ZERO)
        self.stated()
        self.save_settings()

    def notes_receivable(self, rows: list[ReportRow]) -> list[ReportRow]:
        """Participant loans go to the plan's notes receivable when it shows them on their own line (never a
        holding besides): the balance is entered, or checked against the loans the plan lists."""
        nr = (self.doc.get("net_assets") or {}).get("notes_receivable")
        loans = [r for r in rows if _loan_words(r)]
        if nr is None or not loans:
            return rows
        balance = sum((r.current for r in loans), ZERO)
        where = ", ".join(f"row {r.row}" for r in loans)
        listed = nr.get("loans") or []
        if listed and "current" not in nr:
            total = sum((amount_of(loan.get("balance")) or ZERO for loan in listed), ZERO)
            said = "agrees with" if total == balance else f"differs by {group(balance - total)} from"
            self.out.notes_receivable = (f"participant loans {group(balance)} ({where}) {said} the {len(listed)} "
                                         "loans the plan lists under net_assets.notes_receivable")
        else:
            _set(nr, "current", scalar(balance), after="party_in_interest")
            if "prior" not in nr:
                insert_after(nr, "current", "prior", 0)
            self.out.notes_receivable = f"participant loans {group(balance)} ({where}) -> net_assets.notes_receivable"
        return [r for r in rows if r not in loans]

    # -- reading the plan

    def existing(self) -> list[tuple[int, int, dict]]:
        return [(g, h, raw) for g, grp in enumerate(self.data.get("investments") or [])
                for h, raw in enumerate(grp.get("holdings") or [])]

    def rounded(self, row: ReportRow) -> ReportRow:
        """Whole dollars for a plan in dollars: each amount rounded half up, and counted."""
        if self.cents:
            return row
        values = (row.current, row.cost)
        if all(v is None or v == v.to_integral_value() for v in values):
            return row
        self.out.rounded += 1
        return replace(row, current=round_to(row.current), cost=None if row.cost is None else round_to(row.cost))

    # -- matching

    def match(self, rows: list[ReportRow], existing) -> tuple[dict[int, int], list[ReportRow]]:
        """row number -> id of the matched holding's data; the rows that match none."""
        by_key: dict[tuple[str, str], list[dict]] = {}
        by_name: dict[str, list[dict]] = {}
        for _, _, raw in existing:
            if _is_todo(raw.get("identity")):
                continue
            name = normal_name(str(raw.get("identity", "")))
            by_name.setdefault(name, []).append(raw)
            by_key.setdefault((name, normal_name(_old_description(raw))), []).append(raw)
        names_in_report: dict[str, int] = {}
        for r in rows:
            names_in_report[r.key[0]] = names_in_report.get(r.key[0], 0) + 1
        taken: set[int] = set()
        matches: dict[int, int] = {}
        pending = []
        for r in rows:  # first the rows whose identity and description both agree
            alias = self.aliases.get(r.identity)
            if alias is not None:
                self.used_aliases[r.identity] = alias
            name = normal_name(alias) if alias is not None else r.key[0]
            raw = next((x for x in by_key.get((name, r.key[1]), []) if id(x) not in taken), None)
            if raw is None:
                pending.append((r, name))
                continue
            taken.add(id(raw))
            matches[r.row] = id(raw)
        new = []
        for r, name in pending:  # then a name that appears once on each side
            free = [x for x in by_name.get(name, []) if id(x) not in taken]
            if len(free) == 1 and len(by_name[name]) == 1 and names_in_report.get(r.key[0], 0) == 1:
                taken.add(id(free[0]))
                matches[r.row] = id(free[0])
            else:
                new.append(r)
        return matches, new

    def propose(self, row: ReportRow, unmatched) -> None:
        names = {normal_name(str(raw.get("identity"))): (g, h, raw) for g, h, raw in unmatched}
        close = difflib.get_close_matches(row.key[0], list(names), n=1, cutoff=CLOSE)
        if not close:
            return
        g, h, raw = names[close[0]]
        identity = str(raw.get("identity"))
        self.out.proposals.append(
            f"row {row.row} \"{row.identity}\" may be the plan's \"{identity}\" "
            f"(investments[{g}].holdings[{h}]); it is added as new. If it is the same holding, run again with "
            f"--same-as \"{row.identity}={identity}\" to carry its prior balance")

    # -- editing

    def update(self, h, raw: dict, row: ReportRow) -> None:
        old = raw.get("current")
        if not _is_todo(old) and old is not None:
            before = amount_of(old)
            if before is not None and before != row.current:
                self.out.changed.append(f"\"{row.identity}\": {group(before)} -> {group(row.current)}")
        self.out.updated.append(row.identity)
        _set(h, "current", scalar(row.current), after="description")
        if "prior" not in h:
            insert_after(h, "current", "prior", 0)
        description = self.description(h, row)
        if description:
            _set(h, "description", description, after="party_in_interest")
        if "cost" in self.report.columns.columns:
            if row.cost is None:
                h.pop("cost", None)
            else:
                _set(h, "cost", scalar(row.cost), after="description")
        if row.party_in_interest is not None and (row.party_in_interest or "party_in_interest" in h):
            _set(h, "party_in_interest", row.party_in_interest, after="type")

    def description(self, h, row: ReportRow) -> str:
        """The report's description; else the plan's wording with this year's share count."""
        if row.description:
            return row.description
        if not row.shares:
            return ""
        old = str(h.get("description") or "")
        if _is_todo(old):
            old = _was_comment(h, "description") or ""
        if SHARE_COUNT.search(old):
            return SHARE_COUNT.sub(row.shares, old, count=1)
        return f"{row.shares} shares"

    def new_holding(self, row: ReportRow):
        from ruamel.yaml.comments import CommentedMap

        kind = self.type_of(row)
        if kind is None:
            return None
        h = CommentedMap()
        h["identity"] = row.identity
        h["type"] = kind
        if row.party_in_interest:
            h["party_in_interest"] = True
        description = row.description or (f"{row.shares} shares" if row.shares else "")
        if description:
            h["description"] = description
        if row.cost is not None:
            h["cost"] = scalar(row.cost)
        h["current"] = scalar(row.current)
        h["prior"] = 0
        return h

    def type_of(self, row: ReportRow) -> str | None:
        words = row.category
        kind = self.types.get(words) or next((t for w, t in TYPE_WORDS if w in normal_name(words)), None) \
            if words else None
        if kind is None:
            column = self.report.columns.columns.get("type", self.report.columns.columns["identity"])
            where = f"section \"{words}\"" if words else "no type column or section heading"
            self.out.findings.append(Finding(
                "import", ERROR, f"cannot tell the type of investment of \"{row.identity}\" ({where})", "",
                Location(self.report.file, row.row, column + 1),
                hint=f"add it to the plan under imports: holdings: types: {{\"{words or row.identity}\": "
                     "mutual_fund}} (or the type it is), or map a type column"))
            return None
        if words:
            self.used_types[words] = kind
        return kind

    def drop_unmatched(self, existing, matched: set[int], placeholders) -> None:
        groups = self.doc["investments"]
        for g, h, raw in reversed(existing):
            if id(raw) in matched:
                continue
            holding = self.holdings(groups[g])[h]
            prior = amount_of(raw.get("prior", 0))
            if (g, h) in placeholders or not prior:
                del self.holdings(groups[g])[h]
                if (g, h) not in placeholders:
                    self.out.removed.append(f"\"{raw.get('identity')}\" (no balance either year)")
                continue
            _set(holding, "current", 0, after="description")
            if _is_todo(holding.get("description")) and _was_comment(holding, "description"):
                _set(holding, "description", _was_comment(holding, "description"), after="type")
            self.out.sold.append(f"\"{raw.get('identity')}\": prior {group(prior)}, current 0")
        self.out.removed.reverse()
        self.out.sold.reverse()

    def add(self, new_holdings, rows, matches, existing) -> None:
        """New holdings go to the group of their section's other rows, else of their type, else a new group."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        groups = self.doc["investments"]
        where = {id(raw): groups[g] for g, h, raw in existing}
        by_category = {}
        for r in rows:
            if r.row in matches and r.category not in by_category:
                by_category[r.category] = where[matches[r.row]]
        for row, holding in new_holdings:
            target = by_category.get(row.category) or next(
                (grp for grp in groups if any(x.get("type") == holding["type"] for x in self.holdings(grp))), None)
            if target is None:
                target = CommentedMap()
                target["caption"] = _caption(row.category) or TYPE_CAPTIONS[holding["type"]]
                target["holdings"] = CommentedSeq()
                if self.text_holdings is not None:
                    target["holdings"].append(self.text_holdings.new_group())
                groups.append(target)
            by_category.setdefault(row.category, target)
            self.holdings(target).append(holding)
            self.out.added.append(f"row {row.row} \"{row.identity}\" {group(row.current)} -> "
                                  f"{target['caption']}")
        for g in reversed(range(len(groups))):
            if not self.holdings(groups[g]):
                del groups[g]

    def holdings(self, group):
        """A group's holdings: the document's sequence, or the text group its placeholder stands for."""
        seq = group["holdings"]
        found = self.text_holdings.of(seq) if self.text_holdings is not None else None
        return seq if found is None else found

    def stated(self) -> None:
        pair = ((self.data.get("net_assets") or {}).get("stated") or {}).get("total_investments") or {}
        value = pair.get("current")
        if value is None:
            self.out.stated = ""
        elif _is_todo(value):
            self.out.stated = TO_FILL
        else:
            amount = amount_of(value)
            self.out.stated = group(amount) if amount is not None else str(value)

    def save_settings(self) -> None:
        """The mapping used, saved for next year: imports.holdings.columns, types and same_as."""
        from ruamel.yaml.comments import CommentedMap

        cols = self.report.columns
        settings = CommentedMap()
        settings["columns"] = CommentedMap((name, cols.heading(name)) for name in HEADINGS if name in cols.columns)
        if self.used_types or self.types:
            settings["types"] = CommentedMap({**self.types, **self.used_types})
        if self.used_aliases or self.aliases:
            settings["same_as"] = CommentedMap({**self.aliases, **self.used_aliases})
        if "imports" not in self.doc:
            self.doc["imports"] = CommentedMap()
            self.doc.yaml_set_comment_before_after_key(
                "imports", before="\nHow `elevenk import holdings` reads this plan's trustee report; correct a "
                                  "heading or a type here\nand the next import uses it.")
        self.doc["imports"]["holdings"] = settings


def _set(mapping, key: str, value, after: str) -> None:
    if key in mapping:
        mapping[key] = value
        if isinstance(mapping, TextHolding):
            mapping.drop_eol_comment(key)
        else:
            drop_eol_comment(mapping, key)
    else:
        insert_after(mapping, after, key, value)


def _loan_words(row: ReportRow) -> bool:
    """A report row of participant loans (by its section or type, or its name)."""
    text = normal_name(row.category + " " + row.identity)
    return any(w in text for w in ("participant loan", "loans to participants", "notes receivable"))


def _is_todo(value: object) -> bool:
    return isinstance(value, str) and value.strip() == TO_FILL


def amount_of(value: object) -> Decimal | None:
    """A figure as the plan-year file holds it (a YAML integer keeps its source text), or None if it is none."""
    try:
        return parse_amount(getattr(value, "source", None) or str(value))
    except AmountError:
        return None


def _old_description(raw: dict) -> str:
    value = raw.get("description") or ""
    return "" if _is_todo(value) else str(value)


def _was_comment(mapping, key: str) -> str | None:
    """The old value rollforward left beside a field it marked TODO (`# was: ...`)."""
    if isinstance(mapping, TextHolding):
        comment = mapping.comment_text(key)
    else:
        entry = mapping.ca.items.get(key)
        token = entry[2] if entry and len(entry) > 2 else None
        comment = token.value if token is not None else None
    found = WAS.search(comment) if comment is not None else None
    return found.group(1).strip() if found else None


def _caption(category: str) -> str:
    """A section heading as a statement caption: MUTUAL FUNDS -> Mutual funds."""
    text = " ".join(category.split()).strip(" :")
    return text[:1].upper() + text[1:].lower() if text.isupper() or text.istitle() else text


def _check_output(out: Imported, name: str) -> None:
    """The new file through the loader and the schema: only fields still marked TODO may remain."""
    out.to_fill, problems = to_fill_and_problems(out.text, name)
    out.findings += problems
    if problems:
        out.text = ""
