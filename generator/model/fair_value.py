"""The fair value hierarchy: the Level 1 / 2 / 3 table at each year-end, computed from the holdings. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ..load.schema import PlanYear
from ..money import ZERO

LEVELS = ("1", "2", "3")


@dataclass(frozen=True)
class LevelRow:
    """One line of the table: an amount per level and their total."""

    caption: str
    level1: Decimal
    level2: Decimal
    level3: Decimal

    @property
    def total(self) -> Decimal:
        return self.level1 + self.level2 + self.level3

    @property
    def amounts(self) -> list[Decimal]:
        """Level 1, Level 2, Level 3 and Total, in column order."""
        return [self.level1, self.level2, self.level3, self.total]


@dataclass(frozen=True)
class FairValueTable:
    """The hierarchy at one year-end; NAV investments are the reconciling line to the statement."""

    year_end: dt.date
    rows: list[LevelRow]
    hierarchy: LevelRow
    nav: Decimal
    unlevelled: list[tuple] = field(default_factory=list)  # paths of holdings with a balance and no level
    nav_rows: list[tuple[str, Decimal]] = field(default_factory=list)  # the NAV line's parts, by caption
    subject: str = "Investments"  # "<subject> at fair value as of <date>"

    @property
    def total(self) -> Decimal:
        """Investments at fair value: the hierarchy plus the NAV line."""
        return self.hierarchy.total + self.nav


def uses_levels(py: PlanYear) -> bool:
    """Whether the plan year gives fair value levels at all (older filings do not)."""
    return any(h.fair_value_level for g in py.investments for h in g.holdings)


def fair_value_table(py: PlanYear, year_end: dt.date, column: str,
                     in_hierarchy: Callable[[object], bool] = lambda holding: True) -> FairValueTable:
    """The table at the current or prior year-end (column "current" or "prior"), of the holdings in_hierarchy
    says the statement measures at fair value (not contracts at contract value, not a master trust interest)."""
    rows, nav, unlevelled, nav_rows = [], ZERO, [], []
    for g, group in enumerate(py.investments):
        by_level = dict.fromkeys(LEVELS, ZERO)
        group_nav = ZERO
        for h, holding in enumerate(group.holdings):
            if not in_hierarchy(holding):
                continue
            value = getattr(holding, column)
            level = holding.fair_value_level
            if column == "prior" and holding.prior_fair_value_level:
                level = holding.prior_fair_value_level
            if value == ZERO:
                continue
            if level is None:
                unlevelled.append(("investments", g, "holdings", h))
            elif level == "nav":
                group_nav += value
            else:
                by_level[level] += value
        if any(by_level.values()):
            rows.append(LevelRow(group.caption, by_level["1"], by_level["2"], by_level["3"]))
        if group_nav:
            nav += group_nav
            nav_rows.append((group.caption, group_nav))
    hierarchy = LevelRow("", *(sum((getattr(r, f"level{n}") for r in rows), ZERO) for n in LEVELS))
    return FairValueTable(year_end, rows, hierarchy, nav, unlevelled, nav_rows)
