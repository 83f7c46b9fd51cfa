"""What the filing says, independent of format: sections, titles and wording shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from ..model.compute import Filing

# (section, contents title or None); the title "report_title" means the auditor's report title.
SECTIONS = [
    ("cover", None),
    ("contents", None),
    ("auditor_report", "report_title"),
    ("net_assets", "Statements of Net Assets Available for Benefits"),
    ("changes", "Statement of Changes in Net Assets Available for Benefits"),
    ("notes", "Notes to Financial Statements"),
    ("schedule_h", "Schedule {n} - Schedule H, Line 4i - Schedule of Assets (Held at End of Year)"),
    ("signatures", None),
    ("consent", None),
]


@dataclass(frozen=True)
class ProseBlock:
    """A paragraph of standard wording, or a heading within it."""

    text: str
    heading: bool = False


def report_title(f: Filing) -> str:
    """The auditor's report title: as given, else the standard title of its style."""
    title = f.plan_year.auditor.report.title
    if title:
        return title
    return ("Report of Independent Registered Public Accounting Firm" if f.report_style == "pcaob"
            else "Independent Auditors' Report")


def addressee_lines(f: Filing) -> list[str]:
    addressee = f.plan_year.auditor.report.addressee
    return [f"To the {addressee} of the", f.plan_year.plan.name]


def sections(f: Filing) -> list[tuple[str, str | None]]:
    """The sections this filing has, in order, with their contents titles."""
    py = f.plan_year
    out = []
    for name, title in SECTIONS:
        if name == "signatures" and not py.signatures:
            continue
        if name == "consent" and not py.auditor.consent:
            continue
        if title == "report_title":
            title = report_title(f)
        elif title:
            title = title.format(n=py.schedule_h.number)
        out.append((name, title))
    return out


def prose_blocks(env: jinja2.Environment, name: str, context: dict) -> list[ProseBlock]:
    """Render a wording template (templates/prose/NAME.txt.j2) into paragraphs; '## ' starts a heading."""
    text = env.get_template(f"prose/{name}.txt.j2").render(context)
    blocks = []
    for chunk in text.split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(ProseBlock(chunk[3:].strip(), heading=True))
        else:
            blocks.append(ProseBlock(" ".join(chunk.split())))
    return blocks


def base_context(f: Filing, env: jinja2.Environment) -> dict:
    """The template context every renderer starts from."""
    from ..model.prose import long_date

    from ..model import wording

    context = {"f": f, "py": f.plan_year, "report_title": report_title(f),
               "addressee_lines": addressee_lines(f), "long_date": long_date,
               "caption": wording.caption, "sign_word": wording.word}
    context["prose"] = lambda name: prose_blocks(env, name, context)
    return context
