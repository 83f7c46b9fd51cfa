"""Layout choices the statements make from the data: which subtotals print, how receivables group, what
the statements are called. Every format reads the same decisions. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load.schema import PlanYear
from .contracts import ADJUSTMENT_LABEL, FAIR_VALUE_NET_ASSETS

SUBJECTS = {"net_assets": "net assets", "assets": "assets"}


def total_label(caption: str) -> str:
    """The label of a group's subtotal: "Contributions receivable" -> "Total contributions receivable"."""
    caption = caption.strip().rstrip(":")
    return "Total " + caption[:1].lower() + caption[1:]


@dataclass(frozen=True)
class Layout:
    """What the statements print beside the figures."""

    subject: str  # "net assets" or "assets": "Statements of <Subject> Available for Benefits"
    subtotals: str  # "always" or "two_or_more"
    asset_order: tuple[str, ...]
    investments_caption: str | None  # None: each format's own caption; "": none
    total_investments: bool
    receivables_caption: str  # over the receivables ("Receivables", or the caption of their one group)
    grouped_receivables: bool  # the receivables are one group whose caption and total stand for them all
    total_receivables: bool
    total_receivables_label: str
    total_liabilities: bool
    has_liabilities: bool
    net_assets_lines: str  # statement of changes: "inline" or "captioned"
    in_thousands: bool  # figures printed in thousands, under "(In thousands)"
    adjustment_label: str  # fully benefit-responsive contracts, adjustment presentation
    fair_value_net_assets_label: str
    captions: dict[str, str] = field(default_factory=dict)  # the filer's words for the fixed captions

    @property
    def shows_fair_value_net_assets(self) -> bool:
        """Net assets at fair value above the adjustment: a subtotal of assets less liabilities."""
        return self.subtotals == "always" or self.has_liabilities

    def shows_total(self, lines: int) -> bool:
        """Whether a group of this many lines prints its subtotal."""
        return self.subtotals == "always" or lines > 1

    def total_label(self, caption: str) -> str:
        return total_label(caption)

    def caption(self, name: str, default: str) -> str:
        """A fixed caption in the filer's words (presentation.captions), else the format's own."""
        return self.captions.get(name, default)

    @property
    def statements_title(self) -> str:
        return f"Statements of {self.subject.title()} Available for Benefits"

    @property
    def changes_title(self) -> str:
        return f"Statement of Changes in {self.subject.title()} Available for Benefits"

    @property
    def final_caption(self) -> str:
        """The statement's last line: "Net assets available for benefits"."""
        return f"{self.subject.capitalize()} available for benefits"


def receivable_groups(py: PlanYear) -> list[tuple[str, list[int]]]:
    """The receivables in order as (group caption, line indexes); an ungrouped line is a group of its own
    with caption ""."""
    groups: list[tuple[str, list[int]]] = []
    for i, line in enumerate(py.net_assets.receivables):
        caption = line.group or ""
        if caption and groups and groups[-1][0] == caption:
            groups[-1][1].append(i)
        else:
            groups.append((caption, [i]))
    return groups


def layout(py: PlanYear, investment_lines: int) -> Layout:
    """The layout of this plan year's statements; investment_lines is how many lines the statement shows."""
    p = py.presentation
    always = p.subtotals == "always"
    groups = receivable_groups(py)
    grouped = not always and len(groups) == 1 and bool(groups[0][0])
    caption = groups[0][0] if grouped else "Receivables"
    return Layout(
        subject=SUBJECTS[p.title],
        subtotals=p.subtotals,
        asset_order=p.asset_order,
        investments_caption=p.investments_caption,
        total_investments=always or investment_lines > 1,
        receivables_caption=caption,
        grouped_receivables=grouped,
        total_receivables=always or len(py.net_assets.receivables) > 1,
        total_receivables_label=total_label(caption),
        total_liabilities=always or len(py.net_assets.liabilities) > 1,
        has_liabilities=bool(py.net_assets.liabilities),
        net_assets_lines=p.net_assets_lines,
        in_thousands=p.in_thousands or py.filing.amounts_in == "thousands",
        adjustment_label=p.adjustment_label or ADJUSTMENT_LABEL,
        fair_value_net_assets_label=p.fair_value_net_assets_label or FAIR_VALUE_NET_ASSETS,
        captions=dict(p.captions),
    )
