"""Render the EDGAR submission in Inline XBRL: the primary XHTML document with its `ix:` facts, the consent
as an exhibit of its own, and (render/xbrl_taxonomy.py) the extension schema and linkbases.

The primary document is the EDGAR HTML filing, from the same templates (templates/html/): in this mode the
templates' tagging globals (`tag`, `figure`, `flag`, `text`, `block_start`, `block_end`) wrap each printed
figure in the facts model/xbrl/facts.py computed for its place, so the document shows exactly what the
.htm shows. A figure whose printed digits differ from its fact's value stops the build: it would be a
wrong filing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

import jinja2
from markupsafe import Markup

from ..model.compute import Filing
from ..model.xbrl.facts import Context, Fact, XbrlFacts
from ..model.xbrl.taxonomy import NAMESPACES
from . import document
from .html import DASH, AmountText, Untagged, context
from .xbrl_taxonomy import taxonomy_files

IX_NAMESPACES = {
    "": "http://www.w3.org/1999/xhtml",
    "ix": "http://www.xbrl.org/2013/inlineXBRL",
    "ixt": "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
    "xbrli": "http://www.xbrl.org/2003/instance",
    "link": "http://www.xbrl.org/2003/linkbase",
    "xlink": "http://www.w3.org/1999/xlink",
    "xbrldi": "http://xbrl.org/2006/xbrldi",
    "iso4217": "http://www.xbrl.org/2003/iso4217",
}
XML_DECLARATION = '<?xml version="1.0" encoding="us-ascii"?>'
UNITS = {
    "USD": '<xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>',
    "pure": '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>',
}


class InconsistentFigure(Exception):
    """A printed figure does not show its fact's value: a bug in the mapping or a template override."""


class Tagger(Untagged):
    """The tagging globals of an Inline XBRL document: each printed figure wrapped in its facts."""

    br = Markup("<br/>")
    ndash = Markup("&#8211;")

    def __init__(self, facts: XbrlFacts) -> None:
        self.x = facts
        self.contexts: dict[Context, str] = {}
        for fact in facts.facts + facts.hidden:
            self.contexts.setdefault(fact.context, f"c{len(self.contexts) + 1}")
        self.count = 0
        self.printed: set[tuple] = set()

    # -- places

    def tag(self, *key) -> list[Fact] | None:
        facts = self.x.tags.get(key)
        if facts:
            self.printed.add(key)
        return facts

    def tag_pair(self, anchor) -> list:
        return [self.tag(anchor, "current"), self.tag(anchor, "prior")]

    def tag_row(self, *key) -> list:
        return [self.tag(*key, column) for column in range(4)]

    # -- wrapping

    def _id(self) -> str:
        self.count += 1
        return f"f{self.count}"

    def _attrs(self, fact: Fact) -> str:
        return f'name="{self.x.qname(fact.concept)}" contextRef="{self.contexts[fact.context]}" id="{self._id()}"'

    def figure(self, amount: AmountText, facts) -> Markup | str:
        if not facts:
            return amount.text
        negative = amount.text.startswith("(")
        digits = amount.text[1:] if negative else amount.text  # digits, commas, a point: nothing to escape
        return Markup(("(" if negative else "") + self._number(digits, facts, amount.text + amount.close))

    def _number(self, digits: str, facts, printed: str) -> str:
        """The digits of a printed figure (a dash for zero) in its facts, each checked against them."""
        zero = digits == DASH
        shown = Decimal(0) if zero else Decimal(digits.replace(",", ""))
        fmt = "ixt:fixed-zero" if zero else "ixt:num-dot-decimal"
        inner = digits
        for fact in reversed(facts):
            value = fact.value
            if not isinstance(value, Decimal) or abs(value).scaleb(-fact.scale) != shown:
                raise InconsistentFigure(f"{fact.concept} prints {printed} but its value is {value}")
            sign = ' sign="-"' if value < 0 else ""
            inner = (f'<ix:nonFraction {self._attrs(fact)} unitRef="{fact.unit}" decimals="{fact.decimals}" '
                     f'scale="{fact.scale}" format="{fmt}"{sign}>{inner}</ix:nonFraction>')
        return inner

    def quoted(self, block, *where) -> Markup | str:
        """A note's paragraph, each figure it quotes in its facts (model/xbrl/quote_facts.py)."""
        spans = self.x.spans.get(where)
        if not spans:
            return block.text
        text, out, last = block.text, Markup(""), 0
        for start, end, key in spans:
            facts = self.tag(*key)
            out += Markup.escape(text[last:start])
            if isinstance(facts[0].value, Decimal):
                out += Markup(self._number(text[start:end], facts, text[start:end]))
            else:
                out += self.text(facts, text[start:end])
            last = end
        return out + Markup.escape(text[last:])

    def flag(self, facts, text: str) -> Markup | str:
        if not facts:
            return text
        out = Markup.escape(text)
        for fact in reversed(facts):
            fmt = "ixt:fixed-true" if fact.value else "ixt:fixed-false"
            out = Markup(f'<ix:nonNumeric {self._attrs(fact)} format="{fmt}">') + out + Markup("</ix:nonNumeric>")
        return out

    def text(self, facts, content: str) -> Markup | str:
        if not facts:
            return content
        out = Markup.escape(content)
        for fact in reversed(facts):
            fmt = ' format="ixt:date-monthname-day-year-en"' if isinstance(fact.value, dt.date) else ""
            out = Markup(f"<ix:nonNumeric {self._attrs(fact)}{fmt}>") + out + Markup("</ix:nonNumeric>")
        return out

    def block_start(self, facts) -> Markup | str:
        return Markup("".join(f'<ix:nonNumeric {self._attrs(fact)} escape="true">' for fact in facts or []))

    def block_end(self, facts) -> Markup | str:
        return Markup("</ix:nonNumeric>" * len(facts or []))

    # -- the header

    def header(self) -> Markup:
        """ix:header: the hidden cover facts, the schema reference, the contexts and the unit."""
        x = self.x
        hidden = "".join(f"<ix:nonNumeric {self._attrs(fact)}>{escape(_text(fact.value))}</ix:nonNumeric>"
                         for fact in x.hidden)
        contexts = "".join(_context(cid, ctx, x) for ctx, cid in self.contexts.items())
        units = {f.unit for f in x.facts if f.numeric}
        unit = "".join(UNITS[u] for u in sorted(units))
        return Markup(
            '<div style="display: none"><ix:header>'
            + (f"<ix:hidden>{hidden}</ix:hidden>" if hidden else "")
            + f'<ix:references><link:schemaRef xlink:type="simple" xlink:href="{x.base}.xsd"/></ix:references>'
            + f"<ix:resources>{contexts}{unit}</ix:resources></ix:header></div>\n")


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _context(cid: str, ctx: Context, x: XbrlFacts) -> str:
    dims = "".join(f'<xbrldi:explicitMember dimension="{axis}">{x.qname(member)}</xbrldi:explicitMember>'
                   for axis, member in ctx.explicit)
    dims += "".join(f'<xbrldi:typedMember dimension="{axis}"><{axis}.domain>{escape(value)}</{axis}.domain>'
                    "</xbrldi:typedMember>" for axis, value in ctx.typed)
    segment = f"<xbrli:segment>{dims}</xbrli:segment>" if dims else ""
    period = (f"<xbrli:instant>{ctx.period.end.isoformat()}</xbrli:instant>" if ctx.period.instant else
              f"<xbrli:startDate>{ctx.period.start.isoformat()}</xbrli:startDate>"
              f"<xbrli:endDate>{ctx.period.end.isoformat()}</xbrli:endDate>")
    cik = x.cik or "0000000000"
    return (f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">{cik}'
            f"</xbrli:identifier>{segment}</xbrli:entity><xbrli:period>{period}</xbrli:period></xbrli:context>")


