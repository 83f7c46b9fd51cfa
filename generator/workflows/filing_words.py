"""What a filed statement's words mean: captions and line labels to kinds and holding types (tables, first match)."""

from __future__ import annotations

import re

from .investment_kinds import TYPE_WORDS

# Statement of changes: label words -> kind.
CHANGE_KINDS: tuple[tuple[str, str], ...] = (
    ("notes receivable", "interest_on_notes_receivable"),
    ("participant contributions", "participant_contributions"), ("employee contributions", "participant_contributions"),
    ("employer contributions", "employer_contributions"), ("company contributions", "employer_contributions"),
    ("rollover", "rollover_contributions"), ("appreciation", "net_appreciation"), ("depreciation", "net_appreciation"),
    ("interest and dividends", "interest_and_dividends"), ("dividends", "interest_and_dividends"),
    ("benefits paid", "benefits_paid"), ("distributions to participants", "benefits_paid"),
    ("administrative", "administrative_expenses"), ("deemed distributions", "deemed_distributions"),
    ("corrective distributions", "corrective_distributions"),
)
# Statement of net assets: receivable and liability label words -> kind.
LINE_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "receivables": (("participant contributions", "participant_contributions"),
                    ("employee contributions", "participant_contributions"),
                    ("employer contributions", "employer_contributions"),
                    ("company contributions", "employer_contributions"), ("accrued", "accrued_income"),
                    ("interest", "accrued_income")),
    "liabilities": (("excess contributions", "excess_contributions_refundable"),
                    ("accrued expenses", "accrued_expenses"), ("benefits payable", "benefits_payable")),
}


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def change_kind(label: str) -> str | None:
    words = _words(label)
    return next((kind for w, kind in CHANGE_KINDS if w in words), None)


def line_kind(label: str, section: str) -> str | None:
    words = _words(label)
    return next((kind for w, kind in LINE_KINDS[section] if w in words), None)


def holding_type(identity: str, label: str, caption: str, description: str, issuer: str,
                 caption_first: bool = False) -> str | None:
    """A holding's type: the sponsor's own stock, else from its name, its description, then its statement
    caption (the caption first for a statement by type, where the caption is the kind of investment)."""
    name = _words(identity + " " + label)
    if issuer and _words(issuer) and _words(identity).startswith(_words(issuer)):
        return "employer_stock"
    texts = (name, _words(description), _words(caption))
    for text in (texts[2:] + texts[:2]) if caption_first else texts:
        kind = next((t for w, t in TYPE_WORDS if w in text), None)
        if kind is not None:
            return kind
    return None
