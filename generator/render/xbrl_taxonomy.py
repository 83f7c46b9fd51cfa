"""The filer's extension taxonomy of an Inline XBRL submission: its schema and its label, presentation,
calculation and definition linkbases, written from the facts (model/xbrl/facts.py).

The schema imports us-gaap-ebp 2025 and dei 2025 by their official URLs (EFM 6.5.60) and declares the plan's
member of dei:LegalEntityAxis and the extension elements the mapping needs. Each section of the filing is
a role "NNNN - Statement|Disclosure|Schedule|Document - Title" used on all three relationship linkbases;
its hypercube is FASB's table for it, holding the axes and members its facts use.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ..model.xbrl import mapping as m
from ..model.xbrl.calculation import relationships
from ..model.xbrl.facts import ENTITY_AXIS, Role, XbrlFacts
from ..model.xbrl.taxonomy import NAMESPACES, SCHEMAS, axis_domains, ebp_elements, labels

LINK = "http://www.xbrl.org/2003/linkbase"
ROLE = "http://www.xbrl.org/2003/role/"
DIM = "http://xbrl.org/int/dim/arcrole/"
DTR = "http://www.xbrl.org/dtr/type/2024-01-31"
DTR_SCHEMA = "https://www.xbrl.org/dtr/type/2024-01-31/types.xsd"
# EDGAR orders roles by level (EFM 6.7.12): cover and statements, notes and schedules, then details.
ROLE_ORDER = ["cover", "net_assets", "investments", "changes"]
AFTER_NOTES = ["schedule_h", "schedule_h_total", "appreciation", "fair_value", "master_trust",
               "master_trust_fair_value", "reconciliation"]


def taxonomy_files(x: XbrlFacts) -> dict[str, bytes]:
    """The extension schema and its four linkbases, by file name."""
    roles = ordered_roles(x)
    out = {
        f"{x.base}.xsd": _schema(x, roles),
        f"{x.base}_lab.xml": _labels(x, roles),
        f"{x.base}_pre.xml": _presentation(x, roles),
        f"{x.base}_cal.xml": _calculation(x, roles),
        f"{x.base}_def.xml": _definition(x, roles),
    }
    return {name: text.encode("ascii", "xmlcharrefreplace") for name, text in out.items()}


def ordered_roles(x: XbrlFacts) -> list[Role]:
    """The roles in the filing's order: cover, statements, notes, details, schedules."""
    def key(role: Role):
        if role.key in ROLE_ORDER:
            return (0, ROLE_ORDER.index(role.key), 0)
        if role.key.endswith("_details"):  # a note's facts no table prints, after the tables' details
            return (3, 0, int(role.key[4:-len("_details")]))
        if role.key.startswith("note"):
            return (1, 0, int(role.key[4:]))
        return (2, AFTER_NOTES.index(role.key), 0)
    return sorted(x.roles.values(), key=key)


def role_uri(x: XbrlFacts, role: Role) -> str:
    return f"{x.namespace}/role/{role_id(role)}"


def role_id(role: Role) -> str:
    words = re.findall(r"[A-Za-z0-9]+", role.title)
    return "".join(w[:1].upper() + w[1:] for w in words)


def _definition_text(index: int, role: Role) -> str:
    return f"{index:04d} - {role.kind} - {role.title}"


# ---------------------------------------------------------------- concepts and their labels


def _href(x: XbrlFacts, concept: str) -> str:
    """Where a concept is declared: the official schema of its taxonomy, or the extension schema."""
    prefix, name = x.qname(concept).split(":", 1)
    if prefix == x.prefix:
        return f"{x.base}.xsd#{prefix}_{name}"
    return f"{SCHEMAS[prefix]}#{prefix}_{name}"


def _words(name: str) -> str:
    """'FairValueInputsLevel1Member' -> 'Fair Value Inputs Level 1 [Member]' (labels of us-gaap and dei
    names, whose FASB and SEC label linkbases the build does not have)."""
    for suffix, tag in (("Member", "Member"), ("Axis", "Axis"), ("Domain", "Domain"), ("Table", "Table"),
                        ("LineItems", "Line Items"), ("Abstract", "Abstract")):
        if name.endswith(suffix):
            return f"{_split(name[:-len(suffix)])} [{tag}]"
    return _split(name)


