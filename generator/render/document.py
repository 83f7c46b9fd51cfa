"""What the filing says, independent of format: sections, titles and wording shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from ..model.compute import Filing

# (section, contents title or None); "report_title" and "predecessor_title" are the auditors' report titles,
# "statements_title" and "changes_title" the statements' titles from the layout ("Net Assets" or "Assets").
SECTIONS = [
    ("cover", None),
    ("contents", None),
    ("auditor_report", "report_title"),
    ("predecessor_report", "predecessor_title"),
    ("net_assets", "statements_title"),
    ("changes", "changes_title"),
    ("notes", "Notes to Financial Statements"),
    ("schedule_h", "Schedule {n} - Schedule H, Line 4i - Schedule of Assets (Held at End of Year)"),
    ("signatures", None),
    ("consent", None),
    ("predecessor_consent", None),
]
TITLES = {"gaas": "Independent Auditors' Report", "pcaob_2004": "Report of Independent Registered Public Accounting Firm",
          "pcaob": "Report of Independent Registered Public Accounting Firm"}
CONSENT_TITLES = {"gaas": "Consent of Independent Auditors",
                  "pcaob_2004": "Consent of Independent Registered Public Accounting Firm",
                  "pcaob": "Consent of Independent Registered Public Accounting Firm"}


@dataclass(frozen=True)
class ProseBlock:
    """A paragraph of standard wording, or a heading within it."""

    text: str
    heading: bool = False


def report_title(f: Filing) -> str:
    """The auditor's report title: as given, else the standard title of its style."""
    return f.plan_year.auditor.report.title or TITLES[f.report_style]


def predecessor_style(f: Filing) -> str:
    """The style of the predecessor's reissued report: as given, else that of the current firm's."""
    pred = f.plan_year.predecessor_auditor
    return (pred.report.style if pred and pred.report.style else None) or f.report_style


def predecessor_title(f: Filing) -> str:
    pred = f.plan_year.predecessor_auditor
    return pred.report.title or TITLES[predecessor_style(f)]


def consent_title(f: Filing, predecessor: bool = False) -> str:
    """A consent's title: as given, else the standard title of its firm's report style."""
    consent = (f.plan_year.predecessor_auditor if predecessor else f.plan_year.auditor).consent
    return consent.title or CONSENT_TITLES[predecessor_style(f) if predecessor else f.report_style]


def exhibit_number(f: Filing, predecessor: bool = False) -> str:
    """Exhibit 23, or 23.1 and 23.2 when the predecessor firm consents too."""
    pred = f.plan_year.predecessor_auditor
    if pred is None or pred.consent is None:
        return "23"
    return "23.2" if predecessor else "23.1"


def addressee_lines(f: Filing, addressee: str | None = None) -> list[str]:
    """"To the <addressee> of the" over the plan's name; "of" alone when the name begins with "The"."""
    addressee, name = addressee or f.plan_year.auditor.report.addressee, f.plan_year.plan.name
    article = "" if name.split(" ", 1)[0].lower() == "the" else " the"
    return [f"To the {addressee} of{article}", name]


def sections(f: Filing) -> list[tuple[str, str | None]]:
    """The sections this filing has, in order, with their contents titles."""
    py = f.plan_year
    pred = py.predecessor_auditor
    out = []
    for name, title in SECTIONS:
        if name == "signatures" and not py.signatures:
            continue
        if name == "consent" and not py.auditor.consent:
            continue
        if name == "predecessor_report" and not pred:
            continue
        if name == "predecessor_consent" and not (pred and pred.consent):
            continue
        if title == "report_title":
            title = report_title(f) + (f" - {py.auditor.firm}" if pred else "")
        elif title == "predecessor_title":
            title = f"{predecessor_title(f)} - {pred.firm}"
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

    from ..model import wording

    pred = f.plan_year.predecessor_auditor
    context = {"f": f, "py": f.plan_year, "report_title": report_title(f),
               "addressee_lines": addressee_lines(f), "long_date": long_date,
               "caption": wording.caption, "sign_word": wording.word,
               "exhibit_number": exhibit_number(f), "consent_title": consent_title(f) if f.plan_year.auditor.consent
               else "", "predecessor": pred}
    if pred is not None:
        context.update(predecessor_title=predecessor_title(f), predecessor_style=predecessor_style(f),
                       predecessor_lines=addressee_lines(f, pred.report.addressee),
                       predecessor_exhibit=exhibit_number(f, True),
                       predecessor_consent_title=consent_title(f, True) if pred.consent else "")
    context["prose"] = lambda name: prose_blocks(env, name, context)
    return context
