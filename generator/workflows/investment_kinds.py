"""What kinds of investment are called: a report's or a statement's words -> a holding type, and a type ->
the caption of a statement group (tables; the first match wins)."""

from __future__ import annotations

from ..model.compute import PLURALS

# Words for a kind of investment (a trustee's type column or section heading, a statement's caption), matched
# in lower-case words; for an import, `imports.holdings.types` in the plan-year file comes before this table.
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("money market", "money_market_fund"), ("stable value", "stable_value_fund"),
    ("common collective", "common_collective_trust"), ("collective trust", "common_collective_trust"),
    ("collective investment", "common_collective_trust"), ("pooled separate", "pooled_separate_account"),
    ("registered investment", "mutual_fund"), ("mutual fund", "mutual_fund"),
    ("employer", "employer_stock"), ("company stock", "employer_stock"), ("sponsor", "employer_stock"),
    ("preferred", "preferred_stock"), ("common stock", "common_stock"), ("equities", "common_stock"),
    ("equity securities", "common_stock"), ("corporate", "corporate_bond"), ("government", "government_security"),
    ("treasury", "government_security"), ("agency", "government_security"), ("insurance", "insurance_contract"),
    ("annuity", "insurance_contract"), ("guaranteed investment", "insurance_contract"),
    ("participant loan", "participant_loans"), ("loans to participants", "participant_loans"),
    ("notes receivable", "participant_loans"), ("real estate", "real_estate"), ("cash", "cash_equivalent"),
    ("short term", "cash_equivalent"),
)
# The caption of a new statement group for a type, when the report gives no section heading: the plural the
# counts use (model.compute.PLURALS), in words, but for two that statements word otherwise.
TYPE_CAPTIONS = {kind: plural.replace("_", " ").capitalize() for kind, plural in PLURALS.items()} | {
    "employer_stock": "Employer stock", "government_security": "U.S. government securities"}