def _split(name: str) -> str:
    return " ".join(re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|\d+|[a-z]+", name)).replace("U S", "US")


def concept_label(x: XbrlFacts, concept: str, role: str = "label") -> str:
    """The English label of a concept in a role (label, totalLabel, periodStartLabel, periodEndLabel)."""
    if concept == x.plan_member:
        py_label = concept[len("ext:EBP"):-len("Member")]
        return f"EBP {py_label} [Member]"
    if concept.startswith("ext:"):
        ext = x.extensions.get(concept[4:]) or m.EXTENSIONS[concept[4:]]
        return {"totalLabel": f"{ext.label}, Total"}.get(role, ext.label)
    if concept in m.DEI_CONCEPTS:
        return m.DEI_CONCEPTS[concept][2]
    found = labels().get((concept, role))
    if found:
        return found
    return _words(concept.split(":", 1)[1])


def _all_concepts(x: XbrlFacts, roles: list[Role]) -> list[str]:
    """Every concept the linkbases name: facts, tables, line items, axes, domains, members."""
    out: list[str] = []
    for role in roles:
        for c in _role_items(x, role):
            if c not in out:
                out.append(c)
    return out


def _role_items(x: XbrlFacts, role: Role) -> list[str]:
    items = []
    if role.table and _has_dimensions(role):
        items += [role.table, _line_items(role.table)]
        for axis in _axes(role):
            items.append(axis)
            if axis in role.axes:
                items.append(_domain(axis))
                items += role.axes[axis]
    else:
        items.append(_heading(role))
    return items + role.concepts


def _heading(role: Role) -> str:
    """The abstract at the top of a section without a FASB table."""
    return "ext:CoverAbstract" if role.key == "cover" else "ext:NotesToFinancialStatementsAbstract"


def _has_dimensions(role: Role) -> bool:
    return bool(role.axes or role.typed_axes)


def _axes(role: Role) -> list[str]:
    return [a for a in role.axes] + list(role.typed_axes)


def _domain(axis: str) -> str:
    return axis_domains()[axis]


def _line_items(table: str) -> str:
    from ..model.xbrl.taxonomy import cube_line_items

    return cube_line_items()[table]


# ---------------------------------------------------------------- the schema


def _schema(x: XbrlFacts, roles: list[Role]) -> str:
    refs = "".join(
        f'<link:linkbaseRef xlink:type="simple" xlink:href="{x.base}_{kind}.xml" '
        f'xlink:role="http://www.xbrl.org/2003/role/{name}LinkbaseRef" '
        'xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>\n'
        for kind, name in (("cal", "calculation"), ("def", "definition"), ("lab", "label"), ("pre", "presentation")))
    role_types = "".join(
        f'<link:roleType roleURI="{role_uri(x, role)}" id="{role_id(role)}">'
        f"<link:definition>{escape(_definition_text(i + 1, role))}</link:definition>"
        "<link:usedOn>link:presentationLink</link:usedOn><link:usedOn>link:calculationLink</link:usedOn>"
        "<link:usedOn>link:definitionLink</link:usedOn></link:roleType>\n"
        for i, role in enumerate(roles))
    elements = [_element(x, x.plan_member, "dtr-types:domainItemType", "duration", "", abstract=True)]
    for name, ext in sorted(_extensions(x, roles).items()):
        elements.append(_element(x, f"ext:{name}", ext.type, ext.period, ext.balance, ext.abstract))
    return (
        '<?xml version="1.0" encoding="US-ASCII"?>\n'
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance" '
        f'xmlns:link="{LINK}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dtr-types="{DTR}" '
        f'xmlns:{x.prefix}={quoteattr(x.namespace)} targetNamespace={quoteattr(x.namespace)} '
        'elementFormDefault="qualified" attributeFormDefault="unqualified">\n'
        f"<xs:annotation><xs:appinfo>\n{refs}{role_types}</xs:appinfo></xs:annotation>\n"
        '<xs:import namespace="http://www.xbrl.org/2003/instance" '
        'schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>\n'
        f'<xs:import namespace="{DTR}" schemaLocation="{DTR_SCHEMA}"/>\n'
        f'<xs:import namespace="{NAMESPACES["us-gaap-ebp"]}" schemaLocation="{SCHEMAS["us-gaap-ebp"]}"/>\n'
        f'<xs:import namespace="{NAMESPACES["dei"]}" schemaLocation="{SCHEMAS["dei"]}"/>\n'
        + (f'<xs:import namespace="{NAMESPACES["srt"]}" schemaLocation="{SCHEMAS["srt"]}"/>\n' if x.uses_srt else "")
        + "".join(elements) + "</xs:schema>\n")


def _extensions(x: XbrlFacts, roles: list[Role]) -> dict[str, m.Extension]:
    used = {c[4:] for c in _all_concepts(x, roles) if c.startswith("ext:") and c != x.plan_member}
    found = {**m.EXTENSIONS, **x.extensions}
    return {name: found[name] for name in used}


def _all_used(x: XbrlFacts) -> set[str]:
    """The concepts the calculation trees are drawn over (computed once per filing: a large schedule has tens of
    thousands of facts)."""
    key = id(x)
    if _USED.get("key") != key:
        _USED.update(key=key, used=x.calculated_concepts(), totals=None)
    return _USED["used"]


def _totals(x: XbrlFacts) -> set[str]:
    """The concepts that are totals of the filing's calculation relationships."""
    _all_used(x)
    if _USED["totals"] is None:
        _USED["totals"] = {p for p, _, _ in relationships(_USED["used"], x.extensions, x.children)}
    return _USED["totals"]


_USED: dict = {}


def _element(x: XbrlFacts, concept: str, type_: str, period: str, balance: str, abstract: bool = False) -> str:
    name = concept.split(":", 1)[1]
    attrs = (f'id="{x.prefix}_{name}" name="{name}" type="{type_}" substitutionGroup="xbrli:item" '
             f'nillable="true" xbrli:periodType="{period}"')
    if balance:
        attrs += f' xbrli:balance="{balance}"'
    if abstract:
        attrs += ' abstract="true"'
    return f"<xs:element {attrs}/>\n"


# ---------------------------------------------------------------- linkbases


def _linkbase(x: XbrlFacts, roles: list[Role], body: str, arcroles: list[str] = ()) -> str:
    role_refs = "".join(f'<link:roleRef roleURI="{role_uri(x, r)}" xlink:type="simple" '
                        f'xlink:href="{x.base}.xsd#{role_id(r)}"/>\n' for r in roles)
    arcrole_refs = "".join(
        f'<link:arcroleRef arcroleURI="{DIM}{a}" xlink:type="simple" '
        f'xlink:href="http://www.xbrl.org/2005/xbrldt-2005.xsd#{a}"/>\n' for a in arcroles)
    return ('<?xml version="1.0" encoding="US-ASCII"?>\n'
            f'<link:linkbase xmlns:link="{LINK}" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{role_refs}{arcrole_refs}{body}</link:linkbase>\n")


class _Locators:
    """One locator per concept within an extended link."""

    def __init__(self, x: XbrlFacts) -> None:
        self.x = x
        self.seen: dict[str, str] = {}
        self.parts: list[str] = []

    def __call__(self, concept: str, variant: str = "") -> str:
        """The locator of a concept; a variant is a second locator of it (XLink allows one arc per pair of
        labels, and the period's start and end are two arcs to one concept)."""
        key = concept + variant
        if key not in self.seen:
            label = "loc_" + self.x.qname(concept).replace(":", "_") + variant
            self.seen[key] = label
            self.parts.append(f'<link:loc xlink:type="locator" xlink:href="{escape(_href(self.x, concept))}" '
                              f'xlink:label="{label}"/>\n')
        return self.seen[key]


def _labels(x: XbrlFacts, roles: list[Role]) -> str:
    parts = ['<link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">\n']
    loc = _Locators(x)
    body = []
    preferred = _preferred_roles(x, roles)
    for i, concept in enumerate(_all_concepts(x, roles)):
        wanted = ["label"] + [r for r in ("totalLabel", "periodStartLabel", "periodEndLabel")
                              if r in preferred.get(concept, set())]
        for role in wanted:
            label = f"lab_{i}_{role}"
            body.append(f'<link:label xlink:type="resource" xlink:label="{label}" xlink:role="{ROLE}{role}" '
                        f'xml:lang="en-US">{escape(concept_label(x, concept, role))}</link:label>\n')
            body.append(f'<link:labelArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-label" '
                        f'xlink:from="{loc(concept)}" xlink:to="{label}"/>\n')
    parts += loc.parts + body + ["</link:labelLink>\n"]
    return _linkbase(x, [], "".join(parts))


def _preferred_roles(x: XbrlFacts, roles: list[Role]) -> dict[str, set[str]]:
    """The label roles the presentation uses, by concept: totals and the period's start and end."""
    out: dict[str, set[str]] = {}
    for role in roles:
        for concept, label_role in _preferred(x, role).items():
            out.setdefault(concept, set()).update(label_role.split())
    return out


def _preferred(x: XbrlFacts, role: Role) -> dict[str, str]:
    """Within one role: concept -> 'totalLabel' or 'periodStartLabel periodEndLabel'."""
    totals = _totals(x)
    out = {}
    for concept in role.concepts:
        if concept in role.period_labels:
            out[concept] = "periodStartLabel periodEndLabel"
        elif concept in totals and labels().get((concept, "totalLabel")):
            out[concept] = "totalLabel"
    return out


def _presentation(x: XbrlFacts, roles: list[Role]) -> str:
    links = []
    for role in roles:
        preferred = _preferred(x, role)
        loc = _Locators(x)
        arcs: list[str] = []

        def arc(parent: str, child: str, order: int, label_role: str = "", variant: str = "") -> None:
            attr = f' preferredLabel="{ROLE}{label_role}"' if label_role else ""
            arcs.append(f'<link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/'
                        f'parent-child" xlink:from="{loc(parent)}" xlink:to="{loc(child, variant)}" '
                        f'order="{order}"{attr}/>\n')

        if role.table and _has_dimensions(role):
            for n, axis in enumerate(_axes(role), 1):
                arc(role.table, axis, n)
                if axis in role.axes:
                    arc(axis, _domain(axis), 1)
                    for k, member in enumerate(role.axes[axis], 1):
                        arc(_domain(axis), member, k)
            line_items = _line_items(role.table)
            arc(role.table, line_items, len(_axes(role)) + 1)
            parent = line_items
        else:
            parent = _heading(role)
        order = 1
        for concept in role.concepts:
            roles_wanted = preferred.get(concept, "")
            if "periodStartLabel" in roles_wanted:
                arc(parent, concept, order, "periodStartLabel")
                arc(parent, concept, order + 1, "periodEndLabel", "_end")
                order += 2
                continue
            arc(parent, concept, order, "totalLabel" if "totalLabel" in roles_wanted else "")
            order += 1
        links.append(f'<link:presentationLink xlink:type="extended" xlink:role="{role_uri(x, role)}">\n'
                     + "".join(loc.parts) + "".join(arcs) + "</link:presentationLink>\n")
    return _linkbase(x, roles, "".join(links))


def _calculation(x: XbrlFacts, roles: list[Role]) -> str:
    arcs_by_role: dict[str, list[tuple[str, str, int]]] = {}
    placed = set()
    for parent, child, weight in relationships(_all_used(x), x.extensions, x.children):
        for role in roles:
            if role.key in m.UNCALCULATED_ROLES:
                continue
            if parent in role.concepts and child in role.concepts and (parent, child) not in placed:
                arcs_by_role.setdefault(role.key, []).append((parent, child, weight))
                placed.add((parent, child))
                break
    links = []
    for role in roles:
        arcs = arcs_by_role.get(role.key)
        if not arcs:
            continue
        loc = _Locators(x)
        body = [f'<link:calculationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/summation-item" '
                f'xlink:from="{loc(p)}" xlink:to="{loc(c)}" order="{n}" weight="{w}.0"/>\n'
                for n, (p, c, w) in enumerate(arcs, 1)]
        links.append(f'<link:calculationLink xlink:type="extended" xlink:role="{role_uri(x, role)}">\n'
                     + "".join(loc.parts) + "".join(body) + "</link:calculationLink>\n")
    return _linkbase(x, roles, "".join(links))


def _definition(x: XbrlFacts, roles: list[Role]) -> str:
    links = []
    used_arcroles = ["all", "hypercube-dimension", "dimension-domain", "dimension-default", "domain-member"]
    for role in roles:
        if not (role.table and _has_dimensions(role)):
            continue
        loc = _Locators(x)
        arcs = []

        def arc(arcrole: str, src: str, dst: str, order: int, extra: str = "") -> None:
            arcs.append(f'<link:definitionArc xlink:type="arc" xlink:arcrole="{DIM}{arcrole}" '
                        f'xlink:from="{loc(src)}" xlink:to="{loc(dst)}" order="{order}"{extra}/>\n')

        line_items = _line_items(role.table)
        arc("all", line_items, role.table, 1, ' xbrldt:closed="true" xbrldt:contextElement="segment"')
        for n, axis in enumerate(_axes(role), 1):
            arc("hypercube-dimension", role.table, axis, n)
            if axis in role.axes:
                domain = _domain(axis)
                arc("dimension-domain", axis, domain, 1)
                for k, member in enumerate(role.axes[axis], 1):
                    arc("domain-member", domain, member, k)
        for n, concept in enumerate(role.concepts, 1):
            arc("domain-member", line_items, concept, n)
        # Defaults last: XDT forbids a dimension-domain and a dimension-default arc between the same pair
        # in one link (xlink:dupArcs), so the default goes in a link of its own below.
        links.append(f'<link:definitionLink xlink:type="extended" xlink:role="{role_uri(x, role)}">\n'
                     + "".join(loc.parts) + "".join(arcs) + "</link:definitionLink>\n")
    defaults = _Locators(x)
    default_arcs = []
    for axis in sorted({a for role in roles if role.table for a in role.axes}):
        default_arcs.append(f'<link:definitionArc xlink:type="arc" xlink:arcrole="{DIM}dimension-default" '
                            f'xlink:from="{defaults(axis)}" xlink:to="{defaults(_domain(axis))}" order="1"/>\n')
    if default_arcs and roles:
        links.append(f'<link:definitionLink xlink:type="extended" xlink:role="{role_uri(x, roles[0])}">\n'
                     + "".join(defaults.parts) + "".join(default_arcs) + "</link:definitionLink>\n")
    return _linkbase(x, roles, "".join(links), used_arcroles)
