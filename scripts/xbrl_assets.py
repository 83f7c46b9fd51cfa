"""Regenerate generator/assets/xbrl/ from FASB's 2025 US GAAP taxonomy package and the SEC's EDGAR plugin.

The build never reads a taxonomy package: what it needs of us-gaap-ebp 2025 ships inside elevenk as small
tables, and this script rewrites them so a reviewer can check every row against FASB's own files:

    python scripts/xbrl_assets.py --fasb ../shared/taxonomy/us-gaap-2025-partial.zip \\
        --edgar ../shared/tools/arelle-edgar/EDGAR --out generator/assets/xbrl

Tables written (tab-separated, sorted, one header line):
- elements.tsv      every element of ebp/elts/us-gaap-ebp-2025.xsd: type, period type, balance, abstract
- labels.tsv        FASB's English labels of those elements (standard, total, period start and end)
- calculations.tsv  FASB's calculation relationships of the EBP statements and disclosures
- cubes.tsv         FASB's EBP hypercubes: each table's line items, axes and the concepts under its line items
- domains.tsv       each axis's domain and the members FASB puts under it in the EBP cubes (us-gaap, dei, srt
                    names included: they are the only names of those taxonomies elevenk may use)
- nonnegative.tsv   the EBP concepts XBRL US's DQC_0015 requires to be zero or more (EDGAR's 2025 constants)
- deprecated.tsv    EBP concepts EDGAR reports as deprecated in 2025
"""

from __future__ import annotations

import argparse
import json
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

XS = "{http://www.w3.org/2001/XMLSchema}"
XL = "{http://www.w3.org/1999/xlink}"
XBRLI = "{http://www.xbrl.org/2003/instance}"
ROOT = "us-gaap-2025/ebp/"
EBP_XSD = ROOT + "elts/us-gaap-ebp-2025.xsd"
EBP_LAB = ROOT + "elts/us-gaap-ebp-lab-2025.xml"
LABEL_ROLES = {"label", "totalLabel", "periodStartLabel", "periodEndLabel"}
DIM = "http://xbrl.org/int/dim/arcrole/"


def qname(href: str) -> str:
    """'../../elts/us-gaap-2025.xsd#us-gaap_MutualFundMember' -> 'us-gaap:MutualFundMember'."""
    prefix, _, name = href.split("#", 1)[1].partition("_")
    return f"{prefix}:{name}"


def elements(pkg: zipfile.ZipFile) -> list[list[str]]:
    root = ET.fromstring(pkg.read(EBP_XSD))
    rows = []
    for el in root.iter(XS + "element"):
        rows.append([el.get("name"), el.get("type"), el.get(XBRLI + "periodType") or "",
                     el.get(XBRLI + "balance") or "", el.get("abstract") or "false", el.get("substitutionGroup")])
    return sorted(rows)


def _arcs(link: ET.Element):
    """(arcrole, from qname, to qname, arc) for each arc of an extended link."""
    locs = {el.get(XL + "label"): qname(el.get(XL + "href"))
            for el in link if el.get(XL + "type") == "locator"}
    for arc in link:
        if arc.get(XL + "type") == "arc":
            yield arc.get(XL + "arcrole"), locs.get(arc.get(XL + "from")), locs.get(arc.get(XL + "to")), arc


def labels(pkg: zipfile.ZipFile) -> list[list[str]]:
    root = ET.fromstring(pkg.read(EBP_LAB))
    rows = []
    for link in root:
        locs = {el.get(XL + "label"): qname(el.get(XL + "href")) for el in link if el.get(XL + "type") == "locator"}
        resources: dict[str, list[ET.Element]] = {}
        for el in link:
            if el.get(XL + "type") == "resource":
                resources.setdefault(el.get(XL + "label"), []).append(el)
        for el in link:
            if el.get(XL + "type") != "arc":
                continue
            for res in resources.get(el.get(XL + "to"), []):
                role = res.get(XL + "role").rsplit("/", 1)[1]
                if role in LABEL_ROLES and res.get("{http://www.w3.org/XML/1998/namespace}lang", "en").startswith("en"):
                    rows.append([locs[el.get(XL + "from")].split(":", 1)[1], role, " ".join(res.text.split())])
    return sorted(rows)


def _linkbases(pkg: zipfile.ZipFile, kind: str) -> list[str]:
    """Every EBP statement and disclosure linkbase of a kind (cal, def), whatever its extension."""
    return sorted(n for n in pkg.namelist()
                  if n.startswith((ROOT + "stm/", ROOT + "dis/")) and f"-{kind}-2025." in n)


