"""Fully benefit-responsive investment contracts (stable value funds, GICs): measured at contract value, shown
at fair value with an adjustment line (before ASU 2015-12) or as a line at contract value (after). Pure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..load.schema import PlanYear
from ..money import ZERO

# ASU 2015-12: effective for plan years beginning after December 15, 2015; issued July 31, 2015, when early
# adoption became possible for statements not yet issued.
EFFECTIVE_AFTER = dt.date(2015, 12, 15)
ISSUED = dt.date(2015, 7, 31)

ADJUSTMENT_LABEL = "Adjustment from fair value to contract value for fully benefit-responsive investment contracts"
FAIR_VALUE_NET_ASSETS = "Net assets reflecting all investments at fair value"
# The Form 5500 reports the contracts at fair value: its reconciling item runs the other way.
FORM5500_LABEL = "Adjustment from contract value to fair value for fully benefit-responsive investment contracts"


def contracts(py: PlanYear):
    """(path, holding) of every holding with a contract value."""
    for g, group in enumerate(py.investments):
        for h, holding in enumerate(group.holdings):
            if holding.contract_value is not None:
                yield ("investments", g, "holdings", h), holding


def plan_year_start(py: PlanYear, prior_year_end: dt.date) -> dt.date:
    return prior_year_end + dt.timedelta(days=1)


def default_presentation(start: dt.date) -> str:
    """What ASU 2015-12 requires of a plan year beginning on start."""
    return "contract_value" if start > EFFECTIVE_AFTER else "adjustment"


def has_contracts(py: PlanYear) -> bool:
    """Whether the plan, or its master trust, holds fully benefit-responsive contracts."""
    trust = py.master_trust
    return next(contracts(py), None) is not None or bool(
        trust and any(line.contract_value is not None for line in trust.investments))


def presentation(py: PlanYear, prior_year_end: dt.date) -> str | None:
    """How the contracts are shown: "adjustment", "contract_value", or None when there are none."""
    if not has_contracts(py):
        return None
    return py.presentation.contracts or default_presentation(plan_year_start(py, prior_year_end))


def adjustment(py: PlanYear) -> tuple[Decimal, Decimal]:
    """Contract value less fair value of all the contracts, at the current and prior year-ends."""
    current = prior = ZERO
    for _, h in contracts(py):
        current += h.contract_value.current - h.current
        prior += h.contract_value.prior - h.prior
    return current, prior


def at_contract_value(holding, shown: str | None) -> bool:
    """Whether the statement (or the master trust note) shows this holding (or trust line) at contract value."""
    return shown == "contract_value" and holding.contract_value is not None


def contract_group(group, shown: str | None) -> bool:
    """A group of contracts shown apart, after "Total investments at fair value": every holding a contract at
    contract value (a master trust interest stays among the investments)."""
    return all(at_contract_value(h, shown) and h.type != "master_trust" for h in group.holdings)
