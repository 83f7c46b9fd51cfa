"""The PDF's HTML as WeasyPrint's document, with Schedule H's rows parsed by expat.

WeasyPrint parses HTML with tinyhtml5, written in Python: for a run of 200 schedule rows that is a
twentieth of the run's time. The rows are plain markup (rows of cells of escaped text), which expat
(in C) reads into the same tree ten times faster. So the schedule table's bodies are cut out of the
document, parsed with expat when they are plainly that markup, and put back into the tree tinyhtml5
makes of the rest.

"Plainly": only rows of cells holding text and phrasing elements, lowercase names, the five entity
references Jinja's escaping writes, no comments, no line breaks or tabs inside a tag, nothing but blanks
between rows and cells, well formed. Where that holds, the HTML parser builds exactly what expat builds;
where any of it does not, or the WeasyPrint at hand does not parse with tinyhtml5, the whole document is
left to WeasyPrint (tests compare the trees on every example and on hostile rows).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .weasyprint_loader import weasyprint  # first: before any other WeasyPrint module

_SCHEDULE = re.compile(r'<table\b[^>]*\bclass="schedule"[^>]*>')
_BODY = re.compile(r"(<tbody\b[^>]*>)(.*?)</tbody>", re.DOTALL)
_REFERENCE = re.compile(r"&([^;&<]*);?")
_REFERENCES = {"amp", "lt", "gt", "quot", "#34", "#39"}  # what markupsafe.escape writes, read alike by both
_BREAK_IN_TAG = re.compile(r"<[^>]*[\t\n\r]")
_CELLS = {"td", "th"}
_PHRASING = {"span", "b", "i", "em", "strong", "small", "sup", "sub", "abbr"}
_MARK = "data-elevenk-body"  # marks a body emptied for expat in the document tinyhtml5 parses


def document(html: str, base_url: str, url_fetcher) -> weasyprint.HTML:
    """weasyprint.HTML(string=html, ...), its schedule rows parsed by expat where that builds the same tree."""
    tree = fast_tree(html)
    if tree is None:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    import cssselect2

    result = weasyprint.HTML(string="<html></html>", base_url=base_url, url_fetcher=url_fetcher)
    result.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    result.etree_element = result.wrapper_element.etree_element
    return result


def fast_tree(html: str) -> ET.Element | None:
    """The tree tinyhtml5 makes of html, built with expat for the schedule's bodies; None when this
    document is not one to take apart (no schedule, bodies that are not plain rows, another parser)."""
    tinyhtml5 = getattr(weasyprint, "tinyhtml5", None)
    if tinyhtml5 is None or "<base" in html:
        return None
    table = _SCHEDULE.search(html)
    if table is None:
        return None
    end = html.find("</table>", table.end())
    if end < 0:
        return None
    bodies, pieces, at = [], [], 0
    for body in _BODY.finditer(html, table.end(), end):
        rows = _rows(body.group(2))
        if rows is None:
            return None
        pieces += [html[at:body.start()], body.group(1)[:-1] + f' {_MARK}="{len(bodies)}"></tbody>']
        bodies.append(rows)
        at = body.end()
    if not bodies:
        return None
    root = tinyhtml5.parse("".join(pieces) + html[at:], namespace_html_elements=False)
    marked = [element for element in root.iter("tbody") if _MARK in element.attrib]
    if [int(element.attrib[_MARK]) for element in marked] != list(range(len(bodies))):
        return None
    for element, rows in zip(marked, bodies):
        del element.attrib[_MARK]
        if len(element) or element.text:
            return None
        element.text = rows.text
        element.extend(list(rows))
    return root


def _rows(markup: str) -> ET.Element | None:
    """A body's rows parsed by expat, or None unless the HTML parser would build the same."""
    if "<!" in markup or "<?" in markup or "\r" in markup or _BREAK_IN_TAG.search(markup):
        return None
    if any(name not in _REFERENCES for name in _REFERENCE.findall(markup)):
        return None
    parser = ET.XMLParser(target=ET.TreeBuilder())
    try:
        parser.feed("<tbody>")
        parser.feed(markup)
        parser.feed("</tbody>")
        body = parser.close()
    except ET.ParseError:
        return None
    if not _blank(body.text) or not all(_row(row) for row in body):
        return None
    return body


def _row(row: ET.Element) -> bool:
    return (row.tag == "tr" and _plain_attributes(row) and _blank(row.text) and _blank(row.tail)
            and all(cell.tag in _CELLS and _plain_attributes(cell) and _blank(cell.tail) and _phrasing(cell)
                    for cell in row))


def _phrasing(element: ET.Element) -> bool:
    return all(child.tag in _PHRASING and _plain_attributes(child) and _phrasing(child) for child in element)


def _plain_attributes(element: ET.Element) -> bool:
    return all(name == name.lower() and ":" not in name for name in element.attrib)


def _blank(text: str | None) -> bool:
    return not text or not text.strip(" \n\t\f")