def calculations(pkg: zipfile.ZipFile) -> list[list[str]]:
    rows = set()
    for name in _linkbases(pkg, "cal"):
        for link in ET.fromstring(pkg.read(name)).iter("{http://www.xbrl.org/2003/linkbase}calculationLink"):
            role = link.get(XL + "role").rsplit("/", 1)[1]
            for arcrole, parent, child, arc in _arcs(link):
                if arcrole.endswith("/summation-item"):
                    rows.add((role, parent, child, str(float(arc.get("weight")))))
    return sorted(list(r) for r in rows)


def _def_links(pkg: zipfile.ZipFile):
    for name in _linkbases(pkg, "def"):
        for link in ET.fromstring(pkg.read(name)).iter("{http://www.xbrl.org/2003/linkbase}definitionLink"):
            yield link.get(XL + "role"), list(_arcs(link))


def cubes_and_domains(pkg: zipfile.ZipFile) -> tuple[list[list[str]], list[list[str]]]:
    """cubes: table, line items, 'axis' or 'concept', name. domains: axis, domain, member, parent."""
    by_role: dict[str, list] = {}
    for role, arcs in _def_links(pkg):
        by_role.setdefault(role, []).extend(arcs)
    cubes, domains = set(), set()
    for arcs in by_role.values():
        children: dict[str, list[str]] = {}
        for arcrole, src, dst, _ in arcs:
            if arcrole == DIM + "domain-member":
                children.setdefault(src, []).append(dst)
        tables = [(src, dst) for arcrole, src, dst, _ in arcs if arcrole == DIM + "all"]
        for line_items, table in tables:
            for arcrole, src, dst, _ in arcs:
                if arcrole == DIM + "hypercube-dimension" and src == table:
                    cubes.add((table, line_items, "axis", dst))
            for concept in _descendants(children, line_items):
                cubes.add((table, line_items, "concept", concept))
        for arcrole, axis, domain, _ in arcs:
            if arcrole == DIM + "dimension-domain":
                domains.add((axis, domain, "", ""))  # the axis's domain, members or not
                for parent, member in _edges(children, domain):
                    domains.add((axis, domain, member, parent))
    return sorted(list(r) for r in cubes), sorted(list(r) for r in domains)


def _descendants(children: dict[str, list[str]], top: str) -> list[str]:
    out, stack = [], list(children.get(top, []))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(children.get(node, []))
    return out


def _edges(children: dict[str, list[str]], top: str):
    stack = [top]
    while stack:
        node = stack.pop()
        for child in children.get(node, []):
            yield node, child
            stack.append(child)


def nonnegative(edgar: Path) -> list[list[str]]:
    data = json.loads((edgar / "validate/resources/xule/dqcrt-us-2025-constants.json").read_text())
    entries = data["NON_NEG_ITEMS"][1:]  # ["dictionary", [["qname", name], rule id], ...]
    prefix = "{http://fasb.org/us-gaap-ebp/2025}"
    return sorted([entry[0][1][len(prefix):]] for entry in entries if entry[0][1].startswith(prefix))


def deprecated(edgar: Path) -> list[list[str]]:
    data = json.loads((edgar / "validate/resources/us-gaap-ebp-deprecated-concepts.json").read_text())
    return sorted([name, year] for name, year in data.items())


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = ["\t".join(header)] + ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(rows)} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fasb", required=True, type=Path, help="FASB's us-gaap 2025 taxonomy package (zip)")
    parser.add_argument("--edgar", required=True, type=Path, help="the SEC's EDGAR plugin folder (EDGAR/)")
    parser.add_argument("--out", required=True, type=Path, help="generator/assets/xbrl")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(args.fasb) as pkg:
        write(args.out / "elements.tsv",
              ["name", "type", "periodType", "balance", "abstract", "substitutionGroup"], elements(pkg))
        write(args.out / "labels.tsv", ["name", "role", "text"], labels(pkg))
        write(args.out / "calculations.tsv", ["role", "parent", "child", "weight"], calculations(pkg))
        cubes, domains = cubes_and_domains(pkg)
        write(args.out / "cubes.tsv", ["table", "lineItems", "kind", "name"], cubes)
        write(args.out / "domains.tsv", ["axis", "domain", "member", "parent"], domains)
    write(args.out / "nonnegative.tsv", ["name"], nonnegative(args.edgar))
    write(args.out / "deprecated.tsv", ["name", "year"], deprecated(args.edgar))


if __name__ == "__main__":
    main()
