"""The same Schedule H rows typeset by Typst, the fastest engine at hand, so elevenk's PDF time is a ratio to it.

Typst (`pip install typst`, an optional benchmark dependency) sets the plan's schedule rows as elevenk
prints them: the same columns, figures and `$` on the first row, letter pages with the print stylesheet's
margins, Caladea at 10 pt, column headings repeated on every page, a page number at the foot, the total at
the end. It is a floor for the schedule alone (no cover, statements or notes), measured in a fresh
process like every other case.

    python -m benchmarks.typst_schedule PLAN.yaml FOLDER     # writes FOLDER/schedule.typ, rows.json, fonts/
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

# The command a benchmark times: compile the document with the folder's fonts only.
COMPILE = ("import sys, typst; "
           "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)")

TEMPLATE = r"""// Schedule H, line 4i: the rows elevenk typesets, set by Typst for a timing floor.
#let data = json("rows.json")
#set page(paper: "us-letter", margin: (top: 0.9in, right: 1in, bottom: 1.1in, left: 1in),
          footer: context align(center, counter(page).display()))
#set text(font: "Caladea", size: 10pt, number-type: "lining", number-width: "tabular")
#set par(leading: 0.62em)  // a line every 1.32em, as the stylesheet's line-height
#align(center)[
  #strong[Schedule #data.number] \
  #strong(upper(data.plan)) \
  #text(size: 12pt, strong[Schedule H, Line 4i -- Schedule of Assets (Held at End of Year)]) \
  #emph(data.date)
]
#align(center)[EIN #data.ein, Plan Number #data.plan_number]
#table(
  columns: (1.6em, 32%, 1fr, 1em, data.cost_em * 1em, 0.45em, 1.4em, 1em, data.value_em * 1em, 0.45em),
  stroke: none,
  inset: (x: 0pt, y: 2pt),
  column-gutter: (6pt, 6pt, 6pt, 0pt, 0pt, 0pt, 0pt, 0pt, 0pt),
  align: (col, row) => if col in (4, 8) { right } else { left },
  table.header(
    [*(a)*], [*(b) Identity of issue, borrower, lessor or similar party*],
    [*(c) Description of investment including maturity date, rate of interest, collateral, par or maturity value*],
    table.cell(colspan: 3, align: right)[*(d) Cost*], [],
    table.cell(colspan: 3, align: right)[*(e) Current value*],
    table.hline(stroke: 0.75pt),
  ),
  ..data.rows.map(r => (r.at(0), r.at(1), r.at(2), r.at(3), r.at(4), r.at(5), [], r.at(6), r.at(7), r.at(8)))
    .flatten(),
  [], table.cell(colspan: 2)[#h(3.6em)Total], [\$], data.cost_total, [], [], [\$], data.total, [],
)
#text(size: 9.5pt)[\* Party-in-interest]
"""


def write_inputs(plan: Path, folder: Path) -> Path:
    """Write the Typst document, its rows and the fonts into folder; return the document's path."""
    from generator.money import accounting
    from generator.pipeline import check
    from generator.render.templating import ASSETS

    filing = check(plan).filing
    if filing is None:
        raise SystemExit(f"{plan}: does not check; cannot time its schedule")

    def money(value, dollar: bool) -> list[str]:
        if value is None:
            return ["", "**", ""]
        text = accounting(value)
        return ["$" if dollar else "", text.rstrip(")"), ")" if text.endswith(")") else ""]

    rows = [["*" if r.party_in_interest else "", r.identity, r.description, *money(r.cost, n == 0),
             *money(r.current, n == 0)] for n, r in enumerate(filing.schedule_rows)]
    digits = len(str(filing.schedule_total))
    costs = [c for c in (filing.schedule_cost_total, filing.schedule_largest_cost) if c is not None]
    cost_digits = max((len(str(c)) for c in costs), default=0)
    data = {"number": filing.plan_year.schedule_h.number, "plan": filing.plan_year.plan.name,
            "date": filing.fiscal_year_end.strftime("%B %-d, %Y"), "ein": filing.plan_year.plan.ein,
            "plan_number": filing.plan_year.plan.number, "rows": rows,
            "total": accounting(filing.schedule_total),
            "cost_total": accounting(filing.schedule_cost_total) if filing.schedule_cost_total is not None else "",
            "value_em": max(6.9, digits * 0.62), "cost_em": max(2.6, cost_digits * 0.62)}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rows.json").write_text(json.dumps(data), encoding="utf-8")
    document = folder / "schedule.typ"
    document.write_text(TEMPLATE, encoding="utf-8")
    shutil.copytree(ASSETS / "fonts", folder / "fonts", dirs_exist_ok=True)
    return document


def available() -> bool:
    """Whether the optional typst package is installed."""
    import importlib.util

    return importlib.util.find_spec("typst") is not None


if __name__ == "__main__":
    print(write_inputs(Path(sys.argv[1]), Path(sys.argv[2])))
