"""The Inline XBRL mapping (model/xbrl/mapping.py) read backwards, for the filing importer: which line of the
11-K an element tags. Computed from that one table, never a copy of it: a line the build tags is a line the
importer reads. Extension elements the mapping names (`ext:...`) match a filer's element of the same name in
whatever namespace it declares.
"""

from __future__ import annotations

from functools import lru_cache

from ..model.xbrl import mapping as m


def _backwards(table: dict) -> dict[str, str]:
    """element -> the first key that maps to it."""
    out: dict[str, str] = {}
    for key, element in table.items():
        if element is not None:
            out.setdefault(element, key)
    return out


NET_ASSETS_LINES = ("notes_receivable", "cash", "total_receivables", "total_receivables_without_notes",
                    "total_assets", "total_liabilities", "net_assets", "net_assets_fair_value",
                    "contract_adjustment", "master_trust_line", "master_trust_contract_line")


@lru_cache(maxsize=None)
def net_assets_keys() -> dict[str, str]:
    """Statement of net assets: element -> what the line is (NET_ASSETS keys), for lines without dimensions."""
    return _backwards({k: m.NET_ASSETS[k] for k in NET_ASSETS_LINES})


def total_investments() -> set[str]:
    """The elements of total investments: at fair value, or with the contracts at contract value."""
    return {m.NET_ASSETS["total_investments"], m.NET_ASSETS["total_fair_value_investments"],
            m.NET_ASSETS["total_investments_with_contracts"]}


def investment_lines() -> dict[str, str]:
    """An investment line's element -> "fair_value" or "contract_value" (outside a master trust)."""
    return {m.NET_ASSETS["investment_line"]: "fair_value", m.NET_ASSETS["contract_line"]: "contract_value"}


@lru_cache(maxsize=None)
def receivable_kinds() -> dict[str, str]:
    return _backwards(m.RECEIVABLES)


@lru_cache(maxsize=None)
def liability_kinds() -> dict[str, str]:
    return _backwards(m.LIABILITIES)


@lru_cache(maxsize=None)
def change_kinds() -> dict[str, str]:
    """Statement of changes: a line's element -> its kind (the participant line without rollovers is a
    participant_contributions line)."""
    kinds = _backwards(m.CHANGES)
    participant = m.CHANGES["participant_contributions_without_rollovers"]
    kinds[participant] = "participant_contributions"
    return kinds


@lru_cache(maxsize=None)
def change_totals() -> dict[str, str]:
    return _backwards(m.CHANGE_TOTALS)


@lru_cache(maxsize=None)
def investment_types() -> dict[str, str]:
    """A member of us-gaap:InvestmentTypeAxis -> the first holding type that maps to it."""
    return _backwards(m.INVESTMENT_TYPES)


def schedule_h() -> dict[str, str]:
    """Schedule H, line 4i: element -> what it is (value, loan_value, cost, party_in_interest, total)."""
    return _backwards(m.SCHEDULE_H)


def fits_member(holding_type: str, member: str) -> bool:
    """Whether a holding of this type may sit in a group tagged with this member (alone or beside the
    group's own type, as GROUP_TYPES allows)."""
    own = m.INVESTMENT_TYPES.get(holding_type)
    return own == member or m.GROUP_TYPES.get(frozenset({own, member})) == member


def note_element(title: str) -> str | None:
    """The text block the build gives a note of this title."""
    return m.note_block(title)


def local(concept: str) -> str:
    """An element's name without its prefix."""
    return concept.split(":", 1)[1]
