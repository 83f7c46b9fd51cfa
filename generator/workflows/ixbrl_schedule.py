"""Read Schedule H, line 4i, of an 11-K from its Inline XBRL facts and put each holding together.

Each row of the schedule is one value of the typed InvestmentIdentifierAxis: its current value (or the
participant loans' balance), cost and party-in-interest flag are facts; its issue and description are the
row's text cells. On an itemized statement a holding's line carries the same identifier, so both year-ends
come back; on a statement by type, a line's holdings are the schedule's rows, in order, that add up to it
(the prior year-end of each is not in the filing: TODO, listed).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model.contracts import default_presentation
from ..model.xbrl import mapping as m
from . import ixbrl_elements as el
from .filing_schedule import holding_of, no_prior_balances, rows_adding_to
from .filing_words import holding_type
from .ixbrl_document import Row
from .ixbrl_statements import IDENTIFIER_AXIS, Reading

PUNCTUATION = re.compile(r"[$*\-\u2013\u2014()]+")


def schedule(r: Reading, rows: list[Row]) -> list[dict]:
    """The schedule's rows, in printed order: identifier, identity, description, flag, cost, current value."""
    keys = el.schedule_h()
    out: list[dict] = []
    cost_shown = False
    for row in rows:
        if not row.facts:
            cost_shown |= any(re.search(r"\bcost\b", c, re.I) for c in row.cells)
            continue
        found: dict[str, dict] = {}
        for f in row.facts:
            key = keys.get(f.concept)
            ident = dict(f.context.typed).get(IDENTIFIER_AXIS)
            if key is None or ident is None or r.plan.column(f) != "current":
                continue
            entry = found.setdefault(ident, {"identifier": ident, "party_in_interest": False})
            if key in ("value", "loan_value") and isinstance(f.value, Decimal):
                entry["current"], entry["loan"] = r.plan.amount(f), key == "loan_value"
            elif key == "cost" and isinstance(f.value, Decimal):
                entry["cost"] = r.plan.amount(f)
            elif key == "party_in_interest":
                entry["party_in_interest"] = f.value is True
        figures = {f.cell for f in row.facts if isinstance(f.value, (Decimal, bool))}
        texts = [c for i, c in enumerate(row.cells) if i not in figures and c and not PUNCTUATION.fullmatch(c)]
        for ident, entry in found.items():
            if "current" not in entry:
                r.unread(f"Schedule H: the row \"{ident}\" has no current value fact: skipped")
                continue
            alone = len(found) == 1 and texts
            entry["identity"] = texts[0] if alone else ident
            entry["description"] = " ".join(texts[1:]) if alone else ""
            out.append(entry)
    if rows:
        r.d["schedule_h"] = {"cost_column": "shown" if cost_shown else "omitted"}
    return out


def holdings(r: Reading, rows: list[dict]) -> None:
    """The investments: groups of holdings, from the statement's lines and the schedule's rows."""
    rows = list(rows)
    _notes_receivable(r, rows)
    if any("identifier" in line for line in r.lines):
        _itemized(r, rows)
    else:
        _by_type(r, rows)
    _contracts(r)
    _parts(r)
    if not r.d["investments"]:
        r.unread("the investments (no investment line on the statement of net assets)")
        r.d["investments"] = [{"caption": "Investments", "holdings": [
            {"identity": "TODO", "type": "other", "current": "TODO", "prior": "TODO"}]}]


def _notes_receivable(r: Reading, rows: list[dict]) -> None:
    """Notes receivable from participants on their own line: the schedule's loans row gives its words."""
    nr = r.d.get("net_assets", {}).get("notes_receivable")
    if nr is None:
        return
    row = next((x for x in rows if x.get("loan") and x["current"] == nr["current"]), None)
    if row is None:
        if nr["current"]:
            r.unread("notes receivable from participants: no participant loans row of the same balance in "
                     "Schedule H")
        return
    rows.remove(row)
    nr.update({"identity": row["identity"], "description": row["description"],
               "party_in_interest": row["party_in_interest"]})
    label = nr.pop("label")
    if label.lower() != "notes receivable from participants":
        nr["label"] = label
    nr["current"], nr["prior"] = nr.pop("current"), nr.pop("prior")


