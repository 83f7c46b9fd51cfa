"""Fully benefit-responsive contracts: the presentation ASU 2015-12 asks of the plan year."""

from __future__ import annotations

from ..findings import WARNING, Finding
from ..model import contracts
from ..model.compute import Filing
from ..model.prose import long_date


def contract_presentation(f: Filing) -> list[Finding]:
    """The adjustment presentation before ASU 2015-12 took effect, the contract value line only once it was
    issued; a presentation chosen for contracts the plan year does not have is a slip."""
    py = f.plan_year
    chosen = py.presentation.contracts
    if f.contracts is None:
        if chosen is None:
            return []
        return [Finding("contract-presentation", WARNING, f"{chosen} is chosen, but no holding "
                        "has a contract_value", "presentation.contracts",
                        hint="give each fully benefit-responsive contract its contract_value, or remove the key")]
    start = contracts.plan_year_start(py, f.prior_year_end)
    if f.contracts == "adjustment" and start > contracts.EFFECTIVE_AFTER:
        return [Finding("contract-presentation", WARNING, f"the plan year begins {long_date(start)}: ASU 2015-12 "
                        "shows fully benefit-responsive contracts at contract value, without the adjustment from "
                        "fair value, for plan years beginning after December 15, 2015", "presentation.contracts",
                        hint="set presentation.contracts: contract_value")]
    if f.contracts == "contract_value" and py.auditor.report.date < contracts.ISSUED:
        return [Finding("contract-presentation", WARNING, "the contracts are shown at contract value, as ASU "
                        f"2015-12 allows, but the report is dated {long_date(py.auditor.report.date)}, before "
                        f"the standard was issued ({long_date(contracts.ISSUED)})",
                        "presentation.contracts" if chosen else "auditor.report.date",
                        hint="set presentation.contracts: adjustment")]
    return []


CHECKS = {
    "contract-presentation": contract_presentation,
}
