"""Read an Inline XBRL document (XHTML with `ix:` facts) into its facts: each fact's concept, context (period and
dimensions), value through its format, scale and sign (exact, in Decimal), and where it is printed: its place
in the source, the table row and cell it sits in, the text block it is. Pure: the document's text in; a
problem is a finding located in the document (file:line:column).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from ..findings import ERROR, Finding, Location
from ..model.xbrl.facts import Context, Period
from .ixt_formats import NUMBERS, TRANSFORMATION_NAMESPACE, VALUES, FormatError, read_number, read_value

XHTML = "http://www.w3.org/1999/xhtml"
IX = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDI = "http://xbrl.org/2006/xbrldi"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# A taxonomy's namespace -> the prefix the mapping (model/xbrl/mapping.py) names its elements with, whatever
# the year; any other namespace is the filer's own extension, "ext".
STANDARD = ((re.compile(r"^http://fasb\.org/us-gaap-ebp/\d{4}$"), "us-gaap-ebp"),
            (re.compile(r"^http://fasb\.org/us-gaap/\d{4}$"), "us-gaap"),
            (re.compile(r"^http://xbrl\.sec\.gov/dei/\d{4}$"), "dei"),
            (re.compile(r"^http://fasb\.org/srt/\d{4}$"), "srt"))
# Namespaces of XBRL itself, the W3C, FASB and the SEC: any other the root declares is the filer's own.
INFRASTRUCTURE = ("http://www.xbrl.org/", "http://xbrl.org/", "http://www.w3.org/", "http://fasb.org/",
                  "http://xbrl.sec.gov/", "http://www.sec.gov/")
MAX_PROBLEMS = 20
TR, TABLE = f"{{{XHTML}}}tr", f"{{{XHTML}}}table"
CELLS = (f"{{{XHTML}}}td", f"{{{XHTML}}}th")


def _ix_tags(*names: str) -> frozenset[str]:
    """The Clark names of ix elements, in both Inline XBRL namespaces."""
    return frozenset(f"{{{ns}}}{name}" for ns in IX for name in names)


FACTS = _ix_tags("nonFraction", "nonNumeric")
NON_NUMERIC = _ix_tags("nonNumeric")
NON_FRACTION = _ix_tags("nonFraction")
UNREAD = _ix_tags("fraction", "tuple")
HEADERS = _ix_tags("header")
CONTINUATIONS = _ix_tags("continuation")
EXCLUDES = _ix_tags("exclude")  # a broken document's first problems are enough to mend it


def is_ixbrl(text: str) -> bool:
    """Whether a document is Inline XBRL: it declares the Inline XBRL namespace."""
    return any(ns in text for ns in IX)


@dataclass(eq=False)
class IxFact:
    """One fact as printed: its concept, context, value and place."""

    concept: str  # prefixed as the mapping names it: us-gaap-ebp:..., dei:..., ext:... (the filer's own)
    context: Context
    context_id: str
    value: object  # Decimal (numeric), bool or date (by format), str; None when nil or not read
    numeric: bool
    decimals: int | None
    line: int  # in the source (the column is found when a finding needs it: IxDocument.where)
    element: object = field(repr=False)  # the lxml element
    row: int | None = None  # index in IxDocument.rows
    cell: int | None = None  # index of the cell in its row
    text_block: bool = False  # escape="true": the value is the element's markup
    in_note: bool = False  # printed inside a text block (a note's figure)
    name: str = ""  # the concept as the document writes it (the filer's own prefix)

    @property
    def dimensions(self) -> tuple:
        """Explicit and typed dimensions other than dei:LegalEntityAxis."""
        return tuple(p for p in self.context.explicit if p[0] != "dei:LegalEntityAxis") + self.context.typed


@dataclass
class Row:
    """A table row: the text of each cell, the facts printed in it, its table and whether a note holds it."""

    cells: list[str]
    table: int
    in_note: bool
    facts: list[IxFact] = field(default_factory=list)
    element: object = field(default=None, repr=False)  # the lxml tr

    def caption(self) -> str:
        """The row's words: its text cells before the first figure ("$" and dashes left out)."""
        first = min((f.cell for f in self.facts if f.cell is not None), default=len(self.cells))
        texts = [t for t in self.cells[:first] if t and not re.fullmatch(r"[$*\-\u2013\u2014()]+", t)]
        return " ".join(texts)


