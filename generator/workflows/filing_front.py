"""Read a filing's cover, auditor's report, consent (Exhibit 23) and signatures."""

from __future__ import annotations

import re

from .filing_document import Document, is_page_number
from .text_columns import DATE, RULE, parse_date, sentence_case, title_case


def cover(doc: Document) -> None:
    end = min(doc.parts.values()) if doc.parts else len(doc.lines)
    cover = [ln.text for ln in doc.lines[:end]]
    joined = " ".join(" ".join(cover).split())
    filing: dict = {"report": "annual"}
    m = re.search(r"fiscal year ended\s+(" + DATE.pattern + ")", joined, re.I)
    year_end = parse_date(m.group(1)) if m else None
    if year_end is None:
        doc.unread("the fiscal year end (\"For the fiscal year ended ...\" not found on the cover)")
    filing["fiscal_year_end"] = year_end or "TODO"
    m = re.search(r"Commission File Numbers?\s*:?\s*([\d-]+(?:\s*(?:,|and)\s*[\d-]+)*)", joined, re.I)
    filing["commission_file_numbers"] = re.findall(r"\d[\d-]*\d", m.group(1)) if m else ["TODO"]
    if not m:
        doc.unread("the Commission File Number (not found on the cover)")
    doc.d["schema_version"] = 1
    doc.d["filing"] = filing
    plan_name = _after_label(cover, r"^\s*A\.\s+Full\s+(title|name)")
    issuer = _after_label(cover, r"^\s*B\.\s+Name\s+of\s+the\s+issuer", block=True)
    heading = doc.heading_above("net_assets")
    doc.heading_name = heading
    name = _cased_like(plan_name[0], heading) if plan_name else sentence_case(heading) if heading else "TODO"
    doc.d["plan"] = {"name": name, "ein": "TODO", "number": "TODO"}
    if not plan_name:
        doc.unread("the plan's name on the cover (item A)")
    if issuer:
        doc.d["issuer"] = {"name": issuer[0], "address": issuer[1:] or ["TODO"]}
    else:
        doc.d["issuer"] = {"name": "TODO", "address": ["TODO"]}
        doc.unread("the issuer's name and address on the cover (item B)")


def _after_label(lines: list[str], label: str, block: bool = False) -> list[str]:
    """The text under a cover item: after the item's paragraph (ending ':'), to the next blank line."""
    for i, line in enumerate(lines):
        if re.match(label, line, re.I):
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith(":"):
                j += 1
            k = j + 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            out = []
            while k < len(lines) and lines[k].strip() and not RULE.match(lines[k]):
                out.append(" ".join(lines[k].split()))
                k += 1
                if not block:
                    break
            return out
    return []


def auditor(doc: Document) -> None:
    part = [ln.text for ln in doc.part("auditor")]
    if not part:
        doc.unread("the auditor's report (no heading found)")
        doc.d["auditor"] = {"firm": "TODO", "city": "TODO", "state": "TODO", "report": {"date": "TODO"}}
        return
    title = part[0].strip()
    body = [ln for ln in part[1:] if not is_page_number(ln)]
    joined = " ".join(" ".join(body).split())
    report: dict = {}
    report["style"] = "pcaob" if "REGISTERED PUBLIC ACCOUNTING FIRM" in title.upper() else "gaas"
    report["title"] = title_case(title)
    m = re.search(r"\bTo the (.+?) of (the )?", joined)
    if m:
        report["addressee"] = m.group(1)
    signed = next((i for i, ln in enumerate(body) if ln.strip().startswith("/s/")), None)
    firm, city, state, date = "TODO", "TODO", "TODO", None
    if signed is not None:
        firm = body[signed].strip()[3:].strip()
        tail = [ln.strip() for ln in body[signed + 1:] if ln.strip() and not RULE.match(ln)]
        tail = [t for t in tail if t != firm]
        date = next((parse_date(t) for t in tail if parse_date(t)), None)
        place = next((t for t in tail if "," in t and not parse_date(t)), "")
        if place:
            city, state = (p.strip() for p in place.rsplit(",", 1))
    else:
        doc.unread("the auditor's signature (no /s/ line in the report)")
    report["date"] = date or "TODO"
    if date is None:
        doc.unread("the date of the auditor's report")
    m = re.search(r"audited by other auditors whose report dated (" + DATE.pattern + r"),? expressed an? "
                  r"(unqualified|qualified)", joined, re.I)
    if m:
        report["periods"] = "current"
        report["predecessor"] = {"report_date": parse_date(m.group(1)), "opinion": m.group(5).lower()}
    m = re.search(r"auditor since (\d{4})", joined)
    if m:
        report["auditor_since"] = int(m.group(1))
    doc.d["auditor"] = {"firm": firm, "city": city, "state": state, "report": report}
    doc.unread("the auditor's report's paragraphs: the build writes them from its "
                f"{report['style']} template; compare them with the filing")


def consent(doc: Document) -> None:
    part = [ln.text for ln in doc.part("consent") if not is_page_number(ln.text)]
    if not part:
        doc.unread("the auditor's consent (Exhibit 23) was not found")
        return
    joined = " ".join(" ".join(part).split())
    consent: dict = {"title": title_case(part[0].strip())}
    dates = [parse_date(t) for t in part if parse_date(t) and DATE.sub("", t).strip() == ""]
    consent["date"] = dates[-1] if dates else "TODO"
    m = re.search(r"\b(?:File\s+)?Nos?\.?\s*(\d[\d-]*\d(?:\s*(?:,|and|,\s*and)\s*\d[\d-]*\d)*)", joined, re.I)
    consent["form_s8_file_numbers"] = re.findall(r"\d[\d-]*\d", m.group(1)) if m else ["TODO"]
    if not m:
        doc.unread("the Form S-8 file numbers in the consent")
    doc.d["auditor"]["consent"] = consent


def signatures(doc: Document) -> None:
    part = [ln.text for ln in doc.part("signatures")]
    if not part:
        doc.unread("signatures: the filing has no SIGNATURES section")
        return
    signers = []
    date = None
    for i, t in enumerate(part):
        if "/s/" in t:
            name = t.split("/s/", 1)[1].strip()
            title = next((p.strip() for p in part[i + 1:i + 5] if p.strip() and not RULE.match(p)
                          and p.strip() != name and not p.strip().startswith(("Name:", "---"))), "")
            m = re.match(r"^(Title:)?\s*(.*)$", title)
            signers.append({"name": name, "title": m.group(2) if m else title})
        date = date or parse_date(t) if "Date" in t else date
    if signers:
        doc.d["signatures"] = {"date": date or "TODO", "signers": signers}
    else:
        doc.unread("signatures: no /s/ line under SIGNATURES")


def _cased_like(cover: str, heading: str) -> str:
    """The cover's name with the statements' heading spacing: '401 (k)' on a cover whose heading says '401(K)'."""
    squeezed = [c for c in cover if not c.isspace()]
    if not heading or "".join(squeezed).upper() != "".join(c for c in heading if not c.isspace()).upper():
        return " ".join(cover.split())
    out, it = [], iter(squeezed)
    for c in " ".join(heading.split()):
        out.append(" " if c == " " else next(it))
    return "".join(out)