def _group_caption(caption: str) -> str:
    return "Investments" if not caption or caption.lower().startswith("investments") else caption


def _itemized(r: Reading, rows: list[dict]) -> None:
    """Each line is a holding; its schedule row has the same identifier."""
    by_ident = {row["identifier"]: row for row in rows}
    members = {p["type"].lower(): p["member"] for p in r.parts}
    groups: list[dict] = []
    for line in r.lines:
        caption = _group_caption(line["caption"])
        if not groups or groups[-1]["caption"] != caption:
            groups.append({"caption": caption, "holdings": []})
        if "identifier" not in line:
            r.unread(f"statement of net assets: \"{line['label']}\" is a line by type among itemized holdings: "
                     "read as one holding")
        row = by_ident.pop(line.get("identifier"), None)
        line["holdings"] = [_holding(r, row, line, caption, members.get(caption.lower()))]
        groups[-1]["holdings"] += line["holdings"]
    for row in by_ident.values():
        r.unread(f"Schedule H: the row \"{row['identity']}\" ({row['current']:,}) matches no line of the statement "
                 "of net assets")
    r.d["investments"] = groups


def _by_type(r: Reading, rows: list[dict]) -> None:
    """Each line is a group: the schedule's rows, in order, that add up to its current value. Contracts the
    statement shows at contract value (Schedule H shows their current value) take the rows no other line
    takes."""
    rows = [x for x in rows if not x.get("loan")] + [x for x in rows if x.get("loan")]
    groups: dict[int, dict] = {}
    contracts = [i for i, line in enumerate(r.lines) if line.get("value") == "contract_value"]
    for i, line in enumerate(r.lines):
        if line.get("master_trust"):
            r.unread(f"\"{line['label']}\": the master trust's name is not tagged: the holding's identity is the "
                     "statement's caption")
            groups[i] = _group(r, line, [{"identity": line["label"], "type": "master_trust",
                                          "current": line["current"], "prior": line["prior"]}], None)
        elif i not in contracts:
            member = _own_member(r, line)
            groups[i] = _group(r, line, _run(r, rows_adding_to(rows, line, r.unread), line, member), member)
    for i in contracts:
        line, member = r.lines[i], _own_member(r, line)
        taken = [x for x in rows if not x.get("loan")] if len(contracts) == 1 else []
        rows[:] = [x for x in rows if x not in taken]
        holdings = [_holding(r, x, {"label": x["identity"], "current": x["current"], "prior": "TODO"}, line["label"],
                             member) for x in taken] or _run(r, [], line, member)
        groups[i] = _group(r, line, holdings, member)
    for x in rows:
        r.unread(f"Schedule H: the row \"{x['identity']}\" ({x['current']:,}) belongs to no line of the statement of "
                 "net assets")
    r.d["investments"] = [groups[i] for i in sorted(groups)]


def _own_member(r: Reading, line: dict) -> str | None:
    """A line's InvestmentTypeAxis member, None (said) when it is the filer's own."""
    member = line.get("member")
    if member and member.startswith("ext:"):
        r.unread(f"\"{line['label']}\": its member {r.name_of_member(member)} is the filer's own: its holdings' "
                 "types are read from their words")
        return None
    return member


def _run(r: Reading, taken: list[dict], line: dict, member: str | None) -> list[dict]:
    """The holdings of a line by type from its Schedule H rows (one to be entered when there are none)."""
    if not taken:
        return [{**_holding(r, None, line, line["label"], member), "identity": "TODO"}]
    if len(taken) == 1:
        return [_holding(r, taken[0], line, line["label"], member)]
    r.unread(no_prior_balances(line, len(taken)))
    return [_holding(r, x, {"label": x["identity"], "current": x["current"], "prior": "TODO"}, line["label"], member)
            for x in taken]


def _group(r: Reading, line: dict, holdings: list[dict], member: str | None) -> dict:
    line["holdings"] = holdings
    group = {"caption": line["label"], "holdings": holdings}
    if member and _member_of([h["type"] for h in holdings]) != member:
        group["xbrl_member"] = el.local(member)
    return group


