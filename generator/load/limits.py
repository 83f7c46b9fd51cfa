"""Limits on every dimension of a plan-year file that drives the cost of a build, as data.

Each is far above what a real filing holds, and low enough that any file within them builds in time and
memory proportional to a real one. The loader enforces them while it reads, before the schema, each
with a located message. Paths are the dotted paths of findings with `[]` for any list index.
"""

from __future__ import annotations

import re

TEXT = 1_000  # characters in a text value not named below (names, captions, descriptions, addresses...)
TEXTS = {  # characters, by path
    "investments[].holdings[].identity": 200,  # a Schedule H row: 25,000 of them must still lay out quickly
    "investments[].holdings[].label": 200,
    "investments[].holdings[].description": 300,
    "notes[].blocks[].table.columns[]": 200,
    "notes[].blocks[].table.rows[][]": 200,
    "notes[].blocks[].text": 20_000,  # a paragraph
    "notes[].review": 5_000,
    "investments[].holdings[].explanation": 5_000,
    "net_assets.cash.explanation": 5_000,
    "net_assets.receivables[].explanation": 5_000,
    "net_assets.liabilities[].explanation": 5_000,
    "net_assets.notes_receivable.explanation": 5_000,
}
KEY = 100  # characters in a key
NOTES_TEXT = 500_000  # characters of all the notes together (a real filing's are about 50,000)

ITEMS = 1_000  # items in a list, or keys in a mapping, not named below
LISTS = {  # items, by path
    "investments[].holdings": 25_000,
    "net_assets.notes_receivable.loans": 50_000,
    "notes": 100,
    "notes[].blocks": 500,
    "notes[].blocks[].table.columns": 20,
    "notes[].blocks[].table.rows": 1_000,
    "notes[].blocks[].table.rows[]": 20,
}
HOLDINGS = 25_000  # Schedule H rows: holdings of every investment group together
HOLDINGS_PATH = "investments[].holdings"

_INDEX = re.compile(r"\[\d+\]")


def pattern(dotted_path: str) -> str:
    """'investments[3].holdings' -> 'investments[].holdings'."""
    return _INDEX.sub("[]", dotted_path)


def text_limit(dotted_path: str) -> int:
    return TEXTS.get(pattern(dotted_path), TEXT)


def items_limit(dotted_path: str) -> int:
    return LISTS.get(pattern(dotted_path), ITEMS)
