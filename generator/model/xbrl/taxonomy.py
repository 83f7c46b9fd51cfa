"""The us-gaap-ebp 2025 taxonomy as the build needs it, read from the tables in generator/assets/xbrl/.

The tables are FASB's (elements, labels, calculations, cubes, domains) and EDGAR's (DQC_0015's non-negative
concepts, deprecations), extracted by scripts/xbrl_assets.py; nothing is fetched. Names are prefixed
qnames: `us-gaap-ebp:EmployeeBenefitPlanAsset`, `us-gaap:MutualFundMember`, `dei:LegalEntityAxis`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "xbrl"

EBP = "us-gaap-ebp"
NAMESPACES = {
    "us-gaap-ebp": "http://fasb.org/us-gaap-ebp/2025",
    "us-gaap": "http://fasb.org/us-gaap/2025",
    "dei": "http://xbrl.sec.gov/dei/2025",
    "srt": "http://fasb.org/srt/2025",
}
SCHEMAS = {
    "us-gaap-ebp": "https://xbrl.fasb.org/us-gaap/2025/ebp/elts/us-gaap-ebp-2025.xsd",
    "us-gaap": "https://xbrl.fasb.org/us-gaap/2025/elts/us-gaap-2025.xsd",
    "dei": "https://xbrl.sec.gov/dei/2025/dei-2025.xsd",
    "srt": "https://xbrl.fasb.org/srt/2025/elts/srt-2025.xsd",  # imported by a filing that uses an srt name
}


@dataclass(frozen=True)
class Concept:
    """An element: its qname, XBRL type, period type, balance and whether it is abstract."""

    qname: str
    type: str
    period: str  # instant | duration
    balance: str = ""  # debit | credit | ""
    abstract: bool = False

    @property
    def prefix(self) -> str:
        return self.qname.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.qname.split(":", 1)[1]

    @property
    def numeric(self) -> bool:
        return self.type in ("xbrli:monetaryItemType", "xbrli:sharesItemType", "xbrli:integerItemType",
                             "xbrli:decimalItemType", "xbrli:pureItemType", "dtr-types:percentItemType")

    @property
    def monetary(self) -> bool:
        return self.type == "xbrli:monetaryItemType"


def _rows(name: str) -> list[dict[str, str]]:
    with open(ASSETS / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def ebp_elements() -> dict[str, Concept]:
    """Every element of us-gaap-ebp-2025.xsd, by qname."""
    return {f"{EBP}:{r['name']}": Concept(f"{EBP}:{r['name']}", r["type"], r["periodType"], r["balance"],
                                          r["abstract"] == "true")
            for r in _rows("elements.tsv")}


@lru_cache(maxsize=None)
def labels() -> dict[tuple[str, str], str]:
    """FASB's English labels of the EBP elements: (qname, role) -> text; roles label, totalLabel,
    periodStartLabel, periodEndLabel."""
    return {(f"{EBP}:{r['name']}", r["role"]): r["text"] for r in _rows("labels.tsv")}


@lru_cache(maxsize=None)
def calculations() -> dict[str, dict[str, list[tuple[str, int]]]]:
    """FASB's EBP calculation networks: network -> parent qname -> [(child qname, weight)], in FASB's order."""
    networks: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for r in _rows("calculations.tsv"):
        weight = 1 if r["weight"] == "1.0" else -1
        networks.setdefault(r["role"], {}).setdefault(r["parent"], []).append((r["child"], weight))
    return networks


@lru_cache(maxsize=None)
def cube_concepts() -> dict[str, set[str]]:
    """FASB's EBP hypercubes: table qname -> the concepts under its line items."""
    out: dict[str, set[str]] = {}
    for r in _rows("cubes.tsv"):
        if r["kind"] == "concept":
            out.setdefault(r["table"], set()).add(r["name"])
    return out


@lru_cache(maxsize=None)
def cube_line_items() -> dict[str, str]:
    """Table qname -> its line items qname."""
    return {r["table"]: r["lineItems"] for r in _rows("cubes.tsv")}


@lru_cache(maxsize=None)
def domain_members() -> dict[str, dict[str, str]]:
    """Axis qname -> {member qname: its domain} for every member FASB places under the axis's domain."""
    out: dict[str, dict[str, str]] = {}
    for r in _rows("domains.tsv"):
        members = out.setdefault(r["axis"], {})
        if r["member"]:
            members[r["member"]] = r["domain"]
    return out


@lru_cache(maxsize=None)
def axis_domains() -> dict[str, str]:
    """Explicit axis qname -> its domain qname."""
    return {r["axis"]: r["domain"] for r in _rows("domains.tsv")}


@lru_cache(maxsize=None)
def nonnegative() -> frozenset[str]:
    """EBP concepts DQC_0015 requires to be zero or more (XBRL US rule, EDGAR's 2025 constants)."""
    return frozenset(f"{EBP}:{r['name']}" for r in _rows("nonnegative.tsv"))


@lru_cache(maxsize=None)
def deprecated() -> frozenset[str]:
    return frozenset(f"{EBP}:{r['name']}" for r in _rows("deprecated.tsv"))


def known_external(qname: str) -> bool:
    """A us-gaap, dei or srt name that FASB's EBP cubes use (an axis, domain or member)."""
    if qname in axis_domains() or qname in axis_domains().values():
        return True
    return any(qname in members for members in domain_members().values()) or any(
        qname == r["name"] for r in _rows("cubes.tsv") if r["kind"] == "axis")