def _member_of(types: list[str]) -> str | None:
    """The InvestmentTypeAxis member the build gives a group of holdings of these types."""
    members = {m.INVESTMENT_TYPES.get(t) for t in types}
    if None in members:
        return None
    return members.pop() if len(members) == 1 else m.GROUP_TYPES.get(frozenset(members))


def _holding(r: Reading, row: dict | None, line: dict, caption: str, member: str | None) -> dict:
    """A holding from its schedule row and statement line, its type told by its element, member and words."""
    issuer = str(r.d.get("issuer", {}).get("name", ""))
    identity = row["identity"] if row else line["label"]
    return holding_of(row, line, caption, _type(r, identity, line["label"], caption, row, issuer, member), "")


def _type(r: Reading, identity: str, label: str, caption: str, row: dict | None, issuer: str,
          member: str | None) -> str:
    """The holding's type: participant loans by their element; else its words, where they fit the member
    its line or group is tagged with; else the member's own type."""
    if row is not None and row.get("loan"):
        return "participant_loans"
    words = holding_type(identity, label, caption, row["description"] if row else "", issuer,
                         caption_first=r.d.get("net_assets", {}).get("presentation") == "by_type")
    if member is not None and (words is None or not el.fits_member(words, member)):
        return el.investment_types().get(member) or words or _other(r, identity)
    return words or _other(r, identity)


def _other(r: Reading, identity: str) -> str:
    r.unread(f"the type of \"{identity}\": set to other (not told by its element, name or description)")
    return "other"


def _contracts(r: Reading) -> None:
    """The adjustment from fair value to contract value goes on the one holding that can carry it (a master trust
    interest, or a lone fully benefit-responsive contract); contracts shown at contract value keep it too."""
    holdings = [h for g in r.d["investments"] for h in g["holdings"]]
    at_contract = [line for line in r.lines if line.get("value") == "contract_value"]
    if r.adjustment is not None:
        bearers = [h for h in holdings if h["type"] in ("master_trust", "stable_value_fund", "insurance_contract")]
        if len(bearers) != 1:
            r.unread("the adjustment from fair value to contract value: which holding it belongs to is not "
                     "tagged; enter contract_value on the fully benefit-responsive contract")
        else:
            h = bearers[0]
            h["contract_value"] = {c: h[c] + r.adjustment[c] for c in ("current", "prior")}
            _contracts_presentation(r, "adjustment")
    for line in at_contract:
        if len(line.get("holdings", [])) != 1:
            r.unread(f"\"{line['label']}\": fully benefit-responsive contracts at contract value whose holdings "
                     "are not told apart: enter each one's contract_value")
            continue
        h = line["holdings"][0]
        h["contract_value"] = {"current": line["current"], "prior": line["prior"]}
        if h["current"] == line["current"]:  # no Schedule H row gave its current value
            h["current"] = "TODO"
        h["prior"] = "TODO"
        r.unread(f"\"{line['label']}\": at contract value on the statement; its fair value at the prior year-end "
                 "(and at this one, where Schedule H does not give it) is in the fair value note: TODO")
    if at_contract:
        _contracts_presentation(r, "contract_value")


def _contracts_presentation(r: Reading, shown: str) -> None:
    if default_presentation(r.plan.year.start) != shown:
        r.presentation["contracts"] = shown


def _parts(r: Reading) -> None:
    """Net appreciation by type: a part captioned as an investment group of the same member needs no member of
    its own; another names its member."""
    groups = {g["caption"].lower(): g for g in r.d["investments"]}
    for part in r.parts:
        member = part.pop("member")
        group = groups.get(part["type"].lower())
        own = None
        if group is not None:
            own = group.get("xbrl_member") or _member_of([h["type"] for h in group["holdings"]])
        if own is not None and el.local(own) == el.local(member):
            continue
        if member.startswith("ext:"):
            r.unread(f"net appreciation of \"{part['type']}\": its member {r.name_of_member(member)} is the filer's "
                     "own and no investment group has its caption: name its us-gaap:InvestmentTypeAxis member "
                     "(xbrl_member:)")
        else:
            part["xbrl_member"] = el.local(member)
