"""How long a statement may be: past ITEMIZED_UP_TO holdings the statement of net assets shows them by type."""

from __future__ import annotations

from ..findings import WARNING, Finding
from ..model.compute import ITEMIZED_UP_TO, Filing, investments_presentation


def itemized_by_type(f: Filing) -> list[Finding]:
    """A plan year of more holdings than an itemized statement lists gets one line per type, said here."""
    py = f.plan_year
    if py.net_assets.presentation != "itemized" or investments_presentation(py) == "itemized":
        return []
    count = sum(len(g.holdings) for g in py.investments)
    explicit = "presentation" in py.net_assets.model_fields_set
    return [Finding("statement-by-type", WARNING,
                    f"{count:,} holdings are more than an itemized statement of net assets lists "
                    f"({ITEMIZED_UP_TO:,} at most): the statement shows investments by type, one line per group; "
                    "Schedule H lists every holding",
                    "net_assets.presentation" if explicit else "investments",
                    hint="write net_assets.presentation: by_type to present it so")]


CHECKS = {
    "statement-by-type": itemized_by_type,
}
