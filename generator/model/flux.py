"""Flux review: each line of the statement of net assets, current against prior year-end, flagged past a threshold.

Decimal arithmetic throughout; a percentage is compared exactly and rounded (half up, one place) only for print.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..load.yaml_source import dotted
from ..money import ZERO
from .compute import Filing, Pair, investments_presentation

HUNDRED = Decimal(100)
SIZE, MATERIAL = "size", "net assets"  # the two reasons a line is flagged


@dataclass(frozen=True)
class Limits:
    """When a move is flagged: at least percent of its prior balance and amount dollars, or more than
    net_assets_percent of net assets at the current year-end."""

    percent: Decimal = Decimal(10)
    amount: Decimal = Decimal(10000)
    net_assets_percent: Decimal = Decimal(5)

    def threshold(self, net_assets: Decimal, places: int = 0) -> Decimal:
        """The move against net assets past which a line is flagged, cut down to the filing's decimal
        places: a move in those places exceeds the cut figure exactly when it exceeds the exact one."""
        exact = self.net_assets_percent * net_assets / HUNDRED
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)

    def describe(self, reasons: tuple[str, ...]) -> str:
        words = {SIZE: f"at least {self.percent}% and ${self.amount:,}",
                 MATERIAL: f"more than {self.net_assets_percent}% of net assets"}
        return "; ".join(words[r] for r in reasons)


@dataclass(frozen=True)
class FluxLine:
    """One line of the statement of net assets and its move between the two year-ends."""

    label: str
    path: str  # dotted path of the line in the YAML; empty for a total
    amount: Pair
    explanation: str | None = None
    reasons: tuple[str, ...] = ()  # why it is flagged (SIZE, MATERIAL); empty when it is not
    total: bool = False

    @property
    def change(self) -> Decimal:
        return self.amount.current - self.amount.prior

    @property
    def percent(self) -> Decimal | None:
        """The change as a percent of the prior balance, rounded half up to one place; None from zero."""
        if self.amount.prior == ZERO:
            return None
        exact = self.change * HUNDRED / abs(self.amount.prior)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def unexplained(self) -> bool:
        return self.flagged and not (self.explanation or "").strip()


def limits_for(f: Filing, **given: Decimal | None) -> Limits:
    """The plan year's flux: settings (else the defaults); a value given here (not None) takes precedence."""
    settings = f.plan_year.flux
    values = {name: Decimal(getattr(settings, name)) for name in ("percent", "amount", "net_assets_percent")} \
        if settings else {}
    values.update({name: value for name, value in given.items() if value is not None})
    return Limits(**values)


def reasons(amount: Pair, net_assets: Decimal, limits: Limits) -> tuple[str, ...]:
    """Why a move is flagged (empty if it is not): large against its own balance, or against net assets."""
    change = abs(amount.current - amount.prior)
    out = []
    percent_met = amount.prior == ZERO or change * HUNDRED >= limits.percent * abs(amount.prior)
    if change and change >= limits.amount and percent_met:
        out.append(SIZE)
    if net_assets > ZERO and change * HUNDRED > limits.net_assets_percent * net_assets:
        out.append(MATERIAL)
    return tuple(out)


def flux_lines(f: Filing, limits: Limits) -> list[FluxLine]:
    """Every line of the statement of net assets in statement order, totals included (never flagged)."""
    py, net = f.plan_year, f.net_assets.current
    out: list[FluxLine] = []

    def line(label: str, path: tuple, amount: Pair, explanation: str | None) -> None:
        out.append(FluxLine(label, dotted(path), amount, explanation, reasons(amount, net, limits)))

    by_type = investments_presentation(py) == "by_type"
    for group in f.investment_groups:
        # Explanations live beside each holding, so holdings are reviewed even when the statement shows
        # one line per type; the type's line is then shown as a subtotal.
        for st in group.lines:
            g, h = st.path[1], st.path[3]
            line(st.label, st.path, st.amount, py.investments[g].holdings[h].explanation)
        if by_type:
            out.append(FluxLine(group.caption, "", group.subtotal, total=True))
    out.append(FluxLine("Total investments", "", f.total_investments, total=True))
    loans = getattr(f, "notes_receivable", None)  # notes receivable from participants, on their own line
    if loans is not None:
        line(loans.label, loans.path, loans.amount, py.net_assets.notes_receivable.explanation)
    for i, st in enumerate(f.receivables):
        line(f"{st.label} receivable", st.path, st.amount, py.net_assets.receivables[i].explanation)
    if f.receivables:
        out.append(FluxLine("Total receivables", "", f.total_receivables, total=True))
    if f.cash:
        line(f.cash.label, f.cash.path, f.cash.amount, py.net_assets.cash.explanation)
    out.append(FluxLine("Total assets", "", f.total_assets, total=True))
    for i, st in enumerate(f.liabilities):
        line(st.label, st.path, st.amount, py.net_assets.liabilities[i].explanation)
    if f.liabilities:
        out.append(FluxLine("Total liabilities", "", f.total_liabilities, total=True))
    if f.contract_adjustment is not None:
        out.append(FluxLine(f.layout.adjustment_label, "", f.contract_adjustment, total=True))
    out.append(FluxLine("Net assets available for benefits", "", f.net_assets, total=True))
    return out


def signed(value: Decimal) -> str:
    return f"{value:+,}" if value else "0"


def percent_text(line: FluxLine) -> str:
    if line.percent is None:
        return "new" if line.change else ""
    return f"{line.percent:+}%" if line.percent else "0.0%"
