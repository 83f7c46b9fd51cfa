"""Render the filing as HTML: the EDGAR .htm document, and the typeset page the PDF is made from.

Both come from the same templates (templates/html/) and the same computed filing. Templates give an
element its look with `{{ cls("name ...") }}`: for the PDF that writes class="name ...", styled by the
print stylesheet (templates/pdf/print.css); for EDGAR, which allows no <style> element, it writes the
declarations of those classes from templates/html/edgar.css as an inline style="...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model.compute import Filing
from ..model.prose import long_date
from ..money import accounting
from . import document
from .schedule_columns import schedule_columns
from .templating import environment

MODES = ("edgar", "pdf", "ixbrl")  # ixbrl: the EDGAR document as XHTML with Inline XBRL tags (render/ixbrl.py)
DASH = "\u2014"  # zero, as a dash
# With its system identifier, HTML 4.01 Transitional puts browsers in almost-standards mode (without it,
# in quirks mode: tables ignore the body's type size). EDGAR takes HTML 3.2/4.0 and reads the doctype as
# a comment; the identifier is a name, never fetched.
EDGAR_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
                 '"http://www.w3.org/TR/html4/loose.dtd">')


@dataclass(frozen=True)
class AmountText:
    """A money cell in two parts, so that a closing parenthesis hangs right of the units digit."""

    text: str
    close: str = ""


def amount_text(value: Decimal | None, places: int = 0) -> AmountText:
    """Accounting style: negatives in parentheses, zero as a dash, None as an empty cell."""
    if value is None:
        return AmountText("")
    text = accounting(value, places, zero=DASH)
    if text.endswith(")"):
        return AmountText(text[:-1], ")")
    return AmountText(text)


def html_environment(user_dirs: list[Path] | None = None) -> jinja2.Environment:
    """The template environment for HTML: HTML templates autoescape, the shared prose ones do not."""
    return environment(user_dirs, autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".htm.j2")))


# ---------------------------------------------------------------- styling: classes or inline styles

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def inline_styles(css: str) -> dict[str, str]:
    """Parse a stylesheet of plain class rules (`.a, .b { decl; ... }`) into {class: declarations}.

    Later rules add to earlier ones, as in CSS. Anything but a class selector is an error: EDGAR
    styles are written inline, so only what a class can carry can be inlined.
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    styles: dict[str, list[str]] = {}
    for selectors, body in _RULE.findall(css):
        decls = [d.strip() for d in body.split(";") if d.strip()]
        for selector in selectors.split(","):
            selector = selector.strip()
            if not re.fullmatch(r"\.[A-Za-z][\w-]*", selector):
                raise ValueError(f"edgar.css: only simple class selectors can be inlined, got '{selector}'")
            styles.setdefault(selector[1:], []).extend(decls)
    return {name: "; ".join(decls) for name, decls in styles.items()}


def class_attribute(mode: str, styles: dict[str, str]):
    """The `cls` template global: class="..." for the PDF, style="..." for EDGAR (each answer kept: a
    schedule asks the same few questions for every one of its cells)."""
    known: dict[tuple, Markup] = {}

    def cls(*names: str) -> Markup:
        if names in known:
            return known[names]
        chosen = [n for name in names if name for n in str(name).split()]
        if not chosen:
            attribute = Markup("")
        elif mode == "pdf":
            attribute = Markup(' class="%s"') % " ".join(chosen)
        else:
            decls = "; ".join(styles[n] for n in chosen if n in styles)
            attribute = Markup(' style="%s"') % decls if decls else Markup("")
        if all(isinstance(name, str) for name in names):  # a class name is a string; anything else is not kept
            known[names] = attribute
        return attribute

    return cls


# ---------------------------------------------------------------- the tagging hook


class Untagged:
    """The template globals that tag figures with Inline XBRL, as they print outside it: the text alone.

    Templates pass each figure's place to `tag(...)` (a statement line's path, a total's name); in an
    Inline XBRL document render/ixbrl.py supplies the same globals, wrapping the text in its facts.
    """

    br = Markup("<br>")
    ndash = Markup("&ndash;")

    def tag(self, *key) -> None:
        return None

    def tag_pair(self, anchor) -> None:
        return None

    def tag_row(self, *key) -> None:
        return None

    def figure(self, amount: AmountText, facts) -> str:
        return amount.text

    def flag(self, facts, text: str) -> str:
        return text

    def text(self, facts, content: str) -> str:
        return content

    def block_start(self, facts) -> str:
        return ""

    def block_end(self, facts) -> str:
        return ""

    def quoted(self, block, *where) -> str:
        """A note's paragraph (block.text), the figures it quotes tagged (Inline XBRL) or not."""
        return block.text

    def globals(self) -> dict:
        return {name: getattr(self, name) for name in ("br", "ndash", "tag", "tag_pair", "tag_row", "figure", "flag",
                                                       "text", "block_start", "block_end", "quoted")}