@dataclass
class IxDocument:
    """What a document says in Inline XBRL, and what could not be read."""

    source: str
    facts: list[IxFact] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    contexts: dict[str, Context] = field(default_factory=dict)
    context_elements: dict[str, object] = field(default_factory=dict, repr=False)  # id -> its xbrli:context
    problems: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # facts whose value could not be read, in words
    root: object = field(default=None, repr=False)
    continuations: dict = field(default_factory=dict, repr=False)  # id -> ix:continuation element
    extension_prefix: str = "ext"  # the prefix the document gives the filer's own namespace
    schema_ref: str | None = None  # the extension schema the document names (ix:references)
    places: object = field(default=None, repr=False)

    def where(self, fact: IxFact) -> Location:
        """The place of a fact's element in the source."""
        return self.places.of(fact.element)

    def where_context(self, cid: str) -> Location:
        """The place of a context's definition in the source."""
        return self.places.of(self.context_elements[cid])

    def problem(self, where: Location, message: str, hint: str = "") -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Finding("ixbrl", ERROR, message, location=where, hint=hint))


def read_document(text: str, source: str) -> IxDocument:
    """The facts of an Inline XBRL document; `source` names it in the findings."""
    from lxml import etree

    doc = IxDocument(source)
    parser = etree.XMLParser(encoding="utf-8", resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        doc.problem(Location(source, line, column + 1), f"not well-formed XML: {exc.msg}",
                    "an Inline XBRL document is XML: every element closed, entities written as &#160;")
        return doc
    places = doc.places = _Places(text, source)
    doc.extension_prefix = next((p for p, ns in root.nsmap.items() if p and not ns.startswith(INFRASTRUCTURE)),
                                "ext")
    _contexts(root, doc, places)
    if doc.problems:
        return doc
    doc.root = root
    ref = next(root.iter(f"{{{LINK}}}schemaRef"), None)
    doc.schema_ref = ref.get(f"{{{XLINK}}}href") if ref is not None else None
    doc.continuations = {el.get("id"): el for el in root.iter(*CONTINUATIONS)}
    _walk(root, doc, places)
    return doc


def markup(doc: IxDocument, without: list) -> str:
    """The document as plain HTML to lay out as text (each element by its local name, with its style and
    colspan), without its ix:header (hidden facts, contexts) and the elements given; the tree is not changed."""
    skip = set(without) | set(doc.root.iter(*HEADERS))  # the set keeps the proxies, so membership holds
    out: list[str] = []

    def walk(el) -> None:
        if isinstance(el.tag, str) and el not in skip:
            name = _local(el)
            attrs = "".join(f' {k}="{escape(v)}"' for k in ("style", "colspan") if (v := el.get(k)) is not None)
            out.append(f"<{name}{attrs}>{escape(el.text or '', quote=False)}")
            for child in el:
                walk(child)
            out.append(f"</{name}>")
        out.append(escape(el.tail or "", quote=False))

    walk(doc.root)
    return "".join(out)


class _Places:
    """Where an element starts in the source: its line (lxml's) and column (its start tag's on that line).
    Asked only for a finding: it walks the document."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.split("\n")
        self.source = source

    def of(self, el) -> Location:
        line = el.sourceline or 0
        before = 0
        for other in el.getroottree().getroot().iter(el.tag):
            if other is el:
                break
            before += other.sourceline == line
        raw = (f"{el.prefix}:" if el.prefix else "") + _local(el)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        starts = [m.start() for m in re.finditer(rf"<{re.escape(raw)}(?=[\s/>])", text)]
        column = starts[before] + 1 if before < len(starts) else 1
        return Location(self.source, line, column)


def _local(el) -> str:
    return el.tag.split("}", 1)[1] if isinstance(el.tag, str) and "}" in el.tag else str(el.tag)


def prefixed(namespace: str, local: str) -> str:
    """A qname as the mapping writes it: the standard taxonomies' prefixes, "ext" for the filer's own."""
    for pattern, prefix in STANDARD:
        if pattern.match(namespace):
            return f"{prefix}:{local}"
    return f"ext:{local}"


def _qname(el, text: str) -> str | None:
    """A QName written in an attribute or element text, resolved against the element's namespaces."""
    text = text.strip()
    prefix, _, local = text.rpartition(":")
    namespace = el.nsmap.get(prefix or None)
    if namespace is None or not local:
        return None
    return prefixed(namespace, local)


# ---------------------------------------------------------------- contexts


def _contexts(root, doc: IxDocument, places: _Places) -> None:
    for el in root.iter(f"{{{XBRLI}}}context"):
        cid = el.get("id") or ""
        period = _period(el)
        if period is None:
            doc.problem(places.of(el), f"context {cid}: no period (an instant, or a start and end date) it can read",
                        "write <xbrli:instant>yyyy-mm-dd</xbrli:instant> or a startDate and endDate")
            continue
        explicit, typed = [], []
        for member in el.iter(f"{{{XBRLDI}}}explicitMember", f"{{{XBRLDI}}}typedMember"):
            axis = _qname(member, member.get("dimension") or "")
            if axis is None:
                doc.problem(places.of(member), f"context {cid}: the dimension {member.get('dimension')!r} names no "
                            "declared namespace")
                continue
            if _local(member) == "explicitMember":
                value = _qname(member, member.text or "")
                if value is None:
                    doc.problem(places.of(member), f"context {cid}: the member {(member.text or '').strip()!r} of "
                                f"{axis} names no declared namespace")
                    continue
                explicit.append((axis, value))
            else:
                typed.append((axis, " ".join("".join(member.itertext()).split())))
        doc.contexts[cid] = Context(period, tuple(sorted(explicit)), tuple(sorted(typed)))
        doc.context_elements[cid] = el


def _period(el) -> Period | None:
    def day(name: str) -> dt.date | None:
        found = el.find(f"{{{XBRLI}}}period/{{{XBRLI}}}{name}")
        if found is None or not found.text:
            return None
        try:
            return dt.date.fromisoformat(found.text.strip()[:10])
        except ValueError:
            return None

    instant = day("instant")
    if instant is not None:
        return Period(instant)
    start, end = day("startDate"), day("endDate")
    return Period(end, start) if start and end else None


# ---------------------------------------------------------------- facts and the rows they are printed in


def _walk(root, doc: IxDocument, places: _Places) -> None:
    rows: dict = {}  # tr element -> index in doc.rows (the dict keeps each element's proxy, so `is` holds)
    tables: dict = {}
    for el in root.iter(TR, *FACTS, *UNREAD):
        tag = el.tag
        if tag == TR:
            table = next(el.iterancestors(TABLE), None)
            tables.setdefault(table, len(tables))
            cells = [_words("".join(c.itertext())) for c in el if c.tag in CELLS]
            in_note = next(el.iterancestors(*NON_NUMERIC), None) is not None
            rows[el] = len(doc.rows)
            doc.rows.append(Row(cells, tables[table], in_note, element=el))
        elif tag in FACTS:
            fact = _fact(el, doc, places, doc.continuations)
            if fact is None:
                continue
            fact.in_note = next(el.iterancestors(*NON_NUMERIC), None) is not None
            doc.facts.append(fact)
            _place(fact, el, rows, doc)
        else:
            doc.skipped.append(f"an ix:{_local(el)} ({el.get('name')}): not read")


def _place(fact: IxFact, el, rows: dict[int, int], doc: IxDocument) -> None:
    """The row and cell a fact is printed in."""
    cell = None
    for a in el.iterancestors():
        if a.tag in CELLS and cell is None:
            cell = a
        elif a.tag == TR:
            index = rows.get(a)
            if index is not None and cell is not None:
                fact.row = index
                siblings = [c for c in a if c.tag in CELLS]
                fact.cell = siblings.index(cell) if cell in siblings else None
                doc.rows[index].facts.append(fact)
            return


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _fact(el, doc: IxDocument, places: _Places, continuations: dict) -> IxFact | None:
    name = el.get("name") or ""
    concept = _qname(el, name)
    if concept is None:
        doc.problem(places.of(el), f"the fact's name {name!r} is not a concept of a declared namespace")
        return None
    cid = el.get("contextRef") or ""
    context = doc.contexts.get(cid)
    if context is None:
        doc.problem(places.of(el), f"{concept}: its context {cid!r} is not among the document's contexts",
                    "every contextRef names an xbrli:context in ix:resources")
        return None
    numeric = el.tag in NON_FRACTION
    decimals = el.get("decimals")
    fact = IxFact(concept, context, cid, None, numeric,
                  int(decimals) if decimals and re.fullmatch(r"-?\d+", decimals) else None, el.sourceline or 0, el,
                  text_block=el.get("escape") in ("true", "1"), name=name.strip())
    if el.get(XSI_NIL) in ("true", "1"):
        return fact
    fmt = el.get("format")
    fmt_name = _format(el, fmt)
    text = _words("".join(_content(el, continuations)))
    try:
        if numeric:
            value = read_number(text, fmt_name)
            value = value.scaleb(int(el.get("scale") or 0))
            value = -value if el.get("sign") == "-" and value else value
            fact.value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        elif fmt_name in VALUES:
            fact.value = read_value(text, fmt_name, object)
        elif fmt_name is None:
            fact.value = text
        else:
            raise KeyError(fmt_name)
    except FormatError as exc:
        doc.problem(places.of(el), f"{concept} (context {cid}): expected {exc} in the format "
                    f"{fmt or 'of XBRL (no format)'}, got {_shown(text)}", "correct the printed figure, or its format")
    except (KeyError, ValueError):
        fact.value = None
        doc.skipped.append(f"{concept} (context {cid}, line {fact.line}): its format {fmt} is not one "
                           "elevenk reads")
    return fact


def _format(el, fmt: str | None) -> str | None:
    """The local name of a fact's ixt format; None without one; an unknown name for another registry's."""
    if not fmt:
        return None
    prefix, _, local = fmt.strip().rpartition(":")
    namespace = el.nsmap.get(prefix or None, "")
    if TRANSFORMATION_NAMESPACE.match(namespace) and (local in NUMBERS or local in VALUES):
        return local
    return f"{namespace}#{local}"


def _content(el, continuations: dict) -> list[str]:
    """A fact's printed text, ix:exclude left out, followed along its ix:continuation chain."""
    out, seen = [], set()
    while el is not None:
        out += _text_without_excludes(el)
        following = el.get("continuedAt")
        if not following or following in seen:
            break
        seen.add(following)
        el = continuations.get(following)
    return out


def _text_without_excludes(el) -> list[str]:
    out = [el.text or ""]
    for child in el:
        if child.tag not in EXCLUDES:
            out += _text_without_excludes(child)
        out.append(child.tail or "")
    return out


def _shown(text: str) -> str:
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}..."'


def block_markup(doc: IxDocument, fact: IxFact) -> str:
    """The markup a text block fact holds (its continuations after it), ix:exclude left out."""
    el = fact.element
    parts = [_markup(el)]
    seen = set()
    following = el.get("continuedAt")
    while following and following not in seen and following in doc.continuations:
        seen.add(following)
        parts.append(_markup(doc.continuations[following]))
        following = doc.continuations[following].get("continuedAt")
    return "".join(parts)


def _markup(el) -> str:
    from copy import deepcopy

    from lxml import etree

    if next(el.iter(*EXCLUDES), None) is not None:
        el = deepcopy(el)
        for x in list(el.iter(*EXCLUDES)):
            parent = x.getparent()
            tail = x.tail or ""
            previous = x.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(x)
    return etree.tostring(el, encoding="unicode", with_tail=False)
