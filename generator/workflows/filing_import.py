"""Import last year's filed Form 11-K into a plan-year YAML: read it (the HTML form is laid out as text
first, so one reader serves both; the Inline XBRL form is read by its facts, filing_ixbrl), write it through the shared writer, check it through the loader and the
schema, and say what could not be read.

Pure: the filing's text in, YAML text and the lists out; the command line reads and writes the files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding
from .filing_ixbrl import Beside, read_ixbrl_filing
from .filing_text import Read, read_text_filing
from .html_layout import html_as_text
from .init_plan import slug
from .ixbrl_document import is_ixbrl
from .note_figures import quote_by_name
from .yaml_check import to_fill_and_problems
from .yaml_roundtrip import dump, scalar

HEADER = ("Imported from {source} by `elevenk import filing`. Totals printed in the filing are kept under\n"
          "`stated:` and checked; notes keep the filing's wording, a figure in them quoted by name where it is\n"
          "exactly a computed one (other figures are literal: `elevenk names` lists what can be quoted).\n"
          "`elevenk rollforward` prepares the next year from this file.")


@dataclass
class ImportedFiling:
    """The YAML an import writes, what could not be read, and what the new file still lacks."""

    text: str = ""
    found: bool = True  # a statement of net assets was found: the file is an 11-K
    year: int | None = None
    plan_slug: str = "plan"
    unread: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)  # figures the notes now quote by name
    to_fill: list[Finding] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    refused: list[Finding] = field(default_factory=list)  # why an Inline XBRL document cannot be read, located


def import_filing(text: str, source: str, name: str, where: str | None = None,
                  beside: Beside | None = None) -> ImportedFiling:
    """The plan-year YAML of a filing's text; name is where it will be written (for located findings), where
    names the filing in findings about it (by default source); beside are the files next to an Inline XBRL
    document (its extension schema, the consents)."""
    if is_ixbrl(text):
        read, refused = read_ixbrl_filing(text, where or source, beside)
        if read is None:
            return ImportedFiling(found=False, refused=refused)
    else:
        read = read_text_filing(html_as_text(text) if is_html(text) else text)
        if "net_assets" not in read.parts:
            return ImportedFiling(found=False)
    counts: dict[str, int] = {}
    for item in read.unread:
        counts[item] = counts.get(item, 0) + 1
    out = ImportedFiling(unread=[f"{item} ({n} times)" if n > 1 else item for item, n in counts.items()])
    read.unread = out.unread
    out.text = _yaml(read, source)
    end = read.data.get("filing", {}).get("fiscal_year_end")
    out.year = end.year if isinstance(end, dt.date) else None
    out.plan_slug = slug(str(read.data.get("plan", {}).get("name", "plan")))
    out.to_fill, out.problems = to_fill_and_problems(out.text, name)
    if not out.to_fill and not out.problems:
        out.quoted = _quote_figures(read, out.text, name)
        if out.quoted:
            out.text = _yaml(read, source)
            out.to_fill, out.problems = to_fill_and_problems(out.text, name)
    return out


def _quote_figures(read: Read, text: str, name: str) -> list[str]:
    """Quote the notes' figures by name where the computed figure says the same (see note_figures)."""
    from ..load.validate import validate
    from ..load.yaml_source import parse_yaml_bytes
    from ..model.compute import compute
    from ..model.notes import quotable

    plan_year, problems = validate(parse_yaml_bytes(text.encode("utf-8"), name))
    if plan_year is None or problems:
        return []
    names = quotable(compute(plan_year))
    used: list[str] = []
    for note in read.data.get("notes", []):
        for block in note["blocks"]:
            if isinstance(block.get("text"), str):
                block["text"], quoted = quote_by_name(block["text"], names)
                used += quoted
    return used


def is_html(text: str) -> bool:
    """Whether a filing is the EDGAR HTML form (else it is read as the text form)."""
    head = text[:4000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


ORDER = ("schema_version", "filing", "plan", "issuer", "investments", "net_assets", "changes", "notes", "schedule_h",
         "presentation", "auditor", "signatures", "xbrl")


def _yaml(read: Read, source: str) -> str:
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    for key in ORDER:
        if key in read.data:
            doc[key] = _plain(read.data[key])
    header = HEADER.format(source=source)
    if read.unread:
        header += "\nNot read from the filing (enter or review):\n" + "\n".join(f"- {u}" for u in read.unread)
    doc.yaml_set_start_comment(header)
    for key in ORDER[1:]:
        if key in doc:
            doc.yaml_set_comment_before_after_key(key, before="\n")
    return dump(doc)


def _plain(value):
    """Data as the writer takes it: amounts as integers (or their digits), mappings keeping their order."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _plain(v)
        if set(value) <= {"current", "prior"} or set(value) <= {"type", "amount", "xbrl_member"}:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_plain(v) for v in value)
        if value and all(isinstance(v, str) for v in value) and sum(len(v) for v in value) < 60:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, Decimal):
        return scalar(value)
    if isinstance(value, str) and len(value) > FOLD:
        return _folded(value)
    return value


FOLD = 96  # a long text is written folded (`>-`), lines of about this many characters, as plan_data/ does


def _folded(text: str):
    """A long text as a folded block scalar, broken at spaces (a folded line break reads as a space)."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if "  " in text or text != text.strip() or "\n" in text:
        return text  # folding would change it
    out = FoldedScalarString(text)
    positions, last = [], 0
    for i, ch in enumerate(text):
        if ch == " " and i - last > FOLD - 10:
            positions.append(i)
            last = i
    out.fold_pos = positions
    return out


LISTED = 40  # the preview lists this many fields to fill


def preview(result: ImportedFiling, source: str, target: str) -> str:
    lines = [f"import filing {source} -> {target}"]
    if result.quoted:
        counts = {q: result.quoted.count(q) for q in dict.fromkeys(result.quoted)}
        lines.append("  notes quote " + ", ".join(f"{{{q}}}" + (f" x{n}" if n > 1 else "") for q, n in counts.items())
                     + " by name (they said the same figures)")
    if result.unread:
        lines += ["", f"not read from the filing ({len(result.unread)}), listed at the top of the file too:"]
        lines += [f"  {u}" for u in result.unread]
    if result.to_fill:
        lines += ["", f"fields to fill ({len(result.to_fill):,}):"]
        lines += [f"  {f.location.line:>4}:{f.location.column:<3} {f.path}" for f in result.to_fill[:LISTED]]
        if len(result.to_fill) > LISTED:
            lines.append(f"  ... and {len(result.to_fill) - LISTED:,} more: `elevenk check` lists every one")
    return "\n".join(lines)
