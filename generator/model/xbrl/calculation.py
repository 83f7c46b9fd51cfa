"""The calculation relationships of a filing: FASB's EBP trees, narrowed to the concepts the filing reports.

A total whose FASB children are not reported adds the nearest reported descendants instead (Asset adds
InvestmentFairValue when InvestmentFairAndContractValue is not shown), and an extension subtotal replaces
the FASB children it sums. Pure.
"""

from __future__ import annotations

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


def _collapsed(tree: dict, parent: str, reported: set[str], weight: int = 1) -> list[tuple[str, int]]:
    out = []
    for child, w in tree.get(parent, []):
        if child in reported:
            out.append((child, weight * w))
        else:
            out += _collapsed(tree, child, reported, weight * w)
    return out


def relationships(reported: set[str]) -> list[tuple[str, str, int]]:
    """(parent, child, weight) for every total the filing reports, over the concepts it reports.

    `reported` holds concept names as the mapping writes them (extension elements as `ext:Name`).
    """
    extension_parents: dict[str, list[str]] = {}
    for name, ext in m.EXTENSIONS.items():
        if ext.parent and f"ext:{name}" in reported:
            extension_parents.setdefault(ext.parent, []).append(f"ext:{name}")
    arcs: dict[tuple[str, str], int] = {}
    for tree in calculations().values():
        for parent in tree:
            if parent not in reported:
                continue
            children = _collapsed(tree, parent, reported)
            for ext in extension_parents.get(parent, []):
                covered = {c for c, _ in _collapsed_extension(ext, reported)}
                children = [(c, w) for c, w in children if c not in covered]
                children.append((ext, m.EXTENSIONS[ext[4:]].weight))
            for child, weight in children:
                arcs.setdefault((parent, child), weight)
    for parent in m.EXTENSION_CHILDREN:
        if parent in reported:
            for child, weight in _collapsed_extension(parent, reported):
                arcs.setdefault((parent, child), weight)
    return [(p, c, w) for (p, c), w in arcs.items()]


def _collapsed_extension(parent: str, reported: set[str]) -> list[tuple[str, int]]:
    out = []
    for child, weight in m.EXTENSION_CHILDREN.get(parent, []):
        if child in reported:
            out.append((child, weight))
        else:
            for tree in calculations().values():
                out += _collapsed(tree, child, reported, weight)
    return out
