"""The flux review as a report: a table for the terminal, or CSV."""

from __future__ import annotations

import csv
import io

from ..model.compute import Filing
from ..model.flux import MATERIAL, SIZE, FluxLine, Limits, percent_text, signed

CSV_COLUMNS = ("line", "path", "current", "prior", "change", "change_percent", "flagged", "reason", "explanation")


def to_csv(lines: list[FluxLine], limits: Limits, file: str | None = None) -> str:
    """The flux review as CSV: exact amounts, the rounded percent, the flag and its reason; each row led by
    the file's name when one is given (several plan years in one CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    lead = [] if file is None else [file]
    writer.writerow((["file"] if file is not None else []) + list(CSV_COLUMNS))
    for ln in lines:
        writer.writerow(lead + [ln.label, ln.path, ln.amount.current, ln.amount.prior, ln.change,
                         "" if ln.percent is None else ln.percent, "yes" if ln.flagged else "",
                         limits.describe(ln.reasons), ln.explanation or ""])
    return out.getvalue()


def table(f: Filing, lines: list[FluxLine], limits: Limits):
    """A rich Table of the flux review."""
    from rich.table import Table

    title = (f"Flux review: {f.plan_year.plan.name}, {f.year} against {f.prior_year}\n"
             f"flagged for {SIZE}: a move of {limits.describe((SIZE,))}\n"
             f"flagged for {MATERIAL}: a move of more than ${limits.threshold(f.net_assets.current, f.places):,} "
             f"({limits.net_assets_percent}% of net assets of ${f.net_assets.current:,})")
    grid = Table(title=title, title_justify="left", show_lines=False)
    grid.add_column("Line", no_wrap=True)
    for head in (str(f.year), str(f.prior_year), "Change", "%"):
        grid.add_column(head, justify="right", no_wrap=True)
    grid.add_column("Flagged for", no_wrap=True)
    grid.add_column("Explanation")
    for ln in lines:
        style = "bold" if ln.total else ("red" if ln.unexplained else None)
        explanation = ln.explanation or ("MISSING" if ln.flagged else "")
        grid.add_row(ln.label, f"{ln.amount.current:,}", f"{ln.amount.prior:,}", signed(ln.change),
                     percent_text(ln), ", ".join(ln.reasons), explanation, style=style)
    return grid
