"""The filer's extension schema beside an Inline XBRL document, when it is there: what each of the filer's own
elements adds into (its calculation linkbase) and what it is called (its standard label). Read only to place
a line the mapping does not name, never to guess one. Pure: the files' texts come through `read`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

XLINK = "http://www.w3.org/1999/xlink"
LINK = "http://www.xbrl.org/2003/linkbase"
CALCULATION = "http://www.w3.org/1999/xlink/properties/linkbase"  # linkbaseRef arcrole (every kind)
STANDARD_LABEL = "http://www.xbrl.org/2003/role/label"
SUMMATION = "http://www.xbrl.org/2003/arcrole/summation-item"


@dataclass
class Extension:
    """The filer's calculation parents (concept -> [(total, weight)]) and standard labels of its own elements."""

    parents: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the files read

    def totals_above(self, concept: str) -> list[str]:
        """Every total a concept adds into, nearest first, by the filer's own calculations."""
        out, todo = [], [concept]
        while todo:
            for parent, _ in self.parents.get(todo.pop(0), []):
                if parent not in out:
                    out.append(parent)
                    todo.append(parent)
        return out


def read_extension(schema_ref: str | None, read: Callable[[str], str | None]) -> Extension:
    """The extension the document's schemaRef names, with its calculation and label linkbases, as far as
    `read` (a file beside the document, by name; None when absent) finds them."""
    ext = Extension()
    if not schema_ref or "/" in schema_ref or ":" in schema_ref:
        return ext  # only a file beside the document: nothing is fetched
    schema = _parse(read(schema_ref))
    if schema is None:
        return ext
    ext.files.append(schema_ref)
    for ref in schema.iter(f"{{{LINK}}}linkbaseRef"):
        name = ref.get(f"{{{XLINK}}}href") or ""
        if "/" in name or ":" in name:
            continue
        linkbase = _parse(read(name))
        if linkbase is None:
            continue
        ext.files.append(name)
        _calculations(linkbase, schema_ref, ext)
        _labels(linkbase, schema_ref, ext)
    return ext


def _parse(text: str | None):
    if text is None:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def concept_of(href: str, schema: str) -> str | None:
    """A locator's concept as the mapping names it: `hpl-20241231.xsd#hpl_Name` -> ext:Name,
    `https://xbrl.fasb.org/us-gaap/2025/ebp/elts/us-gaap-ebp-2025.xsd#us-gaap-ebp_X` -> us-gaap-ebp:X."""
    where, _, fragment = href.partition("#")
    if "_" not in fragment:
        return None
    name = fragment.split("_", 1)[1]
    if where in ("", schema):
        return f"ext:{name}"
    for pattern, prefix in ((r"/ebp/", "us-gaap-ebp"), (r"/us-gaap/", "us-gaap"), (r"/dei/", "dei"), (r"/srt/", "srt")):
        if re.search(pattern, where):
            return f"{prefix}:{name}"
    return None


def _locators(link, schema: str) -> dict[str, str]:
    return {loc.get(f"{{{XLINK}}}label"): concept_of(loc.get(f"{{{XLINK}}}href") or "", schema)
            for loc in link.iter(f"{{{LINK}}}loc")}


def _calculations(linkbase, schema: str, ext: Extension) -> None:
    for link in linkbase.iter(f"{{{LINK}}}calculationLink"):
        locs = _locators(link, schema)
        for arc in link.iter(f"{{{LINK}}}calculationArc"):
            parent, child = locs.get(arc.get(f"{{{XLINK}}}from")), locs.get(arc.get(f"{{{XLINK}}}to"))
            if parent and child and arc.get(f"{{{XLINK}}}arcrole") == SUMMATION:
                weight = -1 if (arc.get("weight") or "1").strip().startswith("-") else 1
                if (parent, weight) not in ext.parents.setdefault(child, []):
                    ext.parents[child].append((parent, weight))


def _labels(linkbase, schema: str, ext: Extension) -> None:
    for link in linkbase.iter(f"{{{LINK}}}labelLink"):
        locs = _locators(link, schema)
        texts = {}
        for label in link.iter(f"{{{LINK}}}label"):
            if label.get(f"{{{XLINK}}}role", STANDARD_LABEL) == STANDARD_LABEL:
                texts[label.get(f"{{{XLINK}}}label")] = " ".join("".join(label.itertext()).split())
        for arc in link.iter(f"{{{LINK}}}labelArc"):
            concept, text = locs.get(arc.get(f"{{{XLINK}}}from")), texts.get(arc.get(f"{{{XLINK}}}to"))
            if concept and text and concept.startswith("ext:"):
                ext.labels.setdefault(concept, text)