# ---------------------------------------------------------------- document facts


def document_title(f: Filing) -> str:
    return f"{f.plan_year.plan.name} - Form 11-K for the fiscal year ended {long_date(f.fiscal_year_end)}"


def metadata(f: Filing) -> dict[str, str]:
    """PDF document information, from the data: title, author (the plan sponsor), subject, keywords, dates.

    The date is the auditor's report date, never the clock, so the same YAML gives the same PDF.
    """
    py = f.plan_year
    keywords = ["Form 11-K", "employee benefit plan", "401(k)", py.plan.name, py.issuer.name,
                f"EIN {py.plan.ein}", f"Plan {py.plan.number}", f"fiscal year {f.year}",
                *(f"Commission File No. {n}" for n in py.filing.commission_file_numbers)]
    return {
        "title": document_title(f),
        "author": py.issuer.name,
        "subject": (f"Annual report of {py.plan.name} on Form 11-K: financial statements and supplemental "
                    f"schedule as of {long_date(f.fiscal_year_end)} and {f.prior_year}"),
        # PDF readers split keywords at commas, so a comma inside one (", Inc.") becomes a space.
        "keywords": ", ".join(" ".join(k.replace(",", " ").split()) for k in keywords),
        "created": py.auditor.report.date.isoformat(),
    }


def bookmarks(f: Filing) -> dict[str, str]:
    """The PDF bookmark of each section: its contents title, or a name for the untitled ones."""
    numbers = (document.exhibit_number(f), document.exhibit_number(f, True))
    names = {"cover": "Cover page", "contents": "Contents", "signatures": "Signatures",
             "consent": f"Exhibit {numbers[0]} - Consent of independent auditors",
             "predecessor_consent": f"Exhibit {numbers[1]} - Consent of independent auditors"}
    return {name: title or names.get(name, name) for name, title in document.sections(f)}


def context(f: Filing, env: jinja2.Environment, mode: str, draft: bool = False, tags: Untagged | None = None) -> dict:
    """The template context of the HTML document; tags tags its figures (Inline XBRL), or leaves them be."""
    if mode not in MODES:
        raise ValueError(f"unknown HTML mode {mode!r}")
    styles = inline_styles(env.loader.get_source(env, "html/edgar.css")[0]) if mode != "pdf" else {}
    if mode == "ixbrl":  # what quirks mode needs to look the same (html/ixbrl.css says why)
        for name, declarations in inline_styles(env.loader.get_source(env, "html/ixbrl.css")[0]).items():
            styles[name] = f"{styles[name]}; {declarations}" if name in styles else declarations
    places = f.places
    return {
        **document.base_context(f, env),
        **(tags or Untagged()).globals(),
        "mode": mode, "draft": draft, "cls": class_attribute(mode, styles),
        "amount": lambda value: amount_text(value, places),
        "sections": document.sections(f), "bookmarks": bookmarks(f), "meta": metadata(f),
        "doctype": Markup(EDGAR_DOCTYPE if mode == "edgar" else "<!DOCTYPE html>"),
        "schedule_columns": schedule_columns(f) if mode == "pdf" else None,
        "html_root": Markup('<html lang="en">'),  # render/ixbrl.py gives its XHTML root, with the namespaces
        # Row groups (thead, tbody) repeat the PDF's headings and keep rows together, and scope= tags its
        # tables; EDGAR's HTML DTD allows neither, so the EDGAR document leaves them out.
        "pdf_only": lambda markup: Markup(markup) if mode == "pdf" else Markup(""),
    }


def render_html(f: Filing, env: jinja2.Environment, mode: str, draft: bool = False) -> str:
    """The filing as one HTML document (templates/html/filing.html.j2) in the given mode."""
    return env.get_template("html/filing.html.j2").render(context(f, env, mode, draft))


def render_edgar_html(f: Filing, env: jinja2.Environment) -> bytes:
    """The EDGAR .htm document: inline styles only, ASCII with every other character as an entity."""
    return render_html(f, env, "edgar").encode("ascii", "xmlcharrefreplace")

