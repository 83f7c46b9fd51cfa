"""What the filing says, independent of format: sections, titles and wording shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from ..model.compute import Filing

# (section, contents title or None); "report_title" is the auditor's report title, "statements_title" and
# "changes_title" the statements' titles from the layout ("Net Assets" or "Assets").
SECTIONS = [
    ("cover", None),
    ("contents", None),
    ("auditor_report", "report_title"),
    ("net_assets", "statements_title"),
    ("changes", "changes_title"),
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
    """"To the <addressee> of the" over the plan's name; "of" alone when the name begins with "The"."""
    addressee, name = f.plan_year.auditor.report.addressee, f.plan_year.plan.name
    article = "" if name.split(" ", 1)[0].lower() == "the" else " the"
    return [f"To the {addressee} of{article}", name]


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
        elif title in ("statements_title", "changes_title"):
            title = getattr(f.layout, title)
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

    context = {"f": f, "py": f.plan_year, "report_title": report_title(f),
               "addressee_lines": addressee_lines(f), "long_date": long_date}
    context["prose"] = lambda name: prose_blocks(env, name, context)
    return context
