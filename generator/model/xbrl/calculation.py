"""The calculation relationships of a filing: FASB's EBP trees, narrowed to the concepts the filing reports.

A total whose FASB children are not reported adds the nearest reported descendants instead (Asset adds
InvestmentFairValue when InvestmentFairAndContractValue is not shown), and an extension subtotal replaces
the children it sums under its parent (receivables without the notes receivable, a group of receivables,
net assets at fair value before the adjustment to contract value). Pure.
"""

from __future__ import annotations

from functools import lru_cache

from . import mapping as m
from .taxonomy import calculations

CHANGES_NETWORK = "EBPStatementChangeNetAssetAvailableBenefit"


def ancestors(concept: str, network: str = CHANGES_NETWORK) -> list[str]:
    """The totals above a concept in one FASB network, nearest first."""
    tree = calculations()[network]
    parents = {child: parent for parent, children in tree.items() for child, _ in children}
    out = []
    while concept in parents:
        concept = parents[concept]
        out.append(concept)
    return out


@lru_cache(maxsize=None)
def _fasb() -> dict[str, tuple[tuple[str, int], ...]]:
    """FASB's networks merged: parent -> its children (a parent appears in one network, or alike in several)."""
    merged: dict[str, list[tuple[str, int]]] = {}
    for tree in calculations().values():
        for parent, children in tree.items():
            merged.setdefault(parent, [])
            merged[parent] += [c for c in children if c not in merged[parent]]
    return {parent: tuple(children) for parent, children in merged.items()}


def relationships(reported: set[str], extensions: dict[str, m.Extension] | None = None,
                  children: dict[str, list[tuple[str, int]]] | None = None) -> list[tuple[str, str, int]]:
    """(parent, child, weight) for every total the filing reports, over the concepts it reports.

    Concept names are as the mapping writes them (extension elements as `ext:Name`); extensions and
    children add the filing's own extension subtotals (a group of receivables) to the mapping's.
    """
    exts = {f"ext:{name}": ext for name, ext in {**m.EXTENSIONS, **(extensions or {})}.items()}
    own = {**m.EXTENSION_CHILDREN, **(children or {})}

    def collapsed(parent: str, weight: int = 1) -> list[tuple[str, int]]:
        out = []
        for child, w in own.get(parent, ()) or _fasb().get(parent, ()):
            if child in reported:
                out.append((child, weight * w))
            else:
                out += collapsed(child, weight * w)
        return out

    arcs: dict[tuple[str, str], int] = {}
    for parent in sorted(reported & (set(_fasb()) | set(own))):
        kids = collapsed(parent)
        for name, ext in exts.items():
            if ext.parent == parent and name in reported:
                covered = {c for c, _ in collapsed(name)}
                kids = [(c, w) for c, w in kids if c not in covered] + [(name, ext.weight)]
        for child, weight in kids:
            arcs.setdefault((parent, child), weight)
    return [(p, c, w) for (p, c), w in arcs.items()]