def html_root(x: XbrlFacts) -> Markup:
    """The <html> start tag with every namespace the document uses."""
    namespaces = dict(IX_NAMESPACES)
    namespaces.update({prefix: uri for prefix, uri in NAMESPACES.items() if prefix != "srt" or x.uses_srt})
    namespaces[x.prefix] = x.namespace
    attrs = " ".join(f'xmlns{":" + p if p else ""}={quoteattr(uri)}' for p, uri in namespaces.items())
    return Markup(f'<html {attrs} xml:lang="en">')


EXHIBITS = ("consent", "predecessor_consent")  # Exhibit 23 (23.1 and 23.2 when the predecessor consents too)


def exhibit_names(x: XbrlFacts, sections: list[str]) -> dict[str, str]:
    """The exhibits' file names, by section: each consent a document of its own beside the primary one."""
    present = [name for name in EXHIBITS if name in sections]
    if len(present) == 1:
        return {present[0]: f"{x.prefix}-ex23.htm"}
    return {name: f"{x.prefix}-ex23{i}.htm" for i, name in enumerate(present, 1)}


def render_ixbrl(f: Filing, x: XbrlFacts, env: jinja2.Environment) -> dict[str, bytes]:
    """The submission's files by name: primary document, consent exhibit, extension schema and linkbases.

    Raises InconsistentFigure when a printed figure differs from its fact, and ValueError when a fact is
    never printed (a template override that drops a tagged figure).
    """
    tagger = Tagger(x)
    sections = [(name, title) for name, title in document.sections(f) if name not in EXHIBITS]
    ctx = context(f, env, "ixbrl", tags=tagger)
    ctx.update(sections=sections, doctype=Markup(XML_DECLARATION), html_root=html_root(x), ix_header=tagger.header())
    body = env.get_template("html/filing.html.j2").render(ctx)
    # A text block's ix:nonNumeric is an inline element around blocks: the line breaks just inside it
    # (templates/html/notes.html.j2) would lay out as empty lines, which the .htm does not have.
    body = body.replace(' escape="true">\n', ' escape="true">').replace("\n</ix:nonNumeric></div>",
                                                                     "</ix:nonNumeric></div>")
    missing = set(x.tags) - tagger.printed
    if missing:
        raise ValueError("the templates do not print these tagged figures: "
                         + ", ".join(sorted(map(str, missing)))[:500])
    files = {f"{x.base}.htm": body.encode("ascii", "xmlcharrefreplace")}
    for section, name in exhibit_names(x, [name for name, _ in document.sections(f)]).items():
        exhibit = context(f, env, "edgar")
        exhibit.update(sections=[(section, None)])
        files[name] = env.get_template("html/filing.html.j2").render(exhibit).encode("ascii", "xmlcharrefreplace")
    files.update(taxonomy_files(x))
    return files
